import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberWithToken, openElection, startTestApp, type TestApp } from '../support/harness';

/** The committee words the voters' mail, reads it as a voter will, and the voters get it so, on DynamoDB Local. */
describe("the committee's wording of the voters' mail, over the API", () => {
  let app: TestApp;
  const id = 'worded';
  const candidates = ['Zoë Bauer', 'Jonas Weiß'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
  const wording = { senderName: 'Wahlausschuss der Studierendenschaft', greeting: 'Liebe Studierende,', closing: 'Mit freundlichen Grüßen\nIhr Wahlausschuss' };

  beforeAll(async () => {
    app = await startTestApp();
    const closesAt = new Date(app.clock.now().getTime() + 7 * 86_400_000).toISOString();
    expect((await app.call('POST', '/elections', { id, title: 'Studierendenparlament', candidates, closesAt, language: 'de' })).status).toBe(201);
  });
  afterAll(() => app.stop());

  it('previews the credential mail in either language with the committee’s words, before anyone is on the roll', async () => {
    const set = await app.call('PUT', `/elections/${id}/mail-wording`, wording);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ wording, language: 'de', timeZone: 'Europe/Berlin' });
    const german = await app.call('GET', `/elections/${id}/mail-preview`);
    expect(german.body).toMatchObject({ language: 'de', fromName: wording.senderName, subject: 'Ihre Zugangsdaten zur Wahl: Studierendenparlament' });
    expect(german.body.text).toMatch(/^Liebe Studierende,\n\nSie sind wahlberechtigt/);
    expect(german.body.text).toContain('Hier wählen: /vote#election=worded&token=SAMPLE-TOKEN-NOT-A-REAL-ONE');
    expect(german.body.text).toMatch(/Ihr Wahlausschuss$/);
    expect((await app.call('GET', `/elections/${id}/mail-preview?language=en`)).body).toMatchObject({ language: 'en', subject: 'Your voting credential: Studierendenparlament' });
    expect(await app.call('GET', `/elections/${id}/mail-preview?language=fr`)).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('language') } } });
  });

  it('refuses a link or a look-alike, naming the field, and a member without the committee role', async () => {
    expect(await app.call('PUT', `/elections/${id}/mail-wording`, { closing: 'Mehr auf asta-uni.de/wahl' })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('closing: line 1 may not hold a link or an address') } },
    });
    expect((await app.call('PUT', `/elections/${id}/mail-wording`, { senderName: 'x'.repeat(61) })).body.error.message).toContain('senderName');
    const { headers } = await memberWithToken(app, 'Hal Desk', 'helpdesk');
    expect((await app.call('PUT', `/elections/${id}/mail-wording`, wording, headers)).status).toBe(403);
    expect((await app.call('GET', `/elections/${id}/mail-preview`, undefined, headers)).status).toBe(403);
  });

  it('sends the voters the mail as previewed, and keeps the wording from the lock on', async () => {
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: [{ studentId: 's1', email: 's1@uni.test' }] })).status).toBe(200);
    await openElection(app, id);
    const credential = app.mailer.to('s1@uni.test').at(-1)!;
    expect(credential).toMatchObject({ fromName: wording.senderName, text: expect.stringMatching(/^Liebe Studierende,\n/) });
    expect(await app.call('PUT', `/elections/${id}/mail-wording`, { greeting: 'Hallo,' })).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    const events = await app.store.readEvents(id);
    expect(events.find((e) => e.type === 'MailWordingSet')).toMatchObject({ data: wording, by: expect.objectContaining({ name: expect.any(String) }) });
  });
});
