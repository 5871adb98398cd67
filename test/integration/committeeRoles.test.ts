import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holds, ROLES, type Member, type Role } from '../../domain/committee';
import { admin } from '../../cli/admin';
import { ApiClient } from '../../cli/apiClient';
import { ADMIN_TOKEN_MEMBER } from '../../handlers/adapters/adminTokenAuthenticator';
import { API_ROUTES, type RouteAddress } from '../../handlers/api/routeTable';
import { newApiToken } from '../../handlers/apiTokenText';
import { ADMIN_TOKEN, memberWithToken, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Each role against every route that needs one, over HTTP on DynamoDB Local: a member's personal
 * API token reaches what their role holds and is refused 403, naming the role, elsewhere. Then
 * the committee's rules in the log: the lock and the start need two committee members, each
 * event names who asked, and a member not on an election's committee may not act on it.
 */

const ROUTES_WITH_ROLES = Object.entries(API_ROUTES as Record<string, RouteAddress>).filter(([, route]) => route.role !== undefined);

/** A path with every placeholder filled: an election that does not exist, so that a request let through is answered 404 or 400, never carried out. */
const pathOf = (route: RouteAddress) =>
  route.path.replace('{id}', 'no-such-election').replace('{studentId}', 's1').replace('{contest}', 'main').replace('{upload}', 'a'.repeat(64)).replace('{index}', '0').replace('{position}', '0');

describe('roles on the admin routes, and two committee members for the lock and the start', () => {
  let app: TestApp;
  const tokens = new Map<Role | 'second', string>();
  const members = new Map<Role | 'second', Member>();
  const as = (who: Role | 'second') => ({ authorization: tokens.get(who)! });

  async function signUp(key: Role | 'second', name: string, role: Role) {
    const { member, headers } = await memberWithToken(app, name, role);
    tokens.set(key, headers.authorization!);
    members.set(key, member);
  }

  beforeAll(async () => {
    app = await startTestApp();
    await signUp('committee', 'Ada Lovelace', 'committee');
    await signUp('second', 'Grace Hopper', 'committee');
    await signUp('helpdesk', 'Helen Desk', 'helpdesk');
    await signUp('observer', 'Otto Observer', 'observer');
  });
  afterAll(() => app.stop());

  it.each(ROUTES_WITH_ROLES)('%s: refused 401 without a token or with a forged one', async (_, route) => {
    const forged = newApiToken(randomBytes).text;
    for (const headers of [{ authorization: '' }, { authorization: `Bearer ${forged}` }, { authorization: 'Bearer not-a-token' }]) {
      const answer = await app.call(route.method, pathOf(route), route.method === 'GET' ? undefined : {}, headers);
      expect(answer, `${route.method} ${route.path}`).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    }
  });

  it.each(ROUTES_WITH_ROLES)('%s: each role is let through exactly when it holds the route’s role', async (_, route) => {
    for (const role of ROLES) {
      const answer = await app.call(route.method, pathOf(route), route.method === 'GET' ? undefined : {}, as(role));
      const label = `${route.method} ${route.path} as ${role}`;
      if (holds(role, route.role!)) expect([401, 403], label).not.toContain(answer.status);
      else {
        expect(answer.status, label).toBe(403);
        expect(answer.body.error, label).toEqual({ code: 'forbidden', message: `this needs the ${route.role} role: ${members.get(role)!.name} is ${role}` });
      }
    }
  });

  it('records the deployment’s members as a new election’s committee, and each command’s member as `by`', async () => {
    await setUpElection(app, { id: 'council', voters: 2, closesInMs: 4 * 3_600_000 });
    const { body } = await app.call('GET', '/elections/council/events');
    const created = body.events.find((e: { type: string }) => e.type === 'ElectionCreated');
    const committee = created.data.committee.map((m: Member) => `${m.name}:${m.role}`).sort();
    expect(committee).toEqual(['Ada Lovelace:committee', 'Admin token:committee', 'Grace Hopper:committee', 'Helen Desk:helpdesk', 'Otto Observer:observer']);
    expect(created.by).toEqual({ id: ADMIN_TOKEN_MEMBER.id, name: ADMIN_TOKEN_MEMBER.name });
    expect(body.events.find((e: { type: string }) => e.type === 'VotersRegistered').by).toEqual({ id: ADMIN_TOKEN_MEMBER.id, name: ADMIN_TOKEN_MEMBER.name });
  });

  it('lets the help desk re-issue a link, named in the log, and shows an observer the mail counts without the voters', async () => {
    expect((await app.call('POST', '/elections/council/voters/s1/reissue', undefined, as('helpdesk'))).status).toBe(200);
    const { body } = await app.call('GET', '/elections/council/events');
    const helen = members.get('helpdesk')!;
    expect(body.events.find((e: { type: string }) => e.type === 'CredentialReissued').by).toEqual({ id: helen.id, name: helen.name });
    const report = await app.call('GET', '/elections/council/mail', undefined, as('observer'));
    expect(report.status).toBe(200);
    expect(Object.keys(report.body)).toEqual(['counts']);
    expect(Object.keys((await app.call('GET', '/elections/council/mail', undefined, as('helpdesk'))).body).sort()).toEqual(['counts', 'problems']);
  });

  it('locks only when a second committee member confirms: the proposer alone is refused, both are in the log', async () => {
    const proposed = await app.call('POST', '/elections/council/lock', undefined, as('committee'));
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      phase: 'draft',
      proposal: { action: 'Lock', proposedBy: { name: 'Ada Lovelace' }, message: expect.stringContaining('waiting for a second committee member') },
    });
    const again = await app.call('POST', '/elections/council/lock', undefined, as('committee'));
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'awaiting_second_member', message: expect.stringContaining('Ada Lovelace proposed it') } } });
    const confirmed = await app.call('POST', '/elections/council/lock', undefined, as('second'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.phase).toBe('locked');
    const { body } = await app.call('GET', '/elections/council/events');
    const locked = body.events.find((e: { type: string }) => e.type === 'ElectionLocked');
    const ada = members.get('committee')!;
    const grace = members.get('second')!;
    expect(locked.by).toEqual({ id: grace.id, name: grace.name });
    expect(locked.data.proposedBy).toEqual({ id: ada.id, name: ada.name });
  });

  it('refuses a proposal’s confirmation after it expired: the late call proposes anew', async () => {
    const proposed = await app.call('POST', '/elections/council/start', undefined, as('second'));
    expect(proposed.status).toBe(202);
    app.clock.advance(31 * 60_000);
    // The late member proposes anew, here from the command line, which says so.
    const printed: string[] = [];
    await admin.step(new ApiClient({ baseUrl: app.url, adminToken: tokens.get('committee')!.slice('Bearer '.length) }), 'council', 'start', (line) => printed.push(line));
    expect(printed).toEqual([expect.stringMatching(/^council: start proposed, waiting for a second committee member: Ada Lovelace proposed to start the election; .* before \S+Z\.$/)]);
    const started = await app.call('POST', '/elections/council/start', undefined, as('second'));
    expect(started.status).toBe(200);
    expect(started.body.phase).toBe('open');
  });

  it('refuses a member who joined the deployment after the election was created, until the election records them', async () => {
    await signUp('committee', 'Nora Newcomer', 'committee');
    const refused = await app.call('PUT', '/elections/council/observers', { observers: [] }, as('committee'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("is not on this election's committee");
  });

  it('keeps the admin token working as one committee member, for scripts written before accounts', async () => {
    const answer = await app.call('GET', '/elections', undefined, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(answer.status).toBe(200);
    expect(answer.body.elections.map((e: { id: string }) => e.id)).toContain('council');
  });
});
