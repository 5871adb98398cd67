import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ballotProblem } from '../../../domain/ballot';
import { paperFromBytes, paperLayout, paperToBytes, type PaperLayout } from '../../../domain/crypto/paperEncoding';
import type { BallotDefinition, Candidate } from '../../../domain/election';

const people = (names: string[], list?: string): Candidate[] => names.map((name) => ({ name, email: `${name.toLowerCase()}@uni.test`, pageLink: 'https://uni.test', ...(list && { list }) }));
const CANDIDATES = people(['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara']);
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 2, ron: true };
const MULTI: BallotDefinition = { kind: 'multi', maxChoices: 3 };
const LIST: BallotDefinition = { kind: 'list', method: 'dhondt', seats: 5, lists: ['Red', 'Green'], votes: 5, maxPerCandidate: 3 };
const LIST_CANDIDATES = [...people(['Ada', 'Grace'], 'Red'), ...people(['Alan', 'Edsger'], 'Green')];
const REFERENDUM: BallotDefinition = { kind: 'referendum', majority: 'simple' };

const roundTrip = (layout: PaperLayout, choices: string[]) => paperFromBytes(layout, paperToBytes(layout, { choices }));

describe('a paper as bytes, for the sealed box', () => {
  it('writes a ranking in order and reads it back, RON and an abstention included', () => {
    const layout = paperLayout(RANKED, CANDIDATES);
    // 6 options: a length of 0..6 in 3 bits, each option in 3 bits: 21 bits in 3 bytes.
    expect(layout.bytes).toBe(3);
    for (const choices of [['Grace', 'Ada'], ['RON'], [], ['Barbara', 'Edsger', 'Alan', 'Grace', 'Ada', 'RON']]) expect(roundTrip(layout, choices)).toEqual({ ok: true, content: { choices } });
  });

  it('writes the other kinds as counts, and reads them back sorted as the box stores them', () => {
    const multi = paperLayout(MULTI, CANDIDATES);
    expect(multi.bytes).toBe(1);
    expect(roundTrip(multi, ['Ada', 'Alan', 'Grace'])).toEqual({ ok: true, content: { choices: ['Ada', 'Alan', 'Grace'] } });
    const list = paperLayout(LIST, LIST_CANDIDATES);
    // 4 candidates and 2 lists, each count 0..3 in 2 bits.
    expect(list.bytes).toBe(2);
    expect(roundTrip(list, ['Ada', 'Ada', 'Ada', 'Edsger', 'Grace'])).toEqual({ ok: true, content: { choices: ['Ada', 'Ada', 'Ada', 'Edsger', 'Grace'] } });
    expect(roundTrip(list, ['Green'])).toEqual({ ok: true, content: { choices: ['Green'] } });
    const referendum = paperLayout(REFERENDUM, []);
    expect(roundTrip(referendum, ['no'])).toEqual({ ok: true, content: { choices: ['no'] } });
    expect(roundTrip(referendum, [])).toEqual({ ok: true, content: { choices: [] } });
  });

  it('gives every paper of a contest the same length, whatever it holds', () => {
    const layout = paperLayout(RANKED, CANDIDATES);
    expect(new Set([[], ['Ada'], ['Ada', 'Grace', 'Alan']].map((choices) => paperToBytes(layout, { choices }).length))).toEqual(new Set([3]));
  });

  it('refuses bytes that are not one paper of the contest, each with its reason', () => {
    const ranked = paperLayout(RANKED, CANDIDATES);
    expect(paperFromBytes(ranked, new Uint8Array(4))).toEqual({ ok: false, problem: '4 bytes, not 3' });
    // A length of 7 in the first 3 bits: longer than the 6 options.
    expect(paperFromBytes(ranked, Uint8Array.of(0b111_00000, 0, 0))).toEqual({ ok: false, problem: 'a ranking of 7, longer than the 6 options' });
    // A length of 1, then option 6 (110), which does not exist.
    expect(paperFromBytes(ranked, Uint8Array.of(0b001_110_00, 0, 0))).toEqual({ ok: false, problem: 'option 6 of 6' });
    // A ranking of one (Ada, 000) with a bit set in the unused places: a marked paper.
    expect(paperFromBytes(ranked, Uint8Array.of(0b001_000_00, 0, 1))).toEqual({ ok: false, problem: 'bits set after the paper' });
    const multi = paperLayout(MULTI, CANDIDATES);
    // Five 1-bit fields, then three bits of padding.
    expect(paperFromBytes(multi, Uint8Array.of(0b10000_001))).toEqual({ ok: false, problem: 'bits set after the paper' });
    const list = paperLayout({ ...LIST, maxPerCandidate: 2 }, LIST_CANDIDATES);
    expect(paperFromBytes(list, Uint8Array.of(0b11_000000, 0))).toEqual({ ok: false, problem: '3 votes for one option, more than 2' });
  });

  it('leaves to ballotProblem what the ballot allows, as for every paper', () => {
    const multi = paperLayout(MULTI, CANDIDATES);
    // All five ticked: a well-formed paper with more choices than the ballot allows.
    const decoded = paperFromBytes(multi, Uint8Array.of(0b11111_000));
    expect(decoded).toEqual({ ok: true, content: { choices: ['Ada', 'Alan', 'Barbara', 'Edsger', 'Grace'] } });
    expect(ballotProblem(MULTI, CANDIDATES, (decoded as { content: { choices: string[] } }).content)).toBe('5 candidates chosen; at most 3 allowed');
  });

  test.prop([fc.shuffledSubarray(['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'RON'])], { numRuns: 200 })('reads back every ranking it writes', (ranking) => {
    expect(roundTrip(paperLayout(RANKED, CANDIDATES), ranking)).toEqual({ ok: true, content: { choices: ranking } });
  });

  test.prop([fc.array(fc.constantFrom('Ada', 'Grace', 'Alan', 'Edsger'), { maxLength: 5 })], { numRuns: 200 })('reads back every list paper it writes, sorted', (votes) => {
    const counts = new Map<string, number>();
    for (const name of votes) counts.set(name, (counts.get(name) ?? 0) + 1);
    fc.pre([...counts.values()].every((n) => n <= 3));
    expect(roundTrip(paperLayout(LIST, LIST_CANDIDATES), votes)).toEqual({ ok: true, content: { choices: [...votes].sort() } });
  });
});
