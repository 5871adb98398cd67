import * as z from 'zod';
import { isSafeText } from '../../domain';

/** Every request body's shape. Objects are strict: an unknown field is an error, not ignored. */

export const safeText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(isSafeText, 'must be NFC text without control, invisible or direction-changing characters or outer spaces');

export const email = z.email().max(254);
export const isoTime = z.iso.datetime({ offset: true });
export const electionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lowercase letters, digits or dashes');
/** A ballot id as newBallotId makes it: 128 bits, base64url. */
export const receipt = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a 22-character receipt');
export const receiptCheck = z.strictObject({ receipt });
export const voterToken = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be a base64url token');

export const candidate = z.strictObject({
  name: safeText(200),
  email,
  pageLink: z.url({ protocol: /^https?$/ }).max(2048),
});

export const ballotDefinition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single') }),
  z.strictObject({ kind: z.literal('multi'), maxChoices: z.int().min(1).max(1000) }),
]);

export const createElection = z.strictObject({
  id: electionId.optional(),
  title: safeText(200),
  ballot: ballotDefinition.default({ kind: 'single' }),
  candidates: z.array(candidate).max(1000).optional(),
  observers: z.array(email).max(100).optional(),
  opensAt: isoTime.optional(),
  closesAt: isoTime.optional(),
});

export const addCandidates = z.strictObject({ candidates: z.array(candidate).min(1).max(1000) });

/** `sharedEmail: true` lets a voter have an address another student id on the roll has too (say, a shared family address). */
export const voter = z.strictObject({ studentId: safeText(64), email, sharedEmail: z.literal(true).optional() });
export const addVoters = z.strictObject({ voters: z.array(voter).min(1).max(5000) });

export const setWindow = z.strictObject({ opensAt: isoTime.optional(), closesAt: isoTime });
export const setObservers = z.strictObject({ observers: z.array(email).max(100) });
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
