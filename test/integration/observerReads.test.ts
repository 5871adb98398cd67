import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, rollFingerprint, verifyAuditLog, type AuditLine, type RecordedEvent } from '../../domain';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/**
 * What the console and the observers' view read: the admins' list of elections, the log as it
 * grows (public, observers' addresses shown as their count), and the roll's fingerprint, recorded
 * at the lock and held against the published roll by the verifier.
 */
describe('reads for the console and the observers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const exportLines = async (id: string) =>
    (await (await fetch(`${app.url}/elections/${id}/audit-log`)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);

  it('lists every election to an admin, with its phase, window and turnout, and to no one else', async () => {
    const { id } = await setUpElection(app, { id: 'listed', voters: 2 });
    await setUpElection(app, { id: 'listed-too', voters: 1 });
    expect((await app.call('GET', '/elections', undefined, { authorization: '' })).status).toBe(401);
    expect((await app.call('GET', '/elections', undefined, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
    const listed = await app.call('GET', '/elections');
    expect(listed.status).toBe(200);
    const mine = listed.body.elections.find((e: { id: string }) => e.id === id);
    expect(mine).toMatchObject({ title: 'Student parliament', phase: 'draft', box: 'open', locked: false, compromised: false, voterCount: 2, turnout: { voted: 0, registered: 2 } });
    expect(mine.window.closesAt).toEqual(expect.any(String));
    expect(listed.body.elections.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['listed', 'listed-too']));
  });

  it('records the roll at the lock, shows it to everyone, and the verifier holds the published roll to it', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'fingerprinted', voters: 3 });
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['obs1@uni.test', 'obs2@uni.test'] })).status).toBe(200);
    expect((await app.call('GET', `/elections/${id}`)).body.roll).toBeUndefined();
    await openElection(app, id);
    const { roll } = (await app.call('GET', `/elections/${id}`)).body;
    expect(roll).toEqual({ voters: 3, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });

    await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Ada Lovelace'] });
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const lines = await exportLines(id);
    const voters = lines.flatMap((l) => (l.kind === 'voter' ? [l] : []));
    expect(rollFingerprint(voters.map(({ hash, groups }) => ({ hash, ...(groups && { groups }) })))).toEqual(roll);
    expect(verifyAuditLog(lines).findings).toEqual([]);

    // The observers as their count, the same in the export as in the live log, and no address anywhere.
    const published = lines.flatMap((l) => (l.kind === 'event' && l.event.type === 'ObserversSet' ? [l.event] : []));
    const live = (await app.call('GET', `/elections/${id}/events`)).body.events.filter((e: RecordedEvent) => e.type === 'ObserversSet');
    expect(published.map((e) => e.data)).toEqual([{ observers: 2 }]);
    expect(live).toEqual(published);
    expect(JSON.stringify(lines)).not.toContain('obs1@uni.test');

    // One voter swapped for another: the count and the group counts still add up, the fingerprint does not.
    const swapped = lines.map((l) => (l === voters[1] ? { ...l, hash: 'f'.repeat(l.hash.length) } : l));
    expect(verifyAuditLog(swapped).findings).toEqual([
      expect.stringMatching(/^the roll's fingerprint is [0-9a-f]{64} \(3 voters\) but [0-9a-f]{64} \(3 voters\) was recorded at the lock: the roll was changed$/),
    ]);
  });

  it('shows the log to anyone as it grows, every hash recomputable, observers only as their count', async () => {
    const { id } = await setUpElection(app, { id: 'observed', voters: 2 });
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['obs1@uni.test', 'obs2@uni.test'] })).status).toBe(200);
    await openElection(app, id);
    const all = await app.call('GET', `/elections/${id}/events`, undefined, { authorization: '' });
    expect(all.status).toBe(200);
    const events = all.body.events as (RecordedEvent & { redacted?: true })[];
    expect(events.map((e) => e.type)).toEqual(['ElectionCreated', 'CandidatesAdded', 'VotingWindowSet', 'VotersRegistered', 'ObserversSet', 'ElectionLocked', 'VotingOpened', 'CredentialsReleased']);
    expect(all.body.head).toEqual({ seq: events.at(-1)!.seq, hash: events.at(-1)!.hash });
    expect(all.body.more).toBeUndefined();
    events.forEach((event, i) => expect(event.prevHash).toBe(i === 0 ? GENESIS_HASH : events[i - 1]!.hash));
    const observers = events.find((e) => e.type === 'ObserversSet')!;
    expect(observers.data).toEqual({ observers: 2 });
    expect(JSON.stringify(all.body)).not.toContain('obs1@uni.test');
    for (const event of events) expect(event.redacted).toBeUndefined();
    for (const event of events) expect(eventHash(event)).toBe(event.hash);

    const later = await app.call('GET', `/elections/${id}/events?after=${events[2]!.seq}`);
    expect(later.body.events.map((e: RecordedEvent) => e.seq)).toEqual(events.slice(3).map((e) => e.seq));
    expect((await app.call('GET', `/elections/${id}/events?after=${all.body.head.seq}`)).body.events).toEqual([]);
    expect((await app.call('GET', `/elections/${id}/events?after=soon`)).body.error.message).toMatch(/^after: /);
    expect((await app.call('GET', '/elections/nowhere/events')).status).toBe(404);
  });

  it('hands the log out a page at a time, saying when there is more', async () => {
    const { id } = await setUpElection(app, { id: 'paged', voters: 1 });
    app.autoDrain = false;
    for (let i = 0; i < 100; i++) await app.call('POST', `/elections/${id}/voters`, { voters: [{ studentId: `p${i}`, email: `p${i}@uni.test` }] });
    app.autoDrain = true;
    const first = await app.call('GET', `/elections/${id}/events`);
    expect(first.body.events).toHaveLength(100);
    expect(first.body.more).toBe(true);
    const rest = await app.call('GET', `/elections/${id}/events?after=${first.body.events.at(-1).seq}`);
    expect(rest.body.more).toBeUndefined();
    expect(rest.body.events.at(-1).seq).toBe(first.body.head.seq);
    expect(first.body.events.length + rest.body.events.length).toBe(first.body.head.seq);
  });
});
