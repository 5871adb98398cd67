import { afterAll, beforeAll, it } from 'vitest';
import { ADMIN_TOKEN, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

let app: TestApp;
beforeAll(async () => (app = await startTestApp()));
afterAll(() => app.stop());

async function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const r = await fetch(`${app.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
  return `${r.status} ${r.headers.get('content-type')} ${(await r.text()).slice(0, 300)}`;
}
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('probe', async () => {
  const { id } = await setUpElection(app, { id: 'p', closesInMs: 3600_000 });
  const cand = (name: string) => JSON.stringify({ candidates: [{ name, email: 'x@uni.test', pageLink: 'https://x.test' }] });
  for (const ch of ['\u00ad', '\u061c', '\u3164', '\u2028', '\ud800', '\u{e0041}']) console.log('cand', ch.codePointAt(0)!.toString(16), await raw('POST', `/elections/${id}/candidates`, cand(`N${ch}X`), auth));
  console.log('utf8', await raw('POST', '/elections', Buffer.concat([Buffer.from('{"id":"utf","title":"T'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), auth));
  console.log('utf8 cand', await raw('POST', `/elections/${id}/candidates`, Buffer.concat([Buffer.from('{"candidates":[{"name":"B'), Buffer.from([0xc3]), Buffer.from('","email":"b@uni.test","pageLink":"https://b.test"}]}')]), auth));
  console.log('empty auth', await raw('POST', `/elections/${id}/lock`, undefined, { authorization: '' }));
  console.log('no auth', await raw('POST', `/elections/${id}/lock`));
  console.log('basic', await raw('POST', `/elections/${id}/lock`, undefined, { authorization: `Basic ${ADMIN_TOKEN}` }));
  console.log('lower bearer', await raw('POST', `/elections/${id}/lock`, undefined, { authorization: `bearer x` }));
  console.log('pct', await raw('GET', `/elections/x%ZZ`));
  console.log('pct23', await raw('GET', `/elections/x%23ROLL`));
  console.log('nope lock', await raw('POST', `/elections/nope/lock`, undefined, auth));
  console.log('nope voters', await raw('POST', `/elections/nope/voters`, JSON.stringify({ voters: [{ studentId: 'a', email: 'a@b.test' }] }), auth));
  console.log('nope cast', await raw('POST', `/elections/nope/ballots`, JSON.stringify({ token: 'a'.repeat(43), abstain: true })));
  console.log('cmd empty tok', await raw('POST', `/commands`, JSON.stringify({ command: 'lock', administrator_token: '' })));
  console.log('cmd missing tok', await raw('POST', `/commands`, JSON.stringify({ command: 'lock' })));
  console.log('cmd sid', await raw('POST', `/commands`, JSON.stringify({ command: 'add_voters', administrator_token: ADMIN_TOKEN, voters_to_add: [{ student_id: 'a\u200b', student_email: 'a@b.test' }] })));
  console.log('cmd sid -1', await raw('POST', `/commands`, JSON.stringify({ command: 'add_voters', administrator_token: ADMIN_TOKEN, voters_to_add: [{ student_id: -1, student_email: 'a@b.test' }] })));
  console.log('cmd sid 1.5', await raw('POST', `/commands`, JSON.stringify({ command: 'add_voters', administrator_token: ADMIN_TOKEN, voters_to_add: [{ student_id: 1e300, student_email: 'a@b.test' }] })));
  console.log('cmd cast', await raw('POST', `/commands`, JSON.stringify({ command: 'cast_vote', voter_token: 'a'.repeat(43), voter_id: 1, candidate_full_name: 'X\u200b' })));
  console.log('cmd nested', await raw('POST', `/commands`, JSON.stringify({ command: 'add_candidates', administrator_token: ADMIN_TOKEN, candidates_to_add: [{ candidate_full_name: ' A', candidate_email: 'a@b.test', candidate_page_link: 'https://a.test' }] })));
  console.log('cmd proto', await raw('POST', `/commands`, '{"command":"lock","administrator_token":"x","__proto__":{"command":"lock"}}'));
  console.log('cmd get', await raw('POST', `/commands`, JSON.stringify({ command: 'get_candidates', x: 1 })));
  console.log('cmd tostring', await raw('POST', `/commands`, JSON.stringify({ command: 'toString' })));
  console.log('head', await raw('HEAD', `/elections/p`));
  console.log('options', await raw('OPTIONS', `/elections/p`));
  console.log('get commands', await raw('GET', `/commands`));
  console.log('trailing', await raw('GET', `/elections/p/`));
  console.log('double', await raw('GET', `//elections/p`));
  console.log('events', JSON.stringify((await app.store.readEvents(id)).map((e) => [e.type, e.data])).slice(0, 2000));
  console.log('utf election', (await app.store.readEvents('utf')).length);
  await openElection(app, id);
  console.log('cast unknown', await raw('POST', `/elections/${id}/ballots`, JSON.stringify({ token: 'a'.repeat(43), abstain: true })));
  console.log('cast 2028', await raw('POST', `/elections/${id}/ballots`, JSON.stringify({ token: 'a'.repeat(43), choices: ['A\u2028'] })));
});
