import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';

/** Candidate names a voter can tell apart: what the API stores, and what it refuses with which field. */
describe('candidate names through the API', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const candidate = (name: string, i = 0) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` });
  const create = (names: string[], extra: Record<string, unknown> = {}) => app.call('POST', '/elections', { title: 'Student council', candidates: names.map(candidate), ...extra });
  const error = (response: { status: number; body: any }) => ({ status: response.status, ...response.body?.error });
  const SPACING = 'must separate words by single plain spaces, without blank-looking characters';

  it.each([
    ['a Cyrillic look-alike', ['Ada', 'Аda'], 400, 'invalid', 'candidates.1.name: "Аda" looks like "Ada" (candidates.0.name)'],
    ['a name with a doubled space', ['Ada Lovelace', 'Ada  Lovelace'], 400, 'invalid_request', `candidates.1.name: ${SPACING}`],
    ['a name with a Braille blank after it', ['Ada', 'Ada\u2800'], 400, 'invalid_request', `candidates.1.name: ${SPACING}`],
    ['a name in full-width letters', ['Ada', 'Ａｄａ'], 409, 'already_exists', 'candidates.1.name: "Ａｄａ" is the same name as "Ada" (candidates.0.name)'],
    ["the page's own abstain option", ['Ada', 'Abstain (blank ballot)'], 400, 'invalid', 'candidates.1.name: "Abstain (blank ballot)" reads as the ballot\'s own "Abstain (blank ballot)"'],
    ['the German abstain option', ['Enthaltung'], 400, 'invalid', 'candidates.0.name: "Enthaltung" reads as the ballot\'s own "Enthaltung"'],
    ['"re-open nominations"', ['RON'], 400, 'invalid', 'candidates.0.name: "RON" reads as the ballot\'s own "RON"'],
    ['a name of blank-looking characters only', ['\u2800\u2800'], 400, 'invalid_request', `candidates.0.name: ${SPACING}`],
    ['a name without a letter or digit', ['-- * --'], 400, 'invalid_request', 'candidates.0.name: must contain a letter or a digit'],
  ])('refuses %s, naming the field and the names', async (_, names, status, code, message) => {
    expect(error(await create(names))).toEqual({ status, code, message });
  });

  it('refuses a look-alike of a candidate already on the ballot', async () => {
    expect((await create(['Ada Lovelace'], { id: 'names-later' })).status).toBe(201);
    const added = await app.call('POST', '/elections/names-later/candidates', { candidates: [candidate('Grace Hopper'), candidate('Аda Lovelace', 1)] });
    expect(error(added)).toEqual({ status: 400, code: 'invalid', message: 'candidates.1.name: "Аda Lovelace" looks like "Ada Lovelace" already on the ballot' });
  });

  it('refuses a title without a letter or digit, or with blanks that hide a difference', async () => {
    expect(error(await create([], { title: '*** ***' }))).toEqual({ status: 400, code: 'invalid_request', message: 'title: must contain a letter or a digit' });
    expect(error(await create([], { title: 'Student\u2800council' }))).toEqual({ status: 400, code: 'invalid_request', message: `title: ${SPACING}` });
  });

  it('applies the same rules to the 2019 add_candidates command', async () => {
    const command = (name: string) => ({
      command: 'add_candidates',
      administrator_token: ADMIN_TOKEN,
      candidates_to_add: [{ candidate_full_name: name, candidate_email: 'c@uni.test', candidate_page_link: 'https://uni.test/c' }],
    });
    expect((await app.call('POST', '/commands', command('Marvelous Comrade'))).status).toBe(200);
    expect(error(await app.call('POST', '/commands', command('Маrvelous Comrade')))).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'candidates.0.name: "Маrvelous Comrade" looks like "Marvelous Comrade" already on the ballot',
    });
    expect(error(await app.call('POST', '/commands', command('Abstain')))).toMatchObject({ status: 403, message: expect.stringContaining('reads as the ballot\'s own "Abstain"') });
  });
});
