import { beforeEach, describe, expect, it } from 'vitest';
import { StreamConflict, type MailKey } from '../../handlers/ports';
import { decided, dueOf, electionWithVoters, minutes, T0, type Ports, type PortsFactory } from './fixtures';

const LEASE_MS = 30_000;
const countCommand = (requests: number) => ({ type: 'CountLinkRequests', requests }) as const;

export function linkRequestsContract(makePorts: PortsFactory): void {
  describe("voters' requests for their link", () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    /** Queues requests from these addresses and gives their keys. */
    const queue = async (electionId: string, ...addresses: string[]): Promise<MailKey[]> => {
      for (const address of addresses) await ports.mail.queueLinkRequest(electionId, address, T0);
      const keys = (await dueOf(ports, electionId, T0)).filter((key) => !key.sk.startsWith('VOTER#'));
      expect(keys).toHaveLength(addresses.length);
      return keys;
    };
    const count = async (electionId: string, requests: MailKey[]) => {
      const next = await decided(ports.store, electionId, countCommand(requests.length));
      await ports.store.appendWithCountedLinkRequests(electionId, next.head, next.events, next.state, requests);
    };

    it('a request is queued, claimed once with its address, and answered: out of the queue, its address dropped', async () => {
      const id = await electionWithVoters(ports.store, 'request');
      const [key] = await queue(id, 'Someone@Uni.test');
      const claimed = await ports.mail.claimLinkRequest(key!, T0, LEASE_MS);
      expect(claimed).toEqual({ key, electionId: id, address: 'Someone@Uni.test', counted: false });
      expect(await ports.mail.claimLinkRequest(key!, minutes(0.1), LEASE_MS)).toBeUndefined();
      await ports.mail.settleLinkRequest(claimed!);
      expect(await dueOf(ports, id, minutes(10))).toEqual([]);
      expect(await ports.mail.claimLinkRequest(key!, minutes(10), LEASE_MS)).toBeUndefined();
      // Answered already, by a sender that took the claim over: nothing more happens.
      await expect(ports.mail.settleLinkRequest(claimed!)).resolves.toBeUndefined();
    });

    it('claimed requests are counted with their event, each once: a sender that takes one over after a crash knows it is counted', async () => {
      const id = await electionWithVoters(ports.store, 'count');
      const keys = await queue(id, 'a@uni.test', 'b@uni.test');
      for (const key of keys) await ports.mail.claimLinkRequest(key, T0, LEASE_MS);
      await count(id, keys);
      expect((await ports.store.readEvents(id)).at(-1)).toMatchObject({ type: 'LinkRequestsCounted', data: { requests: 2 } });
      expect(await ports.mail.claimLinkRequest(keys[0]!, minutes(1), LEASE_MS)).toMatchObject({ counted: true });
    });

    it('a request counted already, or not claimed, fails the whole append, which adds nothing', async () => {
      const id = await electionWithVoters(ports.store, 'uncountable');
      const [counted, unclaimed] = await queue(id, 'a@uni.test', 'b@uni.test');
      await ports.mail.claimLinkRequest(counted!, T0, LEASE_MS);
      await count(id, [counted!]);
      const before = await ports.store.readEvents(id);
      const again = count(id, [counted!]);
      await expect(again).rejects.toThrow();
      await expect(again).rejects.not.toBeInstanceOf(StreamConflict);
      await expect(count(id, [unclaimed!])).rejects.not.toBeInstanceOf(StreamConflict);
      expect(await ports.store.readEvents(id)).toEqual(before);
    });

    it('counted against a stale head, the requests are a StreamConflict and stay uncounted', async () => {
      const id = await electionWithVoters(ports.store, 'count-stale');
      const [late, early] = await queue(id, 'a@uni.test', 'b@uni.test');
      for (const key of [late!, early!]) await ports.mail.claimLinkRequest(key, T0, LEASE_MS);
      const stale = await decided(ports.store, id, countCommand(1));
      await count(id, [early!]);
      await expect(ports.store.appendWithCountedLinkRequests(id, stale.head, stale.events, stale.state, [late!])).rejects.toBeInstanceOf(StreamConflict);
      expect(await ports.mail.claimLinkRequest(late!, minutes(1), LEASE_MS)).toMatchObject({ counted: false });
    });
  });
}
