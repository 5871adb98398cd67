import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../cli/commandLine';
import { fresh, sealedApi } from '../../../cli/sealed/api';
import { readPapersOption, fillVoterPapers } from '../../../cli/sealed/papers';
import { rehearseCeremony, rehearseOpening } from '../../../cli/sealed/rehearsal';
import type { TrusteeMachine } from '../../../cli/sealed/trusteeMachine';
import { trusteePassphrase, writeSecretFile } from '../../../cli/sealed/secretFiles';
import { trusteeSteps } from '../../../cli/sealed/trusteeSteps';
import { vote } from '../../../cli/sealed/vote';
import { seededRandom } from '../crypto/seededRandom';
import { FakeSealedServer } from './fakeSealedServer';

/** The sealed box's commands refuse what they cannot do before they post anything, and name the option or field at fault. */
describe('the trustee and vote commands, before any arithmetic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const contests = [{ id: 'main', title: 'Parliament', ballot: { kind: 'single' as const }, candidates: [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }] }];
  const machineOf = (server: FakeSealedServer, lines: string[] = []): TrusteeMachine => ({
    api: sealedApi(server.client),
    out: (line) => lines.push(line),
    random: seededRandom('arguments'),
    passphrase: () => 'correct horse battery staple',
    kdf: { N: 2 ** 10, r: 8, p: 1 },
  });

  it('reads the new options', () => {
    const { values, positionals } = parseCommandLine(['trustee', 'rehearse', 'e', '--members', '3', '--threshold', '2', '--dir', 'shares', '--passphrase-file', 'p.txt']);
    expect(positionals).toEqual(['trustee', 'rehearse', 'e']);
    expect(values).toEqual({ members: '3', threshold: '2', dir: 'shares', 'passphrase-file': 'p.txt' });
    expect(parseCommandLine(['vote', 'e', '--token', 'abc', '--papers', '{"abstain":true}', '--audit']).values).toEqual({ token: 'abc', papers: '{"abstain":true}', audit: true });
    expect(parseCommandLine(['trustee', 'review', 'e', '--state', 's', '--out', 'o', '--trustee', '2']).values).toEqual({ state: 's', out: 'o', trustee: '2' });
    expect(parseCommandLine(['trustee', 'decrypt', 'e', '--share-file', 'f', '--contest', 'main']).values).toEqual({ 'share-file': 'f', contest: 'main' });
  });

  it('takes the passphrase from --passphrase-file or TRUSTEE_PASSPHRASE, and otherwise names both', () => {
    const file = join(dir, 'passphrase.txt');
    writeFileSync(file, 'from the file\n');
    expect(trusteePassphrase({ passphraseFile: file, environment: 'from the environment' })).toBe('from the file');
    expect(trusteePassphrase({ environment: 'from the environment' })).toBe('from the environment');
    expect(() => trusteePassphrase({})).toThrow(/--passphrase-file <file>.*TRUSTEE_PASSPHRASE/);
    expect(() => trusteePassphrase({ environment: '' })).toThrow('TRUSTEE_PASSPHRASE is set but empty');
  });

  it('writes a secret file readable by its owner alone, and never over another', () => {
    const file = join(dir, 'secret.json');
    writeSecretFile(file, 'sealed');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeSecretFile(file, 'another')).toThrow(`${file} exists already`);
    expect(readFileSync(file, 'utf8')).toBe('sealed');
  });

  it("refuses a rehearsal whose members or threshold are not the election's, naming the field", async () => {
    const server = new FakeSealedServer('e', 'sealed', { count: 3, threshold: 2 }, contests);
    const machine = machineOf(server);
    await expect(rehearseCeremony(machine, 'e', { members: '4', threshold: '2', dir })).rejects.toThrow('--members 4: e has 3 trustees (trustees.count)');
    await expect(rehearseCeremony(machine, 'e', { members: '3', threshold: '3', dir })).rejects.toThrow('--threshold 3: e needs 2 of its trustees (trustees.threshold)');
    await expect(rehearseCeremony(machine, 'e', { members: 'three', threshold: '2', dir })).rejects.toThrow('--members three: give a whole number');
    await expect(rehearseCeremony(machine, 'e', { threshold: '2', dir })).rejects.toThrow('--members is required');
    await expect(rehearseCeremony(machine, 'e', { members: '3', threshold: '2' })).rejects.toThrow('--dir is required');
    expect(server.calls.filter((call) => call.startsWith('POST'))).toEqual([]);
  });

  it('refuses a rehearsal of an open election, or of a ceremony begun, or over share files', async () => {
    const open = new FakeSealedServer('o', 'open', { count: 1, threshold: 1 }, contests);
    await expect(rehearseCeremony(machineOf(open), 'o', { members: '1', threshold: '1', dir })).rejects.toThrow('o is not a sealed election');
    const begun = new FakeSealedServer('b', 'sealed', { count: 2, threshold: 1 }, contests);
    begun.transcript.certificates.push({ trustee: 1, transportKey: 'x', proof: { challenge: 'x', response: 'x' } });
    await expect(rehearseCeremony(machineOf(begun), 'b', { members: '2', threshold: '1', dir })).rejects.toThrow('has begun already');
    const taken = mkdtempSync(join(dir, 'taken-'));
    writeFileSync(join(taken, 'trustee-2.json'), '{}');
    await expect(rehearseCeremony(machineOf(new FakeSealedServer('t', 'sealed', { count: 2, threshold: 1 }, contests)), 't', { members: '2', threshold: '1', dir: taken })).rejects.toThrow(
      `${join(taken, 'trustee-2.json')} exists already`,
    );
  });

  it('refuses to open a box before the close, or from a directory without share files', async () => {
    const server = new FakeSealedServer('e', 'sealed', { count: 1, threshold: 1 }, contests);
    await expect(rehearseOpening(machineOf(server), 'e', { dir })).rejects.toThrow('not a sealed election with a published key');
    await expect(rehearseOpening(machineOf(server), 'e', {})).rejects.toThrow('--dir is required');
    await expect(trusteeSteps.mix(machineOf(server), 'e', { contest: 'main' })).rejects.toThrow('--trustee is required');
    await expect(trusteeSteps.decrypt(machineOf(server), 'e', { contest: 'main' })).rejects.toThrow('--share-file is required');
    await expect(trusteeSteps.review(machineOf(server), 'e', { out: 'x' })).rejects.toThrow('--state is required');
  });

  it('a dealing waits for every certificate, and says whose', async () => {
    const server = new FakeSealedServer('e', 'sealed', { count: 3, threshold: 2 }, contests);
    await trusteeSteps.certificate(machineOf(server), 'e', { trustee: '2', out: join(dir, 'state-2.json') });
    await expect(trusteeSteps.deal(machineOf(server), 'e', { trustee: '2' })).rejects.toThrow('still waits for the certificates of trustee(s) 1, 3');
  });

  it('reads a public answer again until it shows what was posted, for a while', async () => {
    const answers = [1, 2, 3];
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    expect(
      await fresh(
        async () => answers.shift()!,
        (n) => n >= 3,
        { sleep },
      ),
    ).toBe(3);
    expect(slept).toEqual([1_000, 1_000]);
    expect(
      await fresh(
        async () => 0,
        (n) => n > 0,
        { patienceMs: 0, sleep },
      ),
    ).toBe(0);
  });

  it('reads --papers by contest or as one choice, and names what is wrong', () => {
    expect(readPapersOption('{"choices": ["Ada"]}')).toEqual({ choices: ['Ada'] });
    expect(readPapersOption('{"abstain": true}')).toEqual({ abstain: true });
    expect(readPapersOption('{"council": {"choices": ["Ada"]}, "senate": {"abstain": true}}')).toEqual({ papers: { council: { choices: ['Ada'] }, senate: { abstain: true } } });
    expect(() => readPapersOption(undefined)).toThrow('--papers is required');
    expect(() => readPapersOption('{choices')).toThrow('--papers is not JSON');
    expect(() => readPapersOption('["Ada"]')).toThrow('--papers: give an object');
    expect(() => readPapersOption('{"council": {"choices": "Ada"}}')).toThrow('--papers.council: give { "choices": [names] } or { "abstain": true }');
    expect(() => readPapersOption('{"choices": ["Ada"], "abstain": true}')).toThrow('--papers: give');
  });

  it('fills papers as the cast does, naming the contest of a paper that is not valid', () => {
    const two = { id: 'e', contests: [...contests, { id: 'senate', title: 'Senate', ballot: { kind: 'single' }, candidates: [{ name: 'Alan Turing' }] }] } as never;
    expect(fillVoterPapers({ id: 'e', contests } as never, { choices: ['ada lovelace'] })).toEqual([{ contestId: 'main', content: { choices: ['Ada Lovelace'] } }]);
    expect(() => fillVoterPapers(two, { choices: ['Ada Lovelace'] })).toThrow('--papers: e has 2 contests (main, senate)');
    expect(() => fillVoterPapers(two, { papers: { council: { abstain: true } } })).toThrow('--papers.council: not a contest of e (main, senate)');
    expect(() => fillVoterPapers(two, { papers: { senate: { choices: ['Ada Lovelace'] } } })).toThrow(/--papers\.senate: .*Ada Lovelace/);
    expect(fillVoterPapers(two, { papers: { senate: { abstain: true }, main: { choices: ['Grace Hopper'] } } })).toEqual([
      { contestId: 'main', content: { choices: ['Grace Hopper'] } },
      { contestId: 'senate', content: { choices: [] } },
    ]);
  });

  it('casts in plaintext in an open election and says it is not secret against the operator; it has nothing to audit', async () => {
    const server = new FakeSealedServer('o', 'open', { count: 1, threshold: 1 }, contests);
    const lines: string[] = [];
    expect(await vote(sealedApi(server.client), 'o', { token: 'voter-token-0000001', papers: '{"choices": ["Ada Lovelace"]}', audit: false }, seededRandom('v'), (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('Receipt: plain-receipt');
    expect(lines.join('\n')).toContain('o is an open election: its ballot box is not secret against the operator');
    await expect(vote(sealedApi(server.client), 'o', { papers: '{"abstain": true}', audit: true }, seededRandom('v'), () => {})).rejects.toThrow('--audit: o is an open election');
    await expect(vote(sealedApi(server.client), 'o', { papers: '{"abstain": true}', audit: false }, seededRandom('v'), () => {})).rejects.toThrow('--token is required');
  });

  it('refuses to seal a paper before the election key exists', async () => {
    const server = new FakeSealedServer('e', 'sealed', { count: 1, threshold: 1 }, contests);
    await expect(vote(sealedApi(server.client), 'e', { token: 'voter-token-0000001', papers: '{"abstain": true}', audit: false }, seededRandom('v'), () => {})).rejects.toThrow(
      'the key ceremony of e is not complete',
    );
  });
});
