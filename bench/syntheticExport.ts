import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import {
  AUDIT_FORMAT,
  AUDIT_VERSION,
  decide,
  evolve,
  extendChain,
  EMPTY_HEAD,
  initialState,
  MAIN_CONTEST,
  type AuditLine,
  type ChainHead,
  type ElectionCommand,
  type ElectionState,
  type RecordedEvent,
  type SealedBallot,
} from '../domain';

/**
 * Writes a valid audit export of a published election with `count` ballots, built with the
 * same decide/evolve/extendChain the system uses, as NDJSON to `path`.
 */
export async function writeSyntheticExport(path: string, count: number): Promise<void> {
  const candidates = ['Ada', 'Grace', 'Alan'].map((name) => ({ name, email: `${name}@bench.test`, pageLink: 'https://bench.test' }));
  const ballots: SealedBallot[] = Array.from({ length: count }, (_, i) => ({ ballotId: randomBytes(16).toString('base64url'), choices: i % 11 === 0 ? [] : [candidates[i % 3]!.name] }));
  const t0 = Date.parse('2026-12-01T08:00:00Z');
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const closesAt = at(600).toISOString();
  let state: ElectionState = initialState;
  let head: ChainHead = EMPTY_HEAD;
  const events: RecordedEvent[] = [];
  const apply = (command: ElectionCommand, when: Date) => {
    const decision = decide(command, state);
    if (!decision.ok) throw new Error(decision.error.message);
    const recorded = extendChain('bench', head, decision.value, when.toISOString());
    for (const event of recorded) state = evolve(state, event);
    events.push(...recorded);
    head = recorded.at(-1) ?? head;
  };
  apply({ type: 'CreateElection', electionId: 'bench', title: 'Benchmark', ballot: { kind: 'single' }, candidates, window: { closesAt }, now: at(0) }, at(0));
  for (let registered = 0; registered < count; registered += 49) apply({ type: 'RegisterVoters', count: Math.min(49, count - registered) }, at(1));
  apply({ type: 'Lock' }, at(2));
  apply({ type: 'Start', now: at(3) }, at(3));
  apply({ type: 'Close', now: at(601) }, at(601));
  apply({ type: 'SealAndTally', boxes: new Map([[MAIN_CONTEST, ballots]]), voters: ballots.length }, at(602));
  apply({ type: 'Publish', now: at(603) }, at(603));

  const out = createWriteStream(path);
  const write = async (line: AuditLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  await write({
    kind: 'header',
    format: AUDIT_FORMAT,
    version: AUDIT_VERSION,
    electionId: 'bench',
    title: 'Benchmark',
    events: events.length,
    ballots: count,
    participation: count,
    voters: 0,
    breaches: 0,
  });
  for (const event of events) await write({ kind: 'event', event });
  for (const ballot of [...ballots].sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1))) await write({ kind: 'ballot', ...ballot });
  await write({ kind: 'participation', count });
  out.end();
  await once(out, 'finish');
}
