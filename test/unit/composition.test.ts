import { describe, expect, it } from 'vitest';
import { memoryStores } from '../../handlers/adapters/memory';
import { buildDeps, type DepsEnvironment } from '../../handlers/composition';
import { Readable } from 'node:stream';
import type { CredentialMinter, LifecycleInput } from '../../handlers/ports';
import { hashToken } from '../../handlers/security';

const lifecycleInput: LifecycleInput = { electionId: 'e', opensAt: '2026-12-07T08:00:00Z', credentialsAt: '2026-12-07T08:00:00Z', closesAt: '2026-12-09T18:00:00Z', reminders: [] };
const exportRef = { electionId: 'e', seq: 9 };
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const environment = (): DepsEnvironment => {
  const { store, mail } = memoryStores();
  return {
    stores: { store, mail },
    mailer: { send: async () => undefined, sendToEach: async () => [], maxSendRate: async () => 1 },
    clock: { now: () => new Date('2026-12-06T12:00:00Z') },
    log: quiet,
    metrics: { count: () => {}, duration: () => {} },
  };
};

/** The one composition root: a function gets what it is given, and what it is not given refuses when used. */
describe('buildDeps', () => {
  it('refuses every power a function is not given, with what it tried', async () => {
    const deps = buildDeps(environment(), {});
    await expect(deps.minter.tokenFor({ electionId: 'e', studentId: 's', generation: 1 })).rejects.toThrow('this function may not derive credentials');
    await expect(deps.lifecycle.startLifecycle(lifecycleInput)).rejects.toThrow('this function may not start the lifecycle workflow');
    await expect(deps.auditExports.link(exportRef)).rejects.toThrow('this function may not read audit exports');
    expect('publicUrl' in deps).toBe(false);
    expect(deps.adminTokenHash).toBe('');
  });

  it('keeps the refusal for a capability passed as undefined', async () => {
    const deps = buildDeps(environment(), { minter: undefined, lifecycle: undefined, auditExports: undefined, publicUrl: undefined });
    await expect(deps.minter.tokenFor({ electionId: 'e', studentId: 's', generation: 1 })).rejects.toThrow('may not derive credentials');
    await expect(deps.lifecycle.resumeLifecycle(lifecycleInput, 1)).rejects.toThrow('may not start the lifecycle workflow');
    await expect(deps.auditExports.put(exportRef, Readable.from([]))).rejects.toThrow('may not write audit exports');
    expect('publicUrl' in deps).toBe(false);
  });

  it('uses what it is given, and keeps the admin token only as its hash', async () => {
    const minter: CredentialMinter = { tokenFor: async () => 'token-1' };
    const deps = buildDeps(environment(), { minter, adminToken: 'committee-secret', publicUrl: 'https://vote.uni.test' });
    expect(await deps.minter.tokenFor({ electionId: 'e', studentId: 's', generation: 1 })).toBe('token-1');
    expect(deps.publicUrl).toBe('https://vote.uni.test');
    expect(deps.adminTokenHash).toBe(hashToken('committee-secret'));
    expect(JSON.stringify(Object.values(deps).filter((v) => typeof v === 'string'))).not.toContain('committee-secret');
  });
});
