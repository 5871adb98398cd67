import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/committee';
import { ADMIN_TOKEN_MEMBER } from '../../handlers/adapters/adminTokenAuthenticator';
import { MEMBER_READ_MS } from '../../handlers/adapters/jwtAuthenticator';
import { setUpElection, startTestApp, type TestApp } from '../support/harness';
import { firstTokenOf } from '../support/memberTokens';

const DAY_MS = 86_400_000;

type Invited = { id: string; name: string; email: string; role: Role };

describe('the committee manages its members and personal API tokens through the API', () => {
  let app: TestApp;
  beforeEach(async () => (app = await startTestApp()));
  afterEach(() => app.stop());

  /** A draft election the admin token's member created, whose log keeps a roster; voting closes in ten days, past every clock move here. */
  const draft = () => setUpElection(app, { id: 'council', voters: 2, closesInMs: 10 * DAY_MS });

  const invite = async (email: string, name: string, role: Role): Promise<Invited & { elections: unknown[] }> => {
    const invited = await app.call('POST', '/members', { email, name, role });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    return invited.body;
  };

  /** Calls the API with a member's bearer token instead of the admin token. */
  const as = (token: string, method: string, path: string, body?: unknown) => app.call(method, path, body, { authorization: `Bearer ${token}` });

  const firstToken = (member: Invited, role?: Role) => firstTokenOf(app.deps, member, role);

  const lastEvent = async (electionId: string) => (await app.store.readEvents(electionId)).at(-1)!;

  it("invites a helpdesk member, an observer and a second committee member, lists them, and records each on the draft election's roster", async () => {
    await draft();
    const helpdesk = await invite('Hal@Uni.test', 'Hal Desk', 'helpdesk');
    expect(helpdesk).toMatchObject({ id: expect.any(String), name: 'Hal Desk', email: 'hal@uni.test', role: 'helpdesk', elections: [{ election: 'council', outcome: 'recorded' }] });
    expect(await lastEvent('council')).toMatchObject({ type: 'MemberRecorded', data: { member: { id: helpdesk.id, name: 'Hal Desk', role: 'helpdesk' } }, by: { id: ADMIN_TOKEN_MEMBER.id } });
    await invite('olga@uni.test', 'Olga Observer', 'observer');
    await invite('cleo@uni.test', 'Cleo Chair', 'committee');

    const listed = await app.call('GET', '/members');
    expect(listed.status).toBe(200);
    expect(listed.body.members.map(({ name, email, role }: Invited) => `${name} <${email}> ${role}`)).toEqual([
      'Cleo Chair <cleo@uni.test> committee',
      'Hal Desk <hal@uni.test> helpdesk',
      'Olga Observer <olga@uni.test> observer',
    ]);
    const roster = (await app.store.load('council')).state;
    expect(roster.phase !== 'none' && roster.committee?.map((m) => m.name).sort()).toEqual(['Admin token', 'Cleo Chair', 'Hal Desk', 'Olga Observer']);

    const again = await app.call('POST', '/members', { email: 'hal@uni.test', name: 'Hal Again', role: 'observer' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_exists', message: expect.stringMatching(/^email: /) } } });
    const unnamed = await app.call('POST', '/members', { email: 'x@uni.test', name: '', role: 'observer' });
    expect(unnamed).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^name: /) } } });
    const notARole = await app.call('POST', '/members', { email: 'x@uni.test', name: 'X', role: 'chair' });
    expect(notARole).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^role: /) } } });
  });

  it('lets a helpdesk member re-issue a link with their token, and refuses them the lock naming the committee role', async () => {
    await draft();
    const helpdesk = await invite('hal@uni.test', 'Hal Desk', 'helpdesk');
    const session = await firstToken(helpdesk);
    const made = await as(session, 'POST', '/tokens', { role: 'helpdesk', label: 'help desk script' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      token: expect.stringMatching(/^elect_[A-Za-z0-9_-]{43}$/),
      role: 'helpdesk',
      label: 'help desk script',
      expiresAt: expect.any(String),
    });
    // 30 days unless asked otherwise, by the harness's clock.
    expect(Date.parse(made.body.expiresAt) - app.clock.now().getTime()).toBeGreaterThan(30 * DAY_MS - 60_000);
    expect(Date.parse(made.body.expiresAt) - app.clock.now().getTime()).toBeLessThanOrEqual(30 * DAY_MS);

    const reissued = await as(made.body.token, 'POST', '/elections/council/voters/s1/reissue');
    expect(reissued.status, JSON.stringify(reissued.body)).toBe(200);
    expect(await lastEvent('council')).toMatchObject({ type: 'CredentialReissued', by: { id: helpdesk.id, name: 'Hal Desk' } });

    const lock = await as(made.body.token, 'POST', '/elections/council/lock');
    expect(lock).toMatchObject({ status: 403, body: { error: { code: 'forbidden', message: expect.stringContaining('committee role') } } });
    expect((await app.store.load('council')).state.phase).toBe('draft');

    // The token is in its member's list, without its text or hash; nobody else's list has it.
    const listed = await as(made.body.token, 'GET', '/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toHaveLength(2);
    expect(listed.body.tokens[1]).toEqual({ id: made.body.id, role: 'helpdesk', label: 'help desk script', createdAt: expect.any(String), expiresAt: made.body.expiresAt, state: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token.slice(6));
  });

  it('refuses a revoked token, an expired one and a forged one with 401', async () => {
    const helpdesk = await invite('hal@uni.test', 'Hal Desk', 'helpdesk');
    const session = await firstToken(helpdesk);
    const revoked = (await as(session, 'POST', '/tokens', { role: 'observer', label: 'to revoke' })).body;
    const shortLived = (await as(session, 'POST', '/tokens', { role: 'observer', expiresInDays: 1 })).body;
    expect(shortLived.label).toBe('');
    for (const token of [revoked.token, shortLived.token]) expect((await as(token, 'GET', '/tokens')).status).toBe(200);

    const revocation = await as(session, 'POST', `/tokens/${revoked.id}/revoke`);
    expect(revocation).toMatchObject({ status: 200, body: { id: revoked.id, revoked: true } });
    expect((await as(revoked.token, 'GET', '/tokens')).status).toBe(401);
    const states = (await as(session, 'GET', '/tokens')).body.tokens.map((t: { id: string; state: string; revokedAt?: string }) => [t.id, t.state, t.revokedAt !== undefined]);
    expect(states).toContainEqual([revoked.id, 'revoked', true]);

    app.clock.advance(DAY_MS);
    expect((await as(shortLived.token, 'GET', '/tokens')).status).toBe(401);
    expect((await as(session, 'GET', '/tokens')).body.tokens.find((t: { id: string }) => t.id === shortLived.id).state).toBe('expired');

    const forged = `elect_${randomBytes(32).toString('base64url')}`;
    expect(await as(forged, 'GET', '/tokens')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });

  it("refuses a token of a higher role than its member's, a token for the admin token's member, and another member's token to revoke", async () => {
    const observer = await invite('olga@uni.test', 'Olga Observer', 'observer');
    const helpdesk = await invite('hal@uni.test', 'Hal Desk', 'helpdesk');
    const olga = await firstToken(observer);
    const higher = await as(olga, 'POST', '/tokens', { role: 'committee' });
    expect(higher).toMatchObject({ status: 403, body: { error: { code: 'forbidden', message: 'role: a committee token needs the committee role: Olga Observer is observer' } } });
    // A token acts with its own role: a helpdesk member's observer token makes no helpdesk token.
    const lowered = await firstToken(helpdesk, 'observer');
    expect((await as(lowered, 'POST', '/tokens', { role: 'helpdesk' })).status).toBe(403);

    const admin = await app.call('POST', '/tokens', { role: 'committee' });
    expect(admin).toMatchObject({ status: 409, body: { error: { message: 'member: Admin token has no account: sign in as a member to make tokens' } } });
    expect((await app.call('POST', '/tokens', { role: 'observer', expiresInDays: 366 })).body.error.message).toMatch(/^expiresInDays: /);

    const halsToken = (await as(lowered, 'POST', '/tokens', { role: 'observer' })).body;
    const notHers = await as(olga, 'POST', `/tokens/${halsToken.id}/revoke`);
    expect(notHers).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/^tokenId: /) } } });
    expect((await as(halsToken.token, 'GET', '/tokens')).status).toBe(200);
  });

  it("removes a member: MemberRemoved in the draft election's log, and their token stops working", async () => {
    await draft();
    const helpdesk = await invite('hal@uni.test', 'Hal Desk', 'helpdesk');
    const token = await firstToken(helpdesk);
    expect((await as(token, 'GET', '/tokens')).status).toBe(200);

    const removed = await app.call('POST', `/members/${helpdesk.id}/remove`);
    expect(removed).toMatchObject({ status: 200, body: { id: helpdesk.id, name: 'Hal Desk', elections: [{ election: 'council', outcome: 'recorded' }] } });
    expect(await lastEvent('council')).toMatchObject({ type: 'MemberRemoved', data: { id: helpdesk.id, name: 'Hal Desk' }, by: { id: ADMIN_TOKEN_MEMBER.id } });
    expect((await app.call('GET', '/members')).body.members).toEqual([]);

    // The authenticator takes an account's standing as read for a minute: past it, the removal holds.
    app.clock.advance(MEMBER_READ_MS);
    expect((await as(token, 'GET', '/tokens')).status).toBe(401);
    expect((await as(token, 'POST', '/elections/council/voters/s1/reissue')).status).toBe(401);
    expect(await app.call('POST', `/members/${helpdesk.id}/remove`)).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/^memberId: /) } } });
  });

  it('keeps a committee member: the last one cannot demote or remove themselves, nor be removed, until another has the role', async () => {
    await draft();
    const chair = await invite('cleo@uni.test', 'Cleo Chair', 'committee');
    const cleo = await firstToken(chair);

    const demoted = await as(cleo, 'PUT', `/members/${chair.id}/role`, { role: 'helpdesk' });
    expect(demoted).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: 'role: you are the only member with the committee role: give someone else the role first' } } });
    const left = await as(cleo, 'POST', `/members/${chair.id}/remove`);
    expect(left).toMatchObject({ status: 409, body: { error: { message: expect.stringMatching(/^memberId: you are the only member with the committee role/) } } });
    const removedByOther = await app.call('POST', `/members/${chair.id}/remove`);
    expect(removedByOther).toMatchObject({ status: 409, body: { error: { message: expect.stringMatching(/^memberId: Cleo Chair is the only member with the committee role/) } } });
    expect((await app.call('GET', '/members')).body.members).toEqual([{ id: chair.id, name: 'Cleo Chair', email: 'cleo@uni.test', role: 'committee' }]);

    await invite('dora@uni.test', 'Dora Second', 'committee');
    const stepsDown = await as(cleo, 'PUT', `/members/${chair.id}/role`, { role: 'helpdesk' });
    expect(stepsDown).toMatchObject({ status: 200, body: { id: chair.id, role: 'helpdesk', elections: [{ election: 'council', outcome: 'recorded' }] } });
    expect(await lastEvent('council')).toMatchObject({ type: 'MemberRecorded', data: { member: { id: chair.id, role: 'helpdesk' } }, by: { id: chair.id } });
    expect(await app.call('PUT', '/members/no-such-member/role', { role: 'observer' })).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/^memberId: /) } } });
  });

  it('reports an election that refuses the change, and changes the directory all the same', async () => {
    await draft();
    const chair = await invite('cleo@uni.test', 'Cleo Chair', 'committee');
    const cleo = await firstToken(chair);
    // Made by Cleo: its roster is the directory's members, Cleo alone, and not the admin token's member.
    const hall = await as(cleo, 'POST', '/elections', { id: 'hall', title: 'Hall council', candidates: [{ name: 'Ada Lovelace', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }] });
    expect(hall.status, JSON.stringify(hall.body)).toBe(201);

    const observer = await invite('olga@uni.test', 'Olga Observer', 'observer');
    expect(observer.elections).toHaveLength(2);
    expect(observer.elections).toContainEqual({ election: 'council', outcome: 'recorded' });
    expect(observer.elections).toContainEqual({ election: 'hall', outcome: 'refused', message: expect.stringContaining(`"${ADMIN_TOKEN_MEMBER.id}" is not on this election's committee`) });
    expect((await app.call('GET', '/members')).body.members.map((m: Invited) => m.name)).toEqual(['Cleo Chair', 'Olga Observer']);

    // Cleo is on both rosters: her change reaches both.
    const promoted = await as(cleo, 'PUT', `/members/${observer.id}/role`, { role: 'helpdesk' });
    expect(promoted.body.elections).toHaveLength(2);
    expect(promoted.body.elections).toContainEqual({ election: 'hall', outcome: 'recorded' });
    expect(promoted.body.elections).toContainEqual({ election: 'council', outcome: 'recorded' });
  });
});
