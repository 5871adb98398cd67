import {
  auditLines,
  decide,
  type AuditBallot,
  eventHash,
  evolve,
  GENESIS_HASH,
  initialState,
  rollFingerprint,
  type AuditLine,
  type ElectionCommand,
  type ElectionState,
  type RecordedEvent,
} from '../../domain';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { rehearseCeremony, rehearseOpening } from '../../domain/crypto/rehearsal';
import { sealedContestRecordToJson, verifySealedContest } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { openingFileDigest, type DecryptionFile, type MixFile } from '../../domain/sealedBox/openingFiles';
import { trackerOf } from '../../domain/sealedBox/sealedCast';
import { seededRandom } from '../unit/crypto/seededRandom';

const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Emmy Noether'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
const CONTESTS = ['council', 'senate'];
const NOW = new Date('2026-12-01T10:00:00Z');
const CLOSES = new Date('2026-12-08T10:00:00Z');

/** What a test changes in the export before the log records it, so that only a proof can tell: a voter's ballot, a mix's file, a trustee's shares. */
export interface Tampering {
  ballots?: (ballots: AuditBallot[]) => AuditBallot[];
  mix?: (file: MixFile) => MixFile;
  decryption?: (file: DecryptionFile) => DecryptionFile;
}

/**
 * The audit export of a published sealed election of two contests ("council", "senate"), made in
 * memory with the domain's own code as the system writes it: a key ceremony of 2 of 3 trustees,
 * `voters` sealed papers in each contest, two mixes (trustees 1, 2) and two decryptions (trustees
 * 1, 3) of each, the count and the publication. Seconds of group arithmetic, without a database or
 * a server. A tampering is made before the log records the digests, as an operator could.
 */
export function sealedExport(electionId: string, voters: number, tampering: Tampering = {}): AuditLine[] {
  const random = seededRandom(`sealed export ${electionId}`);
  const ceremony = rehearseCeremony({ electionId, threshold: 2, trustees: 3 }, random);
  if (!ceremony.ok) throw new Error('the ceremony failed');
  const { transcript, secretShares, result } = ceremony.ceremony;
  const events: RecordedEvent[] = [];
  let state: ElectionState = initialState;
  const apply = (command: ElectionCommand, at = NOW) => {
    const decision = decide(command, state);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.message}`);
    for (const event of decision.value) {
      const unsigned = { ...event, electionId, seq: events.length + 1, at: at.toISOString(), prevHash: events.at(-1)?.hash ?? GENESIS_HASH };
      events.push({ ...unsigned, hash: eventHash(unsigned as Omit<RecordedEvent, 'hash'>) } as RecordedEvent);
      state = evolve(state, events.at(-1)!);
    }
  };

  apply({
    type: 'CreateElection',
    electionId,
    title: 'Sealed council and senate',
    contests: CONTESTS.map((id) => ({ id, title: id, ballot: { kind: 'single' }, candidates: CANDIDATES })),
    window: { closesAt: CLOSES.toISOString() },
    box: 'sealed',
    trustees: { count: 3, threshold: 2 },
    now: NOW,
  } as ElectionCommand);
  for (const message of [...transcript.certificates, ...transcript.dealings, ...transcript.reviews]) apply({ type: 'GiveCeremonyMessage', message });
  const roll = Array.from({ length: voters }, (_, i) => ({ hash: `${i}`.padStart(64, '0') }));
  apply({ type: 'RegisterVoters', count: voters });
  apply({ type: 'Lock', roll: rollFingerprint(roll), now: NOW });
  apply({ type: 'Start', now: NOW });

  const layout = paperLayout({ kind: 'single' }, CANDIDATES);
  const cast = CONTESTS.flatMap((contest) =>
    Array.from({ length: voters }, (_, i) => {
      const sealed = sealPaper({ publicKey: result.publicKey, layout, context: { electionId, contestId: contest } }, { choices: [CANDIDATES[i % CANDIDATES.length]!.name] }, random);
      const paper = { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) };
      return { ballot: { contest, ballotId: trackerOf(paper.ciphertexts), choices: [], sealed: paper }, sealed };
    }),
  );
  const ballots = (tampering.ballots ?? ((b) => b))(cast.map(({ ballot }) => ballot));
  apply({ type: 'Close', now: CLOSES }, CLOSES);
  apply({ type: 'SealAndTally', boxes: new Map(CONTESTS.map((id) => [id, ballots.filter((b) => b.contest === id)])), voters }, CLOSES);

  const openingFiles: { digest: string; text: string }[] = [];
  const opened = new Map(
    CONTESTS.map((contestId) => {
      const statement = { electionId, contestId, publicKey: result.publicKey, verificationKeys: result.verificationKeys, threshold: 2, layout };
      // The board in tracker order, as the first mix takes it.
      const board = cast
        .filter(({ ballot }) => ballot.contest === contestId)
        .sort((a, b) => (a.ballot.ballotId < b.ballot.ballotId ? -1 : 1))
        .map(({ sealed }) => sealed);
      const record = rehearseOpening(statement, board, secretShares, { mixers: [1, 2], decryptors: [1, 3] }, random);
      const json = sealedContestRecordToJson(record);
      for (const [position, mix] of json.mixes.entries()) {
        const file = (tampering.mix ?? ((f) => f))({ contest: contestId, position, mixer: mix.mixer, outputs: mix.outputs, proof: mix.proof });
        openingFiles.push({ digest: openingFileDigest(file), text: JSON.stringify(file) });
        apply({ type: 'AcceptMix', contest: contestId, position, mixer: mix.mixer, papers: voters, digest: openingFileDigest(file) }, CLOSES);
      }
      for (const decryption of json.decryptions) {
        const file = (tampering.decryption ?? ((f) => f))({ contest: contestId, trustee: decryption.trustee, shares: decryption.shares });
        openingFiles.push({ digest: openingFileDigest(file), text: JSON.stringify(file) });
        apply({ type: 'AcceptDecryption', contest: contestId, trustee: decryption.trustee, digest: openingFileDigest(file) }, CLOSES);
      }
      // The count is of the papers as they were cast: a tampering shows in the proofs, not here.
      const verified = verifySealedContest(statement, record);
      if (!verified.ok) throw new Error(verified.failed.reason);
      return [contestId, verified.papers] as const;
    }),
  );
  apply({ type: 'TallyOpened', papers: opened }, CLOSES);
  apply({ type: 'Publish', now: CLOSES }, CLOSES);
  return auditLines({
    header: {
      kind: 'header',
      format: 'student-election-audit',
      version: 1,
      electionId,
      title: 'Sealed council and senate',
      events: events.length,
      ballots: ballots.length,
      participation: voters,
      voters,
      breaches: 0,
    },
    events,
    ballots,
    openingFiles,
    participation: voters,
    voters: roll,
  });
}
