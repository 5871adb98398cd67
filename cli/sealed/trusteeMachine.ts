import type { RandomBytes } from '../../domain/crypto/group';
import type { KdfParameters } from '../../domain/crypto/shareFile';
import type { SealedApi } from './api';

/** What every trustee command runs with: the API (as admin), where it prints, the machine's randomness and the passphrase of the share files. */
export interface TrusteeMachine {
  api: SealedApi;
  out: (line: string) => void;
  random: RandomBytes;
  passphrase: () => string;
  /** shareFile.ts's default in the app; tests pass cheaper parameters. */
  kdf?: KdfParameters;
}

/** A whole-number option (a trustee's index, a count). */
export function wholeNumber(option: string, value: string | undefined): number {
  if (value === undefined) throw new Error(`${option} is required`);
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new Error(`${option} ${value}: give a whole number from 1`);
  return Number(value);
}

/** An option the command cannot do without, named with what it is for. */
export function required(option: string, value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`${option} is required: ${what}`);
  return value;
}
