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

/**
 * An opening file too large for one request (a mix of some 8,000 papers of one ciphertext: about 490 characters a paper) is sent
 * in parts: the JSON text of the mix or decryption, cut into parts of at most this many
 * characters, each part put under the SHA-256 of the whole text, and then the mix or decryption is
 * posted as `{ upload: <that SHA-256> }`. A part's body stays under the 5.5 MB a request may carry
 * with the escapes of its quotes (under 4 % more, in a mix).
 */
export const UPLOAD_PART_CHARACTERS = 4_000_000;
/** Parts of one upload: 64 million characters, far more than the admin function checks within API Gateway's 29 seconds. */
export const MAX_UPLOAD_PARTS = 16;

/** The SHA-256 of an upload's whole text, which names it. */
export const uploadDigest = z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 of the upload's whole text, 64 lowercase hex digits");

/** One part of an upload: how many parts the upload has, and this part's text. */
export const uploadPart = z.strictObject({
  parts: z.number().int().min(1).max(MAX_UPLOAD_PARTS),
  text: z
    .string()
    .min(1)
    .max(UPLOAD_PART_CHARACTERS, `a part holds at most ${UPLOAD_PART_CHARACTERS.toLocaleString('en')} characters: cut the upload into more parts`),
});

/** Where a part is put: its upload's SHA-256 and its index, from 1 (the path's other fields are read by the route). */
export const uploadPartPath = z.object({
  upload: uploadDigest,
  index: z.coerce.number().int().min(1, 'parts are numbered from 1').max(MAX_UPLOAD_PARTS),
});

/** A mix or a decryption whose parts were put before: the whole text is joined, checked against its SHA-256 and read as the one-request body is. */
export const uploadReference = z.strictObject({ upload: uploadDigest });

/** `?part=<k>`: the k-th part (from 1) of a mix's file, for a mix too large for one answer. */
export const mixPartQuery = z.strictObject({
  part: z.coerce
    .number()
    .int()
    .min(1, 'parts are numbered from 1')
    .optional()
    .meta({ description: "The part of the mix's file to read, from 1; the answer says how many there are. Without it, the whole mix, when it fits in one answer." }),
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
