import { beforeEach, describe, expect, it } from 'vitest';
import type { OnceOnly } from '../../handlers/ports';
import { uniqueId, type Ports, type PortsFactory } from './fixtures';

export function effectsLedgerContract(makePorts: PortsFactory): void {
  describe('the effects ledger', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    it('a once-only effect is not done until marked; marking it again is harmless; each effect is its own', async () => {
      const electionId = uniqueId('once');
      const effects: OnceOnly[] = [
        { kind: 'mail-batch', electionId, mailing: 'results', batch: 0 },
        { kind: 'mail-batch', electionId, mailing: 'results', batch: 1 },
        { kind: 'seal-notice', electionId },
        { kind: 'breach-alert', cloudTrailEventId: uniqueId('trail') },
        { kind: 'acceptance-call', electionId },
        { kind: 'acceptance-reminder', electionId, day: 1 },
        { kind: 'acceptance-reminder', electionId, day: 2 },
      ];
      for (const effect of effects) expect(await ports.store.isDone(effect)).toBe(false);
      await ports.store.markDone(effects[0]!);
      await ports.store.markDone(effects[0]!);
      await ports.store.markDone(effects[3]!);
      await ports.store.markDone(effects[5]!);
      expect(await Promise.all(effects.map((effect) => ports.store.isDone(effect)))).toEqual([true, false, false, true, false, true, false]);
    });

    it('a page of a mailing, once planned, stays as it was planned', async () => {
      const electionId = uniqueId('plan');
      expect(await ports.store.readMailPage(electionId, 'results', 0)).toBeUndefined();
      await ports.store.planMailPage(electionId, 'results', 0, { first: 's1', last: 's5' });
      await ports.store.planMailPage(electionId, 'results', 0, { first: 's2', last: 's9' });
      await ports.store.planMailPage(electionId, 'results', 1, { first: 's6', last: 's9' });
      expect(await ports.store.readMailPage(electionId, 'results', 0)).toEqual({ first: 's1', last: 's5' });
      expect(await ports.store.readMailPage(electionId, 'results', 1)).toEqual({ first: 's6', last: 's9' });
      expect(await ports.store.readMailPage(electionId, 'reminders', 0)).toBeUndefined();
    });

    it('an undelivered mail is recorded once: a repeat of the step adds nothing and fails nothing', async () => {
      const electionId = uniqueId('undelivered');
      await ports.store.recordUndeliveredMail(electionId, 's1', 'results', 'MessageRejected');
      await expect(ports.store.recordUndeliveredMail(electionId, 's1', 'results', 'Throttling')).resolves.toBeUndefined();
    });
  });
}
