import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollHash } from '../../handlers/security';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const credentialsTo = (app: TestApp, address: string) => app.mailer.to(address).filter((m) => m.subject.startsWith('Your voting credential'));
const tokenIn = (text: string) => /token: (\S+)/.exec(text)![1]!;

describe('credentials go out through the outbox, once each', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());
  /** An election ready to start but for its voters. */
  const create = (id: string) =>
    app.call('POST', '/elections', {
      id,
      title: 'Council',
      candidates: [{ name: 'Ada', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }],
      closesAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString(),
    });

  it('holds every credential at registration, and as voting opens mails every voter exactly one working credential', async () => {
    app.autoDrain = false;
    await create('queued');
    const roll = Array.from({ length: 70 }, (_, i) => ({ studentId: `q${i}`, email: `q${i}@uni.test` }));
    const added = await app.call('POST', '/elections/queued/voters', { voters: roll });
    expect(added.body).toEqual({ registered: 70, alreadyRegistered: [], emailTaken: [], mail: 'held' });
    expect((await app.call('GET', '/elections/queued/mail')).body.counts).toMatchObject({ held: 70, pending: 0, sent: 0 });
    expect(await app.drainMail()).toMatchObject({ sent: 0 });
    expect(app.mailer.sent).toHaveLength(0);

    await openElection(app, 'queued');
    expect((await app.call('GET', '/elections/queued/mail')).body.counts).toMatchObject({ held: 0, pending: 70, sent: 0 });
    expect(app.mailer.sent).toHaveLength(0);

    const drained = await app.drainMail();
    expect(drained.sent).toBe(70);
    expect(await app.drainMail()).toMatchObject({ sent: 0 });
    for (const { email } of roll) expect(credentialsTo(app, email)).toHaveLength(1);
    expect((await app.call('GET', '/elections/queued/mail')).body).toEqual({
      counts: { pending: 0, sending: 0, sent: 70, delivered: 0, undelivered: 0, bounced: 0, complained: 0, postal: 0, held: 0 },
      problems: [],
    });
    app.autoDrain = true;
  });

  it('ends four overlapping imports at once with every voter registered once and mailed once', async () => {
    await create('parallel');
    const voter = (i: number) => ({ studentId: `p${i}`, email: `p${i}@uni.test` });
    const imports = [0, 1, 2, 3].map((k) => Array.from({ length: 150 }, (_, i) => voter(k * 50 + i)));
    app.autoDrain = false;
    const answers = await Promise.all(imports.map((voters) => app.call('POST', '/elections/parallel/voters', { voters })));
    app.autoDrain = true;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.body.registered, 0)).toBe(300);
    await openElection(app, 'parallel');
    expect((await app.call('GET', '/elections/parallel')).body.voterCount).toBe(300);
    for (let i = 0; i < 300; i += 1) expect(credentialsTo(app, `p${i}@uni.test`), `p${i}`).toHaveLength(1);
  });

  it('sends a credential again after a sender died between sending and recording it: the same working link', async () => {
    app.autoDrain = false;
    await create('crash');
    await app.call('POST', '/elections/crash/voters', { voters: [{ studentId: 'c1', email: 'c1@uni.test' }] });
    await openElection(app, 'crash');
    const [key] = await app.mail.due(app.clock.now(), 10).then((keys) => keys.filter((k) => k.pk.startsWith('ELECTION#crash#')));
    // The dead sender's claim: taken, never settled.
    expect(await app.mail.claim(key!, app.clock.now(), 60_000)).toBeDefined();
    expect((await app.drainMail()).sent).toBe(0);
    app.clock.advance(61_000);
    expect((await app.drainMail()).sent).toBe(1);
    expect(credentialsTo(app, 'c1@uni.test')).toHaveLength(1);
    app.autoDrain = true;
  });
});

describe("an admin's re-issue stops the old link; a voter's own request sends the same link again", () => {
  let app: TestApp;
  let election: Awaited<ReturnType<typeof setUpElection>>;
  beforeAll(async () => {
    app = await startTestApp();
    election = await setUpElection(app, { id: 'reissue', voters: 4, closesInMs: 3_600_000 });
    await openElection(app, 'reissue');
  });
  afterAll(() => app.stop());
  const cast = (token: string) => app.call('POST', '/elections/reissue/ballots', { token, choices: ['Ada Lovelace'] });

  it('re-issues for one student id: a new credential by mail, the old one refused, the log holds only the roll hash', async () => {
    const old = election.tokens[0]!;
    const reissued = await app.call('POST', '/elections/reissue/voters/s1/reissue');
    expect(reissued).toMatchObject({ status: 200, body: { studentId: 's1', mail: 'pending' } });
    const mails = credentialsTo(app, 's1@uni.test');
    expect(mails).toHaveLength(2);
    const fresh = tokenIn(mails[1]!.text);
    expect(fresh).not.toBe(old);
    expect((await cast(old)).body.error.code).toBe('invalid_token');
    expect((await cast(fresh)).status).toBe(201);
    const event = (await app.store.readEvents('reissue')).find((e) => e.type === 'CredentialReissued')!;
    expect(event.data).toEqual({ voter: rollHash(await app.store.rollSalt('reissue'), 's1'), requestedBy: 'admin' });
    expect(JSON.stringify(event)).not.toContain('s1@');
  });

  it('refuses a re-issue once the voter has voted, and for a student id not on the roll', async () => {
    expect(await app.call('POST', '/elections/reissue/voters/s1/reissue')).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });
    expect(await app.call('POST', '/elections/reissue/voters/nobody/reissue')).toMatchObject({ status: 404, body: { error: { code: 'voter_not_found' } } });
    expect(await app.call('POST', '/elections/reissue/voters/s2/reissue', undefined, { authorization: 'Bearer wrong' })).toMatchObject({ status: 401 });
  });

  it('answers a voter asking for their link the same whether or not the address is on the roll, mails the same link again, and rate-limits it', async () => {
    const ask = (email: string) => app.call('POST', '/elections/reissue/credentials/resend', { email }, { authorization: '' });
    const known = await ask('S2@uni.test');
    const unknown = await ask('stranger@uni.test');
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
    const tokensTo = (address: string) => credentialsTo(app, address).map((m) => tokenIn(m.text));
    expect(tokensTo('s2@uni.test')).toEqual([election.tokens[1], election.tokens[1]]);
    expect(app.mailer.to('stranger@uni.test')).toHaveLength(0);

    expect(await ask('s2@uni.test')).toEqual(known);
    expect(tokensTo('s2@uni.test')).toHaveLength(2);
    app.clock.advance(11 * 60_000);
    await ask('s2@uni.test');
    expect(tokensTo('s2@uni.test')).toEqual([election.tokens[1], election.tokens[1], election.tokens[1]]);
    expect((await cast(election.tokens[1]!)).status).toBe(201);

    // Voted: asking again changes nothing, and says nothing different.
    app.clock.advance(11 * 60_000);
    expect(await ask('s2@uni.test')).toEqual(known);
    expect(tokensTo('s2@uni.test')).toHaveLength(3);
    expect(await ask('not-an-address')).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^email:/) } } });
  });
});

describe("SES's word on a sent mail reaches the voter's state", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await setUpElection(app, { id: 'bounces', voters: 3, closesInMs: 3_600_000 });
    await openElection(app, 'bounces');
  });
  afterAll(() => app.stop());

  it('records a bounce by message id and lists the voter; a later delivery does not hide it', async () => {
    const mail = await app.mail.voterMail('bounces', 's2');
    expect(mail?.status).toBe('sent');
    const messageId = `message-${app.mailer.sent.findIndex((m) => m.to === 's2@uni.test') + 1}`;
    expect(await app.mail.recordMailEvent(messageId, 'bounced', 'Permanent/General')).toBe(true);
    expect(await app.mail.recordMailEvent(messageId, 'delivered')).toBe(false);
    expect(await app.mail.recordMailEvent('not-ours', 'bounced')).toBe(false);
    const report = await app.call('GET', '/elections/bounces/mail');
    expect(report.body.counts).toMatchObject({ sent: 2, bounced: 1 });
    expect(report.body.problems).toEqual([{ studentId: 's2', email: 's2@uni.test', kind: 'credential', generation: 1, status: 'bounced', reason: 'Permanent/General' }]);
  });

  it('lets an admin correct the bounced address: a working credential goes to the new one, the old link stops working, the log names no one', async () => {
    const old = app.mailer.tokenFor('s2@uni.test');
    const correct = (studentId: string, body: object) => app.call('PUT', `/elections/bounces/voters/${studentId}/email`, body);
    expect(await correct('s2', { email: 's3@uni.test' })).toMatchObject({
      status: 409,
      body: { error: { code: 'email_taken', message: 's3@uni.test is on the roll for s3; give sharedEmail: true if both really share it' } },
    });
    expect(await correct('s2', { email: 'S2@uni.test' })).toMatchObject({ status: 400, body: { error: { message: 'email: s2 already has this address; to send them a new link, re-issue it' } } });
    expect(await correct('nobody', { email: 'new@uni.test' })).toMatchObject({ status: 404, body: { error: { code: 'voter_not_found' } } });

    expect(await correct('s2', { email: 'ada.l@uni.test' })).toMatchObject({ status: 200, body: { studentId: 's2', email: 'ada.l@uni.test', mail: 'pending' } });
    const fresh = app.mailer.tokenFor('ada.l@uni.test');
    expect(fresh).not.toBe(old);
    expect(await app.mail.voterMail('bounces', 's2')).toMatchObject({ email: 'ada.l@uni.test', status: 'sent', generation: 2, correction: 1 });
    expect((await app.call('GET', '/elections/bounces/mail')).body.problems).toEqual([]);
    const event = (await app.store.readEvents('bounces')).find((e) => e.type === 'VoterAddressCorrected')!;
    expect(event.data).toEqual({ voter: rollHash(await app.store.rollSalt('bounces'), 's2') });
    expect(JSON.stringify(event)).not.toMatch(/s2|ada\.l/);

    const cast = (token: string) => app.call('POST', '/elections/bounces/ballots', { token, choices: ['Ada Lovelace'] });
    expect((await cast(old)).body.error.code).toBe('invalid_token');
    expect((await cast(fresh)).status).toBe(201);
    // During voting too, but not for a voter who has voted (test/integration/addressCorrection.test.ts).
    expect(await correct('s2', { email: 'late@uni.test' })).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });
  });
});

describe('before voting opens, a correction changes where the held credential goes, and sends nothing', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('mails the corrected address only, as voting opens, with a credential that works', async () => {
    await setUpElection(app, { id: 'held-fix', voters: 3, closesInMs: 3_600_000 });
    const correct = (studentId: string, body: object) => app.call('PUT', `/elections/held-fix/voters/${studentId}/email`, body);
    expect(await correct('s2', { email: 'ada.l@uni.test' })).toMatchObject({ status: 200, body: { studentId: 's2', email: 'ada.l@uni.test', mail: 'held' } });
    expect(await app.call('POST', '/elections/held-fix/voters/s3/reissue')).toMatchObject({ status: 200, body: { studentId: 's3', mail: 'held' } });
    expect(app.mailer.sent).toEqual([]);
    expect(await app.mail.voterMail('held-fix', 's2')).toMatchObject({ email: 'ada.l@uni.test', status: 'held', generation: 2, correction: 1 });
    // The corrected address is the voter's now: a second voter cannot take it.
    expect((await app.call('POST', '/elections/held-fix/voters', { voters: [{ studentId: 's9', email: 'ada.l@uni.test' }] })).body.emailTaken).toEqual([{ studentId: 's9', registeredAs: 's2' }]);

    await openElection(app, 'held-fix');
    expect(app.mailer.sent.map((m) => m.to).sort()).toEqual(['ada.l@uni.test', 's1@uni.test', 's3@uni.test']);
    const cast = (token: string) => app.call('POST', '/elections/held-fix/ballots', { token, choices: ['Ada Lovelace'] });
    expect((await cast(app.mailer.tokenFor('ada.l@uni.test'))).status).toBe(201);
    expect((await cast(app.mailer.tokenFor('s3@uni.test'))).status).toBe(201);
    const released = (await app.store.readEvents('held-fix')).find((e) => e.type === 'CredentialsReleased');
    expect(released?.data).toEqual({ at: expect.any(String), voters: 3 });
  });
});
