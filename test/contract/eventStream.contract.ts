import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_HEAD, eventHash, extendChain, type RecordedEvent } from '../../domain';
import { StreamConflict } from '../../handlers/ports';
import { appendCommand, createElection, decided, minutes, uniqueId, type Ports, type PortsFactory } from './fixtures';

export function eventStreamContract(makePorts: PortsFactory): void {
  describe('the event stream', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    it('an election never created loads as none, at the empty head, with no events and no roll salt', async () => {
      const id = uniqueId('none');
      expect(await ports.store.load(id)).toEqual({ state: { phase: 'none' }, head: EMPTY_HEAD });
      expect(await ports.store.readEvents(id)).toEqual([]);
      await expect(ports.store.rollSalt(id)).rejects.toThrow(`election ${id} has no roll salt`);
    });

    it('an append at the head moves it: the state and head load back, the events read back in order, whole', async () => {
      const id = uniqueId('append');
      const created = await createElection(ports.store, id);
      const observers = await appendCommand(ports.store, id, { type: 'SetObservers', observers: ['obs@uni.test'] });
      const last = observers.events.at(-1)!;
      expect(await ports.store.load(id)).toEqual({ state: observers.state, head: { seq: last.seq, hash: last.hash } });
      // The observers' addresses are kept by the state alone, which their deletion empties: the stored event, which never changes, holds none.
      expect(await ports.store.readEvents(id)).toEqual([...created.events, ...observers.events.map(asStored)]);
      expect(observers.state).toMatchObject({ observers: ['obs@uni.test'] });
    });

    it('an event keeps the member who asked for it (by), whole, and its hash still holds', async () => {
      const id = uniqueId('by');
      const created = await createElection(ports.store, id);
      const by = { id: 'member-7', name: 'Grace Hopper' };
      const last = created.events.at(-1)!;
      const head = { seq: last.seq, hash: last.hash };
      const [event] = extendChain(id, head, [{ type: 'ObserversSet', data: { observers: 0 } }], '2026-12-06T10:00:00.000Z', by);
      await ports.store.append(id, head, [event!], created.state);
      const [read] = (await ports.store.readEvents(id)).slice(-1);
      expect(read).toEqual(event);
      expect(read!.by).toEqual(by);
      expect(eventHash(read!)).toBe(read!.hash);
    });

    it('the append that creates an election registers it and gives it a secret salt for its roll', async () => {
      const id = uniqueId('registered');
      await createElection(ports.store, id);
      expect(await ports.store.listElectionIds()).toContain(id);
      expect(await ports.store.rollSalt(id)).toMatch(/^[0-9a-f]{64}$/);
    });

    it('an append against a stale head is refused as a StreamConflict and changes nothing', async () => {
      const id = uniqueId('stale');
      await createElection(ports.store, id);
      const stale = await decided(ports.store, id, { type: 'SetObservers', observers: [] });
      await appendCommand(ports.store, id, { type: 'SetObservers', observers: ['obs@uni.test'] });
      const before = [await ports.store.load(id), await ports.store.readEvents(id)];
      await expect(ports.store.append(id, stale.head, stale.events, stale.state)).rejects.toBeInstanceOf(StreamConflict);
      expect([await ports.store.load(id), await ports.store.readEvents(id)]).toEqual(before);
    });

    it('a second creation at the empty head is refused as a StreamConflict', async () => {
      const id = uniqueId('twice');
      const first = await createElection(ports.store, id);
      await expect(ports.store.append(id, EMPTY_HEAD, first.events, first.state)).rejects.toBeInstanceOf(StreamConflict);
    });

    it('two appends from one head, at the same moment: exactly one lands', async () => {
      const id = uniqueId('race');
      await createElection(ports.store, id);
      const { head } = await ports.store.load(id);
      const [a, b] = await Promise.all([decided(ports.store, id, { type: 'SetObservers', observers: ['a@uni.test'] }), decided(ports.store, id, { type: 'SetObservers', observers: ['b@uni.test'] })]);
      const outcomes = await Promise.allSettled([ports.store.append(id, a.head, a.events, a.state), ports.store.append(id, b.head, b.events, b.state)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([expect.any(StreamConflict)]);
      expect((await ports.store.load(id)).head.seq).toBe(head.seq + 1);
    });

    it('an append of no events is an error', async () => {
      const id = uniqueId('empty');
      const { state } = await createElection(ports.store, id);
      const { head } = await ports.store.load(id);
      await expect(ports.store.append(id, head, [], state)).rejects.toThrow('nothing to append');
    });

    it('readEventsSince gives the newest event of a type and every one after it, or none', async () => {
      const id = uniqueId('since');
      await createElection(ports.store, id);
      await appendCommand(ports.store, id, { type: 'SetObservers', observers: ['a@uni.test'] });
      const second = await appendCommand(ports.store, id, { type: 'SetObservers', observers: ['b@uni.test'] });
      const window = await appendCommand(ports.store, id, { type: 'SetVotingWindow', closesAt: minutes(900).toISOString(), now: minutes(1) });
      expect(await ports.store.readEventsSince(id, 'ObserversSet')).toEqual([...second.events, ...window.events].map(asStored));
      expect(await ports.store.readEventsSince(id, 'ElectionLocked')).toEqual([]);
    });

    it('readEventPage gives at most `limit` events after an event number', async () => {
      const id = uniqueId('page');
      await createElection(ports.store, id);
      for (const to of ['a', 'b', 'c']) await appendCommand(ports.store, id, { type: 'SetObservers', observers: [`${to}@uni.test`] });
      const all = await ports.store.readEvents(id);
      expect(await ports.store.readEventPage(id, 1, 2)).toEqual(all.slice(1, 3));
      expect(await ports.store.readEventPage(id, 3, 100)).toEqual(all.slice(3));
      expect(await ports.store.readEventPage(id, all.length, 10)).toEqual([]);
    });
  });
}

/** An event as the store gives it back: an ObserversSet without the addresses, which the state alone keeps. */
function asStored(event: RecordedEvent): RecordedEvent {
  if (event.type !== 'ObserversSet') return event;
  const { addresses: _, ...stored } = event;
  return stored;
}
