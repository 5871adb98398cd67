import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeVoting, mailResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, startTestApp, type TestApp } from '../support/harness';

/**
 * The language of each voter's mail, end to end on DynamoDB Local: the election's unless the roll
 * names the voter's, from the credential through the confirmation of their ballot to the results,
 * with every time in the election's zone.
 */
describe('voters read their mail in their language', () => {
  let app: TestApp;
  const id = 'stupa';
  const candidates = ['Zoë Bauer', 'Jonas Weiß'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));

  beforeAll(async () => {
    app = await startTestApp();
    moveTo('2027-01-10T10:00:00.000Z');
    const created = await app.call('POST', '/elections', { id, title: 'Studierendenparlament', candidates, closesAt: '2027-01-20T17:00:00.000Z', language: 'de', timeZone: 'Europe/Berlin' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const voters = [
      { studentId: 's1', email: 's1@uni.test' },
      { studentId: 's2', email: 's2@uni.test', language: 'en' },
      { studentId: 's3', email: 's3@uni.test', language: 'de' },
    ];
    expect((await app.call('POST', `/elections/${id}/voters`, { voters })).status).toBe(200);
  });
  afterAll(() => app.stop());

  const moveTo = (iso: string) => app.clock.advance(Date.parse(iso) - app.clock.now().getTime());
  const last = (to: string) => app.mailer.to(to).at(-1)!;

  it('mails each credential as voting opens in the voter’s language, else the election’s, with the close in Berlin time', async () => {
    expect(app.mailer.sent).toEqual([]);
    await openElection(app, id);
    expect(last('s1@uni.test').subject).toBe('Ihre Zugangsdaten zur Wahl: Studierendenparlament');
    expect(last('s1@uni.test').text).toContain('Sie können bis Mittwoch, 20. Januar 2027, 18:00 MEZ wählen.');
    expect(last('s2@uni.test').subject).toBe('Your voting credential: Studierendenparlament');
    expect(last('s2@uni.test').text).toContain('You can vote until Wednesday, 20 January 2027, 18:00 CET.');
    expect(last('s3@uni.test').subject).toBe('Ihre Zugangsdaten zur Wahl: Studierendenparlament');
  });

  it('confirms a ballot and mails the results in the voter’s language', async () => {
    for (const to of ['s1@uni.test', 's2@uni.test']) {
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor(to), choices: ['Zoë Bauer'] })).status).toBe(201);
    }
    await app.drainMail();
    expect(last('s1@uni.test').subject).toBe('Ihre Stimme wurde erfasst: Studierendenparlament');
    expect(last('s2@uni.test').subject).toBe('Your ballot was recorded: Studierendenparlament');

    moveTo('2027-01-20T17:00:01.000Z');
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await tallyBallots(app.deps, id)).ok).toBe(true);
    expect((await mailResults(app.deps, id)).ok).toBe(true);
    expect(last('s1@uni.test')).toMatchObject({ subject: 'Ergebnis: Studierendenparlament', text: expect.stringContaining('Wahlbeteiligung: 2 von 3 Wahlberechtigten') });
    expect(last('s2@uni.test')).toMatchObject({ subject: 'Results: Studierendenparlament', text: expect.stringContaining('Turnout: 2 of 3 voters') });
    expect(last('s3@uni.test').subject).toBe('Ergebnis: Studierendenparlament');
  });

  it('refuses a time zone or a language it does not know, naming the field', async () => {
    const zone = await app.call('POST', '/elections', { id: 'zoned', title: 'Council', candidates, timeZone: 'Mars/Olympus' });
    expect(zone).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('timeZone') } } });
    expect((await app.call('POST', '/elections', { id: 'zoned', title: 'Council', candidates, timeZone: '+01:00' })).status).toBe(400);
    const language = await app.call('POST', '/elections', { id: 'zoned', title: 'Council', candidates, language: 'fr' });
    expect(language).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('language') } } });
    const voter = await app.call('POST', `/elections/${id}/voters`, { voters: [{ studentId: 's9', email: 's9@uni.test', language: 'tr' }] });
    expect(voter).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('language') } } });
  });
});
