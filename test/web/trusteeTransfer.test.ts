// How the trustee page sends and reads the opening's files, typed by their JSDoc and checked with web/tsconfig.json.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../domain';
import { postOpeningFile, readMixOutputs } from '../../web/trustee/transfer.js';

type Call = Parameters<typeof postOpeningFile>[0];

/** An API that records each request and answers as the routes do. */
function fakeApi(answer: (method: string, path: string, body: any) => unknown = () => ({})) {
  const requests: { method: string; path: string; body: any }[] = [];
  const call: Call = async (method, path, body) => {
    requests.push({ method, path, body });
    return answer(method, path, body);
  };
  return { call, requests };
}

const mix = { mixer: 2, outputs: [[{ alpha: 'a'.repeat(64), beta: 'b'.repeat(64) }]], proof: { t: ['c'.repeat(64)] } };

describe("the trustee page's opening files", () => {
  it('posts a file that fits in one part as one request', async () => {
    const { call, requests } = fakeApi();
    const parts: number[] = [];
    await postOpeningFile(call, '/elections/e/opening/main', 'mixes', mix, (part) => parts.push(part));
    expect(requests).toEqual([{ method: 'POST', path: '/elections/e/opening/main/mixes', body: mix }]);
    expect(parts).toEqual([]);
  });

  it('puts a larger file in parts under the SHA-256 of its text, says each part sent, and posts its name', async () => {
    const { call, requests } = fakeApi();
    const sent: string[] = [];
    const text = JSON.stringify(mix);
    await postOpeningFile(call, '/elections/e/opening/main', 'decryptions', mix, (part, parts) => sent.push(`${part} of ${parts}`), { partCharacters: 100 });
    const upload = sha256(text);
    const puts = requests.slice(0, -1);
    expect(puts.map((r) => `${r.method} ${r.path}`)).toEqual([1, 2, 3].map((i) => `PUT /elections/e/opening/main/uploads/${upload}/parts/${i}`));
    expect(puts.map((r) => r.body.parts)).toEqual([3, 3, 3]);
    expect(puts.map((r) => r.body.text).join('')).toBe(text);
    expect(requests.at(-1)).toEqual({ method: 'POST', path: '/elections/e/opening/main/decryptions', body: { upload } });
    expect(sent).toEqual(['1 of 3', '2 of 3', '3 of 3']);
  });

  it("follows the server's check of a large upload until it ends, showing each state, and throws its refusal", async () => {
    const states = [
      { upload: 'u', state: 'checking', parts: 3, checked: 1 },
      { upload: 'u', state: 'checking', parts: 3, checked: 3 },
      { upload: 'u', state: 'refused', parts: 3, checked: 3, error: { code: 'invalid', message: 'proof: the shuffle proof fails (t3)' } },
    ];
    const { call, requests } = fakeApi((method) => (method === 'POST' ? { upload: 'u', state: 'checking', checked: 0 } : states.shift()));
    const shown: string[] = [];
    const posted = postOpeningFile(call, '/elections/e/opening/main', 'mixes', mix, () => {}, { onCheck: (check) => shown.push(`${check.checked} of ${check.parts ?? '?'}`), checkPollMs: 1 });
    await expect(posted).rejects.toThrow('proof: the shuffle proof fails (t3)');
    expect(shown).toEqual(['0 of ?', '1 of 3', '3 of 3']);
    expect(requests.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('GET /elections/e/opening/main/checks/u'));
  });

  it("reads a mix's file part after part and joins it", async () => {
    const text = JSON.stringify(mix);
    const { call, requests } = fakeApi((_, path) => {
      const part = Number(path.split('?part=')[1]);
      return { part, parts: 2, text: part === 1 ? text.slice(0, 50) : text.slice(50) };
    });
    expect(await readMixOutputs(call, '/elections/e/opening/main/mixes/0', () => {})).toEqual(mix.outputs);
    expect(requests.map((r) => r.path)).toEqual(['/elections/e/opening/main/mixes/0?part=1', '/elections/e/opening/main/mixes/0?part=2']);
  });
});
