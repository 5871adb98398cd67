import * as z from 'zod';
import { MAX_TRUSTEES } from '../domain/crypto/keyCeremony';
import { LIMITS } from '../domain';

/**
 * The sealed box's requests: the committee's key ceremony, the voter's sealed papers, and the
 * committee's opening of the box. The shapes here are loose where the domain reads strictly: every
 * element, scalar and proof is read by domain/crypto's readers, which name the path of the first
 * malformed field (`papers.council.proof.responses[1]`), so that one reader serves the system,
 * the CLI and the verifier alike.
 */

/** A group element or scalar in its canonical hex (64 hex digits, ristretto255). */
const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** An ElGamal ciphertext as the log writes it. */
export const ciphertext = z.strictObject({ alpha: hex32, beta: hex32 });

/** Ciphertexts of one paper: one where the paper fits in one (every ballot kind at today's limits but long rankings and long lists). */
export const MAX_CIPHERTEXTS_PER_PAPER = 64;

/** One contest's sealed paper: its ciphertexts and the voter's proof of knowledge of their randomness, bound to the election and contest. */
export const sealedPaper = z.strictObject({
  ciphertexts: z.array(ciphertext).min(1).max(MAX_CIPHERTEXTS_PER_PAPER),
  proof: z.unknown(),
});

/** `box` at creation: `sealed`, or `open` (plaintext, not secret against the operator; the REST API's default this round). */
export const boxMode = z.enum(['sealed', 'open']);

/**
 * The committee's trustees in a sealed election: `count` of them, any `threshold` of whom open
 * the box together; `names`, when given, one per trustee in order, as the pages show them.
 */
export const trustees = z
  .strictObject({
    count: z.number().int().min(1).max(MAX_TRUSTEES),
    threshold: z.number().int().min(1).max(MAX_TRUSTEES),
    names: z.array(z.string().min(1).max(LIMITS.titleCharacters)).max(MAX_TRUSTEES).optional(),
  })
  .refine((t) => t.threshold <= t.count, { message: 'must be at most count', path: ['threshold'] })
  .refine((t) => t.names === undefined || t.names.length === t.count, { message: 'give one name per trustee, or none', path: ['names'] });

/** A trustee's message of the key ceremony: a certificate, a dealing or a review, read by domain/crypto/keyCeremony.ts. */
export const ceremonyMessage = z.record(z.string(), z.unknown());

/** A mixer's shuffle of one contest's box: its outputs, paper by paper, and the proof. */
export const mixUpload = z.strictObject({
  mixer: z.number().int().min(1).max(MAX_TRUSTEES),
  outputs: z.array(z.array(ciphertext).min(1).max(MAX_CIPHERTEXTS_PER_PAPER)),
  proof: z.unknown(),
});

/** A trustee's proved decryption shares of one contest's last mix: for each paper, one per ciphertext. */
export const decryptionUpload = z.strictObject({
  trustee: z.number().int().min(1).max(MAX_TRUSTEES),
  shares: z.array(z.array(z.unknown()).min(1).max(MAX_CIPHERTEXTS_PER_PAPER)),
});

/** `?after=<tracker>`: the board's papers after that tracker, in tracker order; the answer's `next` is where the next page starts. */
export const boardQuery = z.strictObject({
  after: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a tracker: 64 lowercase hex digits')
    .optional()
    .meta({ description: 'The tracker the page starts after: the `next` of the page before (none: from the start).' }),
});
export const BOARD_PAGE_PAPERS = 500;
