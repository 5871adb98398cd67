import { beforeEach, describe, expect, it } from 'vitest';
import { minutes, uniqueId, type Ports, type PortsFactory } from './fixtures';

const LEASE_MS = 60_000;

export function alertClaimsContract(makePorts: PortsFactory): void {
  describe("breach alerts' claims", () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    it('one delivery holds a claim at a time; once its lease has run out another takes it over', async () => {
      const event = uniqueId('trail');
      expect(await ports.mail.claimBreachAlert(event, minutes(0), LEASE_MS)).toBe(true);
      expect(await ports.mail.claimBreachAlert(event, minutes(0.5), LEASE_MS)).toBe(false);
      expect(await ports.mail.claimBreachAlert(event, minutes(1), LEASE_MS)).toBe(false);
      expect(await ports.mail.claimBreachAlert(event, minutes(1.01), LEASE_MS)).toBe(true);
      expect(await ports.mail.claimBreachAlert(uniqueId('trail'), minutes(1.01), LEASE_MS)).toBe(true);
    });

    it('a claim given up lets the next delivery take it at once', async () => {
      const event = uniqueId('trail');
      expect(await ports.mail.claimBreachAlert(event, minutes(0), LEASE_MS)).toBe(true);
      await ports.mail.releaseBreachAlert(event, minutes(0), LEASE_MS);
      expect(await ports.mail.claimBreachAlert(event, minutes(0.1), LEASE_MS)).toBe(true);
    });

    it('giving up a claim someone took over meanwhile leaves theirs standing; giving up one never made changes nothing', async () => {
      const event = uniqueId('trail');
      expect(await ports.mail.claimBreachAlert(event, minutes(0), LEASE_MS)).toBe(true);
      expect(await ports.mail.claimBreachAlert(event, minutes(2), LEASE_MS)).toBe(true);
      await ports.mail.releaseBreachAlert(event, minutes(0), LEASE_MS);
      expect(await ports.mail.claimBreachAlert(event, minutes(2.5), LEASE_MS)).toBe(false);
      await expect(ports.mail.releaseBreachAlert(uniqueId('trail'), minutes(0), LEASE_MS)).resolves.toBeUndefined();
    });
  });
}
