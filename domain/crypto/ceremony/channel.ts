import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { baseMultiple, type Element, elementToHex, multiple, type RandomBytes, scalar, scalarFromHex, scalarToHex } from '../group';
import { at, readElement, readHex, readObject } from '../jsonFields';
import { readIndex } from './messages';

/**
 * The private channel from a dealer to a recipient through the public log, in the place of
 * Belenios' §4.5.3 "Channels" (specification v1.5), which encrypts with an El Gamal-like key
 * exchange and AES-CCM under SHA-256 of the shared element. Here: an ephemeral Diffie–Hellman on
 * ristretto255 to the recipient's transport key T (E = e·B, K = e·T = t·E), HKDF-SHA256 (RFC 5869)
 * from K to a one-time key, bound to E and T, and XChaCha20-Poly1305 whose associated data names
 * the election, the dealer and the recipient, so that a share cannot be replayed to another
 * trustee, from another dealer, or into another election. Belenios also signs each channel
 * message; here the dealer's proof in the dealing covers every sealed share instead.
 */
export interface SealedShare {
  recipient: number;
  /** E = e·B, the ephemeral key. */
  ephemeralKey: string;
  /** 24 random bytes. */
  nonce: string;
  /** The share's 32 bytes, sealed, with Poly1305's 16-byte tag. */
  ciphertext: string;
}

export interface ChannelContext {
  electionId: string;
  dealer: number;
  recipient: number;
}

const KEY_INFO = 'sealed-box/ceremony/v1/share-key';
const AD_TAG = 'sealed-box/ceremony/v1/share';

/** A share's recipient reads it with the key derived from the shared point K. */
function shareKey(shared: Element, ephemeralKey: Element, transportKey: Element): Uint8Array {
  return hkdf(sha256, shared.toBytes(), undefined, concatBytes(utf8ToBytes(KEY_INFO), ephemeralKey.toBytes(), transportKey.toBytes()), 32);
}

const associatedData = (context: ChannelContext): Uint8Array => utf8ToBytes(JSON.stringify([AD_TAG, context.electionId, context.dealer, context.recipient]));

export function sealShare(context: ChannelContext, transportKey: Element, share: bigint, random: RandomBytes): SealedShare {
  const ephemeralSecret = scalar.random(random);
  const ephemeralKey = baseMultiple(ephemeralSecret);
  const nonce = random(24);
  const key = shareKey(multiple(transportKey, ephemeralSecret), ephemeralKey, transportKey);
  const ciphertext = xchacha20poly1305(key, nonce, associatedData(context)).encrypt(hexToBytes(scalarToHex(share)));
  return { recipient: context.recipient, ephemeralKey: elementToHex(ephemeralKey), nonce: bytesToHex(nonce), ciphertext: bytesToHex(ciphertext) };
}

/** A sealed share read from the log, its fields checked; throws a MalformedField (../jsonFields.ts) naming the field. */
export interface ReadSealedShare {
  ephemeralKey: Element;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  json: SealedShare;
}

export function readSealedShare(value: unknown, field: string, recipient: number): ReadSealedShare {
  const json = readObject(value, field);
  readIndex(json.get('recipient'), at(field, 'recipient'), recipient);
  const ephemeralKey = readElement(json.get('ephemeralKey'), at(field, 'ephemeralKey'));
  const nonce = readHex(json.get('nonce'), at(field, 'nonce'), 24);
  const ciphertext = readHex(json.get('ciphertext'), at(field, 'ciphertext'), 32 + 16);
  return { ephemeralKey, nonce: hexToBytes(nonce), ciphertext: hexToBytes(ciphertext), json: { recipient, ephemeralKey: elementToHex(ephemeralKey), nonce, ciphertext } };
}

export type OpenedShare = { ok: true; share: bigint } | { ok: false; reason: 'does not decrypt' | 'not a scalar' };

/**
 * Opens a share with the shared point K = t·E: the recipient computes K with their transport
 * secret; anyone judging a complaint uses the K the complaint reveals (and proves).
 */
export function openShare(context: ChannelContext, transportKey: Element, sealed: ReadSealedShare, shared: Element): OpenedShare {
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(shareKey(shared, sealed.ephemeralKey, transportKey), sealed.nonce, associatedData(context)).decrypt(sealed.ciphertext);
  } catch {
    return { ok: false, reason: 'does not decrypt' };
  }
  try {
    return { ok: true, share: scalarFromHex(bytesToHex(plaintext)) };
  } catch {
    return { ok: false, reason: 'not a scalar' };
  }
}
