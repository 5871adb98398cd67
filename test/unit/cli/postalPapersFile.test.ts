import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPostalPapers } from '../../../cli/admin';

const dir = mkdtempSync(join(tmpdir(), 'postal-papers-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('admin postal-papers: the file of a contest’s postal papers', () => {
  it('reads a CSV of one paper a line, names in the order marked, - for a blank paper and invalid for an invalid one', () => {
    expect(readPostalPapers(file('council.csv', 'Grace Hopper, Ada Lovelace\r\n-\ninvalid\n\nAda Lovelace\n'))).toEqual({
      papers: [{ choices: ['Grace Hopper', 'Ada Lovelace'] }, { abstain: true }, { choices: ['Ada Lovelace'] }],
      invalid: 1,
    });
  });

  it('passes JSON on as the API takes it', () => {
    const totals = { totals: { papers: 2, abstentions: 0, votes: [{ name: 'yes', votes: 2 }] }, invalid: 0 };
    expect(readPostalPapers(file('fees.json', JSON.stringify(totals)))).toEqual(totals);
  });
});
