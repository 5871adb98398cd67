import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../domain';
import { ApiClient } from '../../cli/apiClient';
import { sealedApi } from '../../cli/sealed/api';
import { rehearseOpening } from '../../cli/sealed/rehearsal';
import type { TrusteeMachine } from '../../cli/sealed/trusteeMachine';
import { seededRandom } from '../unit/crypto/seededRandom';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';
import { expectExportVerifies, expectOpenedAndCounted, sealedAndClosed } from '../support/sealedOpening';

const ID = 'parts-council';
/**
 * The box of this test is cut small, so that five papers travel as a contest of tens of thousands
 * would: the server keeps an opening file in parts of 100 characters (an answer carries ten of
 * them), and the trustees send theirs in parts of 500.
 */
const KEPT_PART_CHARACTERS = 100;
const SENT_PART_CHARACTERS = 500;

describe('an opening file larger than one request', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp({}, { openingFilePartCharacters: KEPT_PART_CHARACTERS })));
  afterAll(() => app.stop());

  it('is put in parts, accepted whole, read back in parts by the next mixer and the trustees, and counted; an upload with a part missing, changed or too big is refused', async () => {
    const lines: string[] = [];
    const client = new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN });
    const machine: TrusteeMachine = {
      api: sealedApi(client, { uploadPartCharacters: SENT_PART_CHARACTERS, progress: (line) => lines.push(line) }),
      out: (line) => lines.push(line),
      random: seededRandom('opening in parts'),
      passphrase: () => 'correct horse battery staple',
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    };
    const { dir } = await sealedAndClosed(app, ID, machine);

    // Uploads the server refuses, each saying why, and records nothing of.
    const put = (upload: string, index: number, body: unknown) => app.call('PUT', `/elections/${ID}/opening/main/uploads/${upload}/parts/${index}`, body);
    const postMix = (upload: string) => app.call('POST', `/elections/${ID}/opening/main/mixes`, { upload });
    expect(await put(sha256('x'), 1, { parts: 1, text: 'x'.repeat(4_000_001) })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^text: a part holds at most 4,000,000 characters/) } },
    });
    const text = JSON.stringify({ mixer: 1, outputs: [[{ alpha: 'not a point' }]], proof: {} });
    const thirds = [0, 1, 2].map((i) => text.slice((i * text.length) / 3, ((i + 1) * text.length) / 3));
    const upload = sha256(text);
    expect(await put(upload, 4, { parts: 3, text: thirds[0] })).toMatchObject({ status: 400, body: { error: { message: 'index: part 4 is out of range: the upload has 3 parts (1 to 3)' } } });
    expect(await put(upload, 1, { parts: 3, text: thirds[0] })).toEqual({ status: 200, body: { upload, part: 1, parts: 3 } });
    expect((await put(upload, 3, { parts: 3, text: thirds[2] })).status).toBe(200);
    expect(await postMix(upload)).toMatchObject({ status: 409, body: { error: { message: 'upload: part 2 of 3 has not arrived' } } });
    expect(await put(upload, 2, { parts: 4, text: thirds[1] })).toMatchObject({ status: 409, body: { error: { message: expect.stringMatching(/^parts: upload \w+ was begun with 3 parts, not 4/) } } });
    expect((await put(upload, 2, { parts: 3, text: thirds[1] })).status).toBe(200);
    // Whole, it is read as a one-request mix is: its first malformed field is named.
    expect(await postMix(upload)).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('outputs.0.0.alpha: must be 64 lowercase hex digits') } } });
    const misnamed = sha256('another text');
    for (const [i, third] of thirds.entries()) expect((await put(misnamed, i + 1, { parts: 3, text: third })).status).toBe(200);
    expect(await postMix(misnamed)).toMatchObject({
      status: 400,
      body: { error: { message: `upload: its 3 parts joined hash to ${upload}, not to ${misnamed}: a part holds other text than the upload's; send it again under the SHA-256 of its own text` } },
    });
    expect(await postMix(sha256('never sent'))).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining('has arrived') } } });
    expect((await app.call('GET', `/elections/${ID}/opening/main`)).body.mixes).toEqual([]);

    // `trustee open`: two mixes and two decryptions, each sent in parts; the second mixer and the trustees read the mixes in parts.
    expect(await rehearseOpening(machine, ID, { dir })).toBe(0);
    const sent = (what: string) => lines.filter((line) => line.startsWith(`${what}: part `) && line.endsWith(' sent'));
    for (const what of ['mix of contest main', 'decryption of contest main']) {
      const [, parts] = / of (\d+) sent$/.exec(sent(what)[0] ?? '') ?? [];
      expect(Number(parts)).toBeGreaterThanOrEqual(3);
    }
    const read = lines.filter((line) => /^mix 1 of contest main: part \d+ of \d+ read$/.test(line));
    const answers = Number(/ of (\d+) read$/.exec(read[0]!)![1]);
    expect(answers).toBeGreaterThanOrEqual(3);
    // Mix 1 whole would be over one answer: it is refused, and read a part at a time.
    expect(await app.call('GET', `/elections/${ID}/opening/main/mixes/1`)).toMatchObject({
      status: 400,
      body: { error: { message: `part: mix 1 is too large for one answer: read it in ${answers} parts, ?part=1 to ?part=${answers}` } },
    });
    let joined = '';
    for (let part = 1; part <= answers; part += 1) {
      const answer = await app.call('GET', `/elections/${ID}/opening/main/mixes/1?part=${part}`);
      expect(answer.body).toMatchObject({ part, parts: answers });
      joined += answer.body.text;
    }
    expect(JSON.parse(joined)).toMatchObject({ contest: 'main', position: 1, outputs: expect.any(Array) });
    expect((await app.call('GET', `/elections/${ID}/opening/main/mixes/1?part=${answers + 1}`)).status).toBe(404);

    await expectOpenedAndCounted(app, ID);

    // The pending parts are beside the log, each expiring a day after it arrived; the export holds none of them, and verifies.
    const items = await app.scanAll();
    const pending = items.filter((item) => String(item.pk).includes('#UPLOAD#'));
    expect(pending.length).toBeGreaterThan(0);
    const inADay = app.clock.now().getTime() + 24 * 60 * 60 * 1000;
    for (const item of pending) expect(item.expiresAt * 1000).toBeGreaterThan(inADay - 60 * 60 * 1000);
    for (const item of pending) expect(item.expiresAt * 1000).toBeLessThanOrEqual(inADay + 1000);
    expect(items.filter((item) => !String(item.pk).includes('#UPLOAD#') && 'expiresAt' in item)).toEqual([]);
    const exported = await expectExportVerifies(app, ID);
    for (const name of [upload, misnamed]) expect(exported).not.toContain(name);
  });
});
