// The result pages' own modules (web/vote/results.js, count-sheet.js), run in node on a stand-in
// for the few DOM calls they make, with names every object answers from its prototype.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, vi } from 'vitest';
import { tally, type BallotDefinition, type Candidate } from '../../domain';
import { MESSAGES } from '../../web/vote/i18n.js';
import { contestPart } from '../../web/vote/results.js';
import { distinctNames, twinOf, withPrototypeNames } from '../support/prototypeNames';

/** An element as `h` (web/vote/dom.js) builds it, printed as markup so that two renderings compare as text. */
class StandInElement {
  private readonly attributes: string[] = [];
  private readonly children: (StandInElement | string)[] = [];
  constructor(private readonly tag: string) {}
  setAttribute(name: string, value: string) {
    this.attributes.push(` ${name}="${value}"`);
  }
  addEventListener() {}
  append(...children: (StandInElement | string)[]) {
    this.children.push(...children);
  }
  toString(): string {
    return `<${this.tag}${this.attributes.join('')}>${this.children.join('')}</${this.tag}>`;
  }
}
vi.stubGlobal('document', { createElement: (tag: string) => new StandInElement(tag) });

/**
 * Who stands, and the ballots: in the ranked contest the third candidate is excluded in the second
 * round, and in the list contest only lists are left in the second, so each has names a round's
 * votes do not hold; no count draws a lot.
 */
const contests = fc.record({ id: fc.constantFrom('constructor', 'prototype', 'council'), ranked: distinctNames(3), list: distinctNames(5) });

function shown(drawn: { id: string; ranked: string[]; list: string[] }, rename: (name: string) => string, lang: 'en' | 'de'): string {
  const [x, y, z] = drawn.ranked.map(rename) as [string, string, string];
  const [l1, l2, m1, m2, m3] = drawn.list.map(rename) as [string, string, string, string, string];
  const standing = (names: string[], lists: (string | undefined)[] = []): Candidate[] =>
    names.map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: 'https://uni.test/c', ...(lists[i] !== undefined && { list: lists[i] }) }));
  const counted: [BallotDefinition, Candidate[], string[][]][] = [
    [{ kind: 'ranked', method: 'scottish-stv', seats: 1 }, standing([x, y, z]), [[x], [x, y], [y], [y, x], [z, y]]],
    [{ kind: 'list', method: 'dhondt', seats: 2, lists: [l1, l2], votes: 2, maxPerCandidate: 2 }, standing([m1, m2, m3], [l1, l1, l2]), [[m1, m2], [m1], [l2]]],
  ];
  return counted
    .map(([ballot, candidates, ballots], i) => {
      const result = tally(
        ballot,
        candidates,
        ballots.map((choices) => ({ choices })),
        { seed: { digest: 'e'.repeat(64), contest: 'page' }, registeredVoters: 9 },
      );
      expect(result.sheet?.lots).toEqual([]);
      return String(contestPart(MESSAGES[lang], lang, { id: `${rename(drawn.id)}-${i}`, title: `Contest ${i}`, ballot, result, turnout: { voted: result.ballots, registered: 9 } }));
    })
    .join('\n');
}

describe('the results page with names every object answers from its prototype', () => {
  test.prop([contests])("shows each contest's result and count sheet, in English and German, as the twins' with the names in their place", (drawn) => {
    for (const lang of ['en', 'de'] as const) {
      const page = shown(drawn, (name) => name, lang);
      expect(page, lang).toBe(withPrototypeNames(shown(drawn, twinOf, lang)));
      expect(page).not.toMatch(/native code|function /);
    }
  });
});
