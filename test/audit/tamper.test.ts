import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditBlt } from '../../cli/auditBlt';
import { readAuditLog } from '../../cli/readAuditLog';
import { eventHash, EXPORT_LIMITS, parseBlt, verifyAuditLog, type AuditLine, type RecordedEvent, type TallyResult, type VerifyOptions } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { runCommand } from '../../handlers/runCommand';
import { appendedAfterSealing, rechain, reseal } from './forge';

/** The tally of an election of one contest, as every fixture here is. */
type ResultTallied = RecordedEvent & { type: 'ResultsTallied'; data: { result: TallyResult } };

const OBSERVER = 'observer@uni.test';

type Ballot = Extract<AuditLine, { kind: 'ballot' }>;
type Header = Extract<AuditLine, { kind: 'header' }>;

/** Sets the observers, as an admin does before locking. */
async function watchedBy(app: TestApp, id: string, observer: string) {
  expect((await app.call('PUT', `/elections/${id}/observers`, { observers: [observer] })).status).toBe(200);
}

/** Moves the shared clock past the deadline and runs the rest of the lifecycle, as the workflow does. */
async function closeAndPublish(app: TestApp, id: string, closesInMs: number) {
  app.clock.advance(closesInMs + 1_000);
  for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
}

async function exportOf(app: TestApp, id: string): Promise<AuditLine[]> {
  const response = await fetch(`${app.url}/elections/${id}/audit-log`);
  expect(response.headers.get('content-type')).toContain('application/x-ndjson');
  return (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditLine);
}

/** The head at sealing and the digest as the observer's sealing notice gives them. */
function anchorsMailedTo(app: TestApp, observer: string): Required<VerifyOptions> {
  const notices = app.mailer.to(observer).filter((m) => m.subject.startsWith('Ballot box sealed'));
  expect(notices).toHaveLength(1);
  const [, expectHead, expectDigest] = notices[0]!.text.match(/--expect-head ([0-9a-f]{64}) --expect-digest ([0-9a-f]{64})/)!;
  return { expectHead: expectHead!, expectDigest: expectDigest! };
}

/** A real export of a small published election, then every kind of tampering an auditor must catch. */
describe('the audit log export and its independent replay', () => {
  let app: TestApp;
  let exported: AuditLine[];
  let mailed: Required<VerifyOptions>;
  beforeAll(async () => {
    app = await startTestApp();
    const { id, tokens } = await setUpElection(app, { id: 'audited', voters: 5, closesInMs: 60_000 });
    expect((await app.call('GET', `/elections/${id}/audit-log`)).status).toBe(409);
    await watchedBy(app, id, OBSERVER);
    await openElection(app, id);
    for (const [i, choice] of ['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper', 'Alan Turing'].entries()) {
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[i], choices: [choice] })).status).toBe(201);
    }
    await closeAndPublish(app, id, 60_000);
    exported = await exportOf(app, id);
    mailed = anchorsMailedTo(app, OBSERVER);
  });
  afterAll(() => app.stop());

  const events = () => exported.filter((l): l is Extract<AuditLine, { kind: 'event' }> => l.kind === 'event');
  const findEvent = (type: string) => events().find((l) => l.event.type === type)!;
  /** Replaces one line by a changed copy. */
  const replace = (line: AuditLine, changed: AuditLine) => exported.map((l) => (l === line ? changed : l));
  const resign = (event: RecordedEvent): RecordedEvent => {
    const { hash: _, ...unsigned } = event;
    return { ...event, hash: eventHash(unsigned) };
  };
  const ballots = () => exported.filter((l): l is Ballot => l.kind === 'ballot');
  const header = () => exported[0] as Header;
  /** The export with one ballot's choices changed. */
  const withChoices = (ballot: Ballot, choices: string[]) => replace(ballot, { ...ballot, choices });
  const voterLines = () => exported.filter((l) => l.kind === 'voter');

  it('exports the header first, then events, ballots by id, participation and the roll as salted hashes only', () => {
    expect(exported[0]).toMatchObject({ kind: 'header', format: 'student-election-audit', version: 1, electionId: 'audited', ballots: 4, participation: 4, voters: 5 });
    const ids = ballots().map((b) => (b as { ballotId: string }).ballotId);
    expect(ids).toEqual([...ids].sort());
    const text = JSON.stringify(exported);
    for (let i = 1; i <= 5; i += 1) expect(text).not.toContain(`s${i}@uni.test`);
    // The observers as their count, as the live log shows them: never their addresses.
    expect(findEvent('ObserversSet').event.data).toEqual({ observers: 1 });
    expect(text).not.toContain(OBSERVER);
    expect(exported.filter((l) => l.kind === 'voter').every((l) => /^[0-9a-f]{64}$/.test((l as { hash: string }).hash))).toBe(true);
  });

  it('verifies an untouched export clean, with and without the values e-mailed at sealing', () => {
    const report = verifyAuditLog(exported);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, finalPhase: 'published', ballots: 4, participation: 4 });
    const tallied = events().find((l) => l.event.type === 'ResultsTallied')!.event;
    expect(report.headAtSealing).toEqual({ seq: tallied.seq, hash: tallied.hash });
    expect(mailed).toEqual({ expectHead: tallied.hash, expectDigest: report.digest });
    expect(verifyAuditLog(exported, mailed).findings).toEqual([]);
    expect(verifyAuditLog(exported, { expectHead: mailed.expectHead.toUpperCase() }).ok).toBe(true);
  });

  const cases: [string, () => AuditLine[], RegExp][] = [
    [
      'an event field changed',
      () => {
        const line = findEvent('CandidatesAdded');
        const event = { ...line.event, data: { candidates: [{ name: 'Mallory', email: 'm@x.test', pageLink: 'https://x.test' }] } } as RecordedEvent;
        return replace(line, { kind: 'event', event });
      },
      /event \d+ \(CandidatesAdded\) was changed/,
    ],
    ['an event removed', () => exported.filter((l) => l !== findEvent('ElectionLocked')), /missing before event \d+: removed/],
    [
      'two events swapped',
      () => {
        const a = findEvent('ElectionLocked');
        const b = findEvent('VotingOpened');
        return exported.map((l) => (l === a ? b : l === b ? a : l));
      },
      /reordered/,
    ],
    [
      'an event inserted',
      () => {
        const after = findEvent('VotingClosed');
        const forged = resign({ ...after.event, type: 'LifecycleFailed', data: { step: 'X', error: 'forged' } } as RecordedEvent);
        const at = exported.indexOf(after);
        return [...exported.slice(0, at + 1), { kind: 'event', event: forged }, ...exported.slice(at + 1)];
      },
      /appears twice: an event was inserted/,
    ],
    [
      'a ballot added',
      () => {
        const at = exported.findIndex((l) => l.kind === 'participation');
        return [...exported.slice(0, at), { kind: 'ballot', ballotId: 'zzzz-forged', choices: ['Alan Turing'] }, ...exported.slice(at)];
      },
      /5 ballots but 4 voters took part/,
    ],
    ['a ballot removed', () => exported.filter((l) => l !== ballots()[0]), /3 ballots but 4 voters took part/],
    [
      'a ballot changed',
      () => {
        const line = ballots().find((b) => (b as { choices: string[] }).choices[0] === 'Alan Turing')!;
        return replace(line, { ...(line as Extract<AuditLine, { kind: 'ballot' }>), choices: ['Ada Lovelace'] });
      },
      /the seal does not match the ballots/,
    ],
    [
      'the result changed',
      () => {
        const line = findEvent('ResultsTallied');
        const event = line.event as ResultTallied;
        return replace(line, { kind: 'event', event: { ...event, data: { result: { ...event.data.result, elected: ['Grace Hopper'] } } } });
      },
      /event \d+ \(ResultsTallied\) was changed/,
    ],
    [
      'the result changed and re-signed',
      () => {
        const line = findEvent('ResultsTallied');
        const event = line.event as ResultTallied;
        return replace(line, { kind: 'event', event: resign({ ...event, data: { result: { ...event.data.result, elected: ['Grace Hopper'] } } }) });
      },
      /the published result does not match the ballots/,
    ],
    [
      'the seal changed',
      () => {
        const line = findEvent('BallotBoxSealed');
        const event = line.event as Extract<RecordedEvent, { type: 'BallotBoxSealed' }>;
        return replace(line, { kind: 'event', event: { ...event, data: { ...event.data, digest: '0'.repeat(64) } } });
      },
      /event \d+ \(BallotBoxSealed\) was changed/,
    ],
    // Rewrites recomputed with the repository's own code: seal, tally, chain and header all match again.
    ['a candidate chosen twice, recomputed', () => reseal(withChoices(ballots()[0]!, ['Ada Lovelace', 'Ada Lovelace'])), /ballot \S+ is not a valid ballot: "Ada Lovelace" is chosen more than once/],
    ['a name that is not a candidate, recomputed', () => reseal(withChoices(ballots()[0]!, ['Mallory'])), /ballot \S+ is not a valid ballot: "Mallory" is not a candidate/],
    [
      'more choices than the ballot allows, recomputed',
      () => reseal(withChoices(ballots()[0]!, ['Ada Lovelace', 'Grace Hopper'])),
      /ballot \S+ is not a valid ballot: 2 candidates chosen; at most 1 allowed/,
    ],
    [
      'more ballots than registered voters, recomputed',
      () => {
        const forged = ['zzzzzzzzzzzzzzzzzzzzz1', 'zzzzzzzzzzzzzzzzzzzzz2'].map((ballotId): AuditLine => ({ kind: 'ballot', ballotId, choices: ['Alan Turing'] }));
        return reseal([...exported, ...forged]);
      },
      /6 ballots but only 5 voters registered: ballots were added/,
    ],
    ["the header's election id changed", () => replace(header(), { ...header(), electionId: 'another' }), /the header names election "another", the events create "audited"/],
    ["the header's title changed", () => replace(header(), { ...header(), title: 'Forged' }), /the header's title "Forged" is not the election's title "Student parliament"/],
    [
      'a voter line added, header recomputed',
      () => {
        const lines = [...exported, { kind: 'voter', hash: 'f'.repeat(64) } as AuditLine];
        return lines.map((l) => (l === header() ? { ...header(), voters: 6 } : l));
      },
      /the roll has 6 voter lines but the events register 5 voters/,
    ],
    [
      'a voter line removed, header recomputed',
      () => {
        const lines = exported.filter((l) => l !== voterLines()[0]);
        return lines.map((l) => (l === header() ? { ...header(), voters: 4 } : l));
      },
      /the roll has 4 voter lines but the events register 5 voters/,
    ],
    ["a voter line replaced by another voter's", () => replace(voterLines()[1]!, voterLines()[0]!), /voter [0-9a-f]{64} is on the roll twice/],
    ['a voter line that is no hash', () => replace(voterLines()[0]!, { kind: 'voter', hash: 's1' }), /voter line "s1" is not a 64-hex hash/],
    [
      'contest "main" added to a ballot of the one contest',
      () => replace(ballots()[0]!, { ...ballots()[0]!, contest: 'main' }),
      /ballot \S+ names contest "main", but the ballots of an election of one contest name none/,
    ],
    ['a second header line at the end', () => [...exported, header()], /line \d+ is a second header line: an export has one/],
    ['a second participation line at the end', () => [...exported, { kind: 'participation', count: 4 }], /is a second participation line: an export has one/],
    ['an event line after the roll', () => [...exported, findEvent('VotingClosed')], /line \d+ \(event\) comes after the voter lines/],
    [
      'an event moved to another election, re-chained',
      () => {
        const moved = exported.map((l) => (l === findEvent('ElectionLocked') ? { kind: 'event' as const, event: { ...findEvent('ElectionLocked').event, electionId: 'another' } } : l));
        const chained = rechain(moved.flatMap((l) => (l.kind === 'event' ? [l.event] : [])));
        let i = 0;
        return moved.map((l) => (l.kind === 'event' ? { kind: 'event' as const, event: chained[i++]! } : l));
      },
      /event \d+ \(ElectionLocked\) belongs to election "another", not "audited"/,
    ],
  ];

  it.each(cases)('detects %s with a specific message', (_, tamper, message) => {
    const report = verifyAuditLog(tamper());
    expect(report.ok).toBe(false);
    expect(report.findings.join('\n')).toMatch(message);
  });

  /** Rewrites that leave nothing wrong inside the file: only the values e-mailed at sealing tell. */
  const rewrites: [string, () => AuditLine[], RegExp[]][] = [
    [
      'a ballot changed',
      () =>
        reseal(
          withChoices(
            ballots().find((b) => b.choices[0] === 'Alan Turing')!,
            ['Ada Lovelace'],
          ),
        ),
      [/the log was rewritten/, /the ballot box was rewritten/],
    ],
    [
      "two ballots' choices swapped",
      () => {
        const [ada, grace] = [ballots().find((b) => b.choices[0] === 'Ada Lovelace')!, ballots().find((b) => b.choices[0] === 'Grace Hopper')!];
        return reseal(exported.map((l) => (l === ada ? { ...ada, choices: grace.choices } : l === grace ? { ...grace, choices: ada.choices } : l)));
      },
      [/the log was rewritten/, /the ballot box was rewritten/],
    ],
    [
      'the election renamed everywhere',
      () => {
        const renamed = exported.map((l): AuditLine => {
          if (l.kind === 'header') return { ...l, title: 'Forged' };
          if (l.kind !== 'event' || l.event.type !== 'ElectionCreated') return l;
          return { kind: 'event', event: { ...l.event, data: { ...l.event.data, title: 'Forged' } } };
        });
        return reseal(renamed);
      },
      [/the log was rewritten/],
    ],
  ];

  it.each(rewrites)('passes %s with every hash recomputed, and refuses it against the e-mailed head', (_, rewrite, messages) => {
    const forged = rewrite();
    expect(verifyAuditLog(forged).findings).toEqual([]);
    const report = verifyAuditLog(forged, mailed);
    expect(report.ok).toBe(false);
    for (const message of messages) expect(report.findings.join('\n')).toMatch(message);
  });

  it('shows a breach appended after the head at sealing, which the e-mailed head cannot vouch for, instead of passing it in silence', () => {
    const breach = { cloudTrailEventId: 'ct-forged', eventName: 'ConsoleLogin', principal: 'arn:aws:iam::1:user/x', sourceIp: '203.0.113.9', eventTime: 'T', detectedAt: 'T' };
    const forged = appendedAfterSealing(exported, { type: 'BreachDetected', data: breach });
    const report = verifyAuditLog(forged, mailed);
    // The system records a breach until publication, so one there is no discrepancy: it is shown as not covered.
    expect(report).toMatchObject({ ok: true, breaches: 1 });
    expect(report.afterSealing.map((e) => e.type)).toEqual(['BreachDetected', 'ResultsPublished']);
    expect(verifyAuditLog(exported, mailed).afterSealing.map((e) => e.type)).toEqual(['ResultsPublished']);
  });

  it('says which event an e-mailed head names when it is not the head at sealing', () => {
    const closed = findEvent('VotingClosed').event;
    expect(verifyAuditLog(exported, { expectHead: closed.hash }).findings).toEqual([
      `the e-mailed head ${closed.hash} is event ${closed.seq} (VotingClosed), not the head at sealing (event ${closed.seq + 2}, ResultsTallied)`,
    ]);
  });

  describe('audit verify on the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const saved = (name: string, lines: AuditLine[]) => {
      writeFileSync(join(dir, name), lines.map((l) => JSON.stringify(l)).join('\n'));
      return join(dir, name);
    };
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'audit', 'verify', ...args]);
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout + failed.stderr };
      }
    };

    it('prints the head at sealing, and without the e-mailed values says the log is not anchored', async () => {
      const run = await cli(saved('clean.ndjson', exported));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`head at sealing: event ${findEvent('ResultsTallied').event.seq}, ${mailed.expectHead}`);
      expect(run.stdout).toContain('NOT ANCHORED');
    });

    it('verifies the untouched export against the e-mailed head and digest, and refuses one re-hashed from the start', async () => {
      const anchors = ['--expect-head', mailed.expectHead, '--expect-digest', mailed.expectDigest];
      const clean = await cli(saved('clean.ndjson', exported), ...anchors);
      expect(clean.stdout).toContain('VERIFIED');
      expect(clean.stdout).toContain('anchored: every event up to sealing');
      const forged = await cli(saved('forged.ndjson', rewrites[0]![1]()), ...anchors);
      expect(forged.code).toBe(1);
      expect(forged.stdout).toMatch(/FAILED: 2 discrepancies[\s\S]*the log was rewritten/);
    });

    it('refuses an e-mailed value that is not a hash, and a line that is not an audit line', async () => {
      const wrong = await cli(saved('clean.ndjson', exported), '--expect-head', 'abc');
      expect(wrong.code).toBe(2);
      expect(wrong.stdout).toContain('--expect-head takes a SHA-256 hash: 64 hex digits');
      const broken = await cli(saved('broken.ndjson', [...exported, { kind: 'ballot', ballotId: 'x', choices: null } as unknown as AuditLine]));
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`line ${exported.length + 1} is not an audit log line: choices:`);
    });

    it('lists the events after the head at sealing, which the e-mailed head does not cover, a forged breach among them', async () => {
      const breach = { cloudTrailEventId: 'ct-forged', eventName: 'ConsoleLogin', principal: 'arn:aws:iam::1:user/x', sourceIp: '203.0.113.9', eventTime: 'T', detectedAt: 'T' };
      const run = await cli(saved('breach-after.ndjson', appendedAfterSealing(exported, { type: 'BreachDetected', data: breach })), '--expect-head', mailed.expectHead);
      const sealing = findEvent('ResultsTallied').event.seq;
      expect(run.stdout).toContain('COMPROMISED: 1 breach(es)');
      expect(run.stdout).toContain(`  after the head at sealing, which cannot vouch for them: 2 event(s)`);
      expect(run.stdout).toContain(
        `    event ${sealing + 1}: BreachDetected: ConsoleLogin by arn:aws:iam::1:user/x from 203.0.113.9 at T (CloudTrail event ct-forged)\n    event ${sealing + 2}: ResultsPublished at `,
      );
    });

    /** The genuine export's text with line `index` (from 0) changed by `edit`. */
    const editedLine = (index: number, edit: (text: string) => string) => exported.map((l, i) => (i === index ? edit(JSON.stringify(l)) : JSON.stringify(l))).join('\n');
    const savedText = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const firstBallot = () => exported.findIndex((l) => l.kind === 'ballot');
    const lineOf = (type: string) => exported.indexOf(findEvent(type));
    const strict: [string, () => string, () => string][] = [
      [
        'a key given twice',
        () => editedLine(firstBallot(), (t) => t.replace('"choices":', '"choices":["Alan Turing"],"choices":')),
        () => `line ${firstBallot() + 1} is not written as the export writes its lines`,
      ],
      ['a space', () => editedLine(0, (t) => t.replace('","', '", "')), () => 'line 1 is not written as the export writes its lines'],
      [
        'a field on a ballot line that no check reads',
        () => editedLine(firstBallot(), (t) => t.replace('}', ',"note":"x"}')),
        () => `line ${firstBallot() + 1} is not an audit log line: Unrecognized key: "note"`,
      ],
      [
        'a field on an event that its hash does not cover',
        () => editedLine(lineOf('VotingClosed'), (t) => t.replace('"data":', '"signature":"x","data":')),
        () => `line ${lineOf('VotingClosed') + 1} is not an audit log line: event: Unrecognized key: "signature"`,
      ],
      ['__proto__ on a line', () => editedLine(0, (t) => t.replace('{', '{"__proto__":{},')), () => 'line 1 is not an audit log line: Unrecognized key: "__proto__"'],
      [
        "the observers' addresses beside their count",
        () => editedLine(lineOf('ObserversSet'), (t) => t.replace('"data":', `"addresses":["${OBSERVER}"],"data":`)),
        () => `line ${lineOf('ObserversSet') + 1} is not an audit log line: event: Unrecognized key: "addresses"`,
      ],
      [
        "__proto__ in an event's data, which a record's check drops",
        () => editedLine(lineOf('VotingClosed'), (t) => t.replace('"data":{', '"data":{"__proto__":{"forged":true},')),
        () => `event ${findEvent('VotingClosed').event.seq} (VotingClosed) was changed: its hash does not match its content`,
      ],
      ['a line ended CR LF', () => editedLine(0, (t) => `${t}\r`), () => 'line 1 is not written as the export writes its lines'],
      [
        'a line nested 5,000 deep',
        () => `${editedLine(0, (t) => t)}\n${JSON.stringify({ kind: 'ballot', ballotId: 'x', choices: [] }).replace('[]', `${'['.repeat(5_000)}${']'.repeat(5_000)}`)}`,
        () => `line ${exported.length + 1} nests objects and arrays more than ${EXPORT_LIMITS.depth} deep, the most a line of an export does`,
      ],
    ];

    it.each(strict)('refuses an export with %s, naming the line, even against the e-mailed values', async (_, tamper, message) => {
      const run = await cli(savedText('strict.ndjson', tamper()), '--expect-head', mailed.expectHead, '--expect-digest', mailed.expectDigest);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(message());
    });

    it('stops unpacking a gzipped export at the size an export takes, naming the line it reached', async () => {
      const genuine = `${editedLine(0, (t) => t)}\n`;
      const bomb = join(dir, 'bomb.ndjson.gz');
      writeFileSync(bomb, gzipSync(genuine.repeat(1_000)));
      const limits = { ...EXPORT_LIMITS, bytes: genuine.length * 3 };
      await expect(readAuditLog(bomb, limits)).rejects.toThrow(`the export is larger than ${limits.bytes} bytes unpacked, the most an export takes (at line ${exported.length * 3 + 1})`);
      writeFileSync(join(dir, 'once.ndjson.gz'), gzipSync(genuine));
      expect(await readAuditLog(join(dir, 'once.ndjson.gz'), limits)).toHaveLength(exported.length);
    });
  });
});

describe('the export of a compromised election', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  let lines: AuditLine[];
  let mailed: Required<VerifyOptions>;
  beforeAll(async () => {
    const { id } = await setUpElection(app, { id: 'compromised', voters: 1, closesInMs: 60_000 });
    await watchedBy(app, id, OBSERVER);
    await openElection(app, id);
    const breach = {
      cloudTrailEventId: 'ct-1',
      eventName: 'ConsoleLogin',
      principal: 'arn:aws:iam::1:user/m',
      sourceIp: '203.0.113.7',
      eventTime: new Date().toISOString(),
      detectedAt: new Date().toISOString(),
    };
    expect((await runCommand(app.deps, id, { type: 'RecordBreach', breach })).ok).toBe(true);
    await closeAndPublish(app, id, 60_000);
    lines = await exportOf(app, id);
    mailed = anchorsMailedTo(app, OBSERVER);
  });

  it('says so in its header, and the replay counts the breach without calling it a discrepancy', async () => {
    expect(lines[0]).toMatchObject({ kind: 'header', breaches: 1 });
    expect(verifyAuditLog(lines, mailed)).toMatchObject({ ok: true, breaches: 1 });
    expect((await app.call('GET', '/elections/compromised/results')).body.compromised).toBe(true);
  });

  it('cannot lose its breach: removed and re-chained, the ballot box still matches but the e-mailed head does not', () => {
    const forged = reseal(lines.filter((l) => l.kind !== 'event' || l.event.type !== 'BreachDetected'));
    expect(verifyAuditLog(forged)).toMatchObject({ ok: true, breaches: 0 });
    expect(verifyAuditLog(forged, { expectDigest: mailed.expectDigest }).ok).toBe(true);
    expect(verifyAuditLog(forged, mailed).findings).toEqual([
      expect.stringMatching(/^the head at sealing is [0-9a-f]{64}, not the e-mailed [0-9a-f]{64}, which no event in this log has: the log was rewritten$/),
    ]);
  });
});

describe('audit blt: ballots written out for another counter only from an export that verifies', () => {
  let app: TestApp;
  let lines: AuditLine[];
  let mailed: Required<VerifyOptions>;
  const dir = mkdtempSync(join(tmpdir(), 'audit-blt-'));
  const saved = (name: string, content: AuditLine[]) => {
    writeFileSync(join(dir, name), content.map((l) => JSON.stringify(l)).join('\n'));
    return join(dir, name);
  };
  beforeAll(async () => {
    app = await startTestApp();
    const { id, tokens } = await setUpElection(app, { id: 'ranked-blt', voters: 5, closesInMs: 60_000, ballot: { kind: 'ranked', method: 'irv', seats: 1 } });
    await watchedBy(app, id, OBSERVER);
    await openElection(app, id);
    for (const [i, choices] of [['Ada Lovelace', 'Grace Hopper'], ['Ada Lovelace'], ['Grace Hopper', 'Ada Lovelace'], ['Alan Turing', 'Grace Hopper'], ['Ada Lovelace']].entries()) {
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[i], choices })).status).toBe(201);
    }
    await closeAndPublish(app, id, 60_000);
    lines = await exportOf(app, id);
    mailed = anchorsMailedTo(app, OBSERVER);
  });
  afterAll(() => app.stop());

  /** Every ballot for Ada now ranks Alan first: Alan is elected. */
  const rewrittenBox = () => lines.map((l) => (l.kind === 'ballot' && l.choices[0] === 'Ada Lovelace' ? { ...l, choices: ['Alan Turing'] } : l));
  const written = (file: string) => parseBlt(readFileSync(file, 'utf8'));

  it('writes the genuine ballots, checked against the e-mailed head and digest', async () => {
    const printed: string[] = [];
    expect(await auditBlt(saved('genuine.ndjson', lines), join(dir, 'genuine.blt'), (line) => printed.push(line), undefined, mailed)).toBe(0);
    expect(printed[0]).toBe('Verified against the e-mailed head at sealing.');
    expect(written(join(dir, 'genuine.blt')).ballots.reduce((sum, b) => sum + b.weight, 0)).toBe(5);
  });

  it('refuses a rewritten box, and one rewritten and re-sealed against the e-mailed values, writing nothing', async () => {
    await expect(auditBlt(saved('rewritten.ndjson', rewrittenBox()), join(dir, 'rewritten.blt'), () => {})).rejects.toThrow(
      /does not verify, so no \.blt is written from it \(\d+ discrepanc(y|ies), the first: .*\): run audit verify/,
    );
    const resealed = saved('resealed.ndjson', reseal(rewrittenBox()));
    await expect(auditBlt(resealed, join(dir, 'resealed.blt'), () => {}, undefined, mailed)).rejects.toThrow(/the log was rewritten/);
    expect(() => readFileSync(join(dir, 'rewritten.blt'))).toThrow();
    expect(() => readFileSync(join(dir, 'resealed.blt'))).toThrow();
  });

  it('takes --expect-head and --expect-digest on the command line', async () => {
    const run = (file: string, ...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'audit', 'blt', file, ...args]);
    const anchors = ['--expect-head', mailed.expectHead, '--expect-digest', mailed.expectDigest];
    await expect(run(saved('resealed.ndjson', reseal(rewrittenBox())), ...anchors)).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^Error: .* does not verify, so no \.blt is written from it .*the log was rewritten/),
    });
    const { stdout } = await run(saved('genuine.ndjson', lines), ...anchors);
    expect(parseBlt(stdout).ballots.reduce((sum, b) => sum + b.weight, 0)).toBe(5);
  });
});
