import type { ElectionCommand } from '../commands';
import type { ElectionEvent } from '../events';
import { fail, ok, type Result } from '../result';
import type { ExistingElection } from '../state';
import { tallyOpened } from './countOpened';
import { ceremonyStep, giveCeremonyMessage, waitingFor, type SealedBoxSetup } from './keyCeremonyLog';
import { acceptDecryption, acceptMix, isOpened, openingOf } from './opening';

type SealedBoxCommand = Extract<ElectionCommand, { type: 'GiveCeremonyMessage' | 'AcceptMix' | 'AcceptDecryption' | 'TallyOpened' }>;

/** The sealed box's own commands: the key ceremony before the lock, the opening after the seal. */
export function decideSealedBox(command: SealedBoxCommand, state: ExistingElection): Result<ElectionEvent[]> {
  const box = state.sealed;
  if (!box) return fail('wrong_phase', 'this election keeps its ballots in plaintext: it has no sealed box, no key ceremony and no opening');
  if (command.type === 'GiveCeremonyMessage') {
    if (state.phase !== 'draft') return fail('wrong_phase', `the key ceremony happens before the lock (the election is ${state.phase})`);
    return giveCeremonyMessage(state.electionId, box, command.message);
  }
  if (state.phase !== 'closed' || !state.seal) return fail('wrong_phase', `the box is opened after it is sealed at the close (the election is ${state.phase})`);
  if (command.type === 'TallyOpened') {
    const waiting = state.contests.filter((c) => !isOpened(box, openingOf(box, c.id)));
    if (waiting.length > 0) return fail('conflict', `not every contest is opened yet: ${waiting.map((c) => c.id).join(', ')}`);
    return ok(tallyOpened({ ...state, seal: state.seal }, command.papers));
  }
  const contest = state.contests.find((c) => c.id === command.contest);
  if (!contest) return fail('not_found', `contest: "${command.contest}" is not a contest of this election`);
  if (command.type === 'AcceptMix') {
    const board = state.seal.contests?.find((c) => c.contest === contest.id)?.ballotCount ?? state.seal.ballotCount;
    return acceptMix(box, contest, { position: command.position, mixer: command.mixer, papers: command.papers, digest: command.digest }, board);
  }
  return acceptDecryption(box, contest, { trustee: command.trustee, digest: command.digest });
}

/** Why a sealed election cannot be locked yet, or nothing: the box needs its key before any voter can seal a paper. */
export function sealedLockProblem(box: SealedBoxSetup | undefined): string | undefined {
  if (!box || box.key) return undefined;
  const step = ceremonyStep(box);
  return `the sealed box has no key yet: the trustees' key ceremony is at its ${step}, waiting for trustee(s) ${waitingFor(box).join(', ')}`;
}
