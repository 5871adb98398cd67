import { fail, ok, sha256, type ExistingElection, type Result } from '../../domain';
import { paperWidth } from '../../domain/crypto/sealedPaper';
import { openingOf } from '../../domain/sealedBox/opening';
import { contestStatement } from '../../domain/sealedBox/openingFiles';
import { PENDING_UPLOAD_DAYS, type Deps, type OpeningCheckRecord, type OpeningChecks, type OpeningUploadKind, type PendingUploads } from '../ports';
import { openable } from './openingUploads';
import { joinedUpload } from './pendingUploads';
import type { AskedBy } from '../runCommand';

/**
 * An upload too large to check within one API request (over some 2,000 ciphertexts: the API's
 * 29 s) is checked by the opening-check workflow, in parts on many functions at once
 * (handlers/openingCheck/). The request that posts it is answered at once with the check's state
 * (202); the trustee's CLI and page then ask for it until the mix or decryption is accepted or
 * refused, with the refusal the request itself would have given.
 */

type CheckDeps = { store: PendingUploads & OpeningChecks } & Pick<Deps, 'clock' | 'openingChecks'>;

/** Where a check stands, as the API answers it. */
export interface OpeningCheckView {
  upload: string;
  contest: string;
  kind: OpeningUploadKind;
  state: OpeningCheckRecord['state'];
  /** The parts its proofs were cut into (once planned), and how many are checked. */
  parts?: number;
  checked: number;
  error?: { code: string; message: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A check's record is kept as long as the upload's parts: a day. */
export const checkExpiry = (deps: Pick<Deps, 'clock'>): Date => new Date(deps.clock.now().getTime() + PENDING_UPLOAD_DAYS * DAY_MS);

/** Ciphertexts in one paper of the contest. */
const paperCiphertexts = (state: ExistingElection, contestId: string): number => {
  const statement = contestStatement(state, contestId);
  return statement ? paperWidth(statement.layout) : 1;
};

/** Whether a contest's opening files are too large to check within one request: its papers at the seal times the ciphertexts of a paper. */
export function checkedOnWorkflow(deps: Pick<Deps, 'openingChecks'>, state: ExistingElection, contestId: string): boolean {
  const papers = state.sealed ? (openingOf(state.sealed, contestId).papers ?? 0) : 0;
  return papers * paperCiphertexts(state, contestId) > deps.openingChecks.inlineCiphertexts;
}

/** What is posted: the upload's text itself (a one-request body), or the SHA-256 of an upload put in parts. */
export type UploadSource = { text: string } | { digest: string };

/**
 * Begins the check of an upload on the workflow, once its parts have all arrived whole; a check of
 * the same upload still running is answered as it stands, not begun twice. A one-request body is
 * kept as an upload of one part, so that the workflow reads every upload alike.
 */
export async function beginOpeningCheck(
  deps: CheckDeps,
  state: ExistingElection,
  contestId: string,
  kind: OpeningUploadKind,
  source: UploadSource,
  { by }: AskedBy = {},
): Promise<Result<OpeningCheckView>> {
  const statement = openable(state, contestId);
  if (!statement.ok) return statement;
  const { electionId } = state;
  let upload: string;
  if ('text' in source) {
    upload = sha256(source.text);
    await deps.store.putUploadPart(electionId, upload, { index: 1, parts: 1, text: source.text }, checkExpiry(deps));
  } else {
    upload = source.digest;
    // Joined and hashed, not parsed: the workflow reads it, and a file of 64 million characters parsed here would take most of the request's memory.
    const joined = await joinedUpload(deps, electionId, upload);
    if (!joined.ok) return joined;
  }
  const running = await deps.store.readOpeningCheck(electionId, upload);
  if (running?.state === 'checking' && (await deps.openingChecks.isRunning({ electionId, upload, run: running.run }))) return ok(viewOf(upload, running));
  const run = deps.clock.now().toISOString();
  const record: OpeningCheckRecord = { contest: contestId, kind, run, state: 'checking' };
  await deps.store.putOpeningCheck(electionId, upload, record, checkExpiry(deps));
  const papersPerPart = Math.max(1, Math.floor(deps.openingChecks.ciphertextsPerPart / paperCiphertexts(state, contestId)));
  const position = kind === 'mix' ? openingOf(state.sealed!, contestId).mixes.length : null;
  await deps.openingChecks.startOpeningCheck({ electionId, contest: contestId, kind, upload, run, papersPerPart, position, ...(by && { by }) });
  return ok(viewOf(upload, { ...record, checked: 0 }));
}

/** Where the check of an upload stands. */
export async function openingCheckView(deps: { store: OpeningChecks }, electionId: string, contestId: string, upload: string): Promise<Result<OpeningCheckView>> {
  const record = await deps.store.readOpeningCheck(electionId, upload);
  if (record === undefined || record.contest !== contestId) return fail('not_found', `upload: no check of upload ${upload} for contest ${contestId} was begun (or it ended over a day ago)`);
  return ok(viewOf(upload, record));
}

const viewOf = (upload: string, { contest, kind, state, parts, checked, error }: OpeningCheckRecord & { checked: number }): OpeningCheckView => ({
  upload,
  contest,
  kind,
  state,
  ...(parts !== undefined && { parts }),
  checked,
  ...(error !== undefined && { error }),
});
