import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi, type RunningApi } from '../../infra/local/apiServer';
import { RecordingLog } from '../support/harness';

/** The local stand-in for API Gateway: a fault behind it is answered and logged, and the server keeps serving. */
describe('the local API server when what it serves fails', () => {
  const log = new RecordingLog();
  const secret = 'tok_very_secret_credential';
  let api: RunningApi;
  beforeAll(async () => {
    api = await serveApi(
      async (event) => {
        if (event.rawPath === '/crash') throw new Error('the handler fell over');
        if (event.rawPath === '/large') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify('x'.repeat(6 * 1024 * 1024)) };
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
      },
      0,
      '127.0.0.1',
      {
        log,
        deliveries: {
          '/delivery': async (event) => {
            if ((event as { fail?: boolean }).fail) throw Object.assign(new Error('the alert could not be sent'), { name: 'AlertFailed' });
            return { received: true };
          },
        },
      },
    );
  });
  afterAll(() => api.stop());

  const post = (path: string, body: string) => fetch(`${api.url}${path}`, { method: 'POST', body });

  it('answers a handler that throws with a generic 500 in the API error shape, logs it, and serves the next request', async () => {
    const crashed = await post('/crash', JSON.stringify({ token: secret }));
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(log.lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 'error', message: 'local request failed', detail: 'the handler fell over' }));
    expect((await fetch(`${api.url}/fine`)).status).toBe(200);
  });

  it("answers an answer over Lambda's 6 MB with a 500, as AWS does, logged", async () => {
    const large = await fetch(`${api.url}/large`);
    expect(large.status).toBe(500);
    expect(await large.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(log.lines.join('\n')).toContain("over Lambda's 6 MB");
  });

  it('refuses a delivery that is not JSON with 400, and answers a failing delivery with a 500 that names no internals', async () => {
    const notJson = await post('/delivery', `not json ${secret}`);
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { code: 'malformed_json', message: 'the request body is not valid JSON' } });

    const failed = await post('/delivery', JSON.stringify({ fail: true }));
    expect(failed.status).toBe(500);
    const answer = (await failed.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('internal_error');
    expect(answer.error.message).not.toContain('alert');
    expect(log.lines.join('\n')).toContain('AlertFailed');

    expect(await (await post('/delivery', '{}')).json()).toEqual({ received: true });
  });

  it('never writes a body or a target into the log', () => {
    expect(log.lines.join('\n')).not.toContain(secret);
  });
});
