import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 9 (docs/architecture.md): any malformed, oversized, unknown-field or wrongly typed request
 * gets a clear 4xx JSON error `{ error: { code, message } }`, changes nothing, and never a 500.
 *
 * Three real elections (draft, locked, open) and the thesis's default election are set up first;
 * after every bad request the whole table and the outbox must be exactly as before.
 */

const DRAFT = 'bad-draft';
const LOCKED = 'bad-locked';
const OPEN = 'bad-open';
const DEFAULT = 'default';
const ELECTIONS = [DRAFT, LOCKED, OPEN, DEFAULT];

const LATER = new Date(Date.now() + 2 * 3600_000).toISOString();
const PAST = '2020-01-01T00:00:00Z';
const UNKNOWN_TOKEN = 'Zm9yZ2VkLXRva2VuLXRoYXQtd2FzLW5ldmVyLWlzc3VlZA'; // base64url, 46 chars: well-formed, never issued
const MIB = 1024 * 1024;

const cand = (name: string) => ({ name, email: 'eve@uni.test', pageLink: 'https://uni.test/eve' });
const thesisCand = (name: string) => ({ candidate_full_name: name, candidate_email: 'eve@uni.test', candidate_page_link: 'https://uni.test/eve' });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const without = (body: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

// Valid bodies: each bad case below changes exactly one thing in one of these.
const NEW_ELECTION = { id: 'bad-new', title: 'Faculty council', candidates: [cand('Eve Example')], closesAt: LATER };
const ADD_CANDIDATES = { candidates: [cand('Eve Example')] };
const WINDOW = { closesAt: LATER };
const OBSERVERS = { observers: ['observer@uni.test'] };
const VOTERS = { voters: [{ studentId: 'new-1', email: 'new-1@uni.test' }] };
const CAST = { token: UNKNOWN_TOKEN, abstain: true };
const T_ADD_VOTERS = { command: 'add_voters', administrator_token: ADMIN_TOKEN, voters_to_add: [{ student_id: 't-1', student_email: 't-1@uni.test' }] };
const T_ADD_CANDIDATES = { command: 'add_candidates', administrator_token: ADMIN_TOKEN, candidates_to_add: [thesisCand('Eve Example')] };
const T_GET_CANDIDATES = { command: 'get_candidates' };
const T_CAST = { command: 'cast_vote', voter_token: UNKNOWN_TOKEN, voter_id: 's1', candidate_full_name: 'Marvelous Comrade' };
const T_LOCK = { command: 'lock', administrator_token: ADMIN_TOKEN };
const T_START = { command: 'start', administrator_token: ADMIN_TOKEN };
const T_SET_DEADLINE = { command: 'set_deadline', administrator_token: ADMIN_TOKEN, deadline: LATER };

/** A body is sent raw when a string or Buffer, as JSON otherwise; a function is called once the elections exist. */
type Body = unknown;

interface BadRequest {
  name: string;
  method: string;
  path: string;
  body?: Body;
  /** The Authorization header: the admin's by default, `null` for none. */
  auth?: string | null;
  status?: number;
  code?: string;
  /** What the error message must name: the offending field's path (or unknown key). */
  field?: string | string[];
}

let app: TestApp;
/** The credential of the draft's first voter: held until voting opens, never mailed, but the voter's all the same. */
let draftToken: string;
let open: Awaited<ReturnType<typeof setUpElection>>;
let baseline: string;
let sent = 0;

async function send({ method, path, body, auth }: Pick<BadRequest, 'method' | 'path' | 'body' | 'auth'>) {
  const value = typeof body === 'function' ? (body as () => unknown)() : body;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== null) headers.authorization = auth ?? `Bearer ${ADMIN_TOKEN}`;
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body: value === undefined ? undefined : typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value),
  });
  sent += 1;
  return answer(response.status, response.headers.get('content-type') ?? '', await response.text());
}

/**
 * A POST on a connection of its own: the local server drops the connection after refusing a body
 * over the Lambda limit, which would break the next request on a pooled connection (reported).
 */
function postOnOwnConnection(path: string, body: string) {
  return new Promise<ReturnType<typeof answer>>((resolve, reject) => {
    const req = request(`${app.url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(answer(res.statusCode ?? 0, String(res.headers['content-type'] ?? ''), Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function answer(status: number, contentType: string, text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, contentType, text, json };
}

const expectRejected = async (bad: BadRequest) => checkRejection(bad, await send(bad));

/** A 4xx (the stated one, if any) with a JSON `{ error: { code, message } }` naming the offending field. */
function checkRejection(bad: BadRequest, res: ReturnType<typeof answer>) {
  const seen = `${bad.method} ${bad.path} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, seen).toBeGreaterThanOrEqual(400);
  expect(res.status, seen).toBeLessThan(500);
  if (bad.status !== undefined) expect(res.status, seen).toBe(bad.status);
  expect(res.contentType, seen).toMatch(/^application\/json/);
  expect(res.json, seen).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
  const { code, message } = (res.json as { error: { code: string; message: string } }).error;
  expect(message.length, seen).toBeGreaterThan(0);
  if (bad.code !== undefined) expect(code, seen).toBe(bad.code);
  for (const field of [bad.field ?? []].flat()) expect(message, seen).toContain(field);
}

/** Every item in the table (events, projections, roll, credentials, markers, ballots), the outbox and the started workflows. */
async function everything(): Promise<string> {
  const items: string[] = [];
  for (const item of await app.scanAll()) items.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
  return JSON.stringify({ items: items.sort(), mails: app.mailer.sent.length, started: app.started });
}

async function logsAndBallots() {
  return Promise.all(
    ELECTIONS.map(async (id) => ({
      id,
      events: await app.store.readEvents(id),
      ballots: await app.store.countBallots(id),
      voted: await app.store.countParticipation(id),
    })),
  );
}
let before: Awaited<ReturnType<typeof logsAndBallots>>;

beforeAll(async () => {
  app = await startTestApp();
  await setUpElection(app, { id: DRAFT, closesInMs: 3600_000 });
  draftToken = await app.deps.minter.tokenFor({ electionId: DRAFT, studentId: 's1', generation: 1 });
  await setUpElection(app, { id: LOCKED, closesInMs: 3600_000 });
  expect((await app.call('POST', `/elections/${LOCKED}/lock`)).status).toBe(200);
  open = await setUpElection(app, { id: OPEN, closesInMs: 3600_000 });
  await openElection(app, OPEN);
  const thesis = await app.call('POST', '/commands', {
    command: 'add_candidates',
    administrator_token: ADMIN_TOKEN,
    candidates_to_add: [thesisCand('Marvelous Comrade'), { ...thesisCand('Also Marvelous Comrade'), candidate_email: 'also@uni.test' }],
  });
  expect(thesis.status, JSON.stringify(thesis.body)).toBe(200);
  before = await logsAndBallots();
  expect(before.map((e) => e.events.length > 0)).toEqual([true, true, true, true]);
  baseline = await everything();
});

afterAll(() => app?.stop());

// Checked after every request, so a failure names the request that changed something (and only that one).
afterEach(async () => {
  const now = await everything();
  const was = baseline;
  baseline = now;
  expect(now, 'the request changed the table, the outbox or the started workflows').toBe(was);
});

/* ------------------------------------------------------------------------------------------ */

const REST_ADMIN_ROUTES = [
  { route: 'POST /elections', method: 'POST', path: '/elections', valid: NEW_ELECTION },
  { route: 'POST /elections/{id}/candidates', method: 'POST', path: `/elections/${DRAFT}/candidates`, valid: ADD_CANDIDATES },
  { route: 'PUT /elections/{id}/window', method: 'PUT', path: `/elections/${DRAFT}/window`, valid: WINDOW },
  { route: 'PUT /elections/{id}/observers', method: 'PUT', path: `/elections/${DRAFT}/observers`, valid: OBSERVERS },
  { route: 'POST /elections/{id}/lock', method: 'POST', path: `/elections/${DRAFT}/lock`, valid: undefined },
  { route: 'POST /elections/{id}/start', method: 'POST', path: `/elections/${LOCKED}/start`, valid: undefined },
  { route: 'POST /elections/{id}/voters', method: 'POST', path: `/elections/${DRAFT}/voters`, valid: VOTERS },
];
const BODY_ROUTES = [
  ...REST_ADMIN_ROUTES.map((r) => ({ ...r, rest: true })),
  { route: 'POST /elections/{id}/ballots', method: 'POST', path: `/elections/${OPEN}/ballots`, valid: CAST, rest: true },
  { route: 'POST /commands', method: 'POST', path: '/commands', valid: T_LOCK, rest: false },
];
const BODY_NEEDED = BODY_ROUTES.filter((r) => r.valid !== undefined);

const MALFORMED_JSON: Array<[string, string]> = [
  ['truncated JSON', '{"title": "Faculty'],
  ['a lone brace', '{'],
  ['plain text', 'hello'],
  ['single quotes', "{'title': 'x'}"],
  ['a trailing comma', '{"title": "x",}'],
  ['two documents', '{}{}'],
  ['NaN', 'NaN'],
  ['a byte-order mark before the JSON', '\ufeff{}'],
  ['XML', '<election/>'],
  ['form encoding', 'title=x&id=y'],
  ['a NUL byte', '\u0000'],
  ['an unterminated 100,000-deep array', '['.repeat(100_000)],
];
const NOT_AN_OBJECT: Array<[string, string]> = [
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"lock"'],
  ['a number', '42'],
  ['a boolean', 'true'],
  ['a 100,000-deep array', '['.repeat(100_000) + ']'.repeat(100_000)],
];

describe('malformed and non-object bodies, on every route that reads one', () => {
  it.each(BODY_ROUTES.flatMap((r) => MALFORMED_JSON.map(([what, body]) => ({ ...r, name: `${r.route}: ${what}`, body }))))('$name → 400 malformed_json', (r) =>
    expectRejected({ ...r, status: 400, code: 'malformed_json' }),
  );

  it.each(BODY_ROUTES.flatMap((r) => NOT_AN_OBJECT.map(([what, body]) => ({ ...r, name: `${r.route}: ${what}`, body }))))('$name → 400', (r) =>
    expectRejected({ ...r, status: 400, ...(r.rest ? { code: 'invalid_request', field: 'body' } : { code: 'unknown_command', field: 'command' }) }),
  );

  it.each(BODY_ROUTES.map((r) => ({ ...r, name: `${r.route}: invalid UTF-8` })))('$name → 400 malformed_json', async (r) => {
    const bytes = Buffer.concat([Buffer.from('{"title":"T'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const response = await fetch(`${app.url}${r.path}`, { method: r.method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: bytes });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
  });

  it.each(BODY_NEEDED.map((r) => ({ ...r, name: `${r.route}: no body` })))('$name → 400', (r) =>
    expectRejected({ ...r, status: 400, ...(r.rest ? { code: 'invalid_request', field: 'body' } : { code: 'unknown_command' }) }),
  );

  it.each(BODY_ROUTES.map((r) => ({ ...r, name: `${r.route}: a 2 MiB body` })))('$name → 400 body_too_large', (r) =>
    expectRejected({ ...r, body: JSON.stringify({ ...(r.valid ?? {}), padding: 'x'.repeat(2 * MIB) }), status: 400, code: 'body_too_large' }),
  );

  it('one byte over 1 MiB → 400 body_too_large', () =>
    expectRejected({ name: '', method: 'POST', path: '/elections', body: `{"title":"${'x'.repeat(MIB - 11)}"}`, status: 400, code: 'body_too_large' }));

  it('over the 6 MB Lambda payload limit → 413 (as API Gateway answers)', async () => {
    const body = JSON.stringify({ ...NEW_ELECTION, padding: 'x'.repeat(7 * MIB) });
    checkRejection({ name: '', method: 'POST', path: '/elections', status: 413 }, await postOnOwnConnection('/elections', body));
  });
});

/* ------------------------------------------------------------------------------------------ */

const BAD_BEARERS: Array<[string, string | null]> = [
  ['a wrong token', 'Bearer wrong-token-0123456789abcdef'],
  ['an empty header', ''],
  ['no header', null],
  ['"Bearer" without a token', 'Bearer'],
  ['the token without "Bearer"', ADMIN_TOKEN],
  ['the Basic scheme', `Basic ${ADMIN_TOKEN}`],
  ['the token minus its last character', `Bearer ${ADMIN_TOKEN.slice(0, -1)}`],
  ['the token plus a character', `Bearer ${ADMIN_TOKEN}x`],
  ['the token in upper case', `Bearer ${ADMIN_TOKEN.toUpperCase()}`],
  ['a 600-character token', `Bearer ${'a'.repeat(600)}`],
];
const THESIS_ADMIN_COMMANDS = [T_ADD_VOTERS, T_ADD_CANDIDATES, T_LOCK, T_START, T_SET_DEADLINE];

describe('admin credential on every admin route (with an otherwise valid request)', () => {
  it.each(REST_ADMIN_ROUTES.flatMap((r) => BAD_BEARERS.map(([what, auth]) => ({ ...r, name: `${r.route} with ${what}`, body: r.valid, auth }))))('$name → 401 unauthorized', (r) =>
    expectRejected({ ...r, status: 401, code: 'unauthorized' }),
  );

  it.each(
    THESIS_ADMIN_COMMANDS.flatMap((c) =>
      (
        [
          ['a wrong administrator_token', 'wrong-token-0123456789abcdef'],
          ['an empty administrator_token', ''],
          ['the token in upper case', ADMIN_TOKEN.toUpperCase()],
          ['the token minus its last character', ADMIN_TOKEN.slice(0, -1)],
        ] as const
      ).map(([what, token]) => ({ name: `${c.command} with ${what}`, body: { ...c, administrator_token: token } })),
    ),
  )('/commands $name → 403 forbidden', (c) => expectRejected({ ...c, method: 'POST', path: '/commands', status: 403, code: 'forbidden' }));

  // docs/commands-2019.md: a payload that matches no command's schema may get 400 instead of 403.
  it.each(
    THESIS_ADMIN_COMMANDS.flatMap((c) =>
      (
        [
          ['no administrator_token', without(c, 'administrator_token')],
          ['a null administrator_token', { ...c, administrator_token: null }],
          ['a numeric administrator_token', { ...c, administrator_token: 123456 }],
          ['a 513-character administrator_token', { ...c, administrator_token: 'a'.repeat(513) }],
        ] as const
      ).map(([what, body]) => ({ name: `${c.command} with ${what}`, body })),
    ),
  )('/commands $name → 400 naming administrator_token', (c) => expectRejected({ ...c, method: 'POST', path: '/commands', status: 400, code: 'invalid_request', field: 'administrator_token' }));

  it.each(THESIS_ADMIN_COMMANDS.map((c) => ({ name: `${c.command} with only a REST bearer header`, body: without(c, 'administrator_token') })))('/commands $name → 400', (c) =>
    expectRejected({ ...c, method: 'POST', path: '/commands', status: 400, field: 'administrator_token' }),
  );
});

/* ------------------------------------------------------------------------------------------ */

const ID_ROUTES: Array<{ method: string; suffix: string; body?: Body }> = [
  { method: 'GET', suffix: '' },
  { method: 'GET', suffix: '/candidates' },
  { method: 'POST', suffix: '/candidates', body: ADD_CANDIDATES },
  { method: 'PUT', suffix: '/window', body: WINDOW },
  { method: 'PUT', suffix: '/observers', body: OBSERVERS },
  { method: 'POST', suffix: '/lock' },
  { method: 'POST', suffix: '/start' },
  { method: 'POST', suffix: '/voters', body: VOTERS },
  { method: 'POST', suffix: '/ballots', body: CAST },
  { method: 'GET', suffix: '/turnout' },
  { method: 'GET', suffix: '/results' },
];
const BAD_IDS: Array<[string, string]> = [
  ['A%23B', '"A#B"'],
  ['x%23ROLL', '"x#ROLL"'],
  [`${DRAFT}%23ROLL`, "an alias of the draft election's roll key"],
  [`${OPEN}%23BALLOTS%2300`, 'an alias of a ballot shard key'],
  ['BAD-DRAFT', 'upper case'],
  ['-bad', 'a leading dash'],
  ['a'.repeat(64), '64 characters'],
  [`${DRAFT}%2Flock`, 'an encoded slash'],
  ['bad%00draft', 'a NUL'],
  ['bad%20draft', 'a space'],
  ['%E2%80%AEtfard-dab', 'a right-to-left override'],
  ['no-such-election', 'a well-formed id of no election'],
];

describe('election ids in the path', () => {
  it.each(ID_ROUTES.flatMap((r) => BAD_IDS.map(([id, what]) => ({ ...r, id, name: `${r.method} /elections/{${what}}${r.suffix}` }))))('$name → 404', (r) =>
    expectRejected({ ...r, path: `/elections/${r.id}${r.suffix}`, status: 404, code: 'not_found' }),
  );

  it.each(ID_ROUTES.map((r) => ({ ...r, name: `${r.method} /elections/x%ZZ${r.suffix}` })))('$name (broken percent-encoding) → 400 malformed_path', (r) =>
    expectRejected({ ...r, path: `/elections/x%ZZ${r.suffix}`, status: 400, code: 'malformed_path' }),
  );
});

describe('unknown routes and wrong methods', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/nope'],
    ['POST', '/election'],
    ['POST', '/ELECTIONS'],
    ['GET', `/elections/${DRAFT}/nope`],
    ['POST', `/elections/${DRAFT}/candidates/extra`],
    ['POST', `/elections/${DRAFT}/voters/s1`],
    ['DELETE', `/elections/${OPEN}/ballots/some-receipt`],
    ['POST', '/commands/lock'],
    ['POST', '/command'],
  ])('%s %s → 404 no_route', (method, path) => expectRejected({ name: '', method, path, body: method === 'GET' ? undefined : T_LOCK, status: 404, code: 'no_route' }));

  it.each([
    ['PUT', '/elections'],
    ['DELETE', '/elections'],
    ['PUT', `/elections/${DRAFT}`],
    ['DELETE', `/elections/${DRAFT}`],
    ['PATCH', `/elections/${DRAFT}`],
    ['DELETE', `/elections/${DRAFT}/candidates`],
    ['PUT', `/elections/${DRAFT}/candidates`],
    ['GET', `/elections/${DRAFT}/window`],
    ['POST', `/elections/${DRAFT}/window`],
    ['GET', `/elections/${DRAFT}/observers`],
    ['GET', `/elections/${DRAFT}/lock`],
    ['DELETE', `/elections/${LOCKED}/lock`],
    ['GET', `/elections/${LOCKED}/start`],
    ['GET', `/elections/${DRAFT}/voters`],
    ['DELETE', `/elections/${DRAFT}/voters`],
    ['GET', `/elections/${OPEN}/ballots`],
    ['DELETE', `/elections/${OPEN}/ballots`],
    ['POST', `/elections/${OPEN}/turnout`],
    ['POST', `/elections/${OPEN}/results`],
    ['GET', '/commands'],
    ['PUT', '/commands'],
    ['DELETE', '/commands'],
    ['OPTIONS', '/commands'],
  ])('%s %s → 405 method_not_allowed', (method, path) =>
    expectRejected({ name: '', method, path, body: method === 'GET' || method === 'OPTIONS' ? undefined : {}, status: 405, code: 'method_not_allowed' }),
  );
});

/* ------------------------------------------------------------------------------------------ */

type Case = [name: string, body: Body, field?: string | string[], status?: number, code?: string];
const table = (method: string, path: string, cases: Case[]) =>
  cases.map(([name, body, field, status = 400, code = status === 400 ? 'invalid_request' : undefined]) => ({
    name,
    method,
    path,
    body,
    status,
    ...(field !== undefined && { field }),
    ...(code !== undefined && { code }),
  }));

describe('POST /elections: missing, unknown, wrongly typed and oversized fields', () => {
  const E = NEW_ELECTION;
  const multi = (maxChoices: unknown) => ({ ...E, ballot: { kind: 'multi', maxChoices } });
  it.each(
    table('POST', '/elections', [
      ['missing title', without(E, 'title'), 'title'],
      ['an unknown field', { ...E, admin: true }, 'admin'],
      ['a "__proto__" field', `{"title":"Faculty council","__proto__":{"admin":true}}`, '__proto__'],
      ['a "constructor" field', { ...E, constructor: { name: 'x' } }, 'constructor'],
      ['title as a number', { ...E, title: 42 }, 'title'],
      ['title as null', { ...E, title: null }, 'title'],
      ['title as an array', { ...E, title: ['Faculty council'] }, 'title'],
      ['title over 200 characters', { ...E, title: 'x'.repeat(201) }, 'title'],
      ['an id with "#"', { ...E, id: 'A#B' }, 'id'],
      ['an id aliasing a roll key', { ...E, id: `${DRAFT}#ROLL` }, 'id'],
      ['an upper-case id', { ...E, id: 'Bad-New' }, 'id'],
      ['an id as a number', { ...E, id: 7 }, 'id'],
      ['an id over 63 characters', { ...E, id: 'a'.repeat(64) }, 'id'],
      ['an unknown ballot kind', { ...E, ballot: { kind: 'approval' } }, 'ballot.kind'],
      ['a ranked ballot without a method', { ...E, ballot: { kind: 'ranked', seats: 1 } }, 'ballot.method'],
      ['a ranked ballot by an unknown method', { ...E, ballot: { kind: 'ranked', method: 'borda', seats: 1 } }, 'ballot.method'],
      ['a list ballot without lists', { ...E, ballot: { kind: 'list', method: 'dhondt', seats: 5, votes: 3, maxPerCandidate: 1 } }, 'ballot.lists'],
      ['a referendum with a quorum of 0 %', { ...E, ballot: { kind: 'referendum', majority: 'simple', quorumPercent: 0 } }, 'ballot.quorumPercent'],
      ['a referendum by an unknown majority', { ...E, ballot: { kind: 'referendum', majority: 'three-quarters' } }, 'ballot.majority'],
      ['ballot as a string', { ...E, ballot: 'single' }, 'ballot'],
      ['ballot with an unknown field', { ...E, ballot: { kind: 'single', seats: 2 } }, ['ballot', 'seats']],
      ['a multi ballot without maxChoices', { ...E, ballot: { kind: 'multi' } }, 'ballot.maxChoices'],
      ['maxChoices 0', multi(0), 'ballot.maxChoices'],
      ['maxChoices as a string', multi('2'), 'ballot.maxChoices'],
      ['maxChoices fractional', multi(1.5), 'ballot.maxChoices'],
      ['maxChoices 1e400 (Infinity)', '{"title":"Faculty council","ballot":{"kind":"multi","maxChoices":1e400}}', 'ballot.maxChoices'],
      ['candidates as a string', { ...E, candidates: 'Eve Example' }, 'candidates'],
      ['a candidate without email', { ...E, candidates: [without(cand('Eve Example'), 'email')] }, 'candidates.0.email'],
      ['a candidate with an unknown field', { ...E, candidates: [{ ...cand('Eve Example'), party: 'X' }] }, ['candidates.0', 'party']],
      ['a candidate name as a number', { ...E, candidates: [{ ...cand('Eve'), name: 42 }] }, 'candidates.0.name'],
      ['a candidate name over 200 characters', { ...E, candidates: [cand('x'.repeat(201))] }, 'candidates.0.name'],
      ['a candidate e-mail that is none', { ...E, candidates: [{ ...cand('Eve'), email: 'not-an-email' }] }, 'candidates.0.email'],
      ['a javascript: page link', { ...E, candidates: [{ ...cand('Eve'), pageLink: 'javascript:alert(1)' }] }, 'candidates.0.pageLink'],
      ['an ftp: page link', { ...E, candidates: [{ ...cand('Eve'), pageLink: 'ftp://uni.test/eve' }] }, 'candidates.0.pageLink'],
      ['over 1000 candidates', { ...E, candidates: many(1001, (i) => cand(`Candidate ${i}`)) }, 'candidates'],
      ['observers as a string', { ...E, observers: 'observer@uni.test' }, 'observers'],
      ['an observer that is no e-mail', { ...E, observers: ['observer'] }, 'observers.0'],
      ['over 100 observers', { ...E, observers: many(101, (i) => `o${i}@uni.test`) }, 'observers'],
      ['closesAt that is no date', { ...E, closesAt: 'tomorrow' }, 'closesAt'],
      ['closesAt as a number', { ...E, closesAt: Date.now() + 3600_000 }, 'closesAt'],
      ['closesAt without an offset', { ...E, closesAt: '2099-01-01T00:00:00' }, 'closesAt'],
      ['closesAt in the past', { ...E, closesAt: PAST }, 'closesAt', 400, 'invalid'],
      ['opensAt without closesAt', { ...without(E, 'closesAt'), opensAt: LATER }, 'opensAt'],
      ['opensAt after closesAt', { ...E, opensAt: '2099-01-01T00:00:00Z' }, 'opensAt', 400, 'invalid'],
      ['the id of an existing election', { ...E, id: DRAFT }, DRAFT, 409, 'already_exists'],
      ['two candidates differing only in case', { ...E, candidates: [cand('Eve Example'), cand('EVE EXAMPLE')] }, 'EVE EXAMPLE', 409, 'already_exists'],
    ]),
  )('$name → $status', expectRejected);
});

describe('POST /elections/{id}/candidates', () => {
  it.each(
    table('POST', `/elections/${DRAFT}/candidates`, [
      ['missing candidates', {}, 'candidates'],
      ['an empty list', { candidates: [] }, 'candidates'],
      ['candidates as an object', { candidates: cand('Eve Example') }, 'candidates'],
      ['an unknown field', { ...ADD_CANDIDATES, replace: true }, 'replace'],
      ['a candidate with an unknown field', { candidates: [{ ...cand('Eve Example'), votes: 100 }] }, ['candidates.0', 'votes']],
      ['thesis field names', { candidates: [thesisCand('Eve Example')] }, 'candidates.0'],
      ['a name as a number', { candidates: [{ ...cand('Eve'), name: 7 }] }, 'candidates.0.name'],
      ['a name over 200 characters', { candidates: [cand('x'.repeat(201))] }, 'candidates.0.name'],
      ['a candidate without pageLink', { candidates: [without(cand('Eve'), 'pageLink')] }, 'candidates.0.pageLink'],
      ['a page link over 2048 characters', { candidates: [{ ...cand('Eve'), pageLink: `https://uni.test/${'a'.repeat(2048)}` }] }, 'candidates.0.pageLink'],
      ['a bad second candidate', { candidates: [cand('Eve Example'), { ...cand('Mallory'), email: 'nope' }] }, 'candidates.1.email'],
      ['a null candidate', { candidates: [null] }, 'candidates.0'],
      ['over 1000 candidates', { candidates: many(1001, (i) => cand(`Candidate ${i}`)) }, 'candidates'],
      ['an existing name in other case', { candidates: [cand('ADA LOVELACE')] }, 'ADA LOVELACE', 409, 'already_exists'],
    ]),
  )('$name → $status', expectRejected);
});

describe('PUT /elections/{id}/window and /observers', () => {
  it.each([
    ...table('PUT', `/elections/${DRAFT}/window`, [
      ['missing closesAt', {}, 'closesAt'],
      ['closesAt that is no date', { closesAt: 'next friday' }, 'closesAt'],
      ['closesAt as a number', { closesAt: 4102444800000 }, 'closesAt'],
      ['closesAt date only', { closesAt: '2099-01-01' }, 'closesAt'],
      ['closesAt with an impossible date', { closesAt: '2099-02-31T00:00:00Z' }, 'closesAt'],
      ['opensAt that is no date', { ...WINDOW, opensAt: 'now' }, 'opensAt'],
      ['an unknown field', { ...WINDOW, timezone: 'CET' }, 'timezone'],
      ['closesAt in the past', { closesAt: PAST }, 'closesAt', 400, 'invalid'],
      ['opensAt after closesAt', { ...WINDOW, opensAt: '2099-01-01T00:00:00Z' }, 'opensAt', 400, 'invalid'],
    ]),
    ...table('PUT', `/elections/${DRAFT}/observers`, [
      ['missing observers', {}, 'observers'],
      ['observers as a string', { observers: 'observer@uni.test' }, 'observers'],
      ['an observer as a number', { observers: [42] }, 'observers.0'],
      ['an observer that is no e-mail', { observers: ['observer at uni.test'] }, 'observers.0'],
      ['over 100 observers', { observers: many(101, (i) => `o${i}@uni.test`) }, 'observers'],
      ['an unknown field', { ...OBSERVERS, notify: true }, 'notify'],
    ]),
  ])('$method $path: $name → $status', expectRejected);
});

describe('POST /elections/{id}/lock and /start take no fields', () => {
  it.each(
    [`/elections/${DRAFT}/lock`, `/elections/${LOCKED}/start`].flatMap((path) =>
      table('POST', path, [
        ['an unknown field', { force: true }, 'force'],
        ['an array', [], 'body'],
        ['a string', '"now"', 'body'],
      ]),
    ),
  )('$path: $name → 400', expectRejected);
});

describe('POST /elections/{id}/voters', () => {
  const voter = { studentId: 'new-1', email: 'new-1@uni.test' };
  it.each(
    table('POST', `/elections/${DRAFT}/voters`, [
      ['missing voters', {}, 'voters'],
      ['voters as an object', { voters: voter }, 'voters'],
      ['an empty list', { voters: [] }, 'voters'],
      ['5,001 voters', { voters: many(5001, (i) => ({ studentId: `n${i}`, email: `n${i}@uni.test` })) }, 'voters'],
      ['a student id as a number', { voters: [{ ...voter, studentId: 42 }] }, 'voters.0.studentId'],
      ['a missing student id', { voters: [without(voter, 'studentId')] }, 'voters.0.studentId'],
      ['a student id over 64 characters', { voters: [{ ...voter, studentId: 'x'.repeat(65) }] }, 'voters.0.studentId'],
      ['an e-mail that is none', { voters: [{ ...voter, email: 'new-1' }] }, 'voters.0.email'],
      ['a missing e-mail', { voters: [without(voter, 'email')] }, 'voters.0.email'],
      ['a voter with an unknown field', { voters: [{ ...voter, name: 'Eve' }] }, ['voters.0', 'name']],
      ['thesis field names', { voters: [{ student_id: 'new-1', student_email: 'new-1@uni.test' }] }, 'voters.0'],
      ['a null voter', { voters: [null] }, 'voters.0'],
      ['a bad second voter', { voters: [voter, { studentId: 'new-2', email: '' }] }, 'voters.1.email'],
      ['an unknown field', { ...VOTERS, sendMail: false }, 'sendMail'],
    ]),
  )('$name → 400', expectRejected);
});

describe('POST /elections/{id}/ballots', () => {
  const real = () => open.tokens[0]!;
  // Rows without a field: the cast schema is a union, and its error says only "body: Invalid input" (reported).
  it.each(
    table('POST', `/elections/${OPEN}/ballots`, [
      ['a token too short', { token: 'abc', abstain: true }, 'token'],
      ['a token with characters outside base64url', { token: '!'.repeat(20), abstain: true }, 'token'],
      ['a token over 128 characters', { token: 'a'.repeat(129), choices: ['Ada Lovelace'] }, 'token'],
      ['a token as a number', { token: 1234567890123456, abstain: true }],
      ['no token', { choices: ['Ada Lovelace'] }],
      ['neither choices nor abstain', () => ({ token: real() })],
      ['both choices and abstain', () => ({ token: real(), choices: ['Ada Lovelace'], abstain: true })],
      ['abstain false', () => ({ token: real(), abstain: false })],
      ['choices as a string', () => ({ token: real(), choices: 'Ada Lovelace' })],
      ['a choice as a number', () => ({ token: real(), choices: [1] })],
      ['an empty choice list', () => ({ token: real(), choices: [] }), 'choices'],
      ['a choice over 200 characters', () => ({ token: real(), choices: ['x'.repeat(201)] }), 'choices.0'],
      ['an unknown field', () => ({ token: real(), choices: ['Ada Lovelace'], voterId: 's1' }), 'voterId'],
      ['a choice that is no candidate', () => ({ token: real(), choices: ['Nobody'] }), 'Nobody', 400, 'invalid'],
      ['two choices on a single-choice ballot', () => ({ token: real(), choices: ['Ada Lovelace', 'Grace Hopper'] }), undefined, 400, 'invalid'],
      ['the same candidate twice', () => ({ token: real(), choices: ['Ada Lovelace', 'ada lovelace'] }), 'Ada Lovelace', 400, 'invalid'],
      ['a well-formed but unknown token (abstain)', CAST, undefined, 403, 'invalid_token'],
      ['a well-formed but unknown token (choice)', { token: UNKNOWN_TOKEN, choices: ['Ada Lovelace'] }, undefined, 403, 'invalid_token'],
      ['a token of another election', () => ({ token: draftToken, choices: ['Ada Lovelace'] }), undefined, 403, 'invalid_token'],
    ]),
  )('$name → $status', expectRejected);

  it.each([
    { name: 'a valid token on a draft election', path: `/elections/${DRAFT}/ballots`, body: () => ({ token: draftToken, abstain: true }) },
    { name: 'a token of another election on a draft election', path: `/elections/${DRAFT}/ballots`, body: () => ({ token: real(), abstain: true }) },
  ])('$name → 409 wrong_phase', (c) => expectRejected({ ...c, method: 'POST', status: 409, code: 'wrong_phase' }));

  it('GET /elections/{id}/results before the tally → 409 not_tallied', () => expectRejected({ name: '', method: 'GET', path: `/elections/${OPEN}/results`, status: 409, code: 'not_tallied' }));
});

/* ------------------------------------------------------------------------------------------ */

describe('POST /commands (the thesis API)', () => {
  it.each([
    ['no command field', { administrator_token: ADMIN_TOKEN }],
    ['an empty object', {}],
    ['an unknown command', { ...T_LOCK, command: 'delete_election' }],
    ['a command in upper case', { ...T_LOCK, command: 'LOCK' }],
    ['a command with a dash', { ...T_ADD_VOTERS, command: 'add-voters' }],
    ['a command with a leading space', { ...T_LOCK, command: ' lock' }],
    ['an empty command', { ...T_LOCK, command: '' }],
    ['a numeric command', { ...T_LOCK, command: 42 }],
    ['a null command', { ...T_LOCK, command: null }],
    ['a command as an array', { ...T_LOCK, command: ['lock'] }],
    ['a command as an object', { ...T_LOCK, command: { name: 'lock' } }],
    ['command "toString"', { command: 'toString' }],
    ['command "constructor"', { command: 'constructor' }],
    ['command "__proto__"', '{"command":"__proto__"}'],
    ['command "hasOwnProperty"', { command: 'hasOwnProperty' }],
    ['command "close" (not in the thesis)', { ...T_LOCK, command: 'close' }],
  ])('%s → 400 unknown_command', (_, body) => expectRejected({ name: '', method: 'POST', path: '/commands', body, status: 400, code: 'unknown_command', field: 'command' }));

  const voter = T_ADD_VOTERS.voters_to_add[0]!;
  const tc = thesisCand('Eve Example');
  it.each(
    table('POST', '/commands', [
      ['add_voters: missing voters_to_add', without(T_ADD_VOTERS, 'voters_to_add'), 'voters_to_add'],
      ['add_voters: voters_to_add as a string', { ...T_ADD_VOTERS, voters_to_add: 't-1' }, 'voters_to_add'],
      ['add_voters: an empty list', { ...T_ADD_VOTERS, voters_to_add: [] }, 'voters_to_add'],
      ['add_voters: 5,001 voters', { ...T_ADD_VOTERS, voters_to_add: many(5001, (i) => ({ student_id: i, student_email: `t${i}@uni.test` })) }, 'voters_to_add'],
      ['add_voters: student_id as a boolean', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_id: true }] }, 'voters_to_add.0.student_id'],
      ['add_voters: a negative student_id', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_id: -1 }] }, 'voters_to_add.0.student_id'],
      ['add_voters: a fractional student_id', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_id: 1.5 }] }, 'voters_to_add.0.student_id'],
      ['add_voters: a null student_id', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_id: null }] }, 'voters_to_add.0.student_id'],
      ['add_voters: a student_id over 64 characters', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_id: 'x'.repeat(65) }] }, 'voters_to_add.0.student_id'],
      ['add_voters: a missing student_id', { ...T_ADD_VOTERS, voters_to_add: [without(voter, 'student_id')] }, 'voters_to_add.0.student_id'],
      ['add_voters: a student_email that is none', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, student_email: 'x' }] }, 'voters_to_add.0.student_email'],
      ['add_voters: a voter with an unknown field', { ...T_ADD_VOTERS, voters_to_add: [{ ...voter, name: 'Eve' }] }, ['voters_to_add.0', 'name']],
      ['add_voters: REST field names', { ...T_ADD_VOTERS, voters_to_add: [{ studentId: 't-1', email: 't-1@uni.test' }] }, 'voters_to_add.0'],
      ['add_voters: an unknown field', { ...T_ADD_VOTERS, election: DRAFT }, 'election'],
      ['add_candidates: missing candidates_to_add', without(T_ADD_CANDIDATES, 'candidates_to_add'), 'candidates_to_add'],
      ['add_candidates: an empty list', { ...T_ADD_CANDIDATES, candidates_to_add: [] }, 'candidates_to_add'],
      ['add_candidates: over 1000 candidates', { ...T_ADD_CANDIDATES, candidates_to_add: many(1001, (i) => thesisCand(`Candidate ${i}`)) }, 'candidates_to_add'],
      ['add_candidates: a name as a number', { ...T_ADD_CANDIDATES, candidates_to_add: [{ ...tc, candidate_full_name: 1 }] }, 'candidates_to_add.0.candidate_full_name'],
      ['add_candidates: a name over 200 characters', { ...T_ADD_CANDIDATES, candidates_to_add: [thesisCand('x'.repeat(201))] }, 'candidates_to_add.0.candidate_full_name'],
      ['add_candidates: an e-mail that is none', { ...T_ADD_CANDIDATES, candidates_to_add: [{ ...tc, candidate_email: 'eve' }] }, 'candidates_to_add.0.candidate_email'],
      ['add_candidates: a javascript: page link', { ...T_ADD_CANDIDATES, candidates_to_add: [{ ...tc, candidate_page_link: 'javascript:alert(1)' }] }, 'candidates_to_add.0.candidate_page_link'],
      ['add_candidates: a missing page link', { ...T_ADD_CANDIDATES, candidates_to_add: [without(tc, 'candidate_page_link')] }, 'candidates_to_add.0.candidate_page_link'],
      ['add_candidates: a candidate with an unknown field', { ...T_ADD_CANDIDATES, candidates_to_add: [{ ...tc, party: 'X' }] }, ['candidates_to_add.0', 'party']],
      ['add_candidates: REST field names', { ...T_ADD_CANDIDATES, candidates_to_add: [cand('Eve Example')] }, 'candidates_to_add.0'],
      ['add_candidates: an unknown field', { ...T_ADD_CANDIDATES, replace: true }, 'replace'],
      ['get_candidates: an unknown field', { ...T_GET_CANDIDATES, election: DRAFT }, 'election'],
      ['get_candidates: an administrator_token', { ...T_GET_CANDIDATES, administrator_token: ADMIN_TOKEN }, 'administrator_token'],
      ['cast_vote: missing voter_token', without(T_CAST, 'voter_token'), 'voter_token'],
      ['cast_vote: a voter_token too short', { ...T_CAST, voter_token: 'abc' }, 'voter_token'],
      ['cast_vote: a voter_token outside base64url', { ...T_CAST, voter_token: '?'.repeat(32) }, 'voter_token'],
      ['cast_vote: a voter_token as a number', { ...T_CAST, voter_token: 12345678901234 }, 'voter_token'],
      ['cast_vote: missing voter_id', without(T_CAST, 'voter_id'), 'voter_id'],
      ['cast_vote: voter_id as a boolean', { ...T_CAST, voter_id: false }, 'voter_id'],
      ['cast_vote: a negative voter_id', { ...T_CAST, voter_id: -3 }, 'voter_id'],
      ['cast_vote: missing candidate_full_name', without(T_CAST, 'candidate_full_name'), 'candidate_full_name'],
      ['cast_vote: an empty candidate_full_name', { ...T_CAST, candidate_full_name: '' }, 'candidate_full_name'],
      ['cast_vote: candidate_full_name over 200 characters', { ...T_CAST, candidate_full_name: 'x'.repeat(201) }, 'candidate_full_name'],
      ['cast_vote: candidate_full_name as a list', { ...T_CAST, candidate_full_name: ['Marvelous Comrade'] }, 'candidate_full_name'],
      ['cast_vote: an unknown field', { ...T_CAST, election: OPEN }, 'election'],
      ['cast_vote: a well-formed but unknown voter_token', T_CAST, undefined, 403, 'forbidden'],
      ['lock: an unknown field', { ...T_LOCK, force: true }, 'force'],
      ['start: an unknown field', { ...T_START, at: LATER }, 'at'],
      ['set_deadline: missing deadline', without(T_SET_DEADLINE, 'deadline'), 'deadline'],
      ['set_deadline: a deadline that is no date', { ...T_SET_DEADLINE, deadline: 'end of term' }, 'deadline'],
      ['set_deadline: a deadline as a number', { ...T_SET_DEADLINE, deadline: 4102444800 }, 'deadline'],
      ['set_deadline: a deadline without an offset', { ...T_SET_DEADLINE, deadline: '2099-01-01T00:00:00' }, 'deadline'],
      ['set_deadline: a date-only deadline', { ...T_SET_DEADLINE, deadline: '2099-01-01' }, 'deadline'],
      ['set_deadline: an unknown field', { ...T_SET_DEADLINE, opens: LATER }, 'opens'],
      ['set_deadline: a deadline in the past', { ...T_SET_DEADLINE, deadline: PAST }, undefined, 403, 'forbidden'],
    ]),
  )('$name → $status', expectRejected);
});

/* ------------------------------------------------------------------------------------------ */

const UNICODE_TRICKS: Array<[string, string]> = [
  ['a zero-width space', 'Ada\u200bLovelace'],
  ['a right-to-left override', 'Ada \u202eecalevoL'],
  ['a left-to-right isolate', 'Ada \u2066Lovelace\u2069'],
  ['a NUL', 'Ada\u0000Lovelace'],
  ['an ANSI escape sequence', 'Ada\u001b[2JLovelace'],
  ['a newline', 'Ada\nLovelace'],
  ['a C1 control (NEL)', 'Ada\u0085Lovelace'],
  ['a word joiner', 'Ada\u2060Lovelace'],
  ['a byte-order mark', '\ufeffAda Lovelace'],
  ['non-NFC text (decomposed accents)', 'Jose\u0301 Marti\u0301'],
  ['a leading space', ' Ada Lovelace'],
  ['a trailing space', 'Ada Lovelace '],
  ['a leading no-break space', '\u00a0Ada Lovelace'],
  ['only spaces', '   '],
  ['the empty string', ''],
  ['an Arabic letter mark', 'Ada\u061cLovelace'],
  ['a soft hyphen', 'Ada\u00adLovelace'],
  ['a combining grapheme joiner', 'Ada\u034fLovelace'],
  ['a Hangul filler', 'Ada\u3164Lovelace'],
  ['a Mongolian vowel separator', 'Ada\u180eLovelace'],
  ['a line separator', 'Ada\u2028Lovelace'],
  ['a tag character', 'Ada\u{e0041}Lovelace'],
  ['a lone surrogate', 'Ada\ud800Lovelace'],
];
const NAME_FIELDS: Array<{ where: string; method: string; path: string; field: string; body: (text: string) => unknown }> = [
  { where: 'election title', method: 'POST', path: '/elections', field: 'title', body: (title) => ({ ...NEW_ELECTION, title }) },
  {
    where: 'candidate name at creation',
    method: 'POST',
    path: '/elections',
    field: 'candidates.0.name',
    body: (name) => ({ ...NEW_ELECTION, candidates: [cand(name)] }),
  },
  {
    where: 'added candidate name',
    method: 'POST',
    path: `/elections/${DRAFT}/candidates`,
    field: 'candidates.1.name',
    body: (name) => ({ candidates: [cand('Eve Example'), cand(name)] }),
  },
  {
    where: 'student id',
    method: 'POST',
    path: `/elections/${DRAFT}/voters`,
    field: 'voters.0.studentId',
    body: (studentId) => ({ voters: [{ studentId, email: 'new-1@uni.test' }] }),
  },
  { where: 'ballot choice', method: 'POST', path: `/elections/${OPEN}/ballots`, field: 'choices.0', body: (name) => ({ token: open.tokens[0], choices: [name] }) },
  {
    where: 'thesis candidate_full_name',
    method: 'POST',
    path: '/commands',
    field: 'candidates_to_add.0.candidate_full_name',
    body: (name) => ({ ...T_ADD_CANDIDATES, candidates_to_add: [thesisCand(name)] }),
  },
  {
    where: 'thesis student_id',
    method: 'POST',
    path: '/commands',
    field: 'voters_to_add.0.student_id',
    body: (id) => ({ ...T_ADD_VOTERS, voters_to_add: [{ student_id: id, student_email: 't-1@uni.test' }] }),
  },
  { where: 'thesis voter_id', method: 'POST', path: '/commands', field: 'voter_id', body: (id) => ({ ...T_CAST, voter_id: id }) },
];

describe('unicode tricks in names, titles and student ids', () => {
  it.each(NAME_FIELDS.flatMap((f) => UNICODE_TRICKS.map(([what, text]) => ({ ...f, name: `${f.where} with ${what}`, body: () => f.body(text) }))))('$name → 400 naming the field', (c) =>
    expectRejected({ ...c, status: 400, code: 'invalid_request' }),
  );

  // The thesis's cast_vote compares the name to the ballot; a tricked name is refused either way.
  it.each(UNICODE_TRICKS.map(([what, text]) => ({ name: `thesis cast_vote candidate_full_name with ${what}`, body: { ...T_CAST, candidate_full_name: text } })))('$name → 4xx', (c) =>
    expectRejected({ ...c, method: 'POST', path: '/commands' }),
  );
});

/* ------------------------------------------------------------------------------------------ */

describe('after all of the above', () => {
  it('every election log, ballot box and participation count is unchanged', async () => {
    expect(await logsAndBallots()).toEqual(before);
  });

  it('no request was answered with a 5xx or logged as a failure', () => {
    const lines = app.log.lines.map((line) => JSON.parse(line) as { level: string; message: string; status?: number });
    expect(lines.filter((l) => l.message === 'request').length).toBeGreaterThanOrEqual(sent);
    expect(lines.filter((l) => l.level === 'error' || (l.status ?? 0) >= 500)).toEqual([]);
  });
});
