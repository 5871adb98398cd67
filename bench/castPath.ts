import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { boxName, MAIN_CONTEST, type ElectionCommand } from '../domain';
import type { SealedPaperJson } from '../domain/sealedBox/sealedCast';
import { keys } from '../handlers/adapters/keys';
import type { ApiEvent } from '../handlers/api/http';
import { createApiHandler } from '../handlers/api/router';
import { runCommand } from '../handlers/runCommand';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startVoting } from '../handlers/usecases/startVoting';
import { serveApi } from '../infra/local/apiServer';
import { startBenchStack, type BenchStack } from './benchStack';
import { jsonPoster } from './loadClient';
import { BENCH_TRUSTEES, rehearseElectionKey, sealedPapers } from './sealedElection';
import { percentile, timedPool } from './pool';

export interface CastLevel {
  concurrency: number;
  casts: number;
  ballotsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rawPerSecond: number;
  rawP50Ms: number;
  rawP99Ms: number;
  /** Over HTTP through the local stack's server, which on AWS is API Gateway's work, not ours. */
  ourOverRaw: number;
  /** The cast Lambda's handler invoked with the API Gateway event, as Lambda runs it: what our code costs. */
  handlerPerSecond: number;
  handlerP50Ms: number;
  handlerP99Ms: number;
  handlerOverRaw: number;
}

/** The raw floors' elections: their keys have the shapes and lengths of the cast elections' ('cast', 'cast4'). */
const RAW = 'bare';
const RAW_PAPERS = 'bare4';

/**
 * Voters casting once each at each concurrency, two ways: over HTTP through the local stack's
 * server, and by invoking the API handler with the event API Gateway gives the cast Lambda (on
 * AWS the HTTP work is API Gateway's, not our function's). Beside them the raw floor: the
 * transaction our cast sends (marker put, credential and revocation checks, the queued
 * confirmation, the ballot put), built by hand with fresh keys against credentials seeded for it,
 * sent straight to DynamoDB Local at the same concurrency. So handler/raw is what our code costs,
 * and HTTP/raw adds the local server. Each run casts 2,000 ballots, after an unmeasured warm-up,
 * so that a run lasts seconds rather than the JIT's first hundred milliseconds.
 */
export async function benchCastPath(levels = [1, 8, 32, 64], castsPerLevel = 2000, warmUpCasts = 1000): Promise<CastLevel[]> {
  const id = 'cast';
  const candidates = ['Ada', 'Grace', 'Alan'].map((name) => ({ name, email: `${name}@bench.test`, pageLink: 'https://bench.test' }));
  return measureCasts(
    {
      electionId: id,
      create: { type: 'CreateElection', electionId: id, title: 'Cast path', ballot: { kind: 'single' }, candidates, window: { closesAt: closesInAnHour() }, now: new Date() },
      cast: { open: { choices: ['Ada'] } },
      boxes: [id],
      raw: () => ({ electionId: RAW, papers: [{ box: RAW, ballot: plaintext(['Ada']) }], eligibility: [] }),
    },
    levels,
    castsPerLevel,
    warmUpCasts,
  );
}

/** The four contests of the 4-paper cast: two open to everyone, two to some voter groups only, every bench voter in `faculty:a`. */
const person = (name: string, list?: string) => ({ name, email: `${name.toLowerCase()}@bench.test`, pageLink: 'https://bench.test', ...(list && { list }) });
const FOUR_CONTESTS = [
  {
    id: 'c1',
    title: 'Student parliament',
    ballot: { kind: 'list' as const, method: 'sainte-lague' as const, seats: 3, lists: ['Left', 'Right'], votes: 3, maxPerCandidate: 2 },
    candidates: [person('Lena', 'Left'), person('Lars', 'Left'), person('Rita', 'Right'), person('Rolf', 'Right')],
  },
  {
    id: 'c2',
    title: 'Faculty council A',
    groups: ['faculty:a'],
    ballot: { kind: 'ranked' as const, method: 'scottish-stv' as const, seats: 2 },
    candidates: [person('Ada'), person('Grace'), person('Alan')],
  },
  {
    id: 'c3',
    title: 'Joint board of A and B',
    groups: ['faculty:a', 'faculty:b'],
    ballot: { kind: 'ranked' as const, method: 'irv' as const, seats: 1 },
    candidates: [person('Edsger'), person('Barbara'), person('Donald')],
  },
  { id: 'c4', title: 'Semester ticket', ballot: { kind: 'referendum' as const, majority: 'simple' as const } },
];
/** Each paper as cast, and as it is stored (a list paper sorted, a ranking in order, an abstention empty). */
const FOUR_PAPERS = {
  c1: { choices: ['Lena', 'Lena', 'Rita'] },
  c2: { choices: ['Grace', 'Ada', 'Alan'] },
  c3: { choices: ['Barbara', 'Edsger'] },
  c4: { abstain: true as const },
};
const stored = (paper: { choices: string[] } | { abstain: true }) => ('choices' in paper ? paper.choices : []);

/**
 * The same measurement for a cast of 4 papers into an election of 4 contests, two of them open to
 * some voter groups only (one to `faculty:a`, one to `faculty:a` or `faculty:b`; every voter is in
 * `faculty:a`), so that the credential check carries a groups clause per restricted paper. One
 * cast is still one TransactWriteItems, of 8 items: marker, credential check, revocation check,
 * confirmation, and a ballot per paper into its contest's box (`cast4.c1` …). The raw floor sends
 * the same 8 items with the same key shapes and condition, against credentials seeded with groups.
 */
export async function benchCastPapers(levels = [1, 32], castsPerLevel = 2000, warmUpCasts = 1000): Promise<CastLevel[]> {
  const id = 'cast4';
  const contests = FOUR_CONTESTS;
  return measureCasts(
    {
      electionId: id,
      create: { type: 'CreateElection', electionId: id, title: 'Cast path, four papers', contests, window: { closesAt: closesInAnHour() }, now: new Date() },
      cast: { open: { papers: FOUR_PAPERS } },
      groups: ['faculty:a'],
      boxes: contests.map((c) => boxName(id, contests, c.id)),
      raw: () => ({
        electionId: RAW_PAPERS,
        groups: ['faculty:a'],
        papers: contests.map((c) => ({ box: boxName(RAW_PAPERS, contests, c.id), ballot: plaintext(stored(FOUR_PAPERS[c.id as keyof typeof FOUR_PAPERS])) })),
        eligibility: contests.flatMap((c) => (c.groups ? [c.groups] : [])),
      }),
    },
    levels,
    castsPerLevel,
    warmUpCasts,
  );
}

/** The sealed benchmarks' elections and their raw floors' (keys of the same lengths). */
const SEALED = 'sealed';
const RAW_SEALED = 'bare-s';
const SEALED_PAPERS = 'sealed4';
const RAW_SEALED_PAPERS = 'bare-s4';

/** A ranked contest of 30 candidates, and a voter's ranking of 12 of them: one ciphertext a paper, as in the sealedBox benchmark. */
const THIRTY = Array.from({ length: 30 }, (_, i) => person(`Candidate${i}`));
const RANKING = THIRTY.slice(0, 12).map((c) => c.name);

/**
 * The cast of a sealed election (2 of 3 trustees, its key from a rehearsed ceremony): one ranked
 * paper of 30 candidates, sealed for each voter before the timing, checked by the cast as it
 * arrives (the voter's proof, its size, its tracker not taken) and stored as ciphertexts. The raw
 * floor writes the same five items, the ballot holding a sealed paper under a tracker-sized key.
 * 1,000 casts a level by default: every voter's paper is sealed first (4 ms each).
 */
export async function benchSealedCast(levels = [1, 32], castsPerLevel = 1000, warmUpCasts = 500): Promise<CastLevel[]> {
  const id = SEALED;
  return measureCasts(
    {
      electionId: id,
      create: {
        type: 'CreateElection',
        electionId: id,
        title: 'Cast path, sealed',
        ballot: { kind: 'ranked', method: 'scottish-stv', seats: 5 },
        candidates: THIRTY,
        window: { closesAt: closesInAnHour() },
        box: 'sealed',
        trustees: BENCH_TRUSTEES,
        now: new Date(),
      },
      cast: { sealed: new Map([[MAIN_CONTEST, RANKING]]) },
      boxes: [id],
      raw: (sample) => ({ electionId: RAW_SEALED, papers: [{ box: RAW_SEALED, ballot: sealedRaw(sample[MAIN_CONTEST]!) }], eligibility: [] }),
    },
    levels,
    castsPerLevel,
    warmUpCasts,
  );
}

/** The 4-paper cast's election sealed: the same four contests and voter groups, each paper sealed (one ciphertext each), four proofs checked a cast. */
export async function benchSealedCastPapers(levels = [1, 32], castsPerLevel = 1000, warmUpCasts = 500): Promise<CastLevel[]> {
  const id = SEALED_PAPERS;
  const contests = FOUR_CONTESTS;
  return measureCasts(
    {
      electionId: id,
      create: {
        type: 'CreateElection',
        electionId: id,
        title: 'Cast path, four sealed papers',
        contests,
        window: { closesAt: closesInAnHour() },
        box: 'sealed',
        trustees: BENCH_TRUSTEES,
        now: new Date(),
      },
      cast: { sealed: new Map(contests.map((c) => [c.id, stored(FOUR_PAPERS[c.id as keyof typeof FOUR_PAPERS])])) },
      groups: ['faculty:a'],
      boxes: contests.map((c) => boxName(id, contests, c.id)),
      raw: (sample) => ({
        electionId: RAW_SEALED_PAPERS,
        groups: ['faculty:a'],
        papers: contests.map((c) => ({ box: boxName(RAW_SEALED_PAPERS, contests, c.id), ballot: sealedRaw(sample[c.id]!) })),
        eligibility: contests.flatMap((c) => (c.groups ? [c.groups] : [])),
      }),
    },
    levels,
    castsPerLevel,
    warmUpCasts,
  );
}

const closesInAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

interface CastBench {
  electionId: string;
  create: ElectionCommand;
  /**
   * The body of a cast beside its token: in an open election the same for every voter; in a
   * sealed one (after its key ceremony) each contest's choices sealed afresh for each voter, as
   * a copy of another voter's paper is refused, all before any cast is timed.
   */
  cast: { open: Record<string, unknown> } | { sealed: ReadonlyMap<string, string[]> };
  /** The voters' groups, if any. */
  groups?: string[];
  /** The boxes one cast puts a ballot into: each must hold every accepted cast's. */
  boxes: string[];
  /** The raw floor, given a sealed election's first voter's papers, by contest id, as the sample of the items it writes. */
  raw: (sealedSample: Record<string, SealedPaperJson>) => RawCast;
}

/** What the raw floor's transaction holds besides its fresh keys. */
interface RawCast {
  electionId: string;
  /** The seeded credentials' groups. */
  groups?: string[];
  /** A ballot per paper: its box, and the item as stored (its fresh key aside). */
  papers: { box: string; ballot: RawBallot }[];
  /** As CastWrite.eligibility: per paper in a contest open to some groups only, those groups. */
  eligibility: string[][];
}

/** A stored ballot's attributes, and a fresh key of the length the cast gives it: a receipt's paper id, or a sealed paper's tracker. */
interface RawBallot {
  attributes: Record<string, string>;
  freshId: () => string;
}
const plaintext = (choices: string[]): RawBallot => ({ attributes: { choices: JSON.stringify(choices) }, freshId: () => randomBytes(16).toString('base64url') });
const sealedRaw = (paper: SealedPaperJson): RawBallot => ({ attributes: { sealed: JSON.stringify(paper) }, freshId: () => randomBytes(32).toString('hex') });

async function measureCasts(bench: CastBench, levels: number[], castsPerLevel: number, warmUpCasts: number): Promise<CastLevel[]> {
  const stack = await startBenchStack();
  const handler = createApiHandler(stack.deps);
  const api = await serveApi(handler, 0);
  try {
    const id = bench.electionId;
    const created = await runCommand(stack.deps, id, bench.create);
    if (!created.ok) throw new Error(`${id} not created: ${created.error.message}`);
    if ('sealed' in bench.cast) await rehearseElectionKey(stack.deps, id);
    const voters = Array.from({ length: 2 * castsPerLevel * levels.length + warmUpCasts }, (_, i) => ({
      studentId: `c${i}`,
      email: `c${i}@bench.test`,
      ...(bench.groups && { groups: bench.groups }),
    }));
    for (let i = 0; i < voters.length; i += 5000) {
      const registered = await registerVoters(stack.deps, id, voters.slice(i, i + 5000));
      if (!registered.ok) throw new Error(`voters not registered: ${registered.error.message}`);
    }
    await stack.drainMail();
    await runCommand(stack.deps, id, { type: 'Lock', now: stack.deps.clock.now() });
    const started = await startVoting(stack.deps, id);
    if (!started.ok) throw new Error(`${id} not started: ${started.error.message}`);
    const tokens = voters.map((v) => stack.mailer.tokens.get(v.email)!);
    const { cast } = bench;
    const bodies = 'open' in cast ? tokens.map(() => cast.open) : sealedPapers((await stack.deps.store.load(id)).state, cast.sealed, tokens.length).map((papers) => ({ papers }));
    const casts = tokens.map((token, i) => ({ token, ...bodies[i] }));
    const raw = bench.raw('sealed' in cast ? (bodies[0]!.papers as Record<string, SealedPaperJson>) : {});

    const post = jsonPoster(api.url, Math.max(...levels));
    const castOnce = async (body: CastBody) => (await post(`/elections/${id}/ballots`, body)) === 201;
    const invokeOnce = async (body: CastBody) => (await handler(castEvent(`/elections/${id}/ballots`, body))).statusCode === 201;
    const rawCredentials = await seedRawCredentials(stack, voters.length, raw);
    const rawOnce = async (tokenHash: string) => void (await stack.client.send(new TransactWriteItemsCommand({ TransactItems: rawCast(stack.tables, raw, tokenHash) })));

    // Both JITs (V8 and DynamoDB Local's JVM) warm up on a first round that is not measured;
    // otherwise whichever side runs first pays for it.
    const warmUp = casts.slice(-warmUpCasts);
    await acceptedPool(warmUp.slice(0, warmUpCasts / 2), Math.max(...levels), castOnce);
    await acceptedPool(warmUp.slice(warmUpCasts / 2), Math.max(...levels), invokeOnce);
    await timedPool(rawCredentials.slice(-warmUpCasts), Math.max(...levels), rawOnce);

    const results: CastLevel[] = [];
    for (const [level, concurrency] of levels.entries()) {
      const batch = casts.slice(2 * level * castsPerLevel, (2 * level + 1) * castsPerLevel);
      const invoked = casts.slice((2 * level + 1) * castsPerLevel, (2 * level + 2) * castsPerLevel);
      const ours = await acceptedPool(batch, concurrency, castOnce);
      const direct = await acceptedPool(invoked, concurrency, invokeOnce);
      const raw = await timedPool(rawCredentials.slice(level * castsPerLevel, (level + 1) * castsPerLevel), concurrency, rawOnce);
      const perSecond = (run: { seconds: number }) => castsPerLevel / run.seconds;
      results.push({
        concurrency,
        casts: castsPerLevel,
        ballotsPerSecond: perSecond(ours),
        p50Ms: percentile(ours.latencies, 50),
        p99Ms: percentile(ours.latencies, 99),
        rawPerSecond: perSecond(raw),
        rawP50Ms: percentile(raw.latencies, 50),
        rawP99Ms: percentile(raw.latencies, 99),
        ourOverRaw: perSecond(ours) / perSecond(raw),
        handlerPerSecond: perSecond(direct),
        handlerP50Ms: percentile(direct.latencies, 50),
        handlerP99Ms: percentile(direct.latencies, 99),
        handlerOverRaw: perSecond(direct) / perSecond(raw),
      });
    }
    // Every cast put a ballot into each box, and every raw transaction one into each of its own.
    const rawSent = levels.length * castsPerLevel + warmUpCasts;
    const counts: { box: string; expected: number; participation?: boolean }[] = [
      ...bench.boxes.map((box) => ({ box, expected: voters.length })),
      { box: id, expected: voters.length, participation: true },
      ...raw.papers.map(({ box }) => ({ box, expected: rawSent })),
    ];
    for (const { box, expected, participation } of counts) {
      const found = participation ? await stack.deps.store.countParticipation(box) : await stack.deps.store.countBallots(box);
      if (found !== expected) throw new Error(`${found} ${participation ? 'participation markers' : 'ballots'} stored in ${box} for ${expected} accepted casts`);
    }
    return results;
  } finally {
    await api.stop();
    await stack.stop();
  }
}

/** A cast's request body: the voter's token and their papers. */
type CastBody = { token: string } & Record<string, unknown>;

/** Every cast accepted, or the run says which level lost some. */
async function acceptedPool(bodies: CastBody[], concurrency: number, cast: (body: CastBody) => Promise<boolean>) {
  let accepted = 0;
  const run = await timedPool(bodies, concurrency, async (body) => {
    if (await cast(body)) accepted += 1;
  });
  if (accepted !== bodies.length) throw new Error(`only ${accepted} of ${bodies.length} casts were accepted at concurrency ${concurrency}`);
  return run;
}

/** The event API Gateway hands the cast Lambda for this request. */
function castEvent(path: string, body: unknown): ApiEvent {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomBytes(8).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const text = (value: string): AttributeValue => ({ S: value });
const number = (value: number): AttributeValue => ({ N: String(value) });
const item = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, text(value)]));

/** Credentials for the raw floor, one per transaction (as each voter has their own), written as the sender writes ours (with the voter's groups); their hashes. */
async function seedRawCredentials(stack: BenchStack, count: number, raw: RawCast): Promise<string[]> {
  const hashes = Array.from({ length: count }, () => randomBytes(32).toString('hex'));
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, i) => hashes.slice(i * 25, (i + 1) * 25));
  const groups: Record<string, AttributeValue> = raw.groups?.length ? { groups: { L: raw.groups.map(text) } } : {};
  await timedPool(batches, 8, async (batch) => {
    let requests = batch.map((hash, i) => ({
      PutRequest: { Item: { ...item({ ...keys.credential(hash), electionId: raw.electionId, studentId: `c${i}`, email: `c${i}@bench.test` }), ...groups, generation: number(0) } },
    }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await stack.client.send(new BatchWriteItemCommand({ RequestItems: { [stack.tables.events]: requests } }));
      requests = (UnprocessedItems?.[stack.tables.events] ?? []) as typeof requests;
    }
  });
  return hashes;
}

/**
 * The items of our cast's TransactWriteItems (DynamoElectionStore.castBallot), in its order, for a
 * fresh cast under this credential: marker, credential check (a groups clause per restricted
 * paper), revocation check, confirmation, then a ballot per paper into its box.
 */
function rawCast(tables: BenchStack['tables'], raw: RawCast, tokenHash: string) {
  const isNew = 'attribute_not_exists(pk)';
  const confirmation = keys.confirmationMail(raw.electionId, tokenHash);
  const values: Record<string, AttributeValue> = { ':election': text(raw.electionId) };
  const conditions = ['attribute_exists(pk)', 'electionId = :election'];
  raw.eligibility.forEach((groups, i) => {
    conditions.push(`(${groups.map((_, j) => `contains(#groups, :g${i}_${j})`).join(' OR ')})`);
    groups.forEach((group, j) => (values[`:g${i}_${j}`] = text(group)));
  });
  return [
    { Put: { TableName: tables.ballots, ConditionExpression: isNew, Item: item(keys.marker(raw.electionId, tokenHash)) } },
    {
      ConditionCheck: {
        TableName: tables.events,
        Key: item(keys.credential(tokenHash)),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
        ...(raw.eligibility.length > 0 && { ExpressionAttributeNames: { '#groups': 'groups' } }),
      },
    },
    { ConditionCheck: { TableName: tables.events, Key: item(keys.revocation(tokenHash)), ConditionExpression: isNew } },
    {
      Put: {
        TableName: tables.mail,
        ConditionExpression: isNew,
        Item: {
          ...item({ ...confirmation, electionId: raw.electionId, tokenHash, kind: 'confirmation', status: 'pending', due: new Date().toISOString(), queue: keys.queue(confirmation.pk) }),
          generation: number(0),
          attempts: number(0),
        },
      },
    },
    ...raw.papers.map(({ box, ballot }) => ({
      Put: { TableName: tables.ballots, ConditionExpression: isNew, Item: item({ ...keys.ballot(box, ballot.freshId()), ...ballot.attributes }) },
    })),
  ];
}
