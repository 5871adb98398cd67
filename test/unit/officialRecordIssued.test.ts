import { describe, expect, it } from 'vitest';
import { decide, evolve, initialState, verifyAuditLog, type ElectionCommand, type ElectionState, type IssuedRecord, type RecordedEvent, type SealedBallot } from '../../domain';
import { rechain } from '../audit/forge';
import { ADA, GRACE, KATHERINE, logWriter } from './committeeFixtures';
import { accepted, AFTER_VOTING, councilCreation, exportOfOneVoter, refusal, sealOne, SETUP_TIME } from './fixtures';

const later = (minutes: number) => new Date(AFTER_VOTING.getTime() + minutes * 60_000);
const RECORDS: IssuedRecord[] = [
  { language: 'de', sha256: 'd'.repeat(64) },
  { language: 'en', sha256: 'e'.repeat(64) },
];
const issue = (head: number, records: IssuedRecord[] = RECORDS): ElectionCommand => ({ type: 'IssueOfficialRecord', head, records });
const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];

/** An election counted with `acceptance`, as runCommand writes it: for the committee's, Ada proposes and Katherine accepts when `accept` says so. */
function countedLog(acceptance: 'committee' | 'automatic', accept = true) {
  const writer = logWriter();
  const { apply } = writer;
  apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { committee: [ADA, GRACE], acceptance }), SETUP_TIME, ADA);
  apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME, ADA);
  apply({ type: 'Lock', now: SETUP_TIME }, SETUP_TIME, ADA);
  apply({ type: 'Start', now: SETUP_TIME }, SETUP_TIME, ADA);
  apply({ type: 'RecordMember', member: KATHERINE }, SETUP_TIME, ADA);
  apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
  apply(sealOne(ballots), AFTER_VOTING);
  if (acceptance === 'committee' && accept) {
    apply({ type: 'Accept', now: later(1) }, later(1), ADA);
    apply({ type: 'Accept', now: later(3) }, later(3), KATHERINE);
  }
  return writer;
}

const stateOf = (events: readonly RecordedEvent[]): ElectionState => events.reduce<ElectionState>(evolve, initialState);
const seqOf = (events: readonly RecordedEvent[], type: RecordedEvent['type']) => events.find((e) => e.type === type)!.seq;

describe('decide: the official record is issued once, as of the head the results became final at', () => {
  it('issues it as of the committee’s acceptance, listing each language’s digest, and only once', () => {
    const { events } = countedLog('committee');
    const head = seqOf(events, 'ResultsAccepted');
    const state = stateOf(events);
    const issued = accepted(decide(issue(head), state));
    expect(issued).toEqual([{ type: 'OfficialRecordIssued', data: { head, records: RECORDS } }]);
    const after = issued.map((e) => ({ ...e, seq: head + 1 })).reduce(evolve, state);
    expect(after).toMatchObject({ recordHead: head, recordIssued: RECORDS });
    // Asked again, by a rerun of the workflow's step: nothing more is recorded.
    expect(accepted(decide(issue(head), after))).toEqual([]);
    expect(accepted(decide(issue(head, [RECORDS[0]!, { language: 'en', sha256: 'f'.repeat(64) }]), after))).toEqual([]);
  });

  it('refuses it before the committee’s acceptance, naming the head', () => {
    const { events } = countedLog('committee', false);
    expect(refusal(decide(issue(events.at(-1)!.seq), stateOf(events)))).toEqual({
      code: 'wrong_phase',
      message: 'head: the official record is issued once the committee has accepted the results, and it has not yet',
    });
  });

  it('refuses any head but the acceptance’s', () => {
    const { events } = countedLog('committee');
    const head = seqOf(events, 'ResultsAccepted');
    for (const wrong of [head - 1, head + 1, seqOf(events, 'ResultsTallied')]) {
      expect(refusal(decide(issue(wrong), stateOf(events)))).toEqual({
        code: 'conflict',
        message: `head: the official record is issued as of event ${head}, where the results became final, not ${wrong}`,
      });
    }
  });

  it('issues it for an election without acceptance as of its count', () => {
    const { events } = countedLog('automatic');
    const head = seqOf(events, 'ResultsTallied');
    expect(accepted(decide(issue(head), stateOf(events)))).toEqual([{ type: 'OfficialRecordIssued', data: { head, records: RECORDS } }]);
  });

  it('refuses digests that are not one per language in order, each 64 lower-case hex digits, naming the field', () => {
    const { events } = countedLog('committee');
    const state = stateOf(events);
    const head = seqOf(events, 'ResultsAccepted');
    expect(refusal(decide(issue(head, [RECORDS[0]!]), state))).toEqual({ code: 'invalid', message: 'records: one per language (de, en), in that order' });
    expect(refusal(decide(issue(head, [RECORDS[1]!, RECORDS[0]!]), state))).toEqual({ code: 'invalid', message: 'records.0.language: must be "de"' });
    for (const sha256 of ['E'.repeat(64), 'e'.repeat(63), `${'e'.repeat(63)}g`]) {
      expect(refusal(decide(issue(head, [RECORDS[0]!, { language: 'en', sha256 }]), state))).toEqual({
        code: 'invalid',
        message: 'records.1.sha256: must be a SHA-256 digest in 64 lower-case hex digits',
      });
    }
  });

  it('refuses it once the results are published', () => {
    const { apply, events } = countedLog('committee');
    apply({ type: 'Publish', now: later(60) }, later(60));
    expect(refusal(decide(issue(seqOf(events, 'ResultsAccepted')), stateOf(events)))).toEqual({
      code: 'wrong_phase',
      message: 'head: the official record is issued once the results are final and before they are published (the election is published)',
    });
  });
});

describe('the verifier and the issued official record', () => {
  /** The committee's election, its record issued as of the acceptance and published. */
  function writtenLog(): RecordedEvent[] {
    const { apply, events } = countedLog('committee');
    apply(issue(seqOf(events, 'ResultsAccepted')), later(5));
    apply({ type: 'Publish', now: later(60) }, later(60));
    return events;
  }
  const findingsOf = (events: RecordedEvent[]) => verifyAuditLog(exportOfOneVoter(events, ballots, { voter: 'b'.repeat(64) })).findings;
  const withIssue = (events: RecordedEvent[], change: (data: Extract<RecordedEvent, { type: 'OfficialRecordIssued' }>['data']) => object) =>
    rechain(events.map((e) => (e.type === 'OfficialRecordIssued' ? ({ ...e, data: change(e.data) } as RecordedEvent) : e)));

  it('replays a log with the record issued between the acceptance and the publication', () => {
    const events = writtenLog();
    expect(events.slice(-3).map((e) => e.type)).toEqual(['ResultsAccepted', 'OfficialRecordIssued', 'ResultsPublished']);
    expect(findingsOf(events)).toEqual([]);
  });

  it('finds a record issued as of another head', () => {
    const events = withIssue(writtenLog(), (data) => ({ ...data, head: data.head - 1 }));
    const issued = events.find((e) => e.type === 'OfficialRecordIssued')!;
    expect(findingsOf(events)).toContain(
      `event ${issued.seq} (OfficialRecordIssued) is not allowed there: head: the official record is issued as of event ${issued.seq - 1}, where the results became final, not ${issued.seq - 2}`,
    );
  });

  it('finds a malformed digest', () => {
    const events = withIssue(writtenLog(), (data) => ({ ...data, records: [data.records[0], { language: 'en', sha256: 'not a digest' }] }));
    const issued = events.find((e) => e.type === 'OfficialRecordIssued')!;
    expect(findingsOf(events)).toContain(`event ${issued.seq} (OfficialRecordIssued) is not allowed there: records.1.sha256: must be a SHA-256 digest in 64 lower-case hex digits`);
  });

  it('finds a record issued before the acceptance, and one issued twice', () => {
    const events = writtenLog();
    const issued = events.find((e) => e.type === 'OfficialRecordIssued')!;
    const early = rechain([...events.filter((e) => e.type !== 'OfficialRecordIssued' && e.type !== 'ResultsAccepted' && e.type !== 'ResultsPublished'), issued]);
    expect(findingsOf(early)).toContain(
      `event ${early.at(-1)!.seq} (OfficialRecordIssued) is not allowed there: head: the official record is issued once the committee has accepted the results, and it has not yet`,
    );
    const twice = rechain(events.flatMap((e): RecordedEvent[] => (e.type === 'OfficialRecordIssued' ? [e, e] : [e])));
    expect(findingsOf(twice)).toContain(`event ${issued.seq + 1} (OfficialRecordIssued) repeats something already recorded`);
  });
});
