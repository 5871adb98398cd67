// The observers' view's verifier bundle (web/lib/verifier.ts), as the browser gets it from /lib/verifier.js,
// run in node: its node:crypto stand-in against node's, and its report against `audit verify`'s.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../cli/audit';
import { readAuditLog } from '../../cli/readAuditLog';
import {
  ballotBoxDigest,
  ballotIdOf,
  drawLot,
  EMPTY_HEAD,
  eventHash,
  EXPORT_LIMITS,
  extendChain,
  rollFingerprint,
  verifyAuditLog,
  type AuditLine,
  type ElectionEvent,
  type RecordedEvent,
} from '../../domain';
import { observedEvent } from '../../contract/views';
import { buildWebBundle } from '../../infra/webBundles';
import { createHash as standInHash } from '../../web/lib/node-crypto';
import type * as Verifier from '../../web/lib/verifier';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

const work = mkdtempSync(join(tmpdir(), 'observer-verifier-'));
let bundle: string;
let verifier: typeof Verifier;

beforeAll(async () => {
  const built = await buildWebBundle('verifier');
  expect(built).toBeDefined();
  bundle = Buffer.from(built!).toString('utf8');
  const file = join(work, 'verifier.mjs');
  writeFileSync(file, bundle);
  verifier = (await import(pathToFileURL(file).href)) as typeof Verifier;
});

const TEXTS = ['', 'abc', 'Grüße, Ωμέγα 🗳️ and \u0000 nul', 'x'.repeat(1_000), JSON.stringify({ electionId: 'e', seq: 1 })];

describe('the node:crypto stand-in (web/lib/node-crypto.ts)', () => {
  it('hashes text and bytes, in one update or several, to the digests node makes', () => {
    for (const text of TEXTS) {
      expect(standInHash('sha256').update(text, 'utf8').digest('hex'), text).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(standInHash('sha256').update(text).digest('hex')).toBe(createHash('sha256').update(text).digest('hex'));
      const bytes = new TextEncoder().encode(text);
      expect(standInHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const [mine, node] = [standInHash('sha256'), createHash('sha256')];
    for (const text of TEXTS) {
      mine.update(text, 'utf8');
      node.update(text, 'utf8');
    }
    expect(mine.digest('hex')).toBe(node.digest('hex'));
  });

  it("prints a digest and any part of it as node's Buffer does", () => {
    const digest = standInHash('sha256').update('receipt', 'utf8').digest();
    const buffer = createHash('sha256').update('receipt', 'utf8').digest();
    expect([...digest]).toEqual([...buffer]);
    for (let end = 0; end <= 32; end += 1) {
      for (const begin of [0, 1, 2]) {
        if (begin > end) continue;
        expect(digest.subarray(begin, end).toString('base64url'), `${begin}..${end}`).toBe(buffer.subarray(begin, end).toString('base64url'));
        expect(digest.subarray(begin, end).toString('hex')).toBe(buffer.subarray(begin, end).toString('hex'));
      }
    }
    expect(() => standInHash('md5')).toThrow(/only sha256/);
  });

  it('is what the bundle hashes with: the domain in the bundle gives the same eventHash, ballot ids, lots, box digest and roll fingerprint', () => {
    expect(bundle).not.toMatch(/node:crypto|require\(/);
    const event = { electionId: 'council', seq: 3, at: '2026-05-04T10:00:00.000Z', prevHash: '0'.repeat(64), type: 'VotersRegistered', data: { count: 32, groups: { 'faculty:ä': 2 } } } as const;
    expect(verifier.eventHash(event as unknown as Omit<RecordedEvent, 'hash'>)).toBe(eventHash(event as unknown as Omit<RecordedEvent, 'hash'>));
    for (const receipt of ['q3hT0pL9xZ2vW8yR5mN1aB', 'Yx3_kP0-aZ9qRt8uVw7sNm', 'r.contest-1']) expect(verifier.ballotIdOf(receipt)).toBe(ballotIdOf(receipt));
    for (const among of [
      ['Ada', 'Grace'],
      ['Ada', 'Grace', 'Alan'],
      ['Zoë', 'Émile', 'Ada', 'Bob', 'Cy'],
    ]) {
      const seed = { digest: createHash('sha256').update(among.join()).digest('hex'), contest: 'main' };
      expect(verifier.drawLot(seed, 2, 'exclude', among)).toEqual(drawLot(seed, 2, 'exclude', among));
    }
    const ballots = Array.from({ length: 50 }, (_, i) => ({ ballotId: ballotIdOf(`receipt-${i}`), choices: i % 3 === 0 ? [] : ['Ada Lovelace', 'Grace Hopper'].slice(0, (i % 2) + 1) }));
    expect(verifier.ballotBoxDigest(ballots)).toBe(ballotBoxDigest(ballots));
    const voters = Array.from({ length: 20 }, (_, i) => ({ hash: createHash('sha256').update(`v${i}`).digest('hex'), ...(i % 2 === 0 && { groups: ['faculty:informatik'] }) }));
    expect(verifier.rollFingerprint(voters)).toEqual(rollFingerprint(voters));
  });
});

describe('the browser verifier against `audit verify`, on real exports', () => {
  let app: TestApp;
  const exports: Record<string, string> = {};
  const events: Record<string, Verifier.ObservedEvent[]> = {};

  /** A published election: observers set, locked, some votes, closed, counted and published, as the workflow does. */
  async function publishedElection(id: string, ballot: unknown, votes: string[][]) {
    const { tokens } = await setUpElection(app, { id, voters: votes.length + 2, closesInMs: 60_000, ballot });
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['obs1@uni.test', 'obs2@uni.test'] })).status).toBe(200);
    await openElection(app, id);
    for (const [i, choices] of votes.entries())
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[i], ...(choices.length > 0 ? { choices } : { abstain: true }) })).status).toBe(201);
    events[id] = (await app.call('GET', `/elections/${id}/events`, undefined, { authorization: '' })).body.events;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await publishedElection('observed-single', { kind: 'single' }, [['Ada Lovelace'], ['Ada Lovelace'], ['Grace Hopper'], []]);
    // Three first preferences, one each: IRV excludes by lot, drawn from the seal's digest.
    await publishedElection('observed-irv', { kind: 'ranked', method: 'irv', seats: 1 }, [['Ada Lovelace', 'Grace Hopper'], ['Grace Hopper'], ['Alan Turing', 'Ada Lovelace']]);
    app.clock.advance(61_000);
    for (const id of ['observed-single', 'observed-irv']) {
      for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
      exports[id] = await (await fetch(`${app.url}/elections/${id}/audit-log`)).text();
    }
  });
  afterAll(() => app?.stop());

  /** The CLI's report on a file, and the browser's on the same text as a download streams it. */
  const bothReports = async (name: string, text: string) => {
    const file = join(work, `${name}.ndjson`);
    writeFileSync(file, text);
    const cli = verifyAuditLog(await readAuditLog(file));
    const printed: string[] = [];
    const code = await auditVerify(file, {}, (line) => printed.push(line));
    const progress: [number, string][] = [];
    const check = await verifier.verifyExport(verifier.linesOf(new Response(text).body!), {}, (lines, stage) => {
      progress.push([lines, stage]);
    });
    return { cli, check, printed, code, progress };
  };

  it('gives the report `audit verify` prints from, for an export that verifies', async () => {
    for (const id of ['observed-single', 'observed-irv']) {
      const { cli, check, printed, code, progress } = await bothReports(id, exports[id]!);
      expect(code, printed.join('\n')).toBe(0);
      expect(check.report).toEqual(cli);
      expect(check.report).toMatchObject({ ok: true, findings: [], electionId: id, finalPhase: 'published' });
      expect(printed).toContain(`  head at sealing: event ${check.report.headAtSealing!.seq}, ${check.report.headAtSealing!.hash}`);
      const lines = exports[id]!.trimEnd().split('\n');
      expect(check.lines).toBe(lines.length);
      expect(progress.at(-1)).toEqual([lines.length, 'checking']);
      // The roll as recorded at the lock, and the export's events as the live log showed them.
      const voters = lines.map((l) => JSON.parse(l) as AuditLine).flatMap((l) => (l.kind === 'voter' ? [l] : []));
      expect(check.roll).toEqual(rollFingerprint(voters));
      expect((await app.call('GET', `/elections/${id}`)).body.roll).toEqual(check.roll);
      for (const event of events[id]!) expect(check.eventHashes.get(event.seq)).toBe(event.hash);
      const all = (await app.call('GET', `/elections/${id}/events`)).body;
      expect(check.head).toEqual(all.head);
    }
    // The IRV count drew lots, which the bundle's verifier drew again.
    expect(exports['observed-irv']).toContain('"lots":[{');
  });

  it('finds the same discrepancies as `audit verify` in a tampered export', async () => {
    const lines = exports['observed-single']!.trimEnd().split('\n');
    const ballot = lines.findIndex((l) => JSON.parse(l).kind === 'ballot' && JSON.parse(l).choices[0] === 'Grace Hopper');
    const tampered = lines.map((l, i) => (i === ballot ? l.replace('Grace Hopper', 'Ada Lovelace') : l));
    const { cli, check, code } = await bothReports('tampered', `${tampered.join('\n')}\n`);
    expect(code).toBe(1);
    expect(check.report).toEqual(cli);
    expect(check.report.ok).toBe(false);
    expect(check.report.findings.join('\n')).toMatch(/the seal does not match the ballots/);

    const voter = lines.findIndex((l) => JSON.parse(l).kind === 'voter');
    const swapped = lines.map((l, i) => (i === voter ? JSON.stringify({ kind: 'voter', hash: 'f'.repeat(64) }) : l)).join('\n');
    const roll = await bothReports('swapped', swapped);
    expect(roll.check.report).toEqual(roll.cli);
    expect(roll.check.report.findings.join('\n')).toMatch(/the roll's fingerprint is [0-9a-f]{64} \(\d+ voters\) but/);
  });

  it('reports its progress every thousand lines, then once before the replay', async () => {
    // 2,500 voter lines more than the election registered: read like any other, then reported.
    const extra = Array.from({ length: 2_500 }, (_, i) => `${JSON.stringify({ kind: 'voter', hash: i.toString(16).padStart(64, '0') })}\n`);
    const padded = `${exports['observed-single']!}${extra.join('')}`;
    const progress: [number, string][] = [];
    const check = await verifier.verifyExport(verifier.linesOf(new Response(padded).body!), {}, (lines, stage) => {
      progress.push([lines, stage]);
    });
    expect(check.report.findings.join('\n')).toMatch(/the roll has \d+ voter lines but the events register \d+ voters/);
    expect(progress).toEqual([
      [1_000, 'reading'],
      [2_000, 'reading'],
      [check.lines, 'checking'],
    ]);
    expect(check.lines).toBe(padded.split('\n').length - 1);
  });

  it('refuses what the CLI refuses, in its words: a line ended CR LF, an empty line, an export or a line past its limit', async () => {
    const genuine = exports['observed-single']!;
    const refusals = async (name: string, text: string, limits = EXPORT_LIMITS) => {
      const file = join(work, `${name}.ndjson`);
      writeFileSync(file, text);
      const [cli, browser] = await Promise.allSettled([readAuditLog(file, limits), verifier.verifyExport(verifier.linesOf(new Response(text).body!, limits))]);
      expect(cli.status).toBe('rejected');
      expect(browser).toEqual(cli);
      return (cli as PromiseRejectedResult).reason.message as string;
    };
    expect(await refusals('crlf', genuine.replaceAll('\n', '\r\n'))).toMatch(/^line 1 is not written as the export writes its lines: it differs from character \d+ on/);
    expect(await refusals('empty-line', genuine.replace('\n', '\n\n'))).toBe('line 2 is not JSON');
    const lines = genuine.trimEnd().split('\n').length;
    expect(await refusals('large', genuine, { ...EXPORT_LIMITS, bytes: genuine.length - 1 })).toBe(
      `the export is larger than ${genuine.length - 1} bytes unpacked, the most an export takes (at line ${lines})`,
    );
    expect(await refusals('long', `${genuine.split('\n')[0]}\n${'x'.repeat(EXPORT_LIMITS.lineBytes + 1)}\n`)).toBe(
      `line 2 is longer than ${EXPORT_LIMITS.lineBytes} bytes, the most a line of an export takes`,
    );
    // Lines are read in batches; a line before the one past the limit is still judged first.
    expect(await refusals('bad-then-long', `{"kind":\n${'x'.repeat(EXPORT_LIMITS.lineBytes + 1)}\n`)).toBe('line 1 is not JSON');
  });

  it("rejects a line that is not an audit line with the CLI's own words", async () => {
    const lines = exports['observed-single']!.trimEnd().split('\n');
    const broken = [...lines.slice(0, 3), '{"kind":"event"', ...lines.slice(3)];
    await expect(verifier.verifyExport(broken)).rejects.toThrow('line 4 is not JSON');
    const file = join(work, 'broken.ndjson');
    writeFileSync(file, broken.join('\n'));
    await expect(readAuditLog(file)).rejects.toThrow('line 4 is not JSON');
  });

  it('checks the live log as it grows: intact up to its head, every event rehashed, a changed or missing event named', () => {
    const log = events['observed-single']!;
    const whole = verifier.extendLiveChain(verifier.EMPTY_CHAIN, log);
    expect(whole).toEqual({ intactUpTo: log.at(-1)!.seq, tip: { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash }, redacted: [] });

    // A log written before observers were counted holds their addresses under the hash: shown as their count, that event is linked, not rehashed.
    const old = extendChain(
      log[0]!.electionId,
      EMPTY_HEAD,
      log.map((e) => ({ type: e.type, data: e.type === 'ObserversSet' ? { observers: ['obs1@uni.test', 'obs2@uni.test'] } : e.data }) as ElectionEvent),
      log[0]!.at,
    ).map(observedEvent);
    expect(JSON.stringify(old)).not.toContain('obs1@uni.test');
    expect(verifier.extendLiveChain(verifier.EMPTY_CHAIN, old)).toEqual({
      intactUpTo: old.at(-1)!.seq,
      tip: { seq: old.at(-1)!.seq, hash: old.at(-1)!.hash },
      redacted: [log.find((e) => e.type === 'ObserversSet')!.seq],
    });
    // Page by page gives the same as all at once.
    const paged = [log.slice(0, 2), log.slice(2, 5), log.slice(5)].reduce(verifier.extendLiveChain, verifier.EMPTY_CHAIN);
    expect(paged).toEqual(whole);

    const registered = log.findIndex((e) => e.type === 'VotersRegistered');
    const changed = log.map((e, i) => (i === registered ? { ...e, data: { count: 999 } } : e));
    expect(verifier.extendLiveChain(verifier.EMPTY_CHAIN, changed)).toMatchObject({
      intactUpTo: log[registered - 1]!.seq,
      broken: { seq: log[registered]!.seq, type: 'VotersRegistered', problem: 'hash' },
    });
    const rehashed = changed.map((e, i) => (i === registered ? { ...e, hash: eventHash(e as Omit<RecordedEvent, 'hash'>) } : e));
    expect(verifier.extendLiveChain(verifier.EMPTY_CHAIN, rehashed).broken).toEqual({ seq: log[registered + 1]!.seq, type: log[registered + 1]!.type, problem: 'link' });
    const gap = log.filter((_, i) => i !== 2);
    expect(verifier.extendLiveChain(verifier.EMPTY_CHAIN, gap).broken).toEqual({ seq: log[3]!.seq, type: log[3]!.type, problem: 'order', expected: log[2]!.seq });
  });
});
