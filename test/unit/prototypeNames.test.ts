import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { countFile } from '../../cli/countFile';
import { groupRankings, LIST_METHODS, RANKED_METHODS, RON, tally, writeBlt, type BallotDefinition, type Candidate, type TallyResult } from '../../domain';
import { renderCountSheet } from '../../domain/counting/renderSheet';
import { distinctNames, twinOf, withPrototypeNames } from '../support/prototypeNames';

/**
 * Candidates and lists named `constructor`, `__proto__`, `toString` and the like are counted,
 * written on the count sheet and counted from a file exactly as their ordinary twins are. Only a
 * lot, which draws on the names themselves, may tell them apart: counts that draw one are skipped.
 */

interface DrawnContest {
  definition: BallotDefinition;
  candidates: { name: string; list?: string }[];
  /** Each ballot's choices: names as the voter marked them, [] for an abstention. */
  ballots: string[][];
}

const ballots = (choice: fc.Arbitrary<string[]>) => fc.array(choice, { maxLength: 30 });
const ranking = (names: readonly string[]) => fc.shuffledSubarray([...names], { maxLength: names.length });
const withRon = (names: readonly string[], ron: boolean) => (ron ? [...names, RON] : [...names]);

const single = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.boolean()).chain(([n, ron]) =>
  distinctNames(n).chain((names) =>
    fc.record({
      definition: fc.constant<BallotDefinition>({ kind: 'single', ron }),
      candidates: fc.constant(names.map((name) => ({ name }))),
      ballots: ballots(
        fc.oneof(
          fc.constant<string[]>([]),
          fc.constantFrom(...withRon(names, ron)).map((name) => [name]),
        ),
      ),
    }),
  ),
);

const multi = distinctNames(4).chain((names) =>
  fc.integer({ min: 1, max: 3 }).chain((maxChoices) =>
    fc.record({
      definition: fc.constant<BallotDefinition>({ kind: 'multi', maxChoices }),
      candidates: fc.constant(names.map((name) => ({ name }))),
      ballots: ballots(fc.subarray(names, { maxLength: maxChoices })),
    }),
  ),
);

const ranked = fc.tuple(fc.constantFrom(...RANKED_METHODS), fc.integer({ min: 3, max: 5 }), fc.boolean()).chain(([method, n, ron]) =>
  distinctNames(n).chain((names) =>
    fc.record({
      definition: (method === 'irv' ? fc.constant(1) : fc.integer({ min: 1, max: n - 1 })).map((seats): BallotDefinition => ({ kind: 'ranked', method, seats, ron })),
      candidates: fc.constant(names.map((name) => ({ name }))),
      ballots: ballots(ranking(withRon(names, ron))),
    }),
  ),
);

/** Two or three lists, the first names; their candidates, the rest, each on one of them. */
const list = fc.tuple(fc.constantFrom(...LIST_METHODS), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 })).chain(([method, listCount, candidateCount]) =>
  distinctNames(listCount + candidateCount).chain((names) => {
    const lists = names.slice(0, listCount);
    const candidates = names.slice(listCount).map((name, i) => ({ name, list: lists[i % listCount]! }));
    const personal = fc.array(fc.constantFrom(...candidates.map((c) => c.name)), { maxLength: 3 });
    return fc.record({
      definition: fc.integer({ min: 1, max: 5 }).map((seats): BallotDefinition => ({ kind: 'list', method, seats, lists, votes: 3, maxPerCandidate: 3 })),
      candidates: fc.constant(candidates),
      ballots: ballots(
        fc.oneof(
          personal,
          fc.constantFrom(...lists).map((name) => [name]),
        ),
      ),
    });
  }),
);

const referendum = fc.record({
  definition: fc.constantFrom<BallotDefinition>({ kind: 'referendum', majority: 'simple' }, { kind: 'referendum', majority: 'two-thirds', quorumPercent: 20 }),
  candidates: fc.constant<DrawnContest['candidates']>([]),
  ballots: ballots(fc.constantFrom<string[][]>([], ['yes'], ['no'])),
});

const CONTEXT = { seed: { digest: 'e'.repeat(64), contest: 'names' }, registeredVoters: 40 };

/** The contest counted with its names, or with each name's twin in its place. */
function counted({ definition, candidates, ballots: marked }: DrawnContest, rename: (name: string) => string): TallyResult {
  const renamedDefinition = definition.kind === 'list' ? { ...definition, lists: definition.lists.map(rename) } : definition;
  const renamed: Candidate[] = candidates.map(({ name, list }, i) => ({
    name: rename(name),
    email: `c${i}@uni.test`,
    pageLink: `https://uni.test/c${i}`,
    ...(list !== undefined && { list: rename(list) }),
  }));
  return tally(
    renamedDefinition,
    renamed,
    marked.map((choices) => ({ choices: choices.map(rename) })),
    CONTEXT,
  );
}

describe('counting names every object answers from its prototype', () => {
  for (const [kind, contest] of Object.entries({ single, multi, ranked, list, referendum })) {
    test.prop([contest])(`${kind}: the result and the count sheet, in JSON and as printed, are the twins' with the names in their place`, (drawn) => {
      const named = counted(drawn, (name) => name);
      fc.pre((named.sheet?.lots.length ?? 0) === 0);
      const twin = counted(drawn, twinOf);
      expect(JSON.stringify(named)).toBe(withPrototypeNames(JSON.stringify(twin)));
      if (named.sheet) expect(renderCountSheet(named.sheet)).toBe(withPrototypeNames(renderCountSheet(twin.sheet!)));
    });
  }
});

describe('election count on a file with such names', () => {
  const work = mkdtempSync(join(tmpdir(), 'prototype-names-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Runs the count command on `text` saved as `file`, as printed and as JSON; the file's digest, which differs for a twin, left out. */
  const run = (file: string, text: string, method: string, seats: string | undefined) => {
    const cwd = mkdtempSync(join(work, 'run-'));
    writeFileSync(join(cwd, file), text);
    const printed = (json: boolean) => {
      const lines: string[] = [];
      expect(countFile([file], { method, seats, json, cwd }, (line) => lines.push(line))).toBe(0);
      return lines.join('\n').replace(/^SHA-256 of the file: .*$/m, '');
    };
    return { text: printed(false), json: printed(true) };
  };

  const bltFile = fc.tuple(fc.constantFrom(...RANKED_METHODS), fc.integer({ min: 3, max: 5 })).chain(([method, n]) =>
    fc.record({
      method: fc.constant(method),
      names: distinctNames(n),
      seats: method === 'irv' ? fc.constant(1) : fc.integer({ min: 1, max: n - 1 }),
      rankings: fc.array(fc.shuffledSubarray([...Array(n).keys()], { minLength: 1, maxLength: n }), { minLength: 1, maxLength: 30 }),
    }),
  );

  test.prop([bltFile])('a ranked-ballot file (.blt): the sheet printed and in JSON is the twins’ with the names in their place', ({ method, names, seats, rankings }) => {
    const blt = (rename: (name: string) => string) =>
      writeBlt({ title: 'Council', candidates: names.map(rename), seats, withdrawn: [], ballots: groupRankings(rankings.map((r) => r.map((i) => rename(names[i]!)))) });
    const named = run(
      'ballots.blt',
      blt((name) => name),
      method,
      undefined,
    );
    fc.pre(named.text.includes('Lots: none'));
    const twin = run('ballots.blt', blt(twinOf), method, undefined);
    expect(named.text).toBe(withPrototypeNames(twin.text));
    expect(named.json).toBe(withPrototypeNames(twin.json));
  });

  const csvFile = fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.record({
      method: fc.constantFrom(...LIST_METHODS),
      names: distinctNames(n),
      votes: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }),
      seats: fc.integer({ min: 1, max: 10 }),
    }),
  );

  test.prop([csvFile])('a list,votes file: the seats by list, printed and in JSON, are the twins’ with the names in their place', ({ method, names, votes, seats }) => {
    const csv = (rename: (name: string) => string) => `list,votes\n${names.map((name, i) => `${rename(name)},${votes[i]}`).join('\n')}\n`;
    const named = run(
      'lists.csv',
      csv((name) => name),
      method,
      String(seats),
    );
    fc.pre(named.text.includes('Lots: none'));
    const twin = run('lists.csv', csv(twinOf), method, String(seats));
    expect(named.text).toBe(withPrototypeNames(twin.text));
    expect(named.json).toBe(withPrototypeNames(twin.json));
  });
});
