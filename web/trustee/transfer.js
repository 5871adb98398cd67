// @ts-check
/**
 * How the opening's files travel between the page and the API (contract/sealedBox.ts): a mix or
 * decryption whose JSON text is over one part is put in parts under the SHA-256 of the text and
 * then posted as `{ upload }`; a mix is read a part at a time (`?part=`), since a large one is
 * over what one answer may carry. Each part done is reported, for the page to show.
 * @typedef {import('../../domain/crypto/elgamal').CiphertextJson} CiphertextJson
 * @typedef {(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<any>} Call an API request, its answer's body once it succeeded
 * @typedef {(part: number, parts: number) => void} OnPart
 */

/** @type {typeof import('../../contract/sealedBox').UPLOAD_PART_CHARACTERS} */
export const UPLOAD_PART_CHARACTERS = 4_000_000;

/** @param {string} text */
async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Where the server's check of a large upload stands: a contest too large to check within one
 * request is checked by the server's workflow, and the post is answered 202 with this.
 * @typedef {{ upload: string, state: 'checking' | 'accepted' | 'refused', parts?: number, checked: number, error?: { code: string, message: string } }} OpeningCheck
 * @typedef {(check: OpeningCheck) => void} OnCheck
 */

/** How often the page asks after a check on the server while it runs. */
export const CHECK_POLL_MS = 2_000;

/** @param {unknown} answer @returns {answer is OpeningCheck} */
const isCheck = (answer) => typeof answer === 'object' && answer !== null && 'state' in answer && 'checked' in answer && 'upload' in answer;

/**
 * The answer to a posted file once it is recorded: a check on the server is asked after until it
 * ends, each state shown; a refusal is thrown as the post's own would be.
 * @param {Call} call @param {string} opening @param {unknown} answer @param {OnCheck} onCheck @param {number} pollMs
 */
async function recorded(call, opening, answer, onCheck, pollMs) {
  if (!isCheck(answer)) return answer;
  let check = answer;
  while (check.state === 'checking') {
    onCheck(check);
    await new Promise((done) => setTimeout(done, pollMs));
    check = await call('GET', `${opening}/checks/${check.upload}`);
  }
  if (check.state === 'refused') throw new Error(check.error?.message ?? 'refused');
  return check;
}

/**
 * Posts a mix (`kind` mixes) or decryption (`decryptions`) to a contest's opening, whole or in parts.
 * @param {Call} call @param {string} opening the contest's opening path @param {'mixes' | 'decryptions'} kind @param {object} file
 * @param {OnPart} onPart @param {{ partCharacters?: number, onCheck?: OnCheck, checkPollMs?: number }} [options]
 */
export async function postOpeningFile(call, opening, kind, file, onPart, { partCharacters = UPLOAD_PART_CHARACTERS, onCheck = () => {}, checkPollMs = CHECK_POLL_MS } = {}) {
  const text = JSON.stringify(file);
  if (text.length <= partCharacters) return recorded(call, opening, await call('POST', `${opening}/${kind}`, file), onCheck, checkPollMs);
  const upload = await sha256Hex(text);
  const parts = Math.ceil(text.length / partCharacters);
  for (let index = 1; index <= parts; index += 1) {
    await call('PUT', `${opening}/uploads/${upload}/parts/${index}`, { parts, text: text.slice((index - 1) * partCharacters, index * partCharacters) });
    onPart(index, parts);
  }
  return recorded(call, opening, await call('POST', `${opening}/${kind}`, { upload }), onCheck, checkPollMs);
}

/**
 * A mix's outputs, its file read part after part.
 * @param {Call} call @param {string} mixPath @param {OnPart} onPart
 * @returns {Promise<CiphertextJson[][]>}
 */
export async function readMixOutputs(call, mixPath, onPart) {
  let text = '';
  for (let part = 1, parts = 1; part <= parts; part += 1) {
    const answer = await call('GET', `${mixPath}?part=${part}`);
    parts = answer.parts;
    text += answer.text;
    onPart(part, parts);
  }
  return JSON.parse(text).outputs;
}
