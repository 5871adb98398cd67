import type { RankedCountInput } from '../domain/counting/ballots';
import { parseBlt } from '../domain/counting/blt';
import { countIrv } from '../domain/counting/irv';
import { LotBook } from '../domain/counting/lot';
import { countMeekStv } from '../domain/counting/meekStv';
import { countSchulze } from '../domain/counting/schulze';
import { countScottishStv } from '../domain/counting/scottishStv';
import type { CountSheet, RankedMethod } from '../domain/counting/sheet';
import { COUNT_LIMITS } from '../domain/limits';

export interface CountLimitFigures {
  shape: string;
  method: RankedMethod;
  candidates: number;
  seats: number;
  ballotLines: number;
  preferences: number;
  parseSeconds: number;
  countSeconds: number;
  rounds: number;
}

const COUNT: Record<RankedMethod, (input: RankedCountInput, lots: LotBook) => CountSheet> = {
  irv: countIrv,
  'scottish-stv': countScottishStv,
  'meek-stv': countMeekStv,
  schulze: countSchulze,
};

/** A small deterministic generator, so each run counts the same file. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A .blt file of `lines` distinct random rankings of `ranks` of the candidates each, at COUNT_LIMITS.candidates. */
function worstFile(lines: number, ranks: number, seats: number): string {
  const random = generator(2026);
  const candidates = COUNT_LIMITS.candidates;
  const order = Array.from({ length: candidates }, (_, i) => i + 1);
  const out = [`${candidates} ${seats}`];
  for (let line = 0; line < lines; line += 1) {
    for (let i = 0; i < ranks; i += 1) {
      const j = i + Math.floor(random() * (candidates - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    out.push(`1 ${order.slice(0, ranks).join(' ')} 0`);
  }
  out.push('0', ...Array.from({ length: candidates }, (_, i) => `"Candidate ${i + 1}"`), '"At the limits"');
  return out.join('\n');
}

/**
 * `election count` at its limits (COUNT_LIMITS), by every ranked method, on the two files that
 * cost it most: every preference the limit allows on as few lines as the candidates allow (each
 * line ranks all 500), and on as many lines as it allows (1,000,000 lines of 5). The rankings are
 * random, so next to no two lines share a way, which no real election comes near.
 */
export function benchCountLimits(): CountLimitFigures[] {
  const shapes = [
    { shape: 'every candidate ranked', lines: COUNT_LIMITS.ranks / COUNT_LIMITS.candidates, ranks: COUNT_LIMITS.candidates },
    { shape: 'every line the limit allows', lines: COUNT_LIMITS.ballotLines, ranks: COUNT_LIMITS.ranks / COUNT_LIMITS.ballotLines },
  ];
  const figures: CountLimitFigures[] = [];
  for (const { shape, lines, ranks } of shapes) {
    for (const method of ['irv', 'schulze', 'scottish-stv', 'meek-stv'] as const) {
      const seats = method === 'irv' || method === 'schulze' ? 1 : 100;
      const text = worstFile(lines, ranks, seats);
      const parsing = performance.now();
      const blt = parseBlt(text);
      const counting = performance.now();
      const sheet = COUNT[method]({ candidates: blt.candidates, withdrawn: blt.withdrawn, seats, ballots: blt.ballots }, new LotBook({ digest: 'c'.repeat(64), contest: 'file' }));
      const done = performance.now();
      figures.push({
        shape,
        method,
        candidates: blt.candidates.length,
        seats,
        ballotLines: lines,
        preferences: lines * ranks,
        parseSeconds: (counting - parsing) / 1000,
        countSeconds: (done - counting) / 1000,
        rounds: sheet.rounds.length,
      });
    }
  }
  return figures;
}
