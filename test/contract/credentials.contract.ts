import { beforeEach, describe, expect, it } from 'vitest';
import { PostalConflict, StreamConflict, type Reissue } from '../../handlers/ports';
import { decided, dueOf, electionWithVoters, newTokenHash, postalCommand, reissueCommand, T0, type Ports, type PortsFactory } from './fixtures';

export function credentialsContract(makePorts: PortsFactory): void {
  describe('credentials', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    const cast = (electionId: string, tokenHash: string) =>
      ports.store.castBallot(electionId, { tokenHash, papers: [{ box: electionId, ballot: { ballotId: newTokenHash(), choices: ['Ada Lovelace'] } }], eligibility: [], queuedAt: T0.toISOString() });
    const issue = async (electionId: string, studentId: string, generation = 1) => {
      const tokenHash = newTokenHash();
      await ports.store.issueCredential(tokenHash, { electionId, studentId, email: `${studentId}@uni.test`, generation });
      return tokenHash;
    };
    const reissue = async (electionId: string, change: Omit<Reissue, 'queuedAt'>) => {
      const next = await decided(ports.store, electionId, reissueCommand);
      return ports.store.appendWithReissue(electionId, next.head, next.events, next.state, { queuedAt: T0.toISOString(), ...change });
    };
    const markPostal = async (electionId: string, voters: { studentId: string; generation: number; revokedTokenHash: string }[]) => {
      const next = await decided(ports.store, electionId, postalCommand(voters.length));
      await ports.store.appendWithPostalVoters(electionId, next.head, next.events, next.state, voters);
    };

    it('a credential is found by its hash; issuing it again changes nothing: the first one stands', async () => {
      const id = await electionWithVoters(ports.store, 'issue', 's1');
      const tokenHash = newTokenHash();
      await ports.store.issueCredential(tokenHash, { electionId: id, studentId: 's1', email: 's1@uni.test', groups: ['law'], generation: 1 });
      await ports.store.issueCredential(tokenHash, { electionId: id, studentId: 's1', email: 'later@uni.test', generation: 1 });
      expect(await ports.store.findCredential(tokenHash)).toEqual({ electionId: id, studentId: 's1', email: 's1@uni.test', groups: ['law'] });
      expect(await ports.store.findCredential(newTokenHash())).toBeUndefined();
    });

    describe('a re-issue', () => {
      it('revokes the credential and queues the next generation, in one transaction with its event', async () => {
        const id = await electionWithVoters(ports.store, 'reissue', 's1');
        const old = await issue(id, 's1');
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: old })).toBe('reissued');
        expect(await ports.mail.voterMail(id, 's1')).toEqual({ studentId: 's1', email: 's1@uni.test', kind: 'credential', generation: 2, status: 'pending' });
        expect((await ports.store.readEvents(id)).at(-1)?.type).toBe('CredentialReissued');
        expect(await cast(id, old)).toBe('invalid_token');
      });

      it('of a credential that has voted is already_voted, and changes nothing', async () => {
        const id = await electionWithVoters(ports.store, 'voted', 's1');
        const token = await issue(id, 's1');
        expect(await cast(id, token)).toBe('accepted');
        const before = await ports.store.load(id);
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: token })).toBe('already_voted');
        expect(await ports.store.load(id)).toEqual(before);
        expect((await ports.mail.voterMail(id, 's1'))?.generation).toBe(1);
      });

      it('of a generation the voter has moved on from is moved', async () => {
        const id = await electionWithVoters(ports.store, 'moved', 's1');
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: await issue(id, 's1') })).toBe('reissued');
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() })).toBe('moved');
        expect((await ports.mail.voterMail(id, 's1'))?.generation).toBe(2);
      });

      it('of a credential revoked already is moved', async () => {
        const id = await electionWithVoters(ports.store, 'revoked', 's1', 's2');
        const token = await issue(id, 's1');
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: token })).toBe('reissued');
        expect(await reissue(id, { studentId: 's2', generation: 1, revokedTokenHash: token })).toBe('moved');
      });

      it('of a voter not on the roll is moved (they have no mail item)', async () => {
        const id = await electionWithVoters(ports.store, 'ghost');
        expect(await reissue(id, { studentId: 'ghost', generation: 1, revokedTokenHash: newTokenHash() })).toBe('moved');
      });

      it('of a postal voter is moved', async () => {
        const id = await electionWithVoters(ports.store, 'postal-reissue', 's1');
        await markPostal(id, [{ studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() }]);
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() })).toBe('moved');
      });

      it('with an address correction puts the address beside the roll entry and claims it; the next correction finds the number taken (moved)', async () => {
        const id = await electionWithVoters(ports.store, 'correct', 's1');
        const correction = { email: 'new@uni.test', claim: true, correction: 1 };
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash(), newAddress: correction })).toBe('reissued');
        expect(await ports.store.findVoter(id, 's1', 1)).toEqual({ studentId: 's1', email: 'new@uni.test' });
        expect(await ports.store.findVoter(id, 's1')).toEqual({ studentId: 's1', email: 's1@uni.test' });
        expect(await ports.store.findVoterByEmail(id, 'new@uni.test')).toBe('s1');
        expect(await ports.mail.voterMail(id, 's1')).toEqual({ studentId: 's1', email: 'new@uni.test', kind: 'credential', generation: 2, status: 'pending', correction: 1 });
        expect(await reissue(id, { studentId: 's1', generation: 2, revokedTokenHash: newTokenHash(), newAddress: { ...correction, email: 'newer@uni.test', claim: false } })).toBe('moved');
      });

      it('correcting to an address another voter holds is email_taken, and changes nothing', async () => {
        const id = await electionWithVoters(ports.store, 'email-taken', 's1', 's2');
        const before = await ports.store.load(id);
        expect(await reissue(id, { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash(), newAddress: { email: 's2@uni.test', claim: true, correction: 1 } })).toBe('email_taken');
        expect(await ports.store.load(id)).toEqual(before);
        expect(await ports.store.findVoter(id, 's1', 1)).toBeUndefined();
      });

      it('against a stale head is a StreamConflict, but already_voted before it', async () => {
        const id = await electionWithVoters(ports.store, 'stale-reissue', 's1', 's2');
        const stale = await decided(ports.store, id, reissueCommand);
        expect(await reissue(id, { studentId: 's2', generation: 1, revokedTokenHash: newTokenHash() })).toBe('reissued');
        const fresh = { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash(), queuedAt: T0.toISOString() };
        await expect(ports.store.appendWithReissue(id, stale.head, stale.events, stale.state, fresh)).rejects.toBeInstanceOf(StreamConflict);
        const voted = await issue(id, 's1');
        expect(await cast(id, voted)).toBe('accepted');
        expect(await ports.store.appendWithReissue(id, stale.head, stale.events, stale.state, { ...fresh, revokedTokenHash: voted })).toBe('already_voted');
      });
    });

    describe('postal voters', () => {
      it('are marked, their credential revoked and their mail item taken out of the outbox, with the event', async () => {
        const id = await electionWithVoters(ports.store, 'postal', 's1', 's2');
        const token = await issue(id, 's1');
        await markPostal(id, [{ studentId: 's1', generation: 1, revokedTokenHash: token }]);
        expect((await ports.store.readEvents(id)).at(-1)?.type).toBe('PostalVotesRecorded');
        expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ status: 'postal', generation: 1 });
        expect(await cast(id, token)).toBe('invalid_token');
        expect((await dueOf(ports, id, T0)).map((key) => key.sk)).toEqual(['VOTER#s2']);
      });

      it('marked already are refused (alreadyPostal), those whose credential moved on too (moved), and nothing of the batch is written', async () => {
        const id = await electionWithVoters(ports.store, 'postal-conflict', 's1', 's2', 's3', 's4', 's5');
        const revokedBefore = await issue(id, 's4');
        await markPostal(id, [{ studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() }]);
        expect(await reissue(id, { studentId: 's2', generation: 1, revokedTokenHash: revokedBefore })).toBe('reissued');
        const before = await ports.store.load(id);
        const error = await markPostal(id, [
          { studentId: 's3', generation: 1, revokedTokenHash: newTokenHash() },
          { studentId: 's2', generation: 1, revokedTokenHash: newTokenHash() },
          { studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() },
          { studentId: 's4', generation: 1, revokedTokenHash: revokedBefore },
        ]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PostalConflict);
        // Whose revocation failed first, then whose mail item moved: as the transaction lists its reasons.
        expect(error).toMatchObject({ alreadyPostal: ['s1'], moved: ['s4', 's2'] });
        expect(await ports.store.load(id)).toEqual(before);
        expect((await ports.mail.voterMail(id, 's3'))?.status).toBe('pending');
      });

      it('against a stale head are a StreamConflict, before any postal conflict', async () => {
        const id = await electionWithVoters(ports.store, 'postal-stale', 's1', 's2');
        const stale = await decided(ports.store, id, postalCommand(1));
        await markPostal(id, [{ studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() }]);
        const again = [{ studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() }];
        await expect(ports.store.appendWithPostalVoters(id, stale.head, stale.events, stale.state, again)).rejects.toBeInstanceOf(StreamConflict);
      });
    });
  });
}
