import type { ApiClient } from '../../../cli/apiClient';
import { ApiError } from '../../../cli/apiClient';
import { readCiphertext, readList } from '../../../domain/crypto/jsonFields';
import { elementToHex } from '../../../domain/crypto/group';
import { verifyCeremony, type CeremonyResult, type CeremonyTranscript } from '../../../domain/crypto/keyCeremony';
import { paperLayout } from '../../../domain/crypto/paperEncoding';
import { mixesNeeded, sealedContestRecordFromJson, type SealedContestRecordJson, type SealedContestStatement, sealedContexts, verifySealedContest } from '../../../domain/crypto/sealedContest';
import { shuffleProofFromJson, verifyShuffle } from '../../../domain/crypto/shuffle';
import { trackerOf } from '../../../domain/sealedBox/sealedCast';

/**
 * The sealed box's routes as the command line sees them, in memory: what the API on main answers,
 * reduced to what the trustee and voter commands read and write, with the checks that matter to
 * them (the ceremony's order and its verification, a mix's proof). `request` stands in for
 * ApiClient's.
 */
export interface FakeContest {
  id: string;
  title: string;
  ballot: { kind: 'single' } | { kind: 'ranked' };
  candidates: { name: string }[];
}

export class FakeSealedServer {
  readonly calls: string[] = [];
  phase = 'draft';
  transcript: CeremonyTranscript;
  result: CeremonyResult | undefined;
  readonly record = new Map<string, SealedContestRecordJson>();
  readonly tokens = new Set<string>();
  /** A hostile server's hook: what it answers for a mix instead of the one posted. */
  forgeMix?: (contest: string, position: number, outputs: SealedContestRecordJson['mixes'][number]['outputs']) => SealedContestRecordJson['mixes'][number]['outputs'];

  constructor(
    readonly electionId: string,
    readonly box: 'sealed' | 'open',
    readonly trustees: { count: number; threshold: number },
    readonly contests: FakeContest[],
    readonly boardPage = 2,
  ) {
    this.transcript = { electionId, threshold: trustees.threshold, trustees: trustees.count, certificates: [], dealings: [], reviews: [] };
    for (const contest of contests) this.record.set(contest.id, { board: [], mixes: [], decryptions: [] });
  }

  get client(): ApiClient {
    return { request: (method: string, path: string, body?: unknown) => this.request(method, path, body === undefined ? undefined : JSON.parse(JSON.stringify(body))) } as unknown as ApiClient;
  }

  statement(contestId: string): SealedContestStatement {
    const contest = this.contests.find((c) => c.id === contestId)!;
    return {
      electionId: this.electionId,
      contestId,
      publicKey: this.result!.publicKey,
      verificationKeys: this.result!.verificationKeys,
      threshold: this.trustees.threshold,
      layout: paperLayout(contest.ballot as never, contest.candidates as never),
    };
  }

  /** The contest's papers read back from the record, as the system would count them. */
  opened(contestId: string) {
    return verifySealedContest(this.statement(contestId), sealedContestRecordFromJson(this.record.get(contestId)));
  }

  private election() {
    const step = this.result ? 'complete' : (['certificates', 'dealings', 'reviews'] as const).find((s) => this.transcript[s].length < this.trustees.count)!;
    return {
      id: this.electionId,
      title: 'Fake',
      phase: this.phase,
      box: this.box,
      ...(this.box === 'sealed' && { trustees: this.trustees, ceremony: { step, waitingFor: [] } }),
      ...(this.result && { electionKey: elementToHex(this.result.publicKey) }),
      contests: this.contests,
      ...(this.phase === 'closed' && { opening: { contests: [] } }),
    };
  }

  private opening(contestId: string) {
    const record = this.record.get(contestId)!;
    return {
      contest: contestId,
      mixesNeeded: mixesNeeded(this.trustees.count),
      threshold: this.trustees.threshold,
      mixes: record.mixes.map((mix, position) => ({ position, mixer: mix.mixer, papers: mix.outputs.length, digest: 'd' })),
      decryptions: record.decryptions.map((d) => ({ trustee: d.trustee, digest: 'd' })),
      opened: record.decryptions.length >= this.trustees.threshold,
    };
  }

  async request(method: string, path: string, body: unknown): Promise<unknown> {
    this.calls.push(`${method} ${path}`);
    const refuse = (status: number, code: string, message: string) => {
      throw new ApiError(status, code, `${method} ${path} → ${status} ${code}: ${message}`);
    };
    const route = path.replace(`/elections/${this.electionId}`, '');
    if (method === 'GET' && route === '') return this.election();
    if (method === 'GET' && route === '/ceremony') return { ...this.transcript, ...(this.result && { publicKey: elementToHex(this.result.publicKey) }) };
    const ceremonyStep = /^\/ceremony\/(certificates|dealings|reviews)$/.exec(route)?.[1] as 'certificates' | 'dealings' | 'reviews' | undefined;
    if (method === 'POST' && ceremonyStep) {
      const order = ['certificates', 'dealings', 'reviews'] as const;
      const before = order.slice(0, order.indexOf(ceremonyStep));
      if (before.some((s) => this.transcript[s].length < this.trustees.count) || this.transcript[ceremonyStep].length >= this.trustees.count) refuse(409, 'wrong_step', ceremonyStep);
      (this.transcript[ceremonyStep] as unknown[]).push(body);
      if (ceremonyStep === 'reviews' && this.transcript.reviews.length === this.trustees.count) {
        const verified = verifyCeremony(this.transcript);
        if (verified.ok) this.result = verified;
      }
      return this.request('GET', `/elections/${this.electionId}/ceremony`, undefined);
    }
    if (method === 'POST' && route === '/ballots') {
      const cast = body as { token: string; papers?: Record<string, SealedContestRecordJson['board'][number]> };
      if (this.tokens.has(cast.token)) refuse(409, 'already_voted', 'this token has voted');
      this.tokens.add(cast.token);
      if (this.box === 'open') return { receipt: 'plain-receipt' };
      const trackers: Record<string, string> = {};
      for (const [contest, paper] of Object.entries(cast.papers!)) {
        readList(paper.ciphertexts, 'ciphertexts', readCiphertext);
        this.record.get(contest)!.board.push(paper);
        trackers[contest] = trackerOf(paper.ciphertexts);
      }
      return { receipt: Object.values(trackers).join('.'), trackers };
    }
    const board = /^\/board\/([^?]+)(?:\?after=([0-9a-f]{64}))?$/.exec(route);
    if (method === 'GET' && board) {
      // The papers in the order they were cast, each page after the tracker of the last one given.
      const papers = this.record.get(board[1]!)!.board.map((p) => ({ tracker: trackerOf(p.ciphertexts), ...p }));
      const from = board[2] === undefined ? 0 : papers.findIndex((p) => p.tracker === board[2]) + 1;
      const page = papers.slice(from, from + this.boardPage);
      return { contest: board[1], papers: page, ...(from + this.boardPage < papers.length && { next: page.at(-1)!.tracker }) };
    }
    const opening = /^\/opening\/([^/]+)(\/mixes(?:\/(\d+)\?part=1)?|\/decryptions)?$/.exec(route);
    if (opening) {
      if (this.phase !== 'closed') refuse(409, 'not_closed', 'the box opens after the close');
      const [, contest, part, position] = opening as unknown as [string, string, string | undefined, string | undefined];
      const record = this.record.get(contest)!;
      if (method === 'GET' && part === undefined) return this.opening(contest);
      if (method === 'GET' && position !== undefined) {
        const mix = record.mixes[Number(position)]!;
        // A small mix is one part of its file's text, as the API answers `?part=1`.
        return { part: 1, parts: 1, text: JSON.stringify({ ...mix, outputs: this.forgeMix ? this.forgeMix(contest, Number(position), mix.outputs) : mix.outputs }) };
      }
      if (method === 'POST' && part === '/mixes') {
        const mix = body as SealedContestRecordJson['mixes'][number];
        const inputs = (record.mixes.at(-1)?.outputs ?? record.board.map((p) => p.ciphertexts)).map((paper, i) => readList(paper, `inputs[${i}]`, readCiphertext));
        const outputs = mix.outputs.map((paper, i) => readList(paper, `outputs[${i}]`, readCiphertext));
        const position = record.mixes.length;
        const verified = verifyShuffle(
          this.result!.publicKey,
          inputs,
          outputs,
          shuffleProofFromJson(mix.proof, 'proof'),
          sealedContexts.mix({ electionId: this.electionId, contestId: contest }, position, mix.mixer),
        );
        if (!verified.ok) refuse(400, 'invalid_proof', `proof: ${verified.failed}`);
        record.mixes.push(mix);
        return this.opening(contest);
      }
      if (method === 'POST' && part === '/decryptions') {
        record.decryptions.push(body as SealedContestRecordJson['decryptions'][number]);
        return this.opening(contest);
      }
    }
    return refuse(404, 'not_found', 'no such route in the fake');
  }
}
