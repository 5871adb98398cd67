import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../cli/apiClient';
import { sealedApi } from '../../../cli/sealed/api';
import { auditBallot } from '../../../cli/sealed/auditBallot';
import { REHEARSAL_WARNING, rehearseCeremony, rehearseOpening } from '../../../cli/sealed/rehearsal';
import type { TrusteeMachine } from '../../../cli/sealed/trusteeMachine';
import { openShare } from '../../../cli/sealed/secretFiles';
import { trusteeSteps } from '../../../cli/sealed/trusteeSteps';
import { vote } from '../../../cli/sealed/vote';
import { seededRandom } from '../crypto/seededRandom';
import { FakeSealedServer } from './fakeSealedServer';

/**
 * The trustee and voter commands' arithmetic against the sealed box's routes (a fake in memory that
 * verifies what it is given): a key ceremony, papers sealed and cast, mixes and decryptions, and
 * the papers read back as cast; one trustee's steps on their own; an audited ballot checked.
 */
describe('the sealed box from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-flows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const contests = [
    { id: 'council', title: 'Council', ballot: { kind: 'single' as const }, candidates: [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }] },
    { id: 'senate', title: 'Senate', ballot: { kind: 'ranked' as const }, candidates: [{ name: 'Alan Turing' }, { name: 'Barbara Liskov' }, { name: 'Edsger Dijkstra' }] },
  ];
  const passphrase = 'correct horse battery staple';
  const machineOf = (server: FakeSealedServer, lines: string[], seed: string): TrusteeMachine => ({
    api: sealedApi(server.client),
    out: (line) => lines.push(line),
    random: seededRandom(seed),
    passphrase: () => passphrase,
    kdf: { N: 2 ** 10, r: 8, p: 1 },
  });
  const cast = (server: FakeSealedServer, token: string, papers: object, lines: string[] = []) =>
    vote(sealedApi(server.client), server.electionId, { token, papers: JSON.stringify(papers), audit: false }, seededRandom(token), (line) => lines.push(line));

  it('rehearses the key ceremony, casts sealed papers, opens the box and reads back every paper as cast', async () => {
    const server = new FakeSealedServer('parliament', 'sealed', { count: 3, threshold: 2 }, contests);
    const lines: string[] = [];
    const shares = join(dir, 'shares');
    expect(await rehearseCeremony(machineOf(server, lines, 'ceremony'), 'parliament', { members: '3', threshold: '2', dir: shares })).toBe(0);
    expect(lines[0]).toBe(REHEARSAL_WARNING);
    expect(REHEARSAL_WARNING).toContain('for rehearsals and tests only');
    expect(lines).toContain('trustee 3: dealing posted');
    expect(lines.join('\n')).toContain('The key ceremony of parliament is complete and verified');
    // Each step read the ceremony as a trustee would, between the posts.
    expect(server.calls.filter((call) => call.startsWith('POST')).length).toBe(9);
    expect(server.calls.filter((call) => call === 'GET /elections/parliament/ceremony').length).toBeGreaterThanOrEqual(6);
    expect(readdirSync(shares).sort()).toEqual(['trustee-1.json', 'trustee-2.json', 'trustee-3.json']);
    for (const name of readdirSync(shares)) expect(statSync(join(shares, name)).mode & 0o777).toBe(0o600);
    const opened = await openShare(join(shares, 'trustee-2.json'), passphrase, { electionId: 'parliament', publicKey: server.result!.publicKey });
    expect(opened.trustee).toBe(2);
    await expect(openShare(join(shares, 'trustee-2.json'), 'wrong', { electionId: 'parliament', publicKey: server.result!.publicKey })).rejects.toThrow('trustee-2.json: the passphrase is wrong');

    server.phase = 'open';
    const castLines: string[] = [];
    await cast(server, 'token-1', { council: { choices: ['Ada Lovelace'] }, senate: { choices: ['Edsger Dijkstra', 'Alan Turing'] } }, castLines);
    await cast(server, 'token-2', { council: { choices: ['grace hopper'] } });
    await cast(server, 'token-3', { council: { abstain: true }, senate: { choices: ['Barbara Liskov'] } });
    const [tracker, council, senate] = [castLines[0]!.replace('Cast, sealed. Tracker: ', ''), server.record.get('council')!.board[0]!, server.record.get('senate')!.board[0]!];
    expect(tracker.split('.')).toHaveLength(2);
    expect(castLines.join('\n')).toContain('proves nothing about your choices');
    expect(JSON.stringify([council, senate])).not.toContain('Ada');

    server.phase = 'closed';
    const opening: string[] = [];
    expect(await rehearseOpening(machineOf(server, opening, 'opening'), 'parliament', { dir: shares })).toBe(0);
    expect(opening).toEqual(
      expect.arrayContaining([
        'contest council: mix 0 by trustee 1 (3 papers) posted',
        'contest council: mix 1 by trustee 2 (3 papers) posted',
        'contest council: decryption by trustee 1 (3 papers) posted',
        'contest senate: decryption by trustee 2 (2 papers) posted',
      ]),
    );
    expect(opening.at(-1)).toBe(REHEARSAL_WARNING);
    const choices = (contest: string) => {
      const read = server.opened(contest);
      if (!read.ok) throw new Error(read.failed.reason);
      return read.papers.map((paper) => (paper.ok ? paper.content.choices.join(' > ') : 'invalid')).sort();
    };
    expect(choices('council')).toEqual(['', 'Ada Lovelace', 'Grace Hopper']);
    expect(choices('senate')).toEqual(['Barbara Liskov', 'Edsger Dijkstra > Alan Turing']);

    // Run again, it finds every step done.
    const again: string[] = [];
    await rehearseOpening(machineOf(server, again, 'again'), 'parliament', { dir: shares });
    expect(again).toContain('contest council: opened already');
  });

  it("runs one trustee's steps at a time, each with its own files, and decrypts only mixes proved from the board", async () => {
    const server = new FakeSealedServer('senate', 'sealed', { count: 2, threshold: 2 }, [{ ...contests[0]!, id: 'main' }]);
    const lines: string[] = [];
    const file = (name: string) => join(dir, `senate-${name}`);
    for (const trustee of [1, 2]) await trusteeSteps.certificate(machineOf(server, lines, `c${trustee}`), 'senate', { trustee: String(trustee), out: file(`state-${trustee}.json`) });
    const state = readFileSync(file('state-1.json'), 'utf8');
    expect(JSON.parse(state)).toMatchObject({ format: 'sealed-box/trustee-share-file', cipher: { name: 'xchacha20poly1305' } });
    expect(statSync(file('state-1.json')).mode & 0o777).toBe(0o600);
    for (const trustee of [1, 2]) await trusteeSteps.deal(machineOf(server, lines, `d${trustee}`), 'senate', { trustee: String(trustee) });
    await expect(trusteeSteps.review(machineOf(server, lines, 'r'), 'senate', { trustee: '2', state: file('state-1.json'), out: file('share-1.json') })).rejects.toThrow(
      `--trustee 2: ${file('state-1.json')} is trustee 1's`,
    );
    for (const trustee of [1, 2]) await trusteeSteps.review(machineOf(server, lines, `r${trustee}`), 'senate', { state: file(`state-${trustee}.json`), out: file(`share-${trustee}.json`) });
    expect(server.result).toBeDefined();

    server.phase = 'open';
    await cast(server, 'token-a', { choices: ['Grace Hopper'] });
    await cast(server, 'token-b', { choices: ['Ada Lovelace'] });
    await cast(server, 'token-c', { choices: ['Grace Hopper'] });
    server.phase = 'closed';
    await expect(trusteeSteps.decrypt(machineOf(server, lines, 'x'), 'senate', { shareFile: file('state-1.json') })).rejects.toThrow('is the state file of a key ceremony, not a share file');
    await expect(trusteeSteps.decrypt(machineOf(server, lines, 'x'), 'senate', { shareFile: file('share-1.json') })).rejects.toThrow('has 0 of the 2 mixes it needs');
    await trusteeSteps.mix(machineOf(server, lines, 'm2'), 'senate', { trustee: '2' });
    await expect(trusteeSteps.mix(machineOf(server, lines, 'm2'), 'senate', { trustee: '2' })).rejects.toThrow('trustee 2 mixed contest main already (mix 0)');
    await trusteeSteps.mix(machineOf(server, lines, 'm1'), 'senate', { trustee: '1', contest: 'main' });

    // A server that shows the board as the last mix would have the trustees decrypt voters' own papers: refused.
    server.forgeMix = (contest, position, outputs) => (position === 1 ? server.record.get(contest)!.board.map((paper) => paper.ciphertexts) : outputs);
    await expect(trusteeSteps.decrypt(machineOf(server, lines, 'x'), 'senate', { shareFile: file('share-1.json') })).rejects.toThrow(
      /mix 1 of contest main \(by trustee 1\) is not proved a shuffle of its input/,
    );
    server.forgeMix = undefined;
    for (const trustee of [1, 2]) await trusteeSteps.decrypt(machineOf(server, lines, `x${trustee}`), 'senate', { shareFile: file(`share-${trustee}.json`) });
    const read = server.opened('main');
    expect(read.ok && read.papers.map((paper) => paper.ok && paper.content.choices[0]).sort()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Grace Hopper']);
  });

  it('prints an audited ballot instead of casting it, which audit ballot confirms, and catches a changed one', async () => {
    const server = new FakeSealedServer('audit', 'sealed', { count: 1, threshold: 1 }, contests);
    await rehearseCeremony(machineOf(server, [], 'ceremony'), 'audit', { members: '1', threshold: '1', dir: join(dir, 'audit') });
    server.phase = 'open';
    const lines: string[] = [];
    const papers = JSON.stringify({ council: { choices: ['Grace Hopper'] }, senate: { abstain: true } });
    expect(await vote(sealedApi(server.client), 'audit', { papers, audit: true }, seededRandom('audited'), (line) => lines.push(line))).toBe(0);
    expect(server.record.get('council')!.board).toHaveLength(0);
    const data = lines[0]!;
    expect(lines[1]).toContain('Not cast');
    const checked: string[] = [];
    expect(await auditBallot(sealedApi(server.client), 'audit', data, (line) => checked.push(line))).toBe(0);
    expect(checked).toEqual(['ok: the paper of council encrypts Grace Hopper', 'ok: the paper of senate encrypts an abstention']);

    // The voter page's format: one entry per paper, in the election's order of contests.
    const claimed = JSON.parse(data) as { papers: { contest: string; choices: string[] }[] };
    expect(claimed.papers.map((p) => p.contest)).toEqual(['council', 'senate']);
    claimed.papers[0]!.choices = ['Ada Lovelace'];
    const problems: string[] = [];
    expect(await auditBallot(sealedApi(server.client), 'audit', JSON.stringify(claimed), (line) => problems.push(line))).toBe(1);
    expect(problems[0]).toBe('PROBLEM: papers[0] (council): ciphertext 0 does not encrypt this choice');
    await expect(auditBallot(sealedApi(server.client), 'audit', JSON.stringify({ ...JSON.parse(data), electionId: 'other' }), () => {})).rejects.toThrow('audit.electionId');
    // A cast answered with a tracker that is not of the papers sealed here is the voter's to report.
    const lying = { request: async (method: string, path: string, body?: unknown) => (path.endsWith('/ballots') ? { receipt: 'a.b', trackers: {} } : server.request(method, path, body)) };
    const warned: string[] = [];
    expect(await vote(sealedApi(lying as unknown as ApiClient), 'audit', { token: 'token-x', papers, audit: false }, seededRandom('lied'), (line) => warned.push(line))).toBe(1);
    expect(warned.at(-1)).toMatch(/^WARNING: the tracker of the papers sealed here is [0-9a-f]{64}\.[0-9a-f]{64}, not the one the API answered/);
    const broken = JSON.parse(data) as { papers: { randomness: string[] }[] };
    broken.papers[1]!.randomness[0] = 'zz';
    await expect(auditBallot(sealedApi(server.client), 'audit', JSON.stringify(broken), () => {})).rejects.toThrow('audit.papers[1].randomness[0]');
  });
});
