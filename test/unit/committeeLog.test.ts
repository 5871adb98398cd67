import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, extendChain, PROPOSAL_MINUTES, verifyAuditLog, type Actor, type AuditLine, type Member, type RecordedEvent, type SealedBallot } from '../../domain';
import { parseAuditLine } from '../../contract/auditLine';
import { observedEvent } from '../../contract/views';
import { rechain } from '../audit/forge';
import { councilCreation, AFTER_VOTING, exportOfOneVoter, ELECTION_ID, sealOne, SETUP_TIME } from './fixtures';
import { ADA, actor, GRACE, KATHERINE, logWriter, MARGARET } from './committeeFixtures';

const ROSTER: Member[] = [ADA, KATHERINE, MARGARET, GRACE];
const minutes = (n: number) => new Date(SETUP_TIME.getTime() + n * 60_000);
const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];

/**
 * A published election with a roster, written as runCommand writes it: each decision by the member
 * who asked (or the system), at the command's time. Ada proposes the lock and Katherine confirms
 * it, Katherine proposes the start and Margaret confirms it.
 */
function writtenLog(): RecordedEvent[] {
  const { apply, events } = logWriter();
  apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { committee: ROSTER }), SETUP_TIME, ADA);
  apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME, ADA);
  apply({ type: 'CorrectVoterAddress', voter: 'a'.repeat(64) }, minutes(1), GRACE);
  apply({ type: 'Lock', now: minutes(2) }, minutes(2), ADA);
  apply({ type: 'Lock', now: minutes(10) }, minutes(10), KATHERINE);
  apply({ type: 'Start', now: minutes(20) }, minutes(20), KATHERINE);
  apply({ type: 'Start', now: minutes(21) }, minutes(21), MARGARET);
  apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
  apply(sealOne(ballots), AFTER_VOTING);
  apply({ type: 'Publish', now: AFTER_VOTING }, AFTER_VOTING);
  return events;
}

const exportOf = (events: RecordedEvent[]): AuditLine[] => exportOfOneVoter(events, ballots, { voter: 'b'.repeat(64) });

/** The log with the events of `type` changed by `change` (the first of them, or the `nth`), numbered, linked and hashed anew: every check inside the file passes but the replay. */
function tampered(type: RecordedEvent['type'], change: (event: RecordedEvent) => RecordedEvent[], nth = 0): { lines: AuditLine[]; seq: number } {
  const events = writtenLog();
  const index = events.findIndex((e, i) => e.type === type && events.slice(0, i).filter((p) => p.type === type).length === nth);
  const changed = rechain([...events.slice(0, index), ...change(events[index]!), ...events.slice(index + 1)]);
  return { lines: exportOf(changed), seq: events[index]!.seq };
}

const by = (event: RecordedEvent, member: Actor): RecordedEvent => ({ ...event, by: actor(member) });

describe('the verifier and an election with a committee roster', () => {
  it('replays a log whose lock and start two members agreed, and which records who asked for each event', () => {
    const events = writtenLog();
    expect(events.map((e) => [e.type, e.by?.name])).toEqual([
      ['ElectionCreated', 'Ada Lovelace'],
      ['CandidatesAdded', 'Ada Lovelace'],
      ['VotingWindowSet', 'Ada Lovelace'],
      ['VotersRegistered', 'Ada Lovelace'],
      ['VoterAddressCorrected', 'Grace Hopper'],
      ['ActionProposed', 'Ada Lovelace'],
      ['ElectionLocked', 'Katherine Johnson'],
      ['ActionProposed', 'Katherine Johnson'],
      ['VotingOpened', 'Margaret Hamilton'],
      ['VotingClosed', undefined],
      ['BallotBoxSealed', undefined],
      ['ResultsTallied', undefined],
      ['ResultsPublished', undefined],
    ]);
    expect(events.find((e) => e.type === 'ElectionLocked')?.data).toEqual({ proposedBy: actor(ADA) });
    const report = verifyAuditLog(exportOf(events));
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reads every line of such an export back as the export wrote it, `by` included', () => {
    const lines = exportOf(writtenLog());
    const read = lines.map((line, i) => parseAuditLine(JSON.stringify(line), i + 1));
    expect(read).toEqual(lines);
    expect(verifyAuditLog(read).findings).toEqual([]);
  });

  it('shows who asked in the export and the observers’ live log, without what no hash covers', () => {
    const [set] = extendChain(ELECTION_ID, EMPTY_HEAD, [{ type: 'ObserversSet', data: { observers: 1 }, addresses: ['observer@example.edu'] }], SETUP_TIME.toISOString(), ADA);
    const line = exportOf([set!])[1];
    expect(line).toEqual({ kind: 'event', event: { ...set, addresses: undefined } });
    expect(line?.kind === 'event' && line.event).not.toHaveProperty('addresses');
    expect(line?.kind === 'event' && line.event.by).toEqual(actor(ADA));
    expect(observedEvent(set!)).toMatchObject({ by: actor(ADA), data: { observers: 1 } });
    expect(observedEvent(set!)).not.toHaveProperty('addresses');
  });

  it('refuses an event line whose `by` holds more than the member’s id and name', () => {
    const line = exportOf(writtenLog())[1]!;
    if (line.kind !== 'event') throw new Error('expected an event line');
    const more = JSON.stringify({ ...line, event: { ...line.event, by: { ...line.event.by, role: 'committee' } } });
    expect(() => parseAuditLine(more, 2)).toThrow(/^line 2 is not an audit log line: event\.by: /);
  });

  it('finds a changed `by` by the hash, when the log was not re-chained', () => {
    const events = writtenLog();
    const locked = events.findIndex((e) => e.type === 'ElectionLocked');
    const changed = events.map((e, i) => (i === locked ? by(e, MARGARET) : e));
    expect(verifyAuditLog(exportOf(changed)).findings).toContain(`event ${events[locked]!.seq} (ElectionLocked) was changed: its hash does not match its content`);
  });

  it('names the event and the member when the help desk locked the election', () => {
    const { lines, seq } = tampered('ElectionLocked', (e) => [by(e, GRACE)]);
    expect(verifyAuditLog(lines).findings).toContain(`event ${seq} (ElectionLocked) is not allowed there: Lock needs the committee role: Grace Hopper is helpdesk`);
  });

  it('names the event and the member when one member both proposed and confirmed the lock', () => {
    const { lines, seq } = tampered('ElectionLocked', (e) => [by(e, ADA)]);
    const expires = minutes(2 + PROPOSAL_MINUTES).toISOString();
    expect(verifyAuditLog(lines).findings).toContain(
      `event ${seq} (ElectionLocked) is not allowed there: Lock waits for a second committee member: Ada Lovelace proposed it, and another member of the committee may confirm it until ${expires}`,
    );
  });

  it('names the event and the members when the confirmation came after the proposal expired', () => {
    const late = minutes(2 + PROPOSAL_MINUTES + 1).toISOString();
    const { lines, seq } = tampered('ElectionLocked', (e) => [{ ...e, at: late }]);
    expect(verifyAuditLog(lines).findings).toContain(
      `event ${seq} (ElectionLocked) was confirmed by Katherine Johnson ("u-katherine") as the second committee member, but Ada Lovelace's proposal had expired at ${minutes(2 + PROPOSAL_MINUTES).toISOString()}: Lock would only have been proposed then`,
    );
  });

  it('names the event and the members when a removed member’s proposal was confirmed', () => {
    const removal: RecordedEvent = { ...writtenLog()[0]!, type: 'MemberRemoved', data: { id: ADA.id, name: ADA.name }, by: actor(MARGARET) } as RecordedEvent;
    const { lines, seq } = tampered('ElectionLocked', (e) => [{ ...removal, at: e.at }, e]);
    expect(verifyAuditLog(lines).findings).toContain(
      `event ${seq + 1} (ElectionLocked) was confirmed by Katherine Johnson ("u-katherine") as the second committee member, but Ada Lovelace's proposal was void: Ada Lovelace was removed from the committee: Lock would only have been proposed then`,
    );
  });

  it('names the event when the start was confirmed by nobody, as if the system started it', () => {
    const { lines, seq } = tampered('VotingOpened', ({ by: _, ...e }) => [e as RecordedEvent]);
    expect(verifyAuditLog(lines).findings).toContain(`event ${seq} (VotingOpened) is not allowed there: Start needs a committee member with the committee role: nobody signed in asked for it`);
  });

  it('finds a proposer named in the event other than the one who proposed', () => {
    const { lines, seq } = tampered('ElectionLocked', (e) => [{ ...e, data: { proposedBy: actor(MARGARET) } } as RecordedEvent]);
    expect(verifyAuditLog(lines).findings).toContain(
      `event ${seq} (ElectionLocked) differs from what its command decides: recorded {"proposedBy":{"id":"u-margaret","name":"Margaret Hamilton"}}, expected ElectionLocked {"proposedBy":{"id":"u-ada","name":"Ada Lovelace"}}`,
    );
  });

  it('finds one command’s events attributed to different askers: the tally to a member, the seal before it to the system', () => {
    const { lines, seq } = tampered('ResultsTallied', (e) => [by(e, KATHERINE)]);
    expect(verifyAuditLog(lines).findings).toContain(
      `event ${seq} (ResultsTallied) names Katherine Johnson ("u-katherine") as the one who asked, but the command that recorded it with the event before was asked for by nobody (the system)`,
    );
  });
});
