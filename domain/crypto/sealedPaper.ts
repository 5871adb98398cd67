import { ciphertextEquals, encrypt, type Ciphertext, type CiphertextVector } from './elgamal';
import type { Element, RandomBytes } from './group';
import { scalar } from './group';
import { decodeMessage, encodeMessage, MESSAGE_CAPACITY } from './messageEncoding';
import { paperFromBytes, paperToBytes, type DecodedPaper, type PaperLayout } from './paperEncoding';
import { proveKnowledgeOfRandomness, type BallotContext, type KnowledgeOfRandomnessProof } from './proofs/knowledgeOfRandomness';
import type { BallotContent } from '../election';

/**
 * A paper of one contest as the voter's page seals it: its bytes (./paperEncoding.ts) cut into
 * pieces of MESSAGE_CAPACITY bytes, each encoded as an element and encrypted under the election's
 * key, with the proof that the voter knows every randomness (./proofs/knowledgeOfRandomness.ts).
 * Every paper of a contest has the same number of ciphertexts, its width, so that the mix treats
 * them alike and the number tells nothing.
 */
export const paperWidth = (layout: PaperLayout): number => Math.max(1, Math.ceil(layout.bytes / MESSAGE_CAPACITY));

/** What the page keeps until the voter casts or audits: the randomness opens the ciphertexts, so it is revealed only for a paper that is audited and never cast. */
export interface SealedPaper {
  ciphertexts: CiphertextVector;
  proof: KnowledgeOfRandomnessProof;
  randomness: readonly bigint[];
}

export interface PaperStatement {
  publicKey: Element;
  layout: PaperLayout;
  context: BallotContext;
}

/** The pieces of a paper's bytes, each at most MESSAGE_CAPACITY long. */
function pieces(layout: PaperLayout, bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: paperWidth(layout) }, (_, i) => bytes.subarray(i * MESSAGE_CAPACITY, (i + 1) * MESSAGE_CAPACITY));
}

/** Seals a paper the voter filled (a content fillBallot gave). */
export function sealPaper({ publicKey, layout, context }: PaperStatement, content: BallotContent, random: RandomBytes): SealedPaper {
  const messages = pieces(layout, paperToBytes(layout, content)).map(encodeMessage);
  const randomness = messages.map(() => scalar.random(random));
  const ciphertexts = messages.map((message, k) => encrypt(publicKey, message, randomness[k]!));
  return { ciphertexts, proof: proveKnowledgeOfRandomness({ publicKey, ciphertexts, randomness, context }, random), randomness };
}

/**
 * Reads a paper from the decrypted elements of its ciphertexts (after the mix and the trustees'
 * decryption). An element that encodes no message, a piece of the wrong length or bytes that are
 * not a paper of the contest give `ok: false` with the reason: the count takes that paper as invalid.
 */
export function openPaper(layout: PaperLayout, elements: readonly Element[]): DecodedPaper {
  if (elements.length !== paperWidth(layout)) return { ok: false, problem: `${elements.length} pieces, not ${paperWidth(layout)}` };
  const expected = pieces(layout, new Uint8Array(layout.bytes)).map((piece) => piece.length);
  const bytes = new Uint8Array(layout.bytes);
  for (const [i, element] of elements.entries()) {
    let piece: Uint8Array;
    try {
      piece = decodeMessage(element);
    } catch (error) {
      return { ok: false, problem: `piece ${i}: ${(error as Error).message}` };
    }
    if (piece.length !== expected[i]) return { ok: false, problem: `piece ${i}: ${piece.length} bytes, not ${expected[i]}` };
    bytes.set(piece, i * MESSAGE_CAPACITY);
  }
  return paperFromBytes(layout, bytes);
}

/**
 * Benaloh's challenge ("Simple verifiable elections", EVT 2006; as Helios and Belenios offer it):
 * before casting, the voter may ask the page to reveal the randomness of a sealed paper; anyone
 * (the CLI, a second device) then re-encrypts the content the voter says they chose and compares.
 * A page that sealed something else is caught. The audited paper is spoiled: the page seals the
 * paper afresh, with new randomness, for the cast. Says which ciphertext differs, if one does.
 */
export function auditPaper(statement: PaperStatement, ciphertexts: CiphertextVector, randomness: readonly bigint[], claimed: BallotContent): { ok: true } | { ok: false; problem: string } {
  let messages: Element[];
  try {
    messages = pieces(statement.layout, paperToBytes(statement.layout, claimed)).map(encodeMessage);
  } catch (error) {
    return { ok: false, problem: `the choice is not a paper of this contest: ${(error as Error).message}` };
  }
  if (ciphertexts.length !== messages.length || randomness.length !== messages.length) {
    return { ok: false, problem: `${ciphertexts.length} ciphertexts and ${randomness.length} randomness for a paper of ${messages.length}` };
  }
  const differs = messages.findIndex((message, k) => !ciphertextEquals(encrypt(statement.publicKey, message, randomness[k]!), ciphertexts[k] as Ciphertext));
  return differs < 0 ? { ok: true } : { ok: false, problem: `ciphertext ${differs} does not encrypt this choice` };
}
