import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../handlers/adapters/sesMailer';
import { handleSesEventDelivery } from '../../handlers/mail/sesEvents';
import { serveApi, type RunningApi } from '../../infra/local/apiServer';
import { startMailbox, type RunningMailbox } from '../../infra/local/mailbox';
import { SES_EVENT_DELIVERY_PATH } from '../../infra/local/sesEventDeliveryPath';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const run = promisify(execFile);

/**
 * `npm run ses-event` against real handlers on DynamoDB Local: credentials go out through the
 * local mailbox, and the command reports SES's later word on one of them through the SES events
 * handler, where the admin's mail report shows it.
 */
describe('simulated SES events from the local mailbox', () => {
  let box: RunningMailbox;
  let app: TestApp;
  let sesEvents: RunningApi;
  beforeAll(async () => {
    box = await startMailbox(0);
    const ses = new SESv2Client({ endpoint: box.url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    app = await startTestApp({ mailer: new SesMailer('elections@uni.test', ses) });
    // Beside the API, as the local stack mounts it: only the delivery path answers.
    sesEvents = await serveApi(async () => ({ statusCode: 404 }), 0, '127.0.0.1', { deliveries: { [SES_EVENT_DELIVERY_PATH]: handleSesEventDelivery(app.deps) } });
    await setUpElection(app, { id: 'bounces', voters: 3 });
    await openElection(app, 'bounces');
  });
  afterAll(async () => {
    await sesEvents?.stop();
    await app?.stop();
    await box?.stop();
  });

  const sesEvent = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'infra/local/sesEventCli.ts', ...args], { env: { ...process.env, SES_URL: box.url, ELECTION_API: sesEvents.url } });
  const report = async () => (await app.call('GET', '/elections/bounces/mail')).body;

  it('records a bounce and a complaint on the voters whose newest mail they name, and the admin sees both', async () => {
    const bounced = await sesEvent('--bounce', 's1@uni.test');
    expect(bounced.stdout.trim()).toMatch(/^Sent a bounce for ses-\d+ \("Your voting credential.*" to s1@uni\.test\): recorded on that mail\.$/);
    await sesEvent('--complaint', 'S2@uni.test');
    await sesEvent('--delivery', 's3@uni.test');

    const { counts, problems } = await report();
    expect(counts).toMatchObject({ bounced: 1, complained: 1, delivered: 1 });
    expect(problems).toEqual([
      expect.objectContaining({ studentId: 's1', email: 's1@uni.test', status: 'bounced', reason: 'Permanent/General: smtp; 550 5.1.1 [address]: Recipient address rejected: User unknown' }),
      expect.objectContaining({ studentId: 's2', email: 's2@uni.test', status: 'complained', reason: 'Complaint: abuse' }),
    ]);
  });

  it('says so, and changes nothing, when the mailbox holds no message to that address', async () => {
    const failed = await sesEvent('--bounce', 'nobody@uni.test').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('holds no message to nobody@uni.test') });
    expect((await report()).counts).toMatchObject({ bounced: 1, complained: 1 });
  });

  it('asks for exactly one kind of event', async () => {
    const failed = await sesEvent('--bounce', 's1@uni.test', '--delivery', 's1@uni.test').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one of --bounce') });
  });
});
