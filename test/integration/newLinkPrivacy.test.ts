import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { TURNOUT_MAX_AGE_SECONDS } from '../../handlers/usecases/publicReadAges';
import { NEW_LINK_ANSWER } from '../../handlers/usecases/requestNewLink';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * What a stranger can learn from `POST …/credentials/resend`, tried the way an outside attack run
 * did it: addresses of voters on the roll who have not voted, who have voted, who asked too often,
 * and addresses on no roll, each held against every observable a stranger has (the answer, the
 * public log and the audit export, turnout, the time the answer takes) and against what the
 * request does to the voter (their link must keep working).
 */

type Kind = 'registered' | 'voted' | 'limited' | 'unknown';
const KINDS: Kind[] = ['registered', 'voted', 'limited', 'unknown'];

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
  ms: number;
}

/** A stranger's request: no credentials, the answer as it arrives, and how long it took. */
async function ask(app: TestApp, electionId: string, email: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${app.url}/elections/${electionId}/credentials/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  // Only the time of day differs between two answers by their nature.
  const headers = [...response.headers.entries()].filter(([name]) => name !== 'date');
  return { status: response.status, headers, body, ms };
}

/** An election with voters of every kind: s1–s5 voted, s6–s10 asked for their link just now, the rest neither. */
async function electionWithEveryKind(app: TestApp, id: string) {
  // Open for a day: a test asks again and again, 11 minutes apart.
  const election = await setUpElection(app, { id, voters: 60, closesInMs: 24 * 3_600_000 });
  await openElection(app, id);
  for (const token of election.tokens.slice(0, 5)) {
    expect((await app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Ada Lovelace'] })).status).toBe(201);
  }
  for (let i = 6; i <= 10; i += 1) await ask(app, id, `s${i}@uni.test`);
  await app.drainMail();
  let next = 0;
  const addressOf: Record<Kind, (n: number) => string> = {
    voted: (n) => `s${1 + (n % 5)}@uni.test`,
    limited: (n) => `s${6 + (n % 5)}@uni.test`,
    registered: (n) => `s${11 + (n % 50)}@uni.test`,
    unknown: () => `nobody-${(next += 1)}@uni.test`,
  };
  return { ...election, addressOf };
}

/** How well "slower than the median of both" tells `a` from `b`, in the better direction: 0.5 is chance. */
function medianSplitAccuracy(a: readonly number[], b: readonly number[]): number {
  const all = [...a, ...b].sort((x, y) => x - y);
  const median = (all[Math.floor((all.length - 1) / 2)]! + all[Math.ceil((all.length - 1) / 2)]!) / 2;
  const right = a.filter((t) => t > median).length + b.filter((t) => t <= median).length;
  const accuracy = right / all.length;
  return Math.max(accuracy, 1 - accuracy);
}

/** One of each kind per round, in a random order each round: a slow stretch of the machine falls on every kind alike. */
function interleaved<T>(rounds: number, kinds: readonly T[]): T[] {
  return Array.from({ length: rounds }, () =>
    kinds
      .map((kind) => ({ kind, order: Math.random() }))
      .sort((a, b) => a.order - b.order)
      .map(({ kind }) => kind),
  ).flat();
}

describe('a request for a link tells a stranger nothing and takes nothing from the voter', () => {
  let app: TestApp;
  let election: Awaited<ReturnType<typeof electionWithEveryKind>>;
  const id = 'probe';
  beforeAll(async () => {
    app = await startTestApp();
    election = await electionWithEveryKind(app, id);
  });
  afterAll(() => app.stop());

  it('answers every kind of address with the same status, headers and body', async () => {
    const answers = new Map<Kind, Answer>();
    for (const kind of KINDS) answers.set(kind, await ask(app, id, election.addressOf[kind](0)));
    const unknown = answers.get('unknown')!;
    expect(unknown.status).toBe(202);
    expect(JSON.parse(unknown.body)).toEqual({ status: 'accepted', message: NEW_LINK_ANSWER });
    for (const kind of KINDS) {
      const { status, headers, body } = answers.get(kind)!;
      expect({ status, headers, body }, kind).toEqual({ status: unknown.status, headers: unknown.headers, body: unknown.body });
    }
    await app.drainMail();
  });

  it('makes the same DynamoDB calls for every kind of address while answering', async () => {
    const calls: string[] = [];
    let recording = false;
    const tableOf = (name: unknown) => Object.entries(app.tables).find(([, table]) => table === name)?.[0] ?? 'none';
    app.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } }; TransactItems?: unknown[] };
        // The partition's shard number comes from a random request id; which partition it is, is what matters.
        const partition = (input.Key ?? input.Item)?.pk?.S?.replace(/#\d{2}$/, '#<shard>') ?? '';
        if (recording) calls.push(`${context.commandName} ${tableOf(input.TableName)} ${partition}${input.TransactItems ? ` (${input.TransactItems.length} items)` : ''}`);
        return next(args);
      },
      { step: 'build', name: 'recordNewLinkCalls' },
    );
    app.autoDrain = false;
    const callsFor = new Map<Kind, string[]>();
    try {
      for (const kind of KINDS) {
        calls.length = 0;
        recording = true;
        await ask(app, id, election.addressOf[kind](1));
        recording = false;
        callsFor.set(kind, [...calls]);
      }
    } finally {
      recording = false;
      app.client.middlewareStack.remove('recordNewLinkCalls');
      app.autoDrain = true;
    }
    expect(callsFor.get('unknown')).toEqual([`GetItemCommand events ELECTION#${id}`, `PutItemCommand mail ELECTION#${id}#LINK-REQUESTS#<shard>`]);
    for (const kind of KINDS) expect(callsFor.get(kind), kind).toEqual(callsFor.get('unknown'));
    await app.drainMail();
  });

  it('leaves the same trace in the public log and turnout for every kind of address: a count, no voter', async () => {
    const publicRead = async (path: string) => (await app.call('GET', `/elections/${id}${path}`)).body;
    const traces = new Map<Kind, unknown>();
    for (const kind of KINDS) {
      // Past the public reads' cache, so each read shows the table as it is.
      app.clock.advance((TURNOUT_MAX_AGE_SECONDS + 1) * 1000);
      const [log, turnout, view] = await Promise.all([publicRead('/events'), publicRead('/turnout'), publicRead('')]);
      await ask(app, id, election.addressOf[kind](2));
      await app.drainMail();
      app.clock.advance((TURNOUT_MAX_AGE_SECONDS + 1) * 1000);
      const [logAfter, turnoutAfter, viewAfter] = await Promise.all([publicRead(`/events?after=${log.head.seq}`), publicRead('/turnout'), publicRead('')]);
      traces.set(kind, {
        events: logAfter.events.map(({ type, data }: { type: string; data: unknown }) => ({ type, data })),
        turnoutChanged: JSON.stringify(turnoutAfter) !== JSON.stringify(turnout),
        viewChanged: JSON.stringify(viewAfter) !== JSON.stringify(view),
      });
    }
    const trace = { events: [{ type: 'LinkRequestsCounted', data: { requests: 1 } }], turnoutChanged: false, viewChanged: false };
    for (const kind of KINDS) expect(traces.get(kind), kind).toEqual(trace);
  });

  it("keeps the voter's link working after a stranger's requests: the mail carries that same link, which casts exactly one ballot", async () => {
    const address = election.addressOf.registered(3);
    const token = election.tokens[election.roll.findIndex((v) => v.email === address)]!;
    for (let i = 0; i < 7; i += 1) {
      await ask(app, id, address);
      await app.drainMail();
      app.clock.advance(11 * 60_000);
    }
    const mailed = app.mailer
      .to(address)
      .filter((m) => m.subject.startsWith('Your voting credential'))
      .map((m) => /token: (\S+)/.exec(m.text)![1]);
    // The first credential, and the same link again up to the per-voter limit of 5.
    expect(mailed).toEqual(Array.from({ length: 6 }, () => token));
    const cast = () => app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Grace Hopper'] });
    expect((await cast()).status).toBe(201);
    expect((await cast()).body.error.code).toBe('already_voted');
  });

  it('publishes an export that verifies and names no voter who asked, with every request counted', async () => {
    const { state } = await app.store.load(id);
    if (state.phase !== 'open') throw new Error(`${id} is ${state.phase}`);
    app.clock.advance(Date.parse(state.window.closesAt) - app.clock.now().getTime() + 1000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const exported = await (await fetch(`${app.url}/elections/${id}/audit-log`)).text();
    const lines = exported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [], participation: 6 });
    const events = lines.flatMap((line) => (line.kind === 'event' ? [line.event] : []));
    expect(events.filter((e) => e.type === 'CredentialReissued')).toEqual([]);
    // 5 before the first test, 4 + 4 + 4 in the three after it, 7 by the stranger.
    const counted = events.flatMap((e) => (e.type === 'LinkRequestsCounted' ? [e.data.requests] : []));
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(24);
  });

  /**
   * 200 requests of each kind, interleaved one of each kind per round in a random order and sent
   * one at a time, so that the machine's load falls on every kind alike. A classifier that calls
   * a request "on the roll" when it took longer than the median does no better than chance: with
   * 400 requests per comparison its accuracy under chance has a standard deviation of 0.025, so
   * 0.62 is almost 5 of them away (the request path that looked voters up scored about 0.85).
   */
  it('is no better than chance at telling any kind of voter from an unknown address by the answer time', async () => {
    const timing = await electionWithEveryKind(app, 'timing');
    // Nothing is answered meanwhile: only the request path is timed.
    app.autoDrain = false;
    // Warm up the path (connections, JIT) on addresses whose times are not kept.
    for (let n = 0; n < 20; n += 1) await ask(app, 'timing', `warm-up-${n}@uni.test`);
    const times = new Map<Kind, number[]>(KINDS.map((kind) => [kind, []]));
    for (const kind of interleaved(200, KINDS)) {
      const answer = await ask(app, 'timing', timing.addressOf[kind](times.get(kind)!.length));
      expect(answer.status).toBe(202);
      times.get(kind)!.push(answer.ms);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const unknown = times.get('unknown')!;
    for (const kind of ['registered', 'voted', 'limited'] as const) {
      const accuracy = medianSplitAccuracy(times.get(kind)!, unknown);
      expect(accuracy, `${kind} (median ${median(times.get(kind)!).toFixed(1)} ms) against unknown (median ${median(unknown).toFixed(1)} ms)`).toBeLessThanOrEqual(0.62);
    }
  }, 180_000);
});
