import type { CiphertextJson } from '../../domain/crypto/elgamal';
import type { CeremonyTranscript } from '../../domain/crypto/keyCeremony';
import type { KnowledgeOfRandomnessProofJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import type { DecryptionShareJson } from '../../domain/crypto/proofs/decryptionShare';
import type { ShuffleProofJson } from '../../domain/crypto/shuffle';
import type { PublicElectionView } from '../../contract/views';
import { ApiError, type ApiClient } from '../apiClient';
import { sha256 } from '../../domain/hashChain';
import { UPLOAD_PART_CHARACTERS } from '../../contract/sealedBox';

/**
 * The sealed box's part of the API, as the trustee and voter commands read and write it: the
 * election's sealed fields, the key ceremony, the board of sealed papers and the opening of the
 * box after the close. Every answer is read again by domain/crypto's readers before it is used.
 */

/** The key ceremony's transcript so far, each list in trustee order. */
export interface CeremonyView extends CeremonyTranscript {
  publicKey?: string;
  verificationKeys?: string[];
}

export interface BoardPaper {
  tracker: string;
  ciphertexts: CiphertextJson[];
  proof: KnowledgeOfRandomnessProofJson;
}

export interface OpeningView {
  contest: string;
  mixesNeeded: number;
  threshold: number;
  mixes: { position: number; mixer: number; papers: number; digest: string }[];
  decryptions: { trustee: number; digest: string }[];
  opened: boolean;
}

export interface MixUpload {
  mixer: number;
  outputs: CiphertextJson[][];
  proof: ShuffleProofJson;
}

export interface CastAnswer {
  receipt: string;
  trackers?: Record<string, string>;
}

const election = (id: string, rest = '') => `/elections/${encodeURIComponent(id)}${rest}`;
const contest = (electionId: string, contestId: string, rest = '') => election(electionId, `/opening/${encodeURIComponent(contestId)}${rest}`);

/** Where the server's check of a large upload stands (a post answered 202): see GET …/checks/{upload}. */
export interface OpeningCheckView {
  upload: string;
  state: 'checking' | 'accepted' | 'refused';
  parts?: number;
  checked: number;
  error?: { code: string; message: string };
}

const isCheck = (answer: unknown): answer is OpeningCheckView => typeof answer === 'object' && answer !== null && 'state' in answer && 'checked' in answer && 'upload' in answer;

/** The status a one-request post would have been refused with, by the refusal's code. */
const REFUSAL_STATUS: Readonly<Record<string, number>> = { conflict: 409, wrong_phase: 409, not_found: 404 };

/** How often a check on the server is asked after, while it runs. */
export const CHECK_POLL_MS = 2_000;

/**
 * How the opening's files travel: parts of at most `uploadPartCharacters` (tests choose small
 * ones), a line for each part sent or read and for the server's check of a large one, and how
 * long to wait between asking after that check.
 */
export interface TransferOptions {
  uploadPartCharacters?: number;
  progress?: (line: string) => void;
  checkPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const sealedApi = (
  api: ApiClient,
  { uploadPartCharacters = UPLOAD_PART_CHARACTERS, progress = () => {}, checkPollMs = CHECK_POLL_MS, sleep = (ms) => new Promise((done) => setTimeout(done, ms)) }: TransferOptions = {},
) => {
  /**
   * The answer to a posted mix or decryption: the election, once it is recorded. A contest too
   * large to check within one request is checked by the server's workflow (202): its progress is
   * shown until it ends, and a refusal is raised as the post's own would be.
   */
  async function recorded(opening: string, what: string, answer: PublicElectionView | OpeningCheckView): Promise<PublicElectionView> {
    if (!isCheck(answer)) return answer;
    let check = answer;
    let shown = '';
    while (check.state === 'checking') {
      const line = `${what}: the server checks it${check.parts === undefined ? '' : `: ${check.checked} of ${check.parts} parts checked`}`;
      if (line !== shown) progress((shown = line));
      await sleep(checkPollMs);
      check = await api.request<OpeningCheckView>('GET', `${opening}/checks/${check.upload}`);
    }
    if (check.state === 'refused') throw new ApiError(REFUSAL_STATUS[check.error?.code ?? ''] ?? 400, check.error?.code ?? 'refused', `${what} refused: ${check.error?.message ?? 'no reason given'}`);
    progress(`${what}: checked and recorded`);
    return api.request<PublicElectionView>('GET', opening.slice(0, opening.indexOf('/opening/')));
  }

  /**
   * A mix or decryption posted whole when its JSON text fits in one part, else put in parts under
   * the SHA-256 of the text and then posted as `{ upload }`: the server checks it the same way.
   */
  async function postOpeningFile(opening: string, kind: 'mixes' | 'decryptions', what: string, file: object): Promise<PublicElectionView> {
    const path = `${opening}/${kind}`;
    const text = JSON.stringify(file);
    if (text.length <= uploadPartCharacters) return recorded(opening, what, await api.request('POST', path, file));
    const upload = sha256(text);
    const parts = Math.ceil(text.length / uploadPartCharacters);
    for (let index = 1; index <= parts; index += 1) {
      await api.request('PUT', `${opening}/uploads/${upload}/parts/${index}`, { parts, text: text.slice((index - 1) * uploadPartCharacters, index * uploadPartCharacters) });
      progress(`${what}: part ${index} of ${parts} sent`);
    }
    return recorded(opening, what, await api.request('POST', path, { upload }));
  }

  /** A mix's file, a part at a time: a large mix is more than one answer may carry. */
  async function readMix(path: string, what: string): Promise<MixUpload> {
    let text = '';
    for (let part = 1, parts = 1; part <= parts; part += 1) {
      const answer: { part: number; parts: number; text: string } = await api.request('GET', `${path}?part=${part}`);
      ({ parts } = answer);
      text += answer.text;
      if (parts > 1) progress(`${what}: part ${part} of ${parts} read`);
    }
    return JSON.parse(text) as MixUpload;
  }

  return {
    election: (id: string) => api.request<PublicElectionView>('GET', election(id)),
    ceremony: (id: string) => api.request<CeremonyView>('GET', election(id, '/ceremony')),
    /** A certificate, a dealing or a review, exactly as keyCeremony.ts made it. */
    postCeremonyMessage: (id: string, step: 'certificates' | 'dealings' | 'reviews', message: object) => api.request<CeremonyView>('POST', election(id, `/ceremony/${step}`), message),

    /** Every paper on a contest's board, page by page, in tracker order. */
    async board(id: string, contestId: string): Promise<BoardPaper[]> {
      const papers: BoardPaper[] = [];
      let after: string | undefined;
      do {
        const page: { papers: BoardPaper[]; next?: string } = await api.request('GET', election(id, `/board/${encodeURIComponent(contestId)}${after === undefined ? '' : `?after=${after}`}`));
        papers.push(...page.papers);
        after = page.next;
      } while (after !== undefined);
      return papers;
    },
    opening: (id: string, contestId: string) => api.request<OpeningView>('GET', contest(id, contestId)),
    mix: (id: string, contestId: string, position: number) => readMix(contest(id, contestId, `/mixes/${position}`), `mix ${position} of contest ${contestId}`),
    postMix: (id: string, contestId: string, mix: MixUpload) => postOpeningFile(contest(id, contestId), 'mixes', `mix of contest ${contestId}`, mix),
    postDecryption: (id: string, contestId: string, decryption: { trustee: number; shares: DecryptionShareJson[][] }) =>
      postOpeningFile(contest(id, contestId), 'decryptions', `decryption of contest ${contestId}`, decryption),

    cast: (id: string, body: object) => api.request<CastAnswer>('POST', election(id, '/ballots'), body),
  };
};

export type SealedApi = ReturnType<typeof sealedApi>;

/**
 * A public read taken again until it shows what the caller knows is there: the API's public
 * answers may be a few seconds old (CloudFront keeps them 2 s, and DynamoDB's reads are eventually
 * consistent), so a step just posted may not show yet. The last answer is returned either way.
 */
export async function fresh<T>(read: () => Promise<T>, ready: (answer: T) => boolean, { patienceMs = 10_000, sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms)) } = {}): Promise<T> {
  const until = Date.now() + patienceMs;
  let answer = await read();
  while (!ready(answer) && Date.now() < until) {
    await sleep(1_000);
    answer = await read();
  }
  return answer;
}
