import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { BallotDefinition, Candidate } from '../../../domain/election';
import { paperFromBytes, paperLayout, paperToBytes, type PaperLayout } from '../../../domain/crypto/paperEncoding';
import { rehearseCeremony, rehearseOpening } from '../../../domain/crypto/rehearsal';
import { sealedContexts, verifySealedContest, type SealedContestStatement } from '../../../domain/crypto/sealedContest';
import { paperWidth, sealPaper } from '../../../domain/crypto/sealedPaper';
import { seededRandom } from './seededRandom';

const people = (count: number, list?: (i: number) => string): Candidate[] =>
  Array.from({ length: count }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@uni.test`, pageLink: 'https://uni.test', ...(list && { list: list(i) }) }));

/** Every ballot kind the system counts, one of them ranked over enough candidates that a paper takes more than one ciphertext. */
const CONTESTS: { name: string; ballot: BallotDefinition; candidates: Candidate[] }[] = [
  { name: 'single', ballot: { kind: 'single', ron: true }, candidates: people(4) },
  { name: 'multi', ballot: { kind: 'multi', maxChoices: 3 }, candidates: people(6) },
  { name: 'ranked', ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2, ron: true }, candidates: people(5) },
  { name: 'ranked over 40 candidates', ballot: { kind: 'ranked', method: 'meek-stv', seats: 3 }, candidates: people(40) },
  {
    name: 'list',
    ballot: { kind: 'list', method: 'sainte-lague', seats: 4, lists: ['Red', 'Green'], votes: 5, maxPerCandidate: 3, listVote: 'all' },
    candidates: people(4, (i) => (i < 2 ? 'Red' : 'Green')),
  },
  { name: 'referendum', ballot: { kind: 'referendum', majority: 'two-thirds' }, candidates: [] },
];

/** Any paper the layout can write: a ranking of some options in some order, or a count of up to the most per option. */
const anyPaper = (layout: PaperLayout): fc.Arbitrary<string[]> =>
  layout.kind === 'ranking'
    ? fc.shuffledSubarray([...layout.options])
    : fc
        .array(fc.integer({ min: 0, max: layout.maxCount }), { minLength: layout.options.length, maxLength: layout.options.length })
        .map((counts) => counts.flatMap((count, i) => Array<string>(count).fill(layout.options[i]!)));

/** A paper as the box reads it back when it holds `choices` (counts come back sorted). */
const readBack = (layout: PaperLayout, choices: string[]) => JSON.stringify(paperFromBytes(layout, paperToBytes(layout, { choices })));

/**
 * Whatever the voters cast, of whatever kind, and however many mixes shuffle it: the papers read
 * back from the opened box are the papers cast, each once, nothing added and nothing lost.
 */
describe('the sealed box gives back the multiset of papers cast', () => {
  const random = seededRandom('multiset');
  const ceremony = rehearseCeremony({ electionId: 'multiset-2026', threshold: 2, trustees: 3 }, random);
  if (!ceremony.ok) throw new Error(`the ceremony failed: ${JSON.stringify(ceremony.failed)}`);
  const { result, secretShares } = ceremony.ceremony;

  for (const { name, ballot, candidates } of CONTESTS) {
    const statement: SealedContestStatement = {
      electionId: 'multiset-2026',
      contestId: name,
      publicKey: result.publicKey,
      verificationKeys: result.verificationKeys,
      threshold: 2,
      layout: paperLayout(ballot, candidates),
    };
    const mixers = fc.shuffledSubarray([1, 2, 3], { minLength: 2, maxLength: 3 });
    const decryptors = fc.shuffledSubarray([1, 2, 3], { minLength: 2, maxLength: 3 });
    test.prop([fc.array(anyPaper(statement.layout), { minLength: 1, maxLength: 5 }), mixers, decryptors], { numRuns: 3 })(
      `${name} (${paperWidth(statement.layout)} ciphertext${paperWidth(statement.layout) > 1 ? 's' : ''} a paper), after 2 or 3 mixes and 2 or 3 decryptions`,
      (cast, mixedBy, decryptedBy) => {
        const board = cast.map((choices) => sealPaper({ publicKey: statement.publicKey, layout: statement.layout, context: sealedContexts.paper(statement) }, { choices }, random));
        const verified = verifySealedContest(statement, rehearseOpening(statement, board, secretShares, { mixers: mixedBy, decryptors: decryptedBy }, random));
        if (!verified.ok) throw new Error(`the box did not verify: ${JSON.stringify(verified.failed)}`);
        expect(verified.papers.map((paper) => JSON.stringify(paper)).sort()).toEqual(cast.map((choices) => readBack(statement.layout, choices)).sort());
      },
    );
  }
});
