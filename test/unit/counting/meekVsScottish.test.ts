import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LotBook, parseBlt } from '../../../domain';
import { countMeekStv } from '../../../domain/counting/meekStv';
import { countScottishStv } from '../../../domain/counting/scottishStv';

/** The same 100 ballots, two rules, two different councils: the fixture's header works both out by hand. */
describe('Meek STV and Scottish STV on the same ballots', () => {
  const election = parseBlt(readFileSync(new URL('./fixtures/meek-vs-scottish.blt', import.meta.url), 'utf8'));
  const seed = { digest: '0'.repeat(64), contest: 'meek-vs-scottish' };

  it("Scottish STV elects Bea and Cal: Xan's ballots skip the elected Bea at full value", () => {
    const sheet = countScottishStv(election, new LotBook(seed));
    expect(sheet.quota).toBe('34.00000');
    expect(sheet.elected).toEqual(['Bea', 'Cal']);
    expect(sheet.final).toMatchObject({ Bea: '34.00000', Cal: '35.00000', Dov: '31.00000' });
    expect(sheet.lots).toEqual([]);
  });

  it('Meek STV elects Bea and Dov: Bea keeps only her share of what reaches her, the rest goes on', () => {
    const sheet = countMeekStv(election, new LotBook(seed));
    expect(sheet.elected).toEqual(['Bea', 'Dov']);
    expect(sheet.lots).toEqual([]);
  });
});
