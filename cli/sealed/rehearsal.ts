import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { elementToHex } from '../../domain/crypto/group';
import { createTrusteeCertificate, verifyCeremony } from '../../domain/crypto/keyCeremony';
import type { ShareFileSecret } from '../../domain/crypto/shareFile';
import { fresh } from './api';
import { ceremonyAfter, ceremonyContextOf, complaintText, dealing, failureText, review } from './ceremony';
import { contestToOpen, decryptContest, mixContest } from './opening';
import { openShare, sealShare, shareFileName, shareFilesIn, writeSecretFile } from './secretFiles';
import { type TrusteeMachine, wholeNumber } from './trusteeMachine';

/**
 * `trustee rehearse` and `trustee open`: every trustee's part on one machine, through the API, as
 * a rehearsal or a test runs an election. The machine then holds every share, which is exactly
 * what the sealed box exists to prevent: both commands say so, first and last.
 */
export const REHEARSAL_WARNING =
  "REHEARSAL ONLY: this one machine holds every trustee's share, so it alone can open the box. One machine holding every share is for rehearsals and tests only; in a real election each trustee runs their own steps on their own machine (the trustee page, or `trustee certificate`, `deal`, `review`, `mix` and `decrypt`).";

/** Runs the whole key ceremony of a sealed election, each trustee in turn, and writes each trustee's share file to `dir`. */
export async function rehearseCeremony(machine: TrusteeMachine, electionId: string, options: { members?: string; threshold?: string; dir?: string }): Promise<number> {
  const { api, out, random } = machine;
  if (options.dir === undefined) throw new Error("--dir is required: the directory the trustees' share files are written to");
  const election = await api.election(electionId);
  const context = ceremonyContextOf(election);
  const members = wholeNumber('--members', options.members);
  const threshold = wholeNumber('--threshold', options.threshold);
  if (members !== context.trustees) throw new Error(`--members ${members}: ${electionId} has ${context.trustees} trustees (trustees.count)`);
  if (threshold !== context.threshold) throw new Error(`--threshold ${threshold}: ${electionId} needs ${context.threshold} of its trustees (trustees.threshold)`);
  if (election.box === 'sealed' && election.ceremony.step !== 'certificates')
    throw new Error(`the key ceremony of ${electionId} is at ${election.ceremony.step} already: a rehearsal runs it from its start`);
  if ((await api.ceremony(electionId)).certificates.length > 0) throw new Error(`the key ceremony of ${electionId} has begun already: a rehearsal runs it from its start`);
  const files = Array.from({ length: members }, (_, i) => join(options.dir!, shareFileName(i + 1)));
  const taken = files.find((file) => existsSync(file));
  if (taken) throw new Error(`${taken} exists already: a share file is never overwritten; give another --dir`);
  const passphrase = machine.passphrase();
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  out(REHEARSAL_WARNING);

  const trustees = files.map((_, i) => i + 1);
  const transportSecrets: bigint[] = [];
  for (const trustee of trustees) {
    const { certificate, transportSecret } = createTrusteeCertificate(context, trustee, random);
    transportSecrets.push(transportSecret);
    await api.postCeremonyMessage(electionId, 'certificates', certificate);
    out(`trustee ${trustee}: certificate posted`);
  }
  for (const dealer of trustees) {
    await api.postCeremonyMessage(electionId, 'dealings', dealing(context, await ceremonyAfter(api, context, 'certificates', true), dealer, random));
    out(`trustee ${dealer}: dealing posted`);
  }
  for (const trustee of trustees) {
    const reviewed = review(context, await ceremonyAfter(api, context, 'dealings', true), trustee, transportSecrets[trustee - 1]!, random);
    if (reviewed.secretShare === null) {
      await api.postCeremonyMessage(electionId, 'reviews', reviewed.review);
      throw new Error(complaintText(reviewed.review));
    }
    const secret: ShareFileSecret = { electionId, publicKey: reviewed.publicKey, trustee, secretShare: reviewed.secretShare, transportSecret: transportSecrets[trustee - 1]! };
    writeSecretFile(files[trustee - 1]!, await sealShare(secret, { passphrase, random, kdf: machine.kdf }));
    await api.postCeremonyMessage(electionId, 'reviews', reviewed.review);
    out(`trustee ${trustee}: review posted, share file ${files[trustee - 1]}`);
  }

  const transcript = await fresh(
    () => api.ceremony(electionId),
    (view) => view.publicKey !== undefined,
  );
  const verified = verifyCeremony(transcript);
  if (!verified.ok) throw new Error(failureText(verified.failed));
  const key = elementToHex(verified.publicKey);
  if (transcript.publicKey !== key) throw new Error(`the API publishes the election key ${transcript.publicKey ?? '(none)'}, but the transcript makes ${key}`);
  out(`The key ceremony of ${electionId} is complete and verified: election key ${key}.`);
  if (verified.warning === 'one-trustee-decrypts') out('WARNING: with a threshold of 1, any one trustee can open the box alone.');
  out(`${members} share files in ${options.dir} (mode 0600), each sealed under the passphrase. ${REHEARSAL_WARNING}`);
  return 0;
}

/** After the close: every contest's mixes and t decryptions from the share files in `dir`, skipping what the opening view already holds. */
export async function rehearseOpening(machine: TrusteeMachine, electionId: string, options: { dir?: string }): Promise<number> {
  const { api, out, random } = machine;
  if (options.dir === undefined) throw new Error("--dir is required: the directory that holds the trustees' share files");
  const election = await api.election(electionId);
  const contests = election.contests.map((contest) => contestToOpen(election, contest.id));
  const files = shareFilesIn(options.dir);
  if (files.length === 0) throw new Error(`--dir ${options.dir} holds no share file (trustee-<i>.json)`);
  const passphrase = machine.passphrase();
  out(REHEARSAL_WARNING);
  const shares = [];
  for (const file of files) shares.push(await openShare(file, passphrase, { electionId, publicKey: contests[0]!.publicKey }));
  shares.sort((a, b) => a.trustee - b.trustee);
  out(`share files of trustee(s) ${shares.map((s) => s.trustee).join(', ')} opened`);

  for (const contest of contests) {
    const opening = await api.opening(electionId, contest.contestId);
    if (opening.opened) {
      out(`contest ${contest.contestId}: opened already`);
      continue;
    }
    const mixers = shares.map((s) => s.trustee).filter((trustee) => !opening.mixes.some((mix) => mix.mixer === trustee));
    for (let position = opening.mixes.length; position < opening.mixesNeeded; position += 1) {
      const mixer = mixers.shift();
      if (mixer === undefined) throw new Error(`contest ${contest.contestId} needs ${opening.mixesNeeded} mixes by different trustees; the share files here are of ${shares.length}`);
      const mixed = await mixContest(api, contest, mixer, random, position);
      out(`contest ${contest.contestId}: mix ${mixed.position} by trustee ${mixer} (${mixed.papers} papers) posted`);
    }
    const decryptors = shares.filter((share) => !opening.decryptions.some((d) => d.trustee === share.trustee));
    for (let given = opening.decryptions.length; given < opening.threshold; given += 1) {
      const share = decryptors.shift();
      if (share === undefined) throw new Error(`contest ${contest.contestId} needs the decryptions of ${opening.threshold} trustees; the share files here are of ${shares.length}`);
      const decrypted = await decryptContest(api, contest, share, random, opening.mixesNeeded);
      out(`contest ${contest.contestId}: decryption by trustee ${share.trustee} (${decrypted.papers} papers) posted`);
    }
  }
  out(`Every contest of ${electionId} is mixed and decrypted: the system counts and publishes; \`admin results ${electionId}\` shows the results once published.`);
  out(REHEARSAL_WARNING);
  return 0;
}
