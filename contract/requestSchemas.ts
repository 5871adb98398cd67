import * as z from 'zod';
import { boxMode, sealedPaper, trustees } from './sealedBox';
import {
  ACCEPTANCES,
  MAIL_WORDING_LIMITS,
  MAX_CHALLENGE_DAYS,
  MAX_RETENTION_DAYS,
  OBJECTION_DECISIONS,
  OBJECTION_TEXT_CHARACTERS,
  LANGUAGES,
  timeZoneProblem,
  isSafeText,
  LIMITS,
  LIST_METHODS,
  LIST_VOTES,
  MAX_GROUP_CHARACTERS,
  MAX_GROUPS_PER_VOTER,
  MAX_LISTS,
  MAX_CONTESTS,
  MAX_DESCRIPTION_CHARACTERS,
  MAX_GROUPS_PER_CONTEST,
  MAX_SEATS,
  nameProblem,
  RANKED_METHODS,
  voterGroupKey,
  voterGroupProblem,
  type BallotChoice,
} from '../domain';
import { ROLES } from '../domain/committee';

/** Every request body's shape. Objects are strict: an unknown field is an error, not ignored. */

const UNSAFE_TEXT = 'must be NFC text without control, invisible or direction-changing characters or outer spaces';

export const safeText = (max: number) => z.string().min(1).max(max).refine(isSafeText, UNSAFE_TEXT);

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
    })
    // For the OpenAPI document: JSON Schema counts code points too.
    .meta({ maxLength: max, description: 'Contains a letter or digit; words separated by single plain spaces; no control, invisible or direction-changing characters' });

export const email = z.email().max(LIMITS.emailCharacters);
export const isoTime = z.iso.datetime({ offset: true }).max(LIMITS.timeCharacters);
/** A candidate's page, linked from the ballot: http(s) only, and no character that could hide in the address. */
export const pageLink = z
  .url({ protocol: /^https?$/ })
  .refine((link) => characters(link) <= LIMITS.pageLinkCharacters, `must be at most ${LIMITS.pageLinkCharacters} characters`)
  .refine(isSafeText, UNSAFE_TEXT);
export const electionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lowercase letters, digits or dashes');
/** A receipt as newReceipt makes it: 128 bits, base64url. */
/** A receipt: 22 characters in an open election; in a sealed one, its papers' trackers (64 hex digits each) joined by dots. */
export const receipt = z.string().regex(/^([A-Za-z0-9_-]{22}|[0-9a-f]{64}(\.[0-9a-f]{64}){0,19})$/, 'must be a 22-character receipt, or the trackers of a sealed cast');
export const receiptCheck = z.strictObject({ receipt });
export const voterToken = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a base64url token');

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
    /** What a vote for a whole list counts as: one list vote (the default), or all the voter's votes down the list. */
    listVote: z.enum(LIST_VOTES).optional(),
  }),
  z.strictObject({ kind: z.literal('referendum'), majority: z.enum(['simple', 'two-thirds']), quorumPercent: z.int().min(1).max(100).optional() }),
]);

/** A voter group (`faculty:informatik`), folded like a student id; the domain's rule, checked here to name the field. */
export const voterGroup = z
  .string()
  .min(1)
  .max(MAX_GROUP_CHARACTERS)
  .transform(voterGroupKey)
  .superRefine((group, context) => {
    const problem = voterGroupProblem(group);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  // For the OpenAPI document: the rule above before folding, in ASCII (width folding accepts more).
  .meta({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*(:[A-Za-z0-9][A-Za-z0-9._-]*)?$', example: 'faculty:informatik' });
/** A contest: one ballot paper of the election, open to every voter or to the voters of some groups. */
export const contest = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lowercase letters, digits or dashes'),
  title: displayName(LIMITS.titleCharacters),
  description: safeText(MAX_DESCRIPTION_CHARACTERS).optional(),
  ballot: ballotDefinition.default({ kind: 'single' }),
  candidates: z.array(candidate).max(LIMITS.candidatesPerRequest).optional(),
  groups: z.array(voterGroup).min(1).max(MAX_GROUPS_PER_CONTEST).optional(),
});

/** One `ballot` (single by default) with its `candidates`, or `contests`, each with its own. */
export const createElection = z
  .strictObject({
    id: electionId.optional(),
    title: displayName(LIMITS.titleCharacters),
    ballot: ballotDefinition.optional(),
    candidates: z.array(candidate).max(LIMITS.candidatesPerRequest).optional(),
    contests: z.array(contest).min(1).max(MAX_CONTESTS).optional(),
    observers: z.array(email).max(LIMITS.observers).optional(),
    opensAt: isoTime.optional(),
    closesAt: isoTime.optional(),
    reminders: z.array(isoTime).max(LIMITS.reminders).optional(),
    credentialsAt: isoTime.optional(),
    box: boxMode.optional(),
    trustees: trustees.optional(),
    language: z.enum(LANGUAGES).optional(),
    challengeDays: z.int().min(1).max(MAX_CHALLENGE_DAYS).optional(),
    /** Days the voters' personal data is kept after the challenge period and any objection (0 without it). */
    retentionDays: z.int().min(0).max(MAX_RETENTION_DAYS).optional(),
    /** `committee`: two committee members accept the counted results before they are published; `automatic` (the default here): published as soon as counted. */
    acceptance: z.enum(ACCEPTANCES).optional(),
    timeZone: z
      .string()
      .optional()
      .superRefine((zone, context) => {
        const problem = zone === undefined ? undefined : timeZoneProblem(zone);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
  })
  .refine((e) => e.contests === undefined || (e.ballot === undefined && e.candidates === undefined), {
    message: 'give the ballot and candidates inside each contest, not beside contests',
    path: ['contests'],
  });

/** `contest`: which one, in an election of several contests. */
export const addCandidates = z.strictObject({ candidates: z.array(candidate).min(1).max(LIMITS.candidatesPerRequest), contest: z.string().optional() });

/** An objection as the committee received it: when, and its summary of the grounds (never who objected: the log is public). */
export const objection = z.strictObject({ receivedAt: isoTime, grounds: z.string().min(1).max(OBJECTION_TEXT_CHARACTERS) });
/** The committee's decision on an objection, with its reasons. */
export const objectionDecision = z.strictObject({ outcome: z.enum(OBJECTION_DECISIONS), reasons: z.string().min(1).max(OBJECTION_TEXT_CHARACTERS) });

/** The committee's words in the voters' mail; domain/mailWording.ts checks what they may say. */
export const mailWording = z.strictObject({
  senderName: z.string().max(MAIL_WORDING_LIMITS.senderName).optional(),
  greeting: z.string().max(MAIL_WORDING_LIMITS.greeting).optional(),
  closing: z.string().max(MAIL_WORDING_LIMITS.closing).optional(),
});

/** `sharedEmail: true` lets a voter have an address another student id on the roll has too (say, a shared family address). */
export const studentId = safeText(64);
export const voter = z.strictObject({
  studentId,
  email,
  sharedEmail: z.literal(true).optional(),
  groups: z.array(voterGroup).max(MAX_GROUPS_PER_VOTER).optional(),
  /** The language of the voter's mail; without it, the election's. */
  language: z.enum(LANGUAGES, { error: `must be ${LANGUAGES.join(' or ')}, or left out for the election's` }).optional(),
});
export const newLinkRequest = z.strictObject({ email });
export const papersRequest = z.strictObject({ token: voterToken });
export const addressCorrection = z.strictObject({ email, sharedEmail: z.literal(true).optional() });
export const addVoters = z.strictObject({ voters: z.array(voter).min(1).max(5000) });
/** Voters who voted by post, by student id. */
export const postalVoters = z.strictObject({ studentIds: z.array(studentId).min(1).max(5000) });

/** The field of a `POST /elections` body that means nothing without a deadline, when it comes without `closesAt`: the route refuses it. */
export function needsDeadline(body: { opensAt?: unknown; reminders?: unknown; credentialsAt?: unknown; closesAt?: unknown }): 'opensAt' | 'reminders' | 'credentialsAt' | undefined {
  if (body.closesAt !== undefined) return undefined;
  return (['opensAt', 'reminders', 'credentialsAt'] as const).find((field) => body[field] !== undefined);
}

/** The whole window: without `credentialsAt` the held credentials go out as voting opens, whatever was set before. */
export const setWindow = z.strictObject({ opensAt: isoTime.optional(), closesAt: isoTime, reminders: z.array(isoTime).max(LIMITS.reminders).optional(), credentialsAt: isoTime.optional() });
export const setObservers = z.strictObject({ observers: z.array(email).max(LIMITS.observers) });
export const noBody = z.strictObject({}).optional();

/** A committee member's role: what their account, or a personal API token, may do. */
export const role = z.enum(ROLES);
/** A member as the identity provider names them (its stable id, Cognito's `sub`). */
export const memberId = safeText(LIMITS.memberIdCharacters);
/** An invitation: the address the identity provider mails, the name the logs show, the role. */
export const inviteMember = z.strictObject({ email, name: displayName(LIMITS.nameCharacters), role });
export const memberRole = z.strictObject({ role });
/** How long a personal API token lasts by default, and at most. */
export const API_TOKEN_DAYS = { default: 30, max: 365 } as const;
/** A personal API token asked for: its role (at most the member's own), what it is for, how many days it lasts. */
export const apiTokenRequest = z.strictObject({
  role,
  label: safeText(100).optional(),
  expiresInDays: z.int().min(1).max(API_TOKEN_DAYS.max).default(API_TOKEN_DAYS.default),
});
/** A personal API token's id, as its list shows it: 16 hex digits. */
export const apiTokenId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a token id as `tokens list` shows it: 16 hex digits');
/** Events per answer, and their bytes at most: an event is at most 400 KB (DynamoDB's item limit), an answer at most 6 MB (Lambda's). */
export const EVENTS_PER_PAGE = 100;
export const EVENTS_PAGE_BYTES = 4 * 1024 * 1024;
/** The language a preview of the voters' mail is in: the election's unless given. */
export const mailPreviewQuery = z.strictObject({ language: z.enum(LANGUAGES).optional() });
/**
 * The official record's language: German, the rules' language, unless asked for English; and which
 * record: the log's as it stands (`current`), or as issued when the results became final (`issued`).
 */
export const recordQuery = z.strictObject({ language: z.enum(LANGUAGES).default('de'), version: z.enum(['current', 'issued']).default('current') });
/** `?after=<seq>`: the events after that one; all of them without it. */
export const eventsQuery = z.strictObject({ after: z.coerce.number().int().min(0).max(9_999_999_999).default(0) });
/** Starting an election with breaches recorded while it was locked needs `confirmCompromised: true`. */
export const startVoting = z.strictObject({ confirmCompromised: z.literal(true).optional() }).optional();

const choices = z.array(safeText(200)).min(1).max(1000);
/** One contest's paper: either `choices` or `abstain: true`. */
const paper = z
  .strictObject({ choices: choices.optional(), abstain: z.literal(true).optional() })
  .refine((p) => (p.choices === undefined) !== (p.abstain === undefined), { message: 'give either choices or abstain: true', path: ['choices'] })
  .transform((p): BallotChoice => (p.choices ? { choices: p.choices } : { abstain: true }));

/**
 * Papers by contest id. zod leaves a `__proto__` key out of a record without a word, so a paper
 * under it would be dropped from the cast unseen; no contest has that id, so it is refused instead.
 */
const papers = z.preprocess(
  (value, context) => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) context.addIssue({ code: 'custom', message: 'not a contest id', path: ['__proto__'], input: value });
    return value;
  },
  // A sealed election's papers are sealed (contract/sealedBox.ts); the cast refuses the other kind by name.
  z.record(z.string().max(40), z.union([paper, sealedPaper])),
);

/**
 * `papers`, one per contest the voter votes in; or, in an election of one contest, `choices` or
 * `abstain: true` alone. Never two of them: one object so that errors name the field.
 */
export const castBallot = z
  .strictObject({
    token: voterToken,
    choices: choices.optional(),
    abstain: z.literal(true).optional(),
    papers: papers.optional(),
  })
  .refine((b) => [b.choices, b.abstain, b.papers].filter((given) => given !== undefined).length === 1, {
    message: 'give papers (one per contest), or, in an election of one contest, either choices or abstain: true',
    path: ['choices'],
  });

/** RFC 7636 §4.1's unreserved characters, of which an authorization code and a PKCE verifier are made. */
/** Hand-counted totals of a contest's valid postal papers: how many, how many of them blank, and the marks each name on the ballot got. */
const postalTotals = z.strictObject({
  papers: z.int().min(0),
  abstentions: z.int().min(0),
  votes: z.array(z.strictObject({ name: safeText(200), votes: z.int().min(0) })).max(1000),
});

/**
 * One committee member's entry of a contest's postal papers: each paper as a voter fills it
 * online (`papers`), or, for a ballot counted by marks, the hand-counted `totals`; and the papers
 * found invalid. `entry`: 1 or 2; left out, the second when a first stands.
 */
export const postalPapers = z
  .strictObject({
    contest: z.string().min(1).max(40),
    entry: z.union([z.literal(1), z.literal(2)]).optional(),
    papers: z.array(paper).max(50_000).optional(),
    totals: postalTotals.optional(),
    invalid: z.int().min(0).default(0),
  })
  .refine((b) => (b.papers === undefined) !== (b.totals === undefined), { message: 'give either papers (each postal paper) or totals (hand-counted)', path: ['papers'] });
/** The body of an entry of postal papers at most: a few thousand papers of a long ballot. */
export const POSTAL_PAPERS_BODY_BYTES = 5 * 1024 * 1024;

const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

/**
 * The authorization code the hosted sign-in gave back, with the PKCE verifier kept for it and the
 * address it was sent back to. `keepSignedIn`: the command line asks for the refresh token too,
 * which it keeps on the member's machine to sign in again without the browser.
 */
export const signInGrant = z.strictObject({
  code: z.string().min(1).max(2048).regex(UNRESERVED, 'an authorization code'),
  codeVerifier: z.string().min(43).max(128).regex(UNRESERVED, 'a PKCE code verifier (RFC 7636 §4.1)'),
  redirectUri: z.url({ protocol: /^https?$/ }).max(2048),
  keepSignedIn: z.literal(true).optional(),
});

/** A refresh token the command line kept from its sign-in: to sign in again, or to end the sign-in. Cognito's are JWE (base64url parts and dots). */
export const signInRefresh = z.strictObject({
  refreshToken: z.string().min(1).max(8192).regex(UNRESERVED, 'a refresh token'),
});
