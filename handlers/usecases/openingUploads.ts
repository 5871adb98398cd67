import { boxName, fail, ok, type ExistingElection, type Result } from '../../domain';
import type { CiphertextVector } from '../../domain/crypto/elgamal';
import type { DecodedPaper } from '../../domain/crypto/paperEncoding';
import { decryptionShareFromJson } from '../../domain/crypto/proofs/decryptionShare';
import { readList } from '../../domain/crypto/jsonFields';
import { openingOf } from '../../domain/sealedBox/opening';
import { boardInputs, checkDecryption, checkMix, contestStatement, mixOutputs, openingFileDigest, readBackPapers, type DecryptionFile, type MixFile } from '../../domain/sealedBox/openingFiles';
import type { SealedContestStatement } from '../../domain/crypto/sealedContest';
import type { BallotBox, Deps, EventStream, OpeningFiles, OpeningWait } from '../ports';
import { openingDone } from '../lifecycle/awaitOpening';
import { runCommand, type Applied } from '../runCommand';

type OpeningDeps = { store: EventStream & BallotBox & OpeningFiles & OpeningWait } & Pick<Deps, 'clock' | 'metrics' | 'lifecycle'>;

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

/** What the next mix shuffles: the board, or the last mix's outputs. */
async function mixInput(deps: OpeningDeps, state: ExistingElection, contestId: string): Promise<CiphertextVector[]> {
  const mixes = state.sealed ? openingOf(state.sealed, contestId).mixes : [];
  if (mixes.length === 0) return boardInputs(await deps.store.readBallots(boxName(state.electionId, state.contests, contestId)));
  const last = await readMixFile(deps.store, state, contestId, mixes.length - 1);
  if (!last.ok) throw new Error(last.error.message);
  return mixOutputs(last.value);
}

/**
 * A mixer's shuffle of a contest's board or last mix: its proof checked against that input, the
 * file kept under its digest, then the log decides (the mixer's turn, the position, the count).
 */
export async function submitMix(deps: OpeningDeps, electionId: string, contestId: string, upload: Pick<MixFile, 'mixer' | 'outputs' | 'proof'>): Promise<Result<Applied>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const statement = openable(state, contestId);
  if (!statement.ok) return statement;
  const position = openingOf(state.sealed!, contestId).mixes.length;
  const file: MixFile = { contest: contestId, position, mixer: upload.mixer, outputs: upload.outputs, proof: upload.proof };
  const checked = checkMix(statement.value, await mixInput(deps, state, contestId), file);
  if (!checked.ok) return checked;
  const digest = openingFileDigest(file);
  await deps.store.putOpeningFile(electionId, digest, JSON.stringify(file));
  return runCommand(deps, electionId, { type: 'AcceptMix', contest: contestId, position, mixer: upload.mixer, papers: checked.value.length, digest });
}

/** The last mix of a contest, which the trustees decrypt. */
async function lastMix(deps: { store: OpeningFiles }, state: ExistingElection, contestId: string): Promise<Result<CiphertextVector[]>> {
  const mixes = state.sealed ? openingOf(state.sealed, contestId).mixes : [];
  if (mixes.length === 0) return fail('wrong_phase', `contest ${contestId} has not been mixed yet: decryption follows the mixes`);
  const file = await readMixFile(deps.store, state, contestId, mixes.length - 1);
  return file.ok ? ok(mixOutputs(file.value)) : file;
}

/** A trustee's decryption shares of a contest's last mix: every proof checked, the file kept, then the log decides. */
export async function submitDecryption(deps: OpeningDeps, electionId: string, contestId: string, upload: Pick<DecryptionFile, 'trustee' | 'shares'>): Promise<Result<Applied>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const statement = openable(state, contestId);
  if (!statement.ok) return statement;
  const inputs = await lastMix(deps, state, contestId);
  if (!inputs.ok) return inputs;
  const file: DecryptionFile = { contest: contestId, trustee: upload.trustee, shares: upload.shares };
  const checked = checkDecryption(statement.value, inputs.value, file);
  if (!checked.ok) return checked;
  const digest = openingFileDigest(file);
  await deps.store.putOpeningFile(electionId, digest, JSON.stringify(file));
  const accepted = await runCommand(deps, electionId, { type: 'AcceptDecryption', contest: contestId, trustee: upload.trustee, digest });
  if (accepted.ok && accepted.value.state.phase !== 'none' && openingDone(accepted.value.state)) await endOpeningWait(deps, electionId);
  return accepted;
}

/** The last decryption of the box ends the workflow's wait for the committee, if the workflow has got there (else it finds the box opened itself). */
async function endOpeningWait(deps: Pick<OpeningDeps, 'store' | 'lifecycle'>, electionId: string): Promise<void> {
  const taskToken = await deps.store.openingWait(electionId);
  if (taskToken !== undefined) await deps.lifecycle.endWait(taskToken);
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
