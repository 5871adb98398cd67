import { describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import type { ApiClient } from '../../cli/apiClient';
import { groupRankings, LotBook, type TallyResult } from '../../domain';
import { countScottishStv } from '../../domain/counting/scottishStv';

/** `admin results` prints the count sheet of a counted ballot under the result, and a referendum's decision. */
describe('admin results', () => {
  const answering = (result: TallyResult) => ({ request: async () => ({ title: 'Union officers', result, turnout: { voted: 9, registered: 12 }, seal: { digest: 'd'.repeat(64) }, compromised: false }) }) as unknown as ApiClient;
  const printed = async (result: TallyResult) => {
    const lines: string[] = [];
    await admin.results(answering(result), 'officers', (line) => lines.push(line));
    return lines.join('\n');
  };

  it('names the rule, the vacant seat, and prints the sheet round by round', async () => {
    const ballots = groupRankings([...Array.from({ length: 6 }, () => ['Ada', 'Bea']), ['RON'], ['RON'], ['Bea']]);
    const sheet = countScottishStv({ candidates: ['Ada', 'Bea', 'RON'], seats: 2, ballots }, new LotBook({ digest: 'x', contest: 'officers' }));
    const text = await printed({ ballots: 9, abstentions: 0, seats: 2, counts: [{ candidate: 'Ada', votes: 6 }], elected: ['Ada', 'Bea'], tied: [], method: 'scottish-stv', vacant: 0, sheet });
    expect(text).toContain('Union officers: results (single transferable vote, Scottish rules (SSI 2007/42))');
    expect(text).toContain('  elected: Ada, Bea');
    expect(text).toContain('4.00000');
    expect(text).toMatch(/Round|Stage/);
  });

  it('says whether a referendum passed instead of who was elected', async () => {
    const text = await printed({ ballots: 9, abstentions: 1, seats: 0, counts: [{ candidate: 'yes', votes: 6 }, { candidate: 'no', votes: 2 }], elected: [], tied: [], method: 'referendum', passed: true });
    expect(text).toContain('  decision: passed');
    expect(text).not.toContain('elected:');
  });
});
