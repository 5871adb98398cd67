import type { CiphertextJson } from '../../domain/crypto/elgamal';
import type { CeremonyTranscript } from '../../domain/crypto/keyCeremony';
import type { KnowledgeOfRandomnessProofJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import type { DecryptionShareJson } from '../../domain/crypto/proofs/decryptionShare';
import type { ShuffleProofJson } from '../../domain/crypto/shuffle';
import type { PublicElectionView } from '../../contract/views';
import type { ApiClient } from '../apiClient';

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

export const sealedApi = (api: ApiClient) => ({
  election: (id: string) => api.request<PublicElectionView>('GET', election(id)),
  ceremony: (id: string) => api.request<CeremonyView>('GET', election(id, '/ceremony')),
  /** A certificate, a dealing or a review, exactly as keyCeremony.ts made it. */
  postCeremonyMessage: (id: string, step: 'certificates' | 'dealings' | 'reviews', message: object) => api.request<CeremonyView>('POST', election(id, `/ceremony/${step}`), message),

  /** Every paper on a contest's board, page by page, in the order they were cast. */
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
  mix: (id: string, contestId: string, position: number) => api.request<MixUpload>('GET', contest(id, contestId, `/mixes/${position}`)),
  postMix: (id: string, contestId: string, mix: MixUpload) => api.request<PublicElectionView>('POST', contest(id, contestId, '/mixes'), mix),
  postDecryption: (id: string, contestId: string, decryption: { trustee: number; shares: DecryptionShareJson[][] }) =>
    api.request<PublicElectionView>('POST', contest(id, contestId, '/decryptions'), decryption),

  cast: (id: string, body: object) => api.request<CastAnswer>('POST', election(id, '/ballots'), body),
});

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
