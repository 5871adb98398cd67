import { beforeEach, describe, expect, it } from 'vitest';
import { RollConflict, StreamConflict } from '../../handlers/ports';
import { collect, createElection, decided, dueOf, minutes, newVoter, registerVoters, T0, uniqueId, type Ports, type PortsFactory } from './fixtures';

export function rollContract(makePorts: PortsFactory): void {
  describe('the roll', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    it('registering voters puts their entries on the roll, claims their addresses and queues their credential mail, generation 1', async () => {
      const id = uniqueId('register');
      await createElection(ports.store, id);
      const registered = await registerVoters(ports.store, id, [newVoter('s2', { groups: ['law'] }), newVoter('s1')]);
      expect(await ports.store.readEvents(id)).toEqual(expect.arrayContaining(registered.events));
      expect(await ports.store.listVoters(id)).toEqual([
        { studentId: 's1', email: 's1@uni.test' },
        { studentId: 's2', email: 's2@uni.test', groups: ['law'] },
      ]);
      expect(await ports.store.findVoterByEmail(id, 'S1@Uni.test')).toBe('s1');
      expect(await ports.store.findVoter(id, 's2')).toEqual({ studentId: 's2', email: 's2@uni.test', groups: ['law'] });
      expect(await ports.mail.voterMail(id, 's1')).toEqual({ studentId: 's1', email: 's1@uni.test', kind: 'credential', generation: 1, status: 'pending' });
      expect(await dueOf(ports, id, T0)).toHaveLength(2);
    });

    it('a voter allowed to share an address does not claim it', async () => {
      const id = uniqueId('shared');
      await createElection(ports.store, id);
      await registerVoters(ports.store, id, [newVoter('s1', { email: 'family@uni.test' })]);
      await registerVoters(ports.store, id, [newVoter('s2', { email: 'family@uni.test', claimEmail: false })]);
      expect(await ports.store.findVoterByEmail(id, 'family@uni.test')).toBe('s1');
      expect((await ports.store.listVoters(id)).map((v) => v.email)).toEqual(['family@uni.test', 'family@uni.test']);
    });

    it('a voter already on the roll is refused (alreadyRegistered), and nothing of the batch is written', async () => {
      const id = uniqueId('again');
      await createElection(ports.store, id);
      await registerVoters(ports.store, id, [newVoter('s1')]);
      const before = await ports.store.load(id);
      const error = await registerVoters(ports.store, id, [newVoter('s2'), newVoter('s1', { email: 'other@uni.test' })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RollConflict);
      expect(error).toMatchObject({ alreadyRegistered: ['s1'], emailTaken: [] });
      expect(await ports.store.load(id)).toEqual(before);
      expect(await ports.store.findVoter(id, 's2')).toBeUndefined();
      expect(await ports.mail.voterMail(id, 's2')).toBeUndefined();
    });

    it('an address another student id holds is refused (emailTaken, with its holder); a voter on the roll already is named only as such', async () => {
      const id = uniqueId('taken');
      await createElection(ports.store, id);
      await registerVoters(ports.store, id, [newVoter('s1', { email: 'one@uni.test' })]);
      const error = await registerVoters(ports.store, id, [newVoter('s2', { email: 'ONE@uni.test' }), newVoter('s1', { email: 'two@uni.test' })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RollConflict);
      expect(error).toMatchObject({ alreadyRegistered: ['s1'], emailTaken: [{ studentId: 's2', registeredAs: 's1' }] });
      const again = await registerVoters(ports.store, id, [newVoter('s1', { email: 'one@uni.test' })]).catch((e: unknown) => e);
      expect(again).toMatchObject({ alreadyRegistered: ['s1'], emailTaken: [] });
    });

    it('a registration against a stale head is a StreamConflict before any roll conflict', async () => {
      const id = uniqueId('stale-roll');
      await createElection(ports.store, id);
      const stale = await decided(ports.store, id, { type: 'RegisterVoters', count: 1 });
      await registerVoters(ports.store, id, [newVoter('s1')]);
      await expect(ports.store.appendWithVoters(id, stale.head, stale.events, stale.state, [newVoter('s1')])).rejects.toBeInstanceOf(StreamConflict);
    });

    it("a transaction holds at most DynamoDB's 100 items: 33 voters claiming addresses are refused whole", async () => {
      const id = uniqueId('hundred');
      await createElection(ports.store, id);
      const voters = Array.from({ length: 33 }, (_, i) => newVoter(`s${i}`));
      const next = await decided(ports.store, id, { type: 'RegisterVoters', count: voters.length });
      await expect(ports.store.appendWithVoters(id, next.head, next.events, next.state, voters)).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(ports.store.appendWithVoters(id, next.head, next.events, next.state, voters.slice(0, 32))).resolves.toBeUndefined();
    });

    it('one address claimed by two voters of one transaction is refused whole (DynamoDB refuses a transaction that writes one item twice)', async () => {
      const id = uniqueId('twice');
      await createElection(ports.store, id);
      const voters = [newVoter('s1', { email: 'same@uni.test' }), newVoter('s2', { email: 'same@uni.test' })];
      const next = await decided(ports.store, id, { type: 'RegisterVoters', count: 2 });
      // AWS answers ValidationException, DynamoDB Local a cancelled claim (a RollConflict naming no holder): either way nothing is written.
      await expect(ports.store.appendWithVoters(id, next.head, next.events, next.state, voters)).rejects.toThrow();
      expect(await ports.store.listVoters(id)).toEqual([]);
      expect((await ports.store.load(id)).head).toEqual(next.head);
    });

    it('the roll reads in student id order: whole, by an inclusive range, and by pages of entries without addresses', async () => {
      const id = uniqueId('order');
      await createElection(ports.store, id);
      await registerVoters(
        ports.store,
        id,
        ['s3', 's1', 's4', 's2'].map((s) => newVoter(s, s === 's3' ? { groups: ['law'] } : {})),
      );
      expect((await ports.store.listVoterRange(id, 's2', 's3')).map((v) => v.studentId)).toEqual(['s2', 's3']);
      expect(await collect(ports.store.rollPages(id))).toEqual([{ studentId: 's1' }, { studentId: 's2' }, { studentId: 's3', groups: ['law'] }, { studentId: 's4' }]);
    });

    it('a voter not on the roll is found nowhere', async () => {
      const id = uniqueId('nobody');
      await createElection(ports.store, id);
      expect(await ports.store.findVoter(id, 'ghost')).toBeUndefined();
      expect(await ports.store.findVoterByEmail(id, 'ghost@uni.test')).toBeUndefined();
      expect(await ports.store.listVoters(id)).toEqual([]);
      expect(minutes(0)).toEqual(T0);
    });
  });
}
