import { describe, expect, it } from 'vitest';
import { RESERVED_BALLOT_LABELS, reservedLabelOf } from '../../domain';

/**
 * The voter page's own words, read from web/vote/i18n.js as the browser gets them. A candidate
 * named like the page's abstain option would be a second way to abstain on screen: the domain's
 * reserved labels must cover every such label, in every language the page speaks.
 */
const { LANGS, MESSAGES } = (await import(new URL('../../web/vote/i18n.js', import.meta.url).href)) as {
  LANGS: readonly string[];
  MESSAGES: Record<string, Record<string, unknown>>;
};

/** Messages about abstaining that are whole sentences, never shown where a candidate's name is. */
const ABSTAIN_SENTENCES = [
  'chooseOne',
  'chooseUpTo',
  'errorNothingChosen',
  'errorAbstainAndChoice',
  'confirmAbstain',
  'receiptFoundAbstain',
  'referendumHint',
  'errorNoAnswer',
  'rankLegend',
  'errorNothingRanked',
  'errorAbstainAndRanking',
  'listLegend',
  'errorNoVotes',
  'papersIntro',
  'confirmAbstainPaper',
];

/** A message about abstaining, by its key or its English words. */
const ABSTAINING = /abstain|abstention|blank/i;
const speaksOfAbstaining = (key: string) => ABSTAINING.test(key) || ABSTAINING.test(String(MESSAGES.en![key]));

/** Every other message that speaks of abstaining is a label: the ballot's option, the results' row. */
const abstainLabels = (lang: string) =>
  Object.entries(MESSAGES[lang]!)
    .filter(([key]) => speaksOfAbstaining(key) && !ABSTAIN_SENTENCES.includes(key))
    .map(([key, text]) => {
      if (typeof text !== 'string') throw new Error(`${lang}.${key} is a label but not plain text`);
      return text;
    });

/** "Abstain (blank ballot)" is read as a whole, and each part alone could be a candidate's name too. */
const withParts = (label: string) => [
  label,
  ...label
    .split(/[()]/)
    .map((part) => part.trim())
    .filter(Boolean),
];

describe('the ballot labels no candidate may be named as', () => {
  it('covers every language of the voter page', () => {
    expect(Object.keys(RESERVED_BALLOT_LABELS).sort()).toEqual([...LANGS].sort());
  });

  it('finds the labels of abstaining on the voter page', () => {
    expect(abstainLabels('en')).toEqual(['Abstain (blank ballot)', 'Abstentions', 'Abstain on this paper (cast it blank)']);
  });

  for (const lang of LANGS) {
    it(`covers every abstain label the page shows in ${lang}, and each of its parts`, () => {
      for (const label of abstainLabels(lang).flatMap(withParts)) expect(reservedLabelOf(label), label).toBeDefined();
    });
  }

  it.each([
    ['blank', 'Blank ballot'],
    ['RON', 'RON'],
    ['re-open nominations', 'Re-open Nominations'],
    ['Leer', 'LEER'],
    ['Neuausschreibung', 'Neuausschreibung'],
  ])('reserves %s', (_, name) => {
    expect(reservedLabelOf(name)).toBeDefined();
  });

  it('reads through case, punctuation, spacing and look-alike letters', () => {
    expect(reservedLabelOf('ABSTAIN!')).toBe('Abstain');
    expect(reservedLabelOf('A b s t a i n')).toBe('Abstain');
    expect(reservedLabelOf('R0N')).toBe('RON');
    expect(reservedLabelOf('Аbstain')).toBe('Abstain');
  });

  it('leaves real names that contain a label word alone', () => {
    for (const name of ['Ron Weasley', 'Rebecca Blank', 'Abstainer Jones', 'Leeroy']) expect(reservedLabelOf(name), name).toBeUndefined();
  });
});
