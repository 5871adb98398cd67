import type { Contest } from './contest';
import { worstCaseSheetBytes } from './counting/sheetSize';
import { recordOf } from './records';
import { MAX_CHALLENGE_DAYS, MAX_OBJECTIONS } from './objections';
import { MAX_RETENTION_DAYS } from './retention';
import { LANGUAGES } from './locale';
import { fail, ok, type Result } from './result';
import type { ElectionState } from './state';
import type { TallyResult } from './tally';

/**
 * How large an election may get. The largest item the system writes is the election's state
 * projection (the JSON of its whole state, one DynamoDB item); every event holds a part of it.
 * DynamoDB refuses an item over 400 KB, counted in UTF-8 bytes, so an election whose state could
 * outgrow that is refused when it is defined, not when it is tallied.
 */
export const ITEM_LIMIT_BYTES = 400 * 1024;

/**
 * What the state may take after the tally, in the worst case, count sheet included. The other
 * 100 KB of the item are left for what the state gains as it goes: breach ids (39 bytes each, at
 * most 40 KB), the voter groups' counts (at most 100 groups of 64 characters, under 10 KB) and the
 * committee's roster with a proposal waiting for its second member (at most 50 members of an id of
 * 64 and a name of 100 characters, up to 4 bytes each, with their roles: under 36 KB), and once
 * counted the two members who accepted the results (under 1 KB) and a line per contest for its
 * postal papers (a contest's id, the first entry's member id and a digest: under 10 KB for 20).
 */
export const TALLIED_STATE_BUDGET_BYTES = 300 * 1024;

/**
 * The breaches one election's log records. A flood of watched calls (someone with access to the
 * account) must not grow the state past the item limit and so stop the close and the tally:
 * 1,000 ids take at most 40 KB of the reserve above. Every breach still alerts the observers.
 */
export const MAX_RECORDED_BREACHES = 1000;

/**
 * Per-field and per-request limits, checked by the API. Characters are code points, up to 4 bytes
 * each in UTF-8; docs/elections.md ("Limits") works out what they allow under the budget.
 */
export const LIMITS = {
  titleCharacters: 200,
  nameCharacters: 100,
  emailCharacters: 254,
  pageLinkCharacters: 500,
  /** The longest ISO-8601 time taken, with nanoseconds and an offset: 2026-12-01T18:00:00.000000000+01:00. */
  timeCharacters: 35,
  candidatesPerRequest: 100,
  observers: 50,
  /** Reminder mailings during voting: each one mails every voter who has not voted, at SES's rate. */
  reminders: 5,
  /** Retries of a stopped workflow: each is a new execution on AWS, whose name holds the count. */
  workflowRetries: 20,
  /** Members on an election's committee roster (every role), which the state keeps. */
  committeeMembers: 50,
  /** A member's id at the identity provider: a Cognito `sub` is a UUID of 36. */
  memberIdCharacters: 64,
} as const;

/** What an admin defines and the state keeps whatever happens. */
export interface ElectionDefinition {
  electionId: string;
  title: string;
  contests: readonly Contest[];
  observers: readonly string[];
}

/** The longest number JSON holds for a count, and the longest time a window or the clock gives. */
const MOST = Number.MAX_SAFE_INTEGER;
const LONGEST_TIME = '0'.repeat(LIMITS.timeCharacters);
const DIGEST = '0'.repeat(64);

/**
 * The size of the state once published, for this definition, with every count as long as a
 * number gets and every candidate named again in the result's counts and in its ties.
 */
export function worstCaseTalliedStateBytes(definition: ElectionDefinition): number {
  const several = definition.contests.length > 1;
  const resultOf = (contest: Contest): TallyResult => {
    const names = contest.candidates.map((c) => c.name);
    // A candidate is elected or tied, never both: all of them in one list is the most there can be.
    return { ballots: MOST, abstentions: MOST, seats: MOST, counts: names.map((candidate) => ({ candidate, votes: MOST })), elected: [], tied: names };
  };
  const published: ElectionState = {
    phase: 'published',
    electionId: definition.electionId,
    title: definition.title,
    language: 'en',
    timeZone: 'x'.repeat(64),
    challengeDays: MAX_CHALLENGE_DAYS,
    retentionDays: MAX_RETENTION_DAYS,
    contests: [...definition.contests],
    observers: [...definition.observers],
    voterCount: MOST,
    ...(definition.contests.some((c) => c.groups) && { eligible: recordOf(definition.contests.map((c) => [c.id, MOST])) }),
    postal: { voters: MOST, contests: recordOf(definition.contests.map((c) => [c.id, MOST])) },
    breaches: [],
    reminders: Array.from({ length: LIMITS.reminders }, () => LONGEST_TIME),
    remindersQueued: Array.from({ length: LIMITS.reminders }, (_, round) => round),
    window: { opensAt: LONGEST_TIME, closesAt: LONGEST_TIME },
    credentialsAt: LONGEST_TIME,
    openedAt: LONGEST_TIME,
    closedAt: LONGEST_TIME,
    seal: { ballotCount: MOST, digest: DIGEST, ...(several && { contests: definition.contests.map((c) => ({ contest: c.id, ballotCount: MOST, digest: DIGEST })) }) },
    results: recordOf(definition.contests.map((c) => [c.id, resultOf(c)])),
    publishedAt: LONGEST_TIME,
    recordHead: Number.MAX_SAFE_INTEGER,
    recordIssued: LANGUAGES.map((language) => ({ language, sha256: DIGEST })),
    objections: Array.from({ length: MAX_OBJECTIONS }, (_, i) => ({ id: i + 1, late: false, outcome: 'inadmissible' as const })),
    // The deletion empties the observers' addresses, but an election may have had none to begin with.
    personalDataDeleted: { at: LONGEST_TIME, rollHashes: DIGEST },
  };
  // With several contests the sheets are events of their own, not part of the state (sealAndTally.ts).
  const sheets = several ? 0 : worstCaseSheetBytes(definition.contests[0]!.ballot, definition.contests[0]!.candidates);
  return new TextEncoder().encode(JSON.stringify(published)).length + sheets;
}

/**
 * All the events of the sealing go in one transaction, which DynamoDB limits to 4 MB: with several
 * contests, the count sheets together may take 3 MB of it, and each one an item's budget.
 */
export const SEALING_SHEETS_BUDGET_BYTES = 3 * 1024 * 1024;

/** Refuses contests whose count sheets could not be recorded: one too large for its event, or all too large for the sealing's transaction. */
function checkSheetSizes(definition: ElectionDefinition, field: string): Result<void> {
  if (definition.contests.length === 1) return ok(undefined);
  let total = 0;
  for (const contest of definition.contests) {
    const bytes = worstCaseSheetBytes(contest.ballot, contest.candidates);
    if (bytes > TALLIED_STATE_BUDGET_BYTES)
      return fail('invalid', `${field}: the count sheet of contest "${contest.id}" could take ${bytes} bytes; the limit is ${TALLIED_STATE_BUDGET_BYTES}: use fewer candidates or shorter names`);
    total += bytes;
  }
  if (total > SEALING_SHEETS_BUDGET_BYTES)
    return fail('invalid', `${field}: the count sheets of all contests could take ${total} bytes; the limit is ${SEALING_SHEETS_BUDGET_BYTES}: use fewer contests or candidates`);
  return ok(undefined);
}

/** Refuses a definition whose state could outgrow its budget, naming `field` as the one to shrink. */
export function checkElectionSize(definition: ElectionDefinition, field: string): Result<void> {
  const sheets = checkSheetSizes(definition, field);
  if (!sheets.ok) return sheets;
  const bytes = worstCaseTalliedStateBytes(definition);
  if (bytes <= TALLIED_STATE_BUDGET_BYTES) return ok(undefined);
  return fail(
    'invalid',
    `${field}: the election would be too large to store once tallied (up to ${bytes} bytes; the limit is ${TALLIED_STATE_BUDGET_BYTES}): use fewer contests, candidates or observers, or shorter names, e-mails or links`,
  );
}

/**
 * What the auditors' tools (`audit verify`, `audit receipt`, `audit blt`, the observers' view)
 * read of an export, at most. A genuine export stays far below each (docs/counting.md, "Limits of the files a count reads"); a file
 * beyond one is refused at the line that passes it, before it can exhaust memory or the stack.
 */
export const EXPORT_LIMITS = {
  /** Unpacked bytes: 1,000,000 voters who all voted in one contest make about 172 MB; verifying takes about 3.6 bytes of memory per byte. */
  bytes: 512 * 1024 * 1024,
  /** Bytes of one line: the longest is an event, which DynamoDB keeps in one item of at most 400 KB. */
  lineBytes: 1024 * 1024,
  /** Objects and arrays inside one another in one line: a count sheet's figures sit 9 deep. */
  depth: 32,
} as const;

/**
 * What `election count` reads, at most: more than any real ballot file holds (the largest ranked
 * ballots in use, the Australian Senate's, list about 150 candidates), and little enough that every
 * method counts a file at these limits in seconds (docs/counting.md, "Limits of the files a count reads", gives the figures).
 */
export const COUNT_LIMITS = {
  fileBytes: 128 * 1024 * 1024,
  /** Candidates of a .blt file, withdrawn ones included. */
  candidates: 500,
  /** Ballot lines of a .blt file, each a group of identical rankings with its weight. */
  ballotLines: 1_000_000,
  /** Preferences on all ballot lines together: Schulze's pairwise count takes time in their number times the candidates'. */
  ranks: 5_000_000,
  /** The ballots' weights together: a count sheet states the valid ballots as a whole number, exact up to 2^53 − 1. */
  ballots: Number.MAX_SAFE_INTEGER,
  /** Lists of a list,votes file. */
  lists: 1_000,
} as const;

/** Limits of the same names, lowered where a test must not build a file of millions of lines. */
export type CountLimits = { readonly [limit in keyof typeof COUNT_LIMITS]: number };
export type ExportLimits = { readonly [limit in keyof typeof EXPORT_LIMITS]: number };
