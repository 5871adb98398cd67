import { type CiphertextJson, ciphertextToJson, type CiphertextVector } from '../../../domain/crypto/elgamal';
import { type Element, elementFromHex, elementToHex, IDENTITY, type RandomBytes } from '../../../domain/crypto/group';
import { readCiphertext, readList } from '../../../domain/crypto/jsonFields';
import {
  type CeremonyContext,
  type CeremonyFailure,
  createTrusteeCertificate,
  type Dealing,
  dealShares,
  reviewShares,
  type ShareReview,
  type TrusteeCertificate,
} from '../../../domain/crypto/keyCeremony';
import { decryptionShareToJson, type DecryptionShareJson, partialDecryptions } from '../../../domain/crypto/proofs/decryptionShare';
import { sealedContexts } from '../../../domain/crypto/sealedContest';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters, openShareFile, sealShareFile, type ShareFileFailure } from '../../../domain/crypto/shareFile';
import { proveShuffle, shuffle, shuffleProofToJson, type ShuffleProofJson } from '../../../domain/crypto/shuffle';
import { openTransportSecretFile, sealTransportSecretFile, type TransportSecretFailure } from './transportSecretFile';

/**
 * One trustee's part of the sealed box, on the trustee's own machine: it holds the trustee's
 * secrets (the passphrase, the transport secret d_i, the secret share x_i) and gives out only
 * public messages and files sealed under the passphrase. The trustee page runs it in a Web Worker
 * (web/lib/trustee-worker.ts), so the secrets stay in the worker's memory and the page never
 * blocks on scrypt, a shuffle or a decryption; the tests run it in node. Nothing here talks to the
 * network: the page fetches what each step reads and posts what it returns.
 */
export interface CeremonyStart {
  context: CeremonyContext;
  trustee: number;
  passphrase: string;
}

export type Refused<F extends string> = { ok: false; failed: F; reason: string };
export type CeremonyRefusal = { ok: false; failed: CeremonyFailure };

/** How far a long job has come: papers of the contest done out of all of them. */
export interface Progress {
  done: number;
  of: number;
}

/** How often, in papers, a decryption reports its progress. */
const PROGRESS_EVERY = 25;

export class TrusteeSecrets {
  /** What the ceremony needs from its first step to its last. */
  private ceremony: (CeremonyStart & { transportSecret: bigint }) | undefined;
  /** What the opening needs: the share from the share file. */
  private share: { electionId: string; trustee: number; secretShare: bigint } | undefined;

  constructor(
    private readonly random: RandomBytes,
    /** scrypt's cost; tests pass cheaper ones, the page never does. */
    private readonly kdf: KdfParameters = DEFAULT_KDF_PARAMETERS,
  ) {}

  /** Step 1: the certificate to post, and the transport secret sealed under the passphrase, for the trustee to keep until the ceremony is over. */
  async certify(start: CeremonyStart): Promise<{ certificate: TrusteeCertificate; transportSecretFile: string }> {
    if (start.passphrase.length === 0) throw new RangeError('passphrase: empty');
    const { certificate, transportSecret } = createTrusteeCertificate(start.context, start.trustee, this.random);
    const transportSecretFile = await sealTransportSecretFile({ electionId: start.context.electionId, trustee: start.trustee, transportSecret }, start.passphrase, this.random, this.kdf);
    this.ceremony = { ...start, transportSecret };
    return { certificate, transportSecretFile };
  }

  /** Takes up a ceremony after the tab was closed: the transport secret from its file, checked against the certificate the ceremony holds. */
  async resume(start: CeremonyStart & { certificate: TrusteeCertificate; file: string }): Promise<{ ok: true } | Refused<TransportSecretFailure>> {
    const expected = { electionId: start.context.electionId, trustee: start.trustee, transportKey: elementFromHex(start.certificate.transportKey) };
    const opened = await openTransportSecretFile(start.file, start.passphrase, expected);
    if (!opened.ok) return opened;
    this.ceremony = { context: start.context, trustee: start.trustee, passphrase: start.passphrase, transportSecret: opened.transportSecret };
    return { ok: true };
  }

  /** Step 2, once every certificate is in: the dealing to post, or the certificate that fails. */
  deal({ certificates }: { certificates: TrusteeCertificate[] }): { ok: true; dealing: Dealing } | CeremonyRefusal {
    const ceremony = this.started();
    return dealShares(ceremony.context, certificates, ceremony.trustee, this.random);
  }

  /**
   * Step 3, once every dealing is in: the review to post and, when every share dealt to the
   * trustee matched, the share file, sealed under the passphrase, with the election key the
   * dealings make (which the server publishes once every review is in). A complaint comes with no
   * share file: the ceremony then fails and starts over.
   */
  async review({
    certificates,
    dealings,
  }: {
    certificates: TrusteeCertificate[];
    dealings: Dealing[];
  }): Promise<{ ok: true; review: ShareReview; shareFile: string | null; publicKey: string } | CeremonyRefusal> {
    const ceremony = this.started();
    const reviewed = reviewShares(ceremony.context, certificates, dealings, ceremony.trustee, ceremony.transportSecret, this.random);
    if (!reviewed.ok) return reviewed;
    // Y = Σ_i A_i0, as verifyCeremony computes it; reviewShares has checked every commitment.
    const publicKey = dealings.reduce((sum: Element, dealing) => sum.add(elementFromHex(dealing.commitments[0]!)), IDENTITY);
    if (reviewed.secretShare === null) return { ok: true, review: reviewed.review, shareFile: null, publicKey: elementToHex(publicKey) };
    const shareFile = await sealShareFile(
      { electionId: ceremony.context.electionId, publicKey, trustee: ceremony.trustee, secretShare: reviewed.secretShare, transportSecret: ceremony.transportSecret },
      ceremony.passphrase,
      this.random,
      this.kdf,
    );
    return { ok: true, review: reviewed.review, shareFile, publicKey: elementToHex(publicKey) };
  }

  /** For the opening: the share from the trustee's share file, for this election's key, and the trustee it belongs to. */
  async openShare({
    file,
    passphrase,
    electionId,
    publicKey,
  }: {
    file: string;
    passphrase: string;
    electionId: string;
    publicKey: string;
  }): Promise<{ ok: true; trustee: number } | Refused<ShareFileFailure>> {
    const opened = await openShareFile(file, passphrase, { electionId, publicKey: elementFromHex(publicKey) });
    if (!opened.ok) return opened;
    this.share = { electionId, trustee: opened.secret.trustee, secretShare: opened.secret.secretShare };
    return { ok: true, trustee: opened.secret.trustee };
  }

  /** A mix of one contest by this trustee: the inputs (the board's papers, or the last mix's outputs) re-encrypted in a random order, with the proof bound to the position and the mixer. */
  mix(
    { contestId, position, publicKey, inputs }: { contestId: string; position: number; publicKey: string; inputs: CiphertextJson[][] },
    onProgress: (progress: Progress) => void = () => {},
  ): { mixer: number; outputs: CiphertextJson[][]; proof: ShuffleProofJson } {
    const { electionId, trustee } = this.opened();
    const key = elementFromHex(publicKey);
    const papers = readPapers(inputs);
    onProgress({ done: 0, of: papers.length });
    const { outputs, witness } = shuffle(key, papers, this.random);
    const proof = proveShuffle(key, papers, outputs, witness, sealedContexts.mix({ electionId, contestId }, position, trustee), this.random);
    onProgress({ done: papers.length, of: papers.length });
    return { mixer: trustee, outputs: outputs.map((paper) => paper.map(ciphertextToJson)), proof: shuffleProofToJson(proof) };
  }

  /** This trustee's proved decryption shares of every paper of the last mix, one per ciphertext. */
  decrypt({ contestId, papers }: { contestId: string; papers: CiphertextJson[][] }, onProgress: (progress: Progress) => void = () => {}): { trustee: number; shares: DecryptionShareJson[][] } {
    const { electionId, trustee, secretShare } = this.opened();
    const context = sealedContexts.decryption({ electionId, contestId }, trustee);
    const shares = readPapers(papers).map((paper, index, all) => {
      if (index % PROGRESS_EVERY === 0) onProgress({ done: index, of: all.length });
      return partialDecryptions(secretShare, paper, context, this.random).map(decryptionShareToJson);
    });
    onProgress({ done: shares.length, of: shares.length });
    return { trustee, shares };
  }

  private started() {
    if (this.ceremony === undefined) throw new Error('the ceremony has not been started here: create the certificate or open the transport-secret file first');
    return this.ceremony;
  }

  private opened() {
    if (this.share === undefined) throw new Error('no share file is open');
    return this.share;
  }
}

const readPapers = (papers: unknown): CiphertextVector[] => readList(papers, 'papers', (paper, path) => readList(paper, path, readCiphertext));
