import { describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import type { ApiClient } from '../../cli/apiClient';
import { groupRankings, LotBook, type TallyResult } from '../../domain';
import { countScottishStv } from '../../domain/counting/scottishStv';

/** `admin results` prints the count sheet of a counted ballot under the result, and a referendum's decision. */
describe('admin results', () => {
  const turnout = { voted: 9, registered: 12 };
  const answering = (contests: { id: string; title: string; result: TallyResult; turnout: object }[]) =>
    ({ request: async () => ({ title: 'Union officers', contests, turnout: { voted: 10, postal: 2, registered: 14 }, seal: { digest: 'd'.repeat(64) }, compromised: false }) }) as unknown as ApiClient;
  const printedAll = async (contests: { id: string; title: string; result: TallyResult; turnout: object }[]) => {
    const lines: string[] = [];
    await admin.results(answering(contests), 'officers', (line) => lines.push(line));
    return lines.join('\n');
  };
  const printed = (result: TallyResult) => printedAll([{ id: 'main', title: 'Union officers', result, turnout }]);

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
    const text = await printed({
      ballots: 9,
      abstentions: 1,
      seats: 0,
      counts: [
        { candidate: 'yes', votes: 6 },
        { candidate: 'no', votes: 2 },
      ],
      elected: [],
      tied: [],
      method: 'referendum',
      passed: true,
    });
    expect(text).toContain('  decision: passed');
    expect(text).not.toContain('elected:');
  });

  it('prints each contest of an election of several under its title, with its turnout, and the turnout overall', async () => {
    const text = await printedAll([
      {
        id: 'president',
        title: 'President',
        result: {
          ballots: 9,
          abstentions: 1,
          seats: 1,
          counts: [
            { candidate: 'Ada', votes: 5 },
            { candidate: 'Bea', votes: 3 },
          ],
          elected: ['Ada'],
          tied: [],
        },
        turnout: { voted: 9, postal: 2, registered: 14 },
      },
      {
        id: 'doc-ref',
        title: 'Doctoral referendum',
        result: {
          ballots: 3,
          abstentions: 0,
          seats: 0,
          counts: [
            { candidate: 'yes', votes: 2 },
            { candidate: 'no', votes: 1 },
          ],
          elected: [],
          tied: [],
          method: 'referendum',
          passed: true,
        },
        turnout: { voted: 3, registered: 4 },
      },
    ]);
    expect(text).toContain('Union officers: results\n  President (president)\n    Ada: 5\n    Bea: 3\n    abstentions: 1\n    turnout: 9 online and 2 by post, of 14\n    elected: Ada');
    expect(text).toContain('  Doctoral referendum (doc-ref): referendum');
    expect(text).toContain('    turnout: 3 of 4\n    decision: passed');
    expect(text).toContain('  turnout overall: 10 online and 2 by post, of 14');
  });
});
