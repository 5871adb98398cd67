import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, startTestApp, type TestApp } from '../support/harness';

/** Issue: the same person must not get two credentials through look-alike ids or one address under two ids. */
describe('one person, one credential', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  async function election(id: string) {
    const candidates = [{ name: 'Ada Lovelace', email: 'ada.l@uni.test', pageLink: 'https://uni.test/ada' }];
    const created = await app.call('POST', '/elections', { id, title: 'Senate', candidates, closesAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(created.status).toBe(201);
    return (voters: unknown[]) => app.call('POST', `/elections/${id}/voters`, { voters });
  }
  const credentialsTo = (address: string) => app.mailer.sent.filter((m) => m.to.toLowerCase() === address.toLowerCase() && m.subject.startsWith('Your voting credential')).length;

  it('treats student ids that differ only in case or width as one student, in one request and across requests', async () => {
    const add = await election('ids');
    const first = await add([
      { studentId: 'twice', email: 'a@uni.test' },
      { studentId: 'TWICE', email: 'b@uni.test' },
    ]);
    expect(first.body).toMatchObject({ registered: 1, alreadyRegistered: ['twice'] });
    const again = await add([
      { studentId: 'ｔｗｉｃｅ', email: 'c@uni.test' },
      { studentId: 'Twice', email: 'd@uni.test' },
    ]);
    expect(again.body).toMatchObject({ registered: 0, alreadyRegistered: ['twice', 'twice'] });
    expect((await app.call('GET', '/elections/ids')).body.voterCount).toBe(1);
    await openElection(app, 'ids');
    expect(['a@uni.test', 'b@uni.test', 'c@uni.test', 'd@uni.test'].map(credentialsTo)).toEqual([1, 0, 0, 0]);
  });

  it('refuses an address already on the roll under another id, naming both ids, whatever its case', async () => {
    const add = await election('emails');
    expect((await add([{ studentId: 's1', email: 'ada@uni.test' }])).body).toMatchObject({ registered: 1, emailTaken: [] });
    const second = await add([
      { studentId: 's2', email: 'Ada@UNI.test' },
      { studentId: 's3', email: 'grace@uni.test' },
    ]);
    expect(second.body).toEqual({ registered: 1, alreadyRegistered: [], emailTaken: [{ studentId: 's2', registeredAs: 's1' }], mail: 'held' });
    // Within one request the first voter with an address keeps it.
    const same = await add([
      { studentId: 's4', email: 'alan@uni.test' },
      { studentId: 's5', email: 'ALAN@uni.test' },
    ]);
    expect(same.body).toMatchObject({ registered: 1, emailTaken: [{ studentId: 's5', registeredAs: 's4' }] });
    await openElection(app, 'emails');
    expect(credentialsTo('ada@uni.test')).toBe(1);
    expect(credentialsTo('alan@uni.test')).toBe(1);
    expect((await app.call('GET', '/elections/emails')).body.voterCount).toBe(3);
  });

  it('lets an admin who really means it register a voter sharing an address, per voter', async () => {
    const add = await election('shared');
    await add([{ studentId: 'p1', email: 'family@uni.test' }]);
    const shared = await add([
      { studentId: 'p2', email: 'family@uni.test', sharedEmail: true },
      { studentId: 'p3', email: 'family@uni.test', sharedEmail: true },
    ]);
    expect(shared.body).toMatchObject({ registered: 2, emailTaken: [] });
    // Sharing is per voter: one more voter at that address without the flag is still refused.
    expect((await add([{ studentId: 'p4', email: 'family@uni.test' }])).body).toMatchObject({ registered: 0, emailTaken: [{ studentId: 'p4', registeredAs: 'p1' }] });
    expect((await add([{ studentId: 'p5', email: 'x@uni.test', sharedEmail: false }])).status).toBe(400);
    await openElection(app, 'shared');
    expect(credentialsTo('family@uni.test')).toBe(3);
  });

  it('gives each address exactly one credential when imports race', async () => {
    const add = await election('race');
    const batches = Array.from({ length: 4 }, (_, b) => Array.from({ length: 40 }, (_, i) => ({ studentId: `b${b}-v${i}`, email: `voter${i}@uni.test` })));
    const answers = await Promise.all(batches.map((voters) => add(voters)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.body.registered, 0)).toBe(40);
    expect(answers.reduce((sum, a) => sum + a.body.emailTaken.length, 0)).toBe(120);
    expect((await app.call('GET', '/elections/race')).body.voterCount).toBe(40);
    await openElection(app, 'race');
    for (let i = 0; i < 40; i += 1) expect(credentialsTo(`voter${i}@uni.test`)).toBe(1);
  });
});
