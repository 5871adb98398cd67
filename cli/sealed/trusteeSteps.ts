import { createTrusteeCertificate } from '../../domain/crypto/keyCeremony';
import { ceremonyAfter, ceremonyContextOf, complaintText, dealing, review } from './ceremony';
import { contestToOpen, decryptContest, mixContest } from './opening';
import { required, type TrusteeMachine, wholeNumber } from './trusteeMachine';
import { openCeremonyState, openShare, sealCeremonyState, sealShare, writeSecretFile } from './secretFiles';
import type { PublicElectionView } from '../../contract/views';

/**
 * One trustee's steps, each run on the trustee's own machine: the certificate (its transport
 * secret kept in a sealed state file), the dealing, the review (which writes the share file), and
 * after the close a mix and a decryption. Each file is written before its message is posted, so
 * that no crash between the two loses a secret the log already counts on.
 */
export const trusteeSteps = {
  async certificate(machine: TrusteeMachine, electionId: string, options: { trustee?: string; out?: string }) {
    const trustee = wholeNumber('--trustee', options.trustee);
    const stateFile = required('--out', options.out, 'the state file that keeps your transport secret until your review');
    const context = ceremonyContextOf(await machine.api.election(electionId));
    const { certificate, transportSecret } = createTrusteeCertificate(context, trustee, machine.random);
    writeSecretFile(stateFile, await sealCeremonyState({ electionId, trustee, transportSecret }, sealingOf(machine)));
    await machine.api.postCeremonyMessage(electionId, 'certificates', certificate);
    machine.out(`trustee ${trustee}: certificate posted; your transport secret is sealed in ${stateFile}. Keep it until your review.`);
    return 0;
  },

  async deal(machine: TrusteeMachine, electionId: string, options: { trustee?: string }) {
    const dealer = wholeNumber('--trustee', options.trustee);
    const context = ceremonyContextOf(await machine.api.election(electionId));
    await machine.api.postCeremonyMessage(electionId, 'dealings', dealing(context, await ceremonyAfter(machine.api, context, 'certificates'), dealer, machine.random));
    machine.out(`trustee ${dealer}: dealing posted, every certificate checked.`);
    return 0;
  },

  async review(machine: TrusteeMachine, electionId: string, options: { trustee?: string; state?: string; out?: string }) {
    const stateFile = required('--state', options.state, 'the state file `trustee certificate` wrote');
    const shareFile = required('--out', options.out, 'the share file to write');
    const passphrase = machine.passphrase();
    const state = await openCeremonyState(stateFile, passphrase, electionId);
    if (options.trustee !== undefined && wholeNumber('--trustee', options.trustee) !== state.trustee) throw new Error(`--trustee ${options.trustee}: ${stateFile} is trustee ${state.trustee}'s`);
    const context = ceremonyContextOf(await machine.api.election(electionId));
    const reviewed = review(context, await ceremonyAfter(machine.api, context, 'dealings'), state.trustee, state.transportSecret, machine.random);
    if (reviewed.secretShare === null) {
      await machine.api.postCeremonyMessage(electionId, 'reviews', reviewed.review);
      throw new Error(complaintText(reviewed.review));
    }
    const secret = { electionId, publicKey: reviewed.publicKey, trustee: state.trustee, secretShare: reviewed.secretShare, transportSecret: state.transportSecret };
    writeSecretFile(shareFile, await sealShare(secret, { passphrase, random: machine.random, kdf: machine.kdf }));
    await machine.api.postCeremonyMessage(electionId, 'reviews', reviewed.review);
    machine.out(`trustee ${state.trustee}: review posted; your share is sealed in ${shareFile}. Keep it (and a copy) until the results are published; ${stateFile} is no longer needed.`);
    return 0;
  },

  async mix(machine: TrusteeMachine, electionId: string, options: { trustee?: string; contest?: string }) {
    const mixer = wholeNumber('--trustee', options.trustee);
    const election = await machine.api.election(electionId);
    const contest = contestToOpen(election, contestOption(election, options.contest));
    const mixed = await mixContest(machine.api, contest, mixer, machine.random);
    machine.out(`trustee ${mixer}: mix ${mixed.position} of contest ${contest.contestId} (${mixed.papers} papers) posted.`);
    return 0;
  },

  async decrypt(machine: TrusteeMachine, electionId: string, options: { shareFile?: string; contest?: string }) {
    const shareFile = required('--share-file', options.shareFile, 'your share file');
    const election = await machine.api.election(electionId);
    const contest = contestToOpen(election, contestOption(election, options.contest));
    const share = await openShare(shareFile, machine.passphrase(), { electionId, publicKey: contest.publicKey });
    const decrypted = await decryptContest(machine.api, contest, share, machine.random);
    machine.out(`trustee ${share.trustee}: decryption of contest ${contest.contestId} (${decrypted.papers} papers, every mix checked first) posted.`);
    return 0;
  },
};

const sealingOf = (machine: TrusteeMachine) => ({ passphrase: machine.passphrase(), random: machine.random, kdf: machine.kdf });

/** --contest, which an election of one contest may leave out. */
function contestOption(election: PublicElectionView, contest: string | undefined): string {
  if (contest !== undefined) return contest;
  if (election.contests.length === 1) return election.contests[0]!.id;
  throw new Error(`--contest is required: ${election.id} has ${election.contests.length} contests (${election.contests.map((c) => c.id).join(', ')})`);
}
