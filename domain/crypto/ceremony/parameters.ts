/**
 * The two numbers of a committee's key: n trustees, any t of whom decrypt together (t-of-n). Belenios'
 * threshold mode (specification v1.5, §3.1.2 "Threshold decryption support") needs t ≤ n; a
 * committee larger than MAX_TRUSTEES is refused because every trustee deals to and checks every
 * other (the ceremony's work and log grow as n²) and no student union's committee is that large.
 */
export const MAX_TRUSTEES = 20;

export type CeremonyParameters =
  | {
      ok: true;
      threshold: number;
      trustees: number;
      /** 'one-trustee-decrypts' when t = 1: any single trustee can decrypt every ballot alone; the caller shows this warning before the ceremony starts. */
      warning: 'one-trustee-decrypts' | null;
    }
  | { ok: false; failed: 'threshold' | 'trustees'; reason: string };

export function ceremonyParameters(threshold: number, trustees: number): CeremonyParameters {
  if (!Number.isInteger(trustees) || trustees < 1 || trustees > MAX_TRUSTEES) {
    return { ok: false, failed: 'trustees', reason: `the number of trustees must be a whole number from 1 to ${MAX_TRUSTEES}` };
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > trustees) {
    return { ok: false, failed: 'threshold', reason: `the threshold must be a whole number from 1 to the number of trustees (${trustees})` };
  }
  return { ok: true, threshold, trustees, warning: threshold === 1 ? 'one-trustee-decrypts' : null };
}
