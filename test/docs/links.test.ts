import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from '../../cli/commands';
import { anchorsOf, docsProblems, headingAnchor, type Doc, type Repository } from './docsCheck';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const scripts = new Set(Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts));

const repository: Repository = { exists: (path) => existsSync(join(root, path)), scripts, cliCommands: CLI_COMMANDS };
const docs: Doc[] = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
].map((path) => ({ path, text: read(path) }));

describe('the documentation', () => {
  it('leads somewhere from every relative link and anchor, and shows only commands, scripts and files that exist', () => {
    expect(docsProblems(docs, repository)).toEqual([]);
  });

  it('starts the README with the two commands, and both stay true', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(read('README.md'))![1]!;
    expect(firstBlock).toMatch(/^npm ci && npm start\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
    expect(scripts).toContain('start');
    expect(scripts).toContain('test');
  });
});

describe('the documentation check', () => {
  const sample = (text: string): Doc[] => [
    { path: 'docs/guide.md', text },
    { path: 'docs/other.md', text: '# Other\n\n## The roll’s fingerprint: `admin lock`\n\n## Twice\n\n## Twice\n' },
  ];
  const files = new Set(['docs/guide.md', 'docs/other.md', 'README.md', 'cli/main.ts', 'test/docs']);
  const sampleRepository: Repository = { exists: (path) => files.has(path), scripts: new Set(['start', 'cli']), cliCommands: { admin: ['lock'], audit: ['verify'], count: [] } };
  const problems = (text: string) => docsProblems(sample(text), sampleRepository);

  it('finds nothing wrong in links, anchors and commands that exist', () => {
    const good = [
      '# Guide',
      '',
      'See [the other](other.md), [its heading](other.md#the-rolls-fingerprint-admin-lock), [the second Twice](other.md#twice-1),',
      '[this one](#guide), [the README](../README.md), [the CLI](../cli/main.ts) and [a site](https://example.org/x#y).',
      'A span `GET //[` is no link, nor is `[x](nowhere.md)`; `admin lock` and `audit verify` are commands, `cli/main.ts` a file.',
      '',
      '```sh',
      'npm start',
      'npm run cli -- admin lock parliament-2026',
      'npm run cli -- count votes.blt --method irv',
      'election audit verify export.ndjson',
      'npm run cli -- audit …',
      'Step Functions (cli/main): a module as imported',
      'npx tsx cli/main.ts',
      'npx vitest run test/docs',
      '```',
    ].join('\n');
    expect(problems(good)).toEqual([]);
  });

  it('names each broken link, anchor, script, file and command with its line', () => {
    const bad = [
      '# Guide',
      '[gone](missing.md) and [no such heading](other.md#nowhere) and [out](../../etc/passwd) and [here](#nothing)',
      'A span naming `admin unlock`, `audit replay` and `handlers/gone.ts`.',
      '```sh',
      'npm run deploy',
      'npm run cli -- admin unlock parliament-2026',
      'npm run cli -- tally votes.blt',
      'election audit',
      'npx tsx infra/gone.ts',
      '```',
    ].join('\n');
    expect(problems(bad)).toEqual([
      'docs/guide.md:2: missing.md names docs/missing.md, which does not exist',
      'docs/guide.md:2: other.md#nowhere: docs/other.md has no heading with the anchor #nowhere',
      'docs/guide.md:2: ../../etc/passwd leads out of the repository',
      'docs/guide.md:2: #nothing: docs/guide.md has no heading with the anchor #nothing',
      'docs/guide.md:5: npm run deploy: package.json has no script "deploy"',
      'docs/guide.md:6: the command line has no command "admin unlock"',
      'docs/guide.md:7: the command line has no command "tally"',
      'docs/guide.md:8: "audit" takes one of verify',
      'docs/guide.md:9: npx tsx infra/gone.ts: there is no infra/gone.ts',
      'docs/guide.md:3: the command line has no command "admin unlock"',
      'docs/guide.md:3: the command line has no command "audit replay"',
      'docs/guide.md:3: handlers/gone.ts does not exist',
    ]);
  });

  it('gives headings the anchors GitHub gives them', () => {
    expect(headingAnchor("SES's limits, in numbers")).toBe('sess-limits-in-numbers');
    expect(headingAnchor('The 2019 command API (`POST /commands`)')).toBe('the-2019-command-api-post-commands');
    expect(headingAnchor('Reads at 1,000 page loads a second')).toBe('reads-at-1000-page-loads-a-second');
    expect(headingAnchor('E-Mails, die nicht ankamen')).toBe('e-mails-die-nicht-ankamen');
    expect([...anchorsOf('# A\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
  });
});
