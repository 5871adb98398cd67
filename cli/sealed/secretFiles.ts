import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Element, IDENTITY, type RandomBytes } from '../../domain/crypto/group';
import { type KdfParameters, openShareFile, sealShareFile, type ShareFileSecret } from '../../domain/crypto/shareFile';

/**
 * A trustee's secrets on their own machine: the share file (domain/crypto/shareFile.ts) and,
 * during the key ceremony, the ceremony's state file. Nothing secret is ever written unsealed:
 * both are sealed under the trustee's passphrase (scrypt, then XChaCha20-Poly1305) and written
 * readable by the owner alone (mode 0600), and neither is ever overwritten.
 */

/** Where the passphrase comes from: a file, or the environment; never the command line, where `ps` and the shell's history would show it. */
export interface PassphraseSource {
  passphraseFile?: string;
  environment?: string;
}

export function trusteePassphrase({ passphraseFile, environment }: PassphraseSource): string {
  const passphrase = passphraseFile !== undefined ? readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '') : environment;
  if (passphrase === undefined) throw new Error('the share files need a passphrase: give it in a file with --passphrase-file <file>, or in the environment variable TRUSTEE_PASSPHRASE');
  if (passphrase.length === 0)
    throw new Error(`the passphrase is empty: ${passphraseFile !== undefined ? `--passphrase-file ${passphraseFile} holds nothing` : 'TRUSTEE_PASSPHRASE is set but empty'}`);
  return passphrase;
}

/** Writes a sealed file readable by its owner alone; refuses to replace a file, which might be a trustee's only copy of their share. */
export function writeSecretFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${path} exists already: a share or state file is never overwritten; move it away or choose another name`, { cause: error });
    throw error;
  }
}

/** The sealing's cost: the app always takes shareFile.ts's default; tests pass cheaper parameters. */
export interface Sealing {
  passphrase: string;
  random: RandomBytes;
  kdf?: KdfParameters;
}

export const sealShare = (secret: ShareFileSecret, { passphrase, random, kdf }: Sealing) => sealShareFile(secret, passphrase, random, kdf);

/** Opens a share file for this election and key, or says which file and why not. */
export async function openShare(path: string, passphrase: string, expected: { electionId: string; publicKey: Element }): Promise<ShareFileSecret> {
  const text = readFileSync(path, 'utf8');
  if (isCeremonyState(text)) throw new Error(`${path} is the state file of a key ceremony, not a share file: \`trustee review\` makes the share file from it`);
  const opened = await openShareFile(text, passphrase, expected);
  if (!opened.ok) throw new Error(`${path}: ${opened.reason}`);
  return opened.secret;
}

/** `trustee-<i>.json`: trustee i's share file in a rehearsal's directory. */
export const shareFileName = (trustee: number) => `trustee-${trustee}.json`;

/** The share files of a rehearsal's directory, by name. */
export const shareFilesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => /^trustee-\d+\.json$/.test(name))
    .map((name) => join(dir, name));

/**
 * The key ceremony's state between a trustee's certificate and their review: the transport
 * secret, which opens the shares dealt to them. It is a share file of a ceremony not yet complete
 * (sealed the same way): its key is the identity, since no election key exists yet, and its share
 * zero, since none is dealt yet. `trustee review` opens it and writes the real share file.
 */
export const sealCeremonyState = ({ electionId, trustee, transportSecret }: { electionId: string; trustee: number; transportSecret: bigint }, sealing: Sealing) =>
  sealShare({ electionId, publicKey: IDENTITY, trustee, secretShare: 0n, transportSecret }, sealing);

export async function openCeremonyState(path: string, passphrase: string, electionId: string): Promise<{ trustee: number; transportSecret: bigint }> {
  const text = readFileSync(path, 'utf8');
  if (!isCeremonyState(text)) throw new Error(`${path} is not the state file of a key ceremony: give the file \`trustee certificate --out\` wrote`);
  const opened = await openShareFile(text, passphrase, { electionId, publicKey: IDENTITY });
  if (!opened.ok) throw new Error(`${path}: ${opened.reason}`);
  return { trustee: opened.secret.trustee, transportSecret: opened.secret.transportSecret };
}

/** A state file is told from a share file by its public key, the identity (its header, which the seal authenticates when the file is opened). */
function isCeremonyState(text: string): boolean {
  try {
    return (JSON.parse(text) as { election?: { publicKey?: unknown } }).election?.publicKey === '0'.repeat(64);
  } catch {
    return false;
  }
}
