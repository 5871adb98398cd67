import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent, ApiResponse } from '../../handlers/api/http';
import type { BallotContent, BallotDefinition, Candidate } from '../../domain/election';
import { type CiphertextJson, ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex, elementToHex, type RandomBytes } from '../../domain/crypto/group';
import { readCiphertext, readList } from '../../domain/crypto/jsonFields';
import { type CeremonyFailure, type Dealing, type ShareReview, type TrusteeCertificate, verifyCeremony } from '../../domain/crypto/keyCeremony';
import { type DecodedPaper, paperLayout } from '../../domain/crypto/paperEncoding';
import { decryptionShareFromJson, verifyPartialDecryptions } from '../../domain/crypto/proofs/decryptionShare';
import { knowledgeOfRandomnessToJson, type KnowledgeOfRandomnessProofJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { mixesNeeded, sealedContestRecordFromJson, sealedContexts, verifySealedContest } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { shuffleProofFromJson, type ShuffleProofJson, verifyShuffle } from '../../domain/crypto/shuffle';
import { serveApi } from '../../infra/local/apiServer';
import { localFiles } from '../../infra/local/webFiles';

/**
 * A stand-in for the sealed box's HTTP API, for the trustee page's browser test before the real
 * routes exist: the routes and answers the page reads (as the API's description gives them), with
 * the pages served as the local stack serves them. It keeps the ceremony's messages in order and,
 * when the last review is in, runs verifyCeremony and publishes the key; a complaint or a failed
 * verification starts the ceremony over. After `close`, it keeps a board of sealed papers, checks
 * each mix's shuffle proof and each decryption's proofs as they come, and opens the contest with
 * verifySealedContest once t trustees have decrypted. Every POST body is kept, to be searched for
 * secrets.
 */
export interface FakeSealedBoxOptions {
  adminToken: string;
  electionId: string;
  title: string;
  trustees: { count: number; threshold: number; names?: string[] };
  contest: { id: string; title: string; ballot: BallotDefinition; candidates: Candidate[] };
}

type Mix = { mixer: number; outputs: CiphertextJson[][]; proof: ShuffleProofJson };
type Decryption = { trustee: number; shares: unknown[][] };

export async function startFakeSealedBoxApi(options: FakeSealedBoxOptions, port: number) {
  const { adminToken, electionId, trustees, contest } = options;
  const context = { electionId, threshold: trustees.threshold, trustees: trustees.count };
  const statement = { electionId, contestId: contest.id };
  const layout = paperLayout(contest.ballot, contest.candidates);
  const posted: string[] = [];
  let ceremony = { certificates: [] as TrusteeCertificate[], dealings: [] as Dealing[], reviews: [] as ShareReview[] };
  let failedRounds = 0;
  let lastFailure: CeremonyFailure | undefined;
  let key: { publicKey: string; verificationKeys: string[] } | undefined;
  let board: { tracker: string; ciphertexts: CiphertextJson[]; proof: KnowledgeOfRandomnessProofJson }[] | undefined;
  const mixes: Mix[] = [];
  const decryptions: Decryption[] = [];
  let opened: DecodedPaper[] | undefined;

  const answer = (status: number, body: unknown): ApiResponse => ({
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  });
  const refuse = (status: number, code: string, message: string) => answer(status, { error: { code, message } });
  const step = () => (key ? 'complete' : ceremony.certificates.length < trustees.count ? 'certificates' : ceremony.dealings.length < trustees.count ? 'dealings' : 'reviews');
  const senders = (list: readonly (TrusteeCertificate | Dealing | ShareReview)[]) => list.map((m) => ('dealer' in m ? m.dealer : m.trustee));
  const waitingFor = () => {
    const current = step();
    if (current === 'complete') return [];
    const given = senders(ceremony[current]);
    return Array.from({ length: trustees.count }, (_, i) => i + 1).filter((t) => !given.includes(t));
  };
  const ceremonyView = () => ({ electionId, threshold: trustees.threshold, trustees: trustees.count, ...ceremony, ...(key && key) });
  const lastMixOutputs = (): CiphertextJson[][] => (mixes.length === 0 ? (board ?? []).map((p) => p.ciphertexts) : mixes.at(-1)!.outputs);
  const openingView = () => ({
    contest: contest.id,
    mixesNeeded: mixesNeeded(trustees.count),
    threshold: trustees.threshold,
    mixes: mixes.map((m, position) => ({ position, mixer: m.mixer, papers: m.outputs.length, digest: `mix-${position}` })),
    decryptions: decryptions.map((d) => ({ trustee: d.trustee, digest: `decryption-${d.trustee}` })),
    opened: opened !== undefined,
  });
  const electionView = () => ({
    id: electionId,
    title: options.title,
    phase: board ? 'closed' : 'draft',
    box: 'sealed',
    trustees,
    contests: [{ id: contest.id, title: contest.title }],
    ceremony: { step: step(), waitingFor: waitingFor(), failedRounds, ...(lastFailure && { lastFailure }) },
    ...(key && { electionKey: key.publicKey }),
    ...(board && {
      opening: {
        contests: [
          {
            id: contest.id,
            mixes: mixes.length,
            mixesNeeded: mixesNeeded(trustees.count),
            mixers: mixes.map((m) => m.mixer),
            decryptions: decryptions.map((d) => d.trustee),
            threshold: trustees.threshold,
            next: opened ? 'opened' : mixes.length < mixesNeeded(trustees.count) ? 'mix' : 'decryption',
          },
        ],
      },
    }),
  });

  function giveCeremonyMessage(list: 'certificates' | 'dealings' | 'reviews', message: Record<string, unknown>): ApiResponse {
    if (step() !== list) return refuse(409, 'conflict', `the ceremony is at its ${step()}, not its ${list}`);
    const sender = message[list === 'dealings' ? 'dealer' : 'trustee'];
    if (!waitingFor().includes(sender as number)) return refuse(409, 'conflict', `trustee ${String(sender)} has given theirs, or is no trustee; waiting for ${waitingFor().join(', ')}`);
    (ceremony[list] as unknown[]).push(message);
    for (const messages of Object.values(ceremony)) messages.sort((a, b) => senders([a])[0]! - senders([b])[0]!);
    if (list === 'reviews' && ceremony.reviews.length === trustees.count) {
      const verified = verifyCeremony({ ...context, ...ceremony });
      if (verified.ok) {
        key = { publicKey: elementToHex(verified.publicKey), verificationKeys: verified.verificationKeys.map(elementToHex) };
        lastFailure = undefined;
      } else {
        failedRounds += 1;
        lastFailure = verified.failed;
        ceremony = { certificates: [], dealings: [], reviews: [] };
      }
    }
    return answer(201, ceremonyView());
  }

  function giveMix(body: Mix): ApiResponse {
    if (mixes.length >= mixesNeeded(trustees.count)) return refuse(409, 'conflict', 'the contest has its mixes');
    if (mixes.some((m) => m.mixer === body.mixer)) return refuse(409, 'conflict', `mixer: trustee ${body.mixer} has already mixed`);
    const position = mixes.length;
    const papers = (value: unknown, path: string) => readList(value, path, (paper, paperPath) => readList(paper, paperPath, readCiphertext));
    const verified = verifyShuffle(
      elementFromHex(key!.publicKey),
      papers(lastMixOutputs(), 'inputs'),
      papers(body.outputs, 'outputs'),
      shuffleProofFromJson(body.proof),
      sealedContexts.mix(statement, position, body.mixer),
    );
    if (!verified.ok) return refuse(400, 'invalid_request', `proof: the shuffle proof fails (${verified.failed})`);
    mixes.push(body);
    return answer(201, openingView());
  }

  function giveDecryption(body: Decryption): ApiResponse {
    if (mixes.length < mixesNeeded(trustees.count)) return refuse(409, 'conflict', 'decryption follows the mixes');
    if (decryptions.some((d) => d.trustee === body.trustee)) return refuse(409, 'conflict', `trustee: trustee ${body.trustee} has already decrypted`);
    const verificationKey = elementFromHex(key!.verificationKeys[body.trustee - 1]!);
    const inputs = lastMixOutputs();
    if (body.shares.length !== inputs.length) return refuse(400, 'invalid_request', `shares: ${body.shares.length} papers where the last mix has ${inputs.length}`);
    for (const [i, paper] of inputs.entries()) {
      const ciphertexts = paper.map((c, k) => readCiphertext(c, `papers[${i}][${k}]`));
      const shares = body.shares[i]!.map((share, k) => decryptionShareFromJson(share, `shares[${i}][${k}]`));
      const verified = verifyPartialDecryptions(verificationKey, ciphertexts, shares, sealedContexts.decryption(statement, body.trustee));
      if (!verified.ok) return refuse(400, 'invalid_request', `shares[${i}]: ${verified.failed}`);
    }
    decryptions.push(body);
    if (decryptions.length === trustees.threshold) {
      const record = sealedContestRecordFromJson({ board: board!.map(({ ciphertexts, proof }) => ({ ciphertexts, proof })), mixes, decryptions });
      const publicKey = elementFromHex(key!.publicKey);
      const verified = verifySealedContest({ ...statement, publicKey, verificationKeys: key!.verificationKeys.map(elementFromHex), threshold: trustees.threshold, layout }, record);
      if (!verified.ok) return refuse(400, 'invalid_request', `the contest does not verify: ${JSON.stringify(verified.failed)}`);
      opened = verified.papers;
    }
    return answer(201, openingView());
  }

  async function handle(event: ApiEvent): Promise<ApiResponse> {
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    const admin = event.headers.authorization === `Bearer ${adminToken}`;
    const text = event.body === undefined ? '' : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
    if (method === 'POST') posted.push(text);
    const body = () => JSON.parse(text) as Record<string, unknown>;
    if (path === '/elections' && method === 'GET') return admin ? answer(200, { elections: [] }) : refuse(401, 'unauthorized', 'the admin token is missing or wrong');
    const base = `/elections/${electionId}`;
    if (!path.startsWith(base)) return refuse(404, 'not_found', 'no such election');
    const rest = path.slice(base.length);
    if (method === 'GET') {
      if (rest === '') return answer(200, electionView());
      if (rest === '/ceremony') return answer(200, ceremonyView());
      if (board && rest === `/board/${contest.id}`) {
        // Two papers a page, each after the tracker of the last one given.
        const after = new URLSearchParams(event.rawQueryString).get('after');
        const from = after === null ? 0 : board.findIndex((paper) => paper.tracker === after) + 1;
        const page = board.slice(from, from + 2);
        return answer(200, { contest: contest.id, papers: page, ...(from + 2 < board.length && { next: page.at(-1)!.tracker }) });
      }
      if (board && rest === `/opening/${contest.id}`) return answer(200, openingView());
      const mix = /^\/opening\/([a-z0-9-]+)\/mixes\/(\d+)$/.exec(rest);
      if (board && mix && mix[1] === contest.id && mixes[Number(mix[2])]) {
        // In two parts, as the API answers a mix too large for one answer: the page reads every part.
        const text = JSON.stringify(mixes[Number(mix[2])]);
        const halves = [text.slice(0, Math.floor(text.length / 2)), text.slice(Math.floor(text.length / 2))];
        const part = Number(new URLSearchParams(event.rawQueryString).get('part'));
        return part === 1 || part === 2 ? answer(200, { part, parts: 2, text: halves[part - 1] }) : refuse(400, 'invalid_request', 'part: read the mix with ?part=1 and ?part=2');
      }
      return refuse(404, 'not_found', 'no such resource');
    }
    if (!admin) return refuse(401, 'unauthorized', 'the admin token is missing or wrong');
    const list = /^\/ceremony\/(certificates|dealings|reviews)$/.exec(rest);
    if (list) return giveCeremonyMessage(list[1] as 'certificates' | 'dealings' | 'reviews', body());
    if (board && rest === `/opening/${contest.id}/mixes`) return giveMix(body() as unknown as Mix);
    if (board && rest === `/opening/${contest.id}/decryptions`) return giveDecryption(body() as unknown as Decryption);
    return refuse(404, 'not_found', 'no such route');
  }

  const files = localFiles({ auditExportDir: mkdtempSync(join(tmpdir(), 'fake-sealed-box-')) });
  const server = await serveApi(handle, port, '127.0.0.1', { files });
  return {
    url: server.url,
    stop: () => server.stop(),
    /** Every POST body, as sent. */
    posted,
    electionKey: () => key?.publicKey,
    /** Ends the ceremony's round as a complaint does: the transcript is emptied and the failure shown. */
    failCeremony(failure: CeremonyFailure) {
      failedRounds += 1;
      lastFailure = failure;
      ceremony = { certificates: [], dealings: [], reviews: [] };
    },
    /** Ends voting: the board holds these papers, sealed under the published key as voters' pages seal them. */
    close(cast: BallotContent[], random: RandomBytes) {
      const publicKey = elementFromHex(key!.publicKey);
      board = cast.map((content, i) => {
        const sealed = sealPaper({ publicKey, layout, context: sealedContexts.paper(statement) }, content, random);
        return { tracker: `paper-${i}`, ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) };
      });
    },
    /** The papers read back once t trustees have decrypted. */
    opened: () => opened,
  };
}
