import { createHash } from 'node:crypto';
import type { Lot } from './sheet';

/**
 * What a lot is drawn from: the sealed ballot box's digest, which nobody knows before the box is
 * sealed and nobody can steer without changing a ballot, and the contest it decides. A count run
 * outside an election (the `election count` command) uses the digest of its input file.
 */
export interface LotSeed {
  digest: string;
  contest: string;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Draws one of `among`. The input order does not matter (the names are sorted first), so the same
 * tie in the same round of the same contest always draws the same way, in our count, in the
 * verifier and by hand: sha256(JSON.stringify([digest, contest, round, purpose, among])) read as
 * a big-endian integer, modulo the number of names. The bias of the modulo is below 2^-240.
 */
export function drawLot(seed: LotSeed, round: number, purpose: string, among: readonly string[]): Lot {
  const sorted = [...new Set(among)].sort(byCodePoint);
  if (sorted.length === 0) throw new Error('a lot needs at least one name');
  const draw = createHash('sha256')
    .update(JSON.stringify([seed.digest, seed.contest, round, purpose, sorted]))
    .digest('hex');
  const chosen = sorted[Number(BigInt(`0x${draw}`) % BigInt(sorted.length))]!;
  return { round, purpose, among: sorted, chosen, draw };
}

/** The lots of one count, in the order they were drawn. */
export class LotBook {
  readonly drawn: Lot[] = [];

  constructor(private readonly seed: LotSeed) {}

  /** The chosen name; a single name is returned without a draw. */
  draw(round: number, purpose: string, among: readonly string[]): string {
    if (new Set(among).size === 1) return among[0]!;
    const lot = drawLot(this.seed, round, purpose, among);
    this.drawn.push(lot);
    return lot.chosen;
  }
}
