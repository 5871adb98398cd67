import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { boxName, byBallotId, MAIN_CONTEST, type ElectionCommand, type Result, type SealedBallot } from '../domain';
import { readCiphertext, readList } from '../domain/crypto/jsonFields';
import { knowledgeOfRandomnessFromJson } from '../domain/crypto/proofs/knowledgeOfRandomness';
import { rehearseOpening } from '../domain/crypto/rehearsal';
import { sealedContestRecordToJson } from '../domain/crypto/sealedContest';
import { contestStatement } from '../domain/sealedBox/openingFiles';
import { trackerOf } from '../domain/sealedBox/sealedCast';
import { serveAuditExportDirectory } from '../handlers/adapters/directoryAuditExportStore';
import { jsonLog } from '../handlers/adapters/jsonLog';
import { fillBox, memoryStores } from '../handlers/adapters/memory';
import { noMetrics } from '../handlers/adapters/noMetrics';
import { openingFileParts } from '../handlers/ports/openingFiles';
import { buildDeps } from '../handlers/composition';
import { runCommand } from '../handlers/runCommand';
import { lockElection } from '../handlers/usecases/lockElection';
import { decryptionFile, nextMixFile, submitOpeningFile } from '../handlers/usecases/openingUploads';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { closeVoting, countOpened, publishResults, tallyBallots } from '../test/support/lifecycleSteps';
import { IDLE_WORKFLOW, TokenMailer } from './benchStack';
import { exportedFile } from './exportThroughStore';
import { measuredAuditVerify } from './measuredChild';
import { BENCH_TRUSTEES, benchRandom, rehearseElectionKey, sealedPapers } from './sealedElection';

const ELECTION = 'sealed-export';
const CANDIDATES = Array.from({ length: 30 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@bench.test`, pageLink: 'https://bench.test' }));

/** Bytes of one kind of the export's lines: as written (NDJSON), and gzipped on their own. */
export interface ExportPart {
  lines: number;
  rawMb: number;
  gzipMb: number;
}

export interface SealedExportFigures {
  voters: number;
  /** The file as the publish step writes it. */
  gzipMb: number;
  rawMb: number;
  /** The voters' sealed papers, the opening's files (each mix and decryption, in parts), and the rest (log, roll, participation). */
  ballots: ExportPart;
  opening: ExportPart;
  rest: ExportPart;
  /** Each opening file in the order of the log: its upload through the opening's use case (the checks the admin function runs in the request), its characters, and its parts of 300,000 characters as kept beside the log (one DynamoDB item each). */
  uploads: (Upload & { characters: number; parts: number })[];
  /** `audit verify` of the file, in a process of its own. */
  verifySeconds: number;
  verifyPeakMb: number;
}

/** An opening file's upload, timed. */
interface Upload {
  file: string;
  seconds: number;
}

const MB = 2 ** 20;

/**
 * The audit export of a sealed election of `voters` voters who each cast a ranked paper of 30
 * candidates (one ciphertext), made in memory by the system's own code: created sealed with 2 of
 * 3 trustees, its key from a rehearsed ceremony, the roll registered and locked, the papers sealed
 * as the voter page seals them and put in the box as the cast stores them (under their trackers),
 * closed and sealed by the workflow's steps, opened by two mixes and two decryptions (rehearsed,
 * each uploaded through the opening's use cases, which check every proof), counted and
 * published; the file is the one the publish step writes. Then measured by the kind of its lines,
 * and verified by `audit verify` in a process of its own.
 */
export async function benchSealedExport(voters = 1_000, progress: (line: string) => void = () => undefined): Promise<SealedExportFigures> {
  const { store, mail, tables } = memoryStores();
  const t0 = Date.now();
  let now = new Date(t0);
  const clock = { now: () => now };
  const dir = mkdtempSync(join(tmpdir(), 'sealed-export-'));
  const exports = await serveAuditExportDirectory(dir);
  const deps = buildDeps(
    { stores: { store, mail }, mailer: new TokenMailer(), clock, log: jsonLog('silent'), metrics: noMetrics },
    { lifecycle: IDLE_WORKFLOW, auditExports: exports.store, publicUrl: 'http://bench.test' },
  );
  const run = async (command: ElectionCommand) => {
    const applied = await runCommand(deps, ELECTION, command);
    if (!applied.ok) throw new Error(`${command.type}: ${applied.error.message}`);
  };
  try {
    await run({
      type: 'CreateElection',
      electionId: ELECTION,
      title: 'Sealed export benchmark',
      ballot: { kind: 'ranked', method: 'scottish-stv', seats: 5 },
      candidates: CANDIDATES,
      window: { closesAt: new Date(t0 + 3_600_000).toISOString() },
      box: 'sealed',
      trustees: BENCH_TRUSTEES,
      now,
    });
    const secretShares = await rehearseElectionKey(deps, ELECTION);
    const roll = Array.from({ length: voters }, (_, i) => ({ studentId: `s${String(i).padStart(7, '0')}`, email: `s${i}@bench.test` }));
    const registered = await registerVoters(deps, ELECTION, roll);
    if (!registered.ok) throw new Error(`registration: ${registered.error.message}`);
    const locked = await lockElection(deps, ELECTION);
    if (!locked.ok) throw new Error(`Lock: ${locked.error.message}`);
    await run({ type: 'Start', now });

    progress(`sealing ${voters.toLocaleString('en')} papers`);
    const { state } = await store.load(ELECTION);
    if (state.phase === 'none') throw new Error('no election');
    // Each voter ranks 12 of the 30, starting from a candidate of their own: the count has something to do.
    const ballots: SealedBallot[] = Array.from({ length: voters }, (_, i) => {
      const ranking = Array.from({ length: 12 }, (_, k) => CANDIDATES[(i + k) % CANDIDATES.length]!.name);
      const paper = sealedPapers(state, new Map([[MAIN_CONTEST, ranking]]), 1)[0]![MAIN_CONTEST]!;
      return { ballotId: trackerOf(paper.ciphertexts), choices: [], sealed: paper };
    });
    const voterHashes = Array.from({ length: voters }, () => randomBytes(32).toString('hex'));
    fillBox(tables, ELECTION, boxName(ELECTION, state.contests, MAIN_CONTEST), ballots, voterHashes);

    now = new Date(t0 + 3_601_000);
    for (const step of [closeVoting, tallyBallots]) {
      const stepped = await step(deps, ELECTION);
      if (!stepped.ok) throw new Error(stepped.error.message);
    }

    progress('opening: two mixes and two decryptions, each checked as it is uploaded');
    const sealed = (await store.load(ELECTION)).state;
    if (sealed.phase === 'none') throw new Error('no election');
    const statement = contestStatement(sealed, MAIN_CONTEST)!;
    // The board in tracker order, as the first mix takes it.
    const board = (await store.readBallots(boxName(ELECTION, sealed.contests, MAIN_CONTEST))).sort(byBallotId).map((ballot, i) => ({
      ciphertexts: readList(ballot.sealed!.ciphertexts, `board[${i}].ciphertexts`, readCiphertext),
      proof: knowledgeOfRandomnessFromJson(ballot.sealed!.proof),
    }));
    const opened = sealedContestRecordToJson(rehearseOpening(statement, board, secretShares, { mixers: [1, 2], decryptors: [1, 2] }, benchRandom));
    const uploads: Upload[] = [];
    const timed = async (file: string, upload: () => Promise<Result<unknown>>) => {
      const started = performance.now();
      const accepted = await upload();
      if (!accepted.ok) throw new Error(`${file}: ${accepted.error.message}`);
      uploads.push({ file, seconds: (performance.now() - started) / 1000 });
    };
    for (const mix of opened.mixes) await timed(`mix by trustee ${mix.mixer}`, () => submitOpeningFile(deps, ELECTION, MAIN_CONTEST, (state) => nextMixFile(state, MAIN_CONTEST, mix)));
    for (const decryption of opened.decryptions)
      await timed(`decryption by trustee ${decryption.trustee}`, () => submitOpeningFile(deps, ELECTION, MAIN_CONTEST, () => decryptionFile(MAIN_CONTEST, decryption)));
    for (const step of [countOpened, publishResults]) {
      const stepped = await step(deps, ELECTION);
      if (!stepped.ok) throw new Error(stepped.error.message);
    }

    const file = exportedFile(dir);
    const gzipped = readFileSync(file);
    const lines = gunzipSync(gzipped).toString('utf8').trimEnd().split('\n');
    const kindOf = (line: string) => (JSON.parse(line) as { kind: string }).kind;
    const part = (of: string[]): ExportPart => {
      const text = of.map((line) => `${line}\n`).join('');
      return { lines: of.length, rawMb: Buffer.byteLength(text) / MB, gzipMb: gzipSync(text).length / MB };
    };
    const ballotLines = lines.filter((line) => kindOf(line) === 'ballot');
    const openingLines = lines.filter((line) => kindOf(line) === 'opening');
    if (ballotLines.length !== voters) throw new Error(`the export holds ${ballotLines.length} ballots for ${voters} voters`);
    // Each file whole again (the export may cut it otherwise than the store does), then cut as the store keeps it.
    const openingFiles = new Map<string, string>();
    for (const line of openingLines) {
      const { digest, text } = JSON.parse(line) as { digest: string; text: string };
      openingFiles.set(digest, (openingFiles.get(digest) ?? '') + text);
    }
    // The export holds the files in the log's order, the order they were uploaded in.
    if (openingFiles.size !== uploads.length) throw new Error(`the export holds ${openingFiles.size} opening files for ${uploads.length} uploads`);

    progress('audit verify');
    const verified = await measuredAuditVerify(file);
    return {
      voters,
      gzipMb: gzipped.length / MB,
      rawMb: lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0) / MB,
      ballots: part(ballotLines),
      opening: part(openingLines),
      rest: part(lines.filter((line) => !['ballot', 'opening'].includes(kindOf(line)))),
      uploads: [...openingFiles.values()].map((text, i) => ({ ...uploads[i]!, characters: text.length, parts: openingFileParts(text).length })),
      verifySeconds: verified.seconds,
      verifyPeakMb: verified.maxRssKb / 1024,
    };
  } finally {
    await exports.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
