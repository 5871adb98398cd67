import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { rehearseCeremony } from '../../cli/sealed/rehearsal';
import type { TrusteeMachine } from '../../cli/sealed/trusteeMachine';
import { vote } from '../../cli/sealed/vote';
import { parseAuditLine } from '../../contract/auditLine';
import { verifyAuditLog } from '../../domain';
import { awaitOpening, closeVoting, countOpened, publishResults, tallyBallots } from './lifecycleSteps';
import { openElection, type TestApp } from './harness';

/**
 * The opening tests' election: a sealed one of two trustees (both needed), three candidates and
 * five voters, who cast FIVE_CHOICES; then closed, sealed and waiting for the committee. Its
 * trustees' share files are in the directory returned. `postal`: voters added to the roll and
 * marked as voting by post; `committee`: the counted results wait for the committee's acceptance,
 * and this member confirms the lock and the start.
 */
export async function sealedAndClosed(app: TestApp, id: string, machine: TrusteeMachine, options: { postal?: string[]; committee?: Record<string, string> } = {}): Promise<{ dir: string }> {
  const candidates = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`, pageLink: 'https://uni.test/c' }));
  const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
  const acceptance = options.committee && { acceptance: 'committee' };
  expect((await app.call('POST', '/elections', { id, title: 'Council', candidates, closesAt, box: 'sealed', trustees: { count: 2, threshold: 2 }, ...acceptance })).status).toBe(201);
  const roll = FIVE_CHOICES.map((_, i) => ({ studentId: `s${i + 1}`, email: `s${i + 1}@uni.test` }));
  const postal = (options.postal ?? []).map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
  await app.call('POST', `/elections/${id}/voters`, { voters: [...roll, ...postal] });
  if (postal.length > 0) expect((await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: options.postal })).status).toBe(200);
  const dir = join(mkdtempSync(join(tmpdir(), `${id}-`)), 'shares');
  expect(await rehearseCeremony(machine, id, { members: '2', threshold: '2', dir })).toBe(0);
  await openElection(app, id, options.committee);
  for (const [i, choice] of FIVE_CHOICES.entries()) {
    const papers = JSON.stringify({ choices: [choice] });
    expect(await vote(machine.api, id, { token: app.mailer.tokenFor(roll[i]!.email), papers, audit: false }, machine.random, () => {})).toBe(0);
  }
  app.clock.advance(61_000);
  for (const step of [closeVoting, tallyBallots, awaitOpening]) expect((await step(app.deps, id)).ok).toBe(true);
  return { dir };
}

/** The five papers the opening tests cast, and the count they make. */
export const FIVE_CHOICES = ['Ada Lovelace', 'Grace Hopper', 'Ada Lovelace', 'Alan Turing', 'Ada Lovelace'];
const FIVE_COUNTED = [
  { candidate: 'Ada Lovelace', votes: 3 },
  { candidate: 'Grace Hopper', votes: 1 },
  { candidate: 'Alan Turing', votes: 1 },
];

/** After the last decryption: the wait ends, the box is counted as cast and the results published. */
export async function expectOpenedAndCounted(app: TestApp, id: string): Promise<void> {
  expect((await awaitOpening(app.deps, id)).ok).toBe(true);
  expect((await countOpened(app.deps, id)).ok).toBe(true);
  expect((await app.call('GET', `/elections/${id}/results`)).body.result.counts).toEqual(FIVE_COUNTED);
  expect((await publishResults(app.deps, id)).ok).toBe(true);
}

/** The published export verifies without a finding; its text, for what it must not hold. */
export async function expectExportVerifies(app: TestApp, id: string): Promise<string> {
  const exported = await (await fetch(`${app.url}/elections/${id}/audit-log`)).text();
  const lines = exported
    .trim()
    .split('\n')
    .map((line, i) => parseAuditLine(line, i + 1));
  expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
  return exported;
}
