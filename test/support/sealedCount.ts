import { expect } from 'vitest';
import { parseAuditLine } from '../../contract/auditLine';
import { verifyAuditLog } from '../../domain';
import { awaitOpening, countOpened, publishResults } from './lifecycleSteps';
import type { TestApp } from './harness';

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
