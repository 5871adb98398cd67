import * as z from 'zod';
import { isSafeText, LIMITS, LIST_METHODS, MAX_GROUP_CHARACTERS, MAX_GROUPS_PER_VOTER, MAX_LISTS, MAX_SEATS, nameProblem, RANKED_METHODS, voterGroupKey, voterGroupProblem } from '../../domain';

/** Every request body's shape. Objects are strict: an unknown field is an error, not ignored. */

const UNSAFE_TEXT = 'must be NFC text without control, invisible or direction-changing characters or outer spaces';

export const safeText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(isSafeText, UNSAFE_TEXT);

/** Characters as a person counts them (code points), not UTF-16 units: the limits are in these. */
const characters = (text: string) => [...text].length;

/** A name voters read: a candidate's, the election's title. The domain's rule, checked here to name the field. */
export const displayName = (max: number) =>
  z
    .string()
    .min(1)
    .refine((name) => characters(name) <= max, `must be at most ${max} characters`)
    .superRefine((name, context) => {
      const problem = nameProblem(name);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });

export const email = z.email().max(LIMITS.emailCharacters);
export const isoTime = z.iso.datetime({ offset: true }).max(LIMITS.timeCharacters);
/** A candidate's page, linked from the ballot: http(s) only, and no character that could hide in the address. */
export const pageLink = z
  .url({ protocol: /^https?$/ })
  .refine((link) => characters(link) <= LIMITS.pageLinkCharacters, `must be at most ${LIMITS.pageLinkCharacters} characters`)
  .refine(isSafeText, UNSAFE_TEXT);
export const electionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lowercase letters, digits or dashes');
/** A receipt as newReceipt makes it: 128 bits, base64url. */
export const receipt = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a 22-character receipt');
export const receiptCheck = z.strictObject({ receipt });
export const voterToken = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be a base64url token');

export const candidate = z.strictObject({
  name: displayName(LIMITS.nameCharacters),
  email,
  pageLink,
  /** On a list ballot, the list the candidate stands on. */
  list: displayName(LIMITS.nameCharacters).optional(),
});

const seats = z.int().min(1).max(MAX_SEATS);

/** The ballot and how it is counted: README "Counting methods" pins every rule. */
export const ballotDefinition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), ron: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('multi'), maxChoices: seats }),
  z.strictObject({ kind: z.literal('ranked'), method: z.enum(RANKED_METHODS), seats, ron: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal('list'),
    method: z.enum(LIST_METHODS),
    seats,
    lists: z.array(displayName(LIMITS.nameCharacters)).min(1).max(MAX_LISTS),
    votes: seats,
    maxPerCandidate: seats,
  }),
  z.strictObject({ kind: z.literal('referendum'), majority: z.enum(['simple', 'two-thirds']), quorumPercent: z.int().min(1).max(100).optional() }),
]);

export const createElection = z.strictObject({
  id: electionId.optional(),
  title: displayName(LIMITS.titleCharacters),
  ballot: ballotDefinition.default({ kind: 'single' }),
  candidates: z.array(candidate).max(LIMITS.candidatesPerRequest).optional(),
  observers: z.array(email).max(LIMITS.observers).optional(),
  opensAt: isoTime.optional(),
  closesAt: isoTime.optional(),
  reminders: z.array(isoTime).max(LIMITS.reminders).optional(),
});

export const addCandidates = z.strictObject({ candidates: z.array(candidate).min(1).max(LIMITS.candidatesPerRequest) });

/** `sharedEmail: true` lets a voter have an address another student id on the roll has too (say, a shared family address). */
export const studentId = safeText(64);
/** A voter group (`faculty:informatik`), folded like a student id; the domain's rule, checked here to name the field. */
export const voterGroup = z
  .string()
  .min(1)
  .max(MAX_GROUP_CHARACTERS)
  .transform(voterGroupKey)
  .superRefine((group, context) => {
    const problem = voterGroupProblem(group);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
export const voter = z.strictObject({ studentId, email, sharedEmail: z.literal(true).optional(), groups: z.array(voterGroup).max(MAX_GROUPS_PER_VOTER).optional() });
export const newLinkRequest = z.strictObject({ email });
export const addressCorrection = z.strictObject({ email, sharedEmail: z.literal(true).optional() });
export const addVoters = z.strictObject({ voters: z.array(voter).min(1).max(5000) });

export const setWindow = z.strictObject({ opensAt: isoTime.optional(), closesAt: isoTime, reminders: z.array(isoTime).max(LIMITS.reminders).optional() });
export const setObservers = z.strictObject({ observers: z.array(email).max(LIMITS.observers) });
export const noBody = z.strictObject({}).optional();

/** Either `choices` or `abstain: true`, never both: one object so that errors name the field. */
export const castBallot = z
  .strictObject({
    token: voterToken,
    choices: z.array(safeText(200)).min(1).max(1000).optional(),
    abstain: z.literal(true).optional(),
  })
  .refine((b) => (b.choices === undefined) !== (b.abstain === undefined), {
    message: 'give either choices or abstain: true',
    path: ['choices'],
  });
