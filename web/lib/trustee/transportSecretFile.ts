import { baseMultiple, type Element, elementToHex, type RandomBytes } from '../../../domain/crypto/group';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters, openShareFile, sealShareFile, type ShareFileFailure } from '../../../domain/crypto/shareFile';

/**
 * The interim file of a trustee between the key ceremony's first step and its last: until the
 * dealings are reviewed the trustee holds only its transport secret d_i, which it needs to open
 * the shares dealt to it. Losing it with a closed tab would make the ceremony start over, so the
 * page offers it as a file at once, sealed under the trustee's passphrase exactly as the share
 * file is (domain/crypto/shareFile.ts: scrypt, HKDF, XChaCha20-Poly1305 over the whole header):
 * it is a share file whose key is the trustee's transport key T_i, not the election key, and whose
 * share is not yet dealt (zero), wrapped in an envelope of its own format, so that neither file
 * can be taken for the other. Once the trustee has reviewed its shares, the share file replaces it.
 */
const FORMAT = 'sealed-box/trustee-transport-secret-file';
const VERSION = 1;

interface TransportSecretFileJson {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** The share file sealing d_i, with T_i as its key. */
  sealed: unknown;
}

export interface TransportSecret {
  electionId: string;
  trustee: number;
  transportSecret: bigint;
}

export type TransportSecretFailure = ShareFileFailure | 'trustee';
export type OpenedTransportSecretFile = { ok: true; transportSecret: bigint } | { ok: false; failed: TransportSecretFailure; reason: string };

/** Seals d_i under the passphrase; tests pass cheaper parameters, the page never does. Returns the file's text. */
export async function sealTransportSecretFile(secret: TransportSecret, passphrase: string, random: RandomBytes, parameters: KdfParameters = DEFAULT_KDF_PARAMETERS): Promise<string> {
  const sealed = await sealShareFile(
    { electionId: secret.electionId, publicKey: baseMultiple(secret.transportSecret), trustee: secret.trustee, secretShare: 0n, transportSecret: secret.transportSecret },
    passphrase,
    random,
    parameters,
  );
  const file: TransportSecretFileJson = { format: FORMAT, version: VERSION, sealed: JSON.parse(sealed) };
  return JSON.stringify(file, null, 2);
}

/**
 * Opens the file for the certificate the ceremony holds (its election, trustee and transport key
 * T_i), with the share file's own refusals (another election, a key that is not T_i, a wrong
 * passphrase, an altered file) and one more: a file of another trustee.
 */
export async function openTransportSecretFile(text: string, passphrase: string, expected: { electionId: string; trustee: number; transportKey: Element }): Promise<OpenedTransportSecretFile> {
  let file: Partial<TransportSecretFileJson>;
  try {
    file = JSON.parse(text) as Partial<TransportSecretFileJson>;
  } catch {
    return { ok: false, failed: 'format', reason: 'this is not a transport-secret file: it is not JSON' };
  }
  if (typeof file !== 'object' || file === null || file.format !== FORMAT) return { ok: false, failed: 'format', reason: 'this is not a transport-secret file' };
  if (file.version !== VERSION) return { ok: false, failed: 'format', reason: `this transport-secret file's version ${JSON.stringify(file.version)} is not one this page reads (${VERSION})` };
  const opened = await openShareFile(JSON.stringify(file.sealed), passphrase, { electionId: expected.electionId, publicKey: expected.transportKey });
  if (!opened.ok) {
    if (opened.failed === 'ceremony')
      return { ok: false, failed: 'ceremony', reason: `this file's transport key is not ${elementToHex(expected.transportKey)}, the one in trustee ${expected.trustee}'s certificate` };
    return opened;
  }
  if (opened.secret.trustee !== expected.trustee) return { ok: false, failed: 'trustee', reason: `this file is trustee ${opened.secret.trustee}'s, not trustee ${expected.trustee}'s` };
  // The header's key is T_i, so the sealed d_i is checked against it too: a file sealed by anything but this module is refused.
  if (!baseMultiple(opened.secret.transportSecret).equals(expected.transportKey)) return { ok: false, failed: 'ceremony', reason: "the sealed transport secret is not the certificate's" };
  return { ok: true, transportSecret: opened.secret.transportSecret };
}
