import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportedFile, exportInThisProcess, seedPublishedElection } from '../../bench/exportThroughStore';
import { writeSyntheticExport } from '../../bench/syntheticExport';
import { auditVerify } from '../../cli/audit';
import { readAuditLog } from '../../cli/readAuditLog';
import { verifyAuditLog } from '../../domain';
import { startTestApp, type TestApp } from '../support/harness';

const VOTERS = 40;

/**
 * What `audit verify` makes of a generated export, read as an auditor reads it: it must verify
 * whole, with the roll's lines held to the fingerprint recorded at the lock, as a real export is.
 */
async function expectGenuine(file: string): Promise<void> {
  const lines = await readAuditLog(file);
  const report = verifyAuditLog(lines);
  expect(report.findings).toEqual([]);
  expect(report.ballots).toBe(VOTERS);
  expect(lines.filter((line) => line.kind === 'voter')).toHaveLength(VOTERS);
  const fingerprints = lines.flatMap((line) => (line.kind === 'event' && line.event.type === 'ElectionLocked' ? [line.event.data.roll] : []));
  expect(fingerprints).toEqual([expect.objectContaining({ voters: VOTERS })]);

  const printed: string[] = [];
  const anchors = { expectHead: report.headAtSealing?.hash, expectDigest: report.digest };
  expect(await auditVerify(file, anchors, (line) => printed.push(line)), printed.join('\n')).toBe(0);
}

/** The benchmarks verify exports they generate; a generator that drifts from what the system writes must fail here, not only in `npm run bench`. */
describe("the benchmarks' synthetic exports verify as the system's own", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'synthetic-exports-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the replay benchmark's export, made in memory, verifies", async () => {
    const file = join(dir, 'replay.ndjson.gz');
    await writeSyntheticExport(file, VOTERS);
    await expectGenuine(file);
  });

  describe("the export benchmark's, seeded into DynamoDB Local and exported by the route's use case", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.stop());

    it('verifies', async () => {
      await seedPublishedElection(app.client, app.tables, VOTERS, () => undefined);
      const exports = mkdtempSync(join(dir, 'through-store-'));
      await exportInThisProcess(inject('dynamoDbEndpoint'), app.tables, exports);
      await expectGenuine(exportedFile(exports));
    });
  });
});
