import * as z from 'zod';
import type { AuditLine, ElectionEvent } from '../domain';

/**
 * One line of an audit export, parsed and shape-checked: node-free, so that `audit verify` and the
 * observers' view in the browser (web/lib/verifier.ts) read an export with the same code.
 */

const count = z.int().nonnegative();

/** Every event type, listed so that the compiler notices a new one. */
const EVENT_TYPES: Record<ElectionEvent['type'], true> = {
  ElectionCreated: true,
  CandidatesAdded: true,
  VotersRegistered: true,
  PostalVotesRecorded: true,
  VotingWindowSet: true,
  ObserversSet: true,
  ElectionLocked: true,
  VotingScheduled: true,
  VotingOpened: true,
  VotingClosed: true,
  BallotBoxSealed: true,
  CountSheetRecorded: true,
  ResultsTallied: true,
  ResultsPublished: true,
  BreachDetected: true,
  LifecycleFailed: true,
  LifecycleRetried: true,
  CredentialReissued: true,
  RemindersQueued: true,
  VoterAddressCorrected: true,
};

/**
 * The shape of each line, so a hand-made export cannot trip the replay; whether the content is
 * right (event data included) is the verifier's to say.
 */
const auditLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('header'),
    format: z.string(),
    version: z.number(),
    electionId: z.string(),
    title: z.string(),
    events: count,
    ballots: count,
    participation: count,
    voters: count,
    breaches: count,
  }),
  z.object({
    kind: z.literal('event'),
    event: z.object({
      electionId: z.string(),
      seq: z.int(),
      at: z.string(),
      prevHash: z.string(),
      hash: z.string(),
      type: z.enum(Object.keys(EVENT_TYPES) as ElectionEvent['type'][]),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({ kind: z.literal('ballot'), contest: z.string().optional(), ballotId: z.string(), choices: z.array(z.string()) }),
  z.object({ kind: z.literal('participation'), count }),
  z.object({ kind: z.literal('voter'), hash: z.string(), groups: z.array(z.string()).optional() }),
]);

/**
 * The line numbered `number` (from 1) as an audit line, or an error that names it. An event's data
 * is checked by the replay, which reports a wrong one as a finding.
 */
export function parseAuditLine(text: string, number: number): AuditLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`line ${number} is not JSON`);
  }
  const parsed = auditLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`line ${number} is not an audit log line: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return parsed.data as AuditLine;
}
