import { boxName, fail, ok, type ExistingElection, type Result } from '../../domain';
import type { CiphertextVector } from '../../domain/crypto/elgamal';
import type { DecodedPaper } from '../../domain/crypto/paperEncoding';
import { decryptionShareFromJson } from '../../domain/crypto/proofs/decryptionShare';
import { readList } from '../../domain/crypto/jsonFields';
import { openingOf } from '../../domain/sealedBox/opening';
import { checkOpeningUpload, type OpeningUpload } from '../../domain/sealedBox/openingCheck';
import { boardInputs, contestStatement, mixOutputs, openingFileDigest, readBackPapers, type DecryptionFile, type MixFile, type PaperRange } from '../../domain/sealedBox/openingFiles';
import type { SealedContestStatement } from '../../domain/crypto/sealedContest';
import type { BallotBox, Deps, EventStream, OpeningFiles, CommitteeWaits } from '../ports';
import { openingDone } from '../lifecycle/awaitOpening';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { endCommitteeWait } from './committeeWait';

export type OpeningDeps = { store: EventStream & BallotBox & OpeningFiles & CommitteeWaits } & Pick<Deps, 'clock' | 'metrics' | 'lifecycle'>;

/** The opening's preconditions, checked before any proof is: a sealed election, sealed, and one of its contests. */
export function openable(state: ExistingElection, contestId: string): Result<SealedContestStatement> {
  if (!state.sealed) return fail('wrong_phase', 'this election keeps its ballots in plaintext: there is no box to open');
  if (state.phase !== 'closed' || !state.seal) return fail('wrong_phase', `the box is opened once it is sealed after the close (the election is ${state.phase})`);
  const statement = contestStatement(state, contestId);
  return statement ? ok(statement) : fail('not_found', `contest: "${contestId}" is not a contest of this election (${state.contests.map((c) => c.id).join(', ')})`);
}

/** The file a mix was recorded under, read back. */
export async function readMixFile(store: OpeningFiles, state: ExistingElection, contestId: string, position: number): Promise<Result<MixFile>> {
  const mix = state.sealed ? openingOf(state.sealed, contestId).mixes.find((m) => m.position === position) : undefined;
  if (!mix) return fail('not_found', `contest ${contestId} has no mix ${position}`);
  const content = await store.getOpeningFile(state.electionId, mix.digest);
  if (content === undefined) throw new Error(`the file of mix ${position} of contest ${contestId} (${mix.digest}) is missing`);
  return ok(JSON.parse(content) as MixFile);
}

/** What a mix at `position` shuffles (the board, or the outputs of the mix before), or, for a decryption, the last mix: all its papers, or those in `range`. */
export async function checkInputs(
  deps: { store: BallotBox & OpeningFiles },
  state: ExistingElection,
  contestId: string,
  upload: OpeningUpload,
  range?: PaperRange,
): Promise<Result<CiphertextVector[]>> {
  if (upload.kind === 'decryption') return lastMix(deps, state, contestId, range);
  if (upload.file.position === 0) return ok(boardInputs(await deps.store.readBallots(boxName(state.electionId, state.contests, contestId)), range));
  const before = await readMixFile(deps.store, state, contestId, upload.file.position - 1);
  return before.ok ? ok(mixOutputs(before.value, range)) : before;
}

/** The file of a mixer's upload, as the next mix of the contest. */
export const nextMixFile = (state: ExistingElection, contestId: string, upload: Pick<MixFile, 'mixer' | 'outputs' | 'proof'>): OpeningUpload => ({
  kind: 'mix',
  file: { contest: contestId, position: openingOf(state.sealed!, contestId).mixes.length, mixer: upload.mixer, outputs: upload.outputs, proof: upload.proof },
});

/** A trustee's upload as their decryption file of the contest. */
export const decryptionFile = (contestId: string, upload: Pick<DecryptionFile, 'trustee' | 'shares'>): OpeningUpload => ({
  kind: 'decryption',
  file: { contest: contestId, trustee: upload.trustee, shares: upload.shares },
});

/**
 * A mixer's shuffle or a trustee's decryption shares checked within this request: every proof
 * against its input (the board, the mix before, the last mix), then the file kept and the log asked.
 */
export async function submitOpeningFile(deps: OpeningDeps, electionId: string, contestId: string, upload: (state: ExistingElection) => OpeningUpload, asked: AskedBy = {}): Promise<Result<Applied>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const statement = openable(state, contestId);
  if (!statement.ok) return statement;
  const file = upload(state);
  const inputs = await checkInputs(deps, state, contestId, file);
  if (!inputs.ok) return inputs;
  const checked = checkOpeningUpload(statement.value, inputs.value, file);
  if (!checked.ok) return checked;
  return acceptCheckedFile(deps, electionId, file, inputs.value.length, asked);
}

/** A file whose proofs have all been checked: kept under its digest, then the log decides (the mixer's turn, the position, the trustee's); the last decryption ends the workflow's wait. */
export async function acceptCheckedFile(deps: OpeningDeps, electionId: string, upload: OpeningUpload, papers: number, asked: AskedBy = {}): Promise<Result<Applied>> {
  const digest = openingFileDigest(upload.file);
  await deps.store.putOpeningFile(electionId, digest, JSON.stringify(upload.file));
  if (upload.kind === 'mix') {
    const { contest, position, mixer } = upload.file;
    return runCommand(deps, electionId, { type: 'AcceptMix', contest, position, mixer, papers, digest }, undefined, asked);
  }
  const accepted = await runCommand(deps, electionId, { type: 'AcceptDecryption', contest: upload.file.contest, trustee: upload.file.trustee, digest }, undefined, asked);
  if (accepted.ok && accepted.value.state.phase !== 'none' && openingDone(accepted.value.state)) await endCommitteeWait(deps, electionId, 'opening');
  return accepted;
}

/** The last mix of a contest, which the trustees decrypt. */
async function lastMix(deps: { store: OpeningFiles }, state: ExistingElection, contestId: string, range?: PaperRange): Promise<Result<CiphertextVector[]>> {
  const mixes = state.sealed ? openingOf(state.sealed, contestId).mixes : [];
  if (mixes.length === 0) return fail('wrong_phase', `contest ${contestId} has not been mixed yet: decryption follows the mixes`);
  const file = await readMixFile(deps.store, state, contestId, mixes.length - 1);
  return file.ok ? ok(mixOutputs(file.value, range)) : file;
}

/** Every contest's papers, read back from its last mix and the recorded decryptions (each checked when it arrived). */
export async function openedPapers(deps: { store: OpeningFiles }, state: ExistingElection): Promise<Map<string, DecodedPaper[]>> {
  const opened = new Map<string, DecodedPaper[]>();
  for (const contest of state.contests) {
    if (openingOf(state.sealed!, contest.id).papers === 0) {
      opened.set(contest.id, []);
      continue;
    }
    const statement = contestStatement(state, contest.id);
    const inputs = await lastMix(deps, state, contest.id);
    if (!statement || !inputs.ok) throw new Error(`contest ${contest.id} is not opened`);
    const decryptions = await Promise.all(
      openingOf(state.sealed!, contest.id).decryptions.map(async ({ trustee, digest }) => {
        const content = await deps.store.getOpeningFile(state.electionId, digest);
        if (content === undefined) throw new Error(`the decryption file of trustee ${trustee} for contest ${contest.id} (${digest}) is missing`);
        const file = JSON.parse(content) as DecryptionFile;
        return { trustee, shares: readList(file.shares, 'shares', (paper, at) => readList(paper, at, decryptionShareFromJson)) };
      }),
    );
    opened.set(contest.id, readBackPapers(statement, inputs.value, decryptions));
  }
  return opened;
}
