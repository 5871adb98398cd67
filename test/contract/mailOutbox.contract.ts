import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedMail, MailKey } from '../../handlers/ports';
import { collect, decided, dueOf, electionHoldingCredentials, electionWithVoters, minutes, newTokenHash, postalCommand, reissueCommand, T0, type Ports, type PortsFactory } from './fixtures';

const LEASE_MS = 30_000;

export function mailOutboxContract(makePorts: PortsFactory): void {
  describe('the mail outbox', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    const voterKey = async (electionId: string, studentId: string, at = T0): Promise<MailKey> => {
      const key = (await dueOf(ports, electionId, at)).find((k) => k.sk === `VOTER#${studentId}`);
      if (!key) throw new Error(`no mail due for ${studentId}`);
      return key;
    };
    /** The voter's mail sent by the sender at `at`, as SES's message `messageId`. */
    const sent = async (electionId: string, studentId: string, messageId = newTokenHash(), at = T0) => {
      const claimed = (await ports.mail.claim(await voterKey(electionId, studentId, at), at, LEASE_MS))!;
      await ports.mail.settle(claimed, { status: 'sent', messageId, tokenHash: 'hash-of-the-token' }, at);
      return { claimed, messageId };
    };
    const reissue = async (electionId: string, studentId: string, generation: number) => {
      const next = await decided(ports.store, electionId, reissueCommand);
      return ports.store.appendWithReissue(electionId, next.head, next.events, next.state, { studentId, generation, revokedTokenHash: newTokenHash(), queuedAt: T0.toISOString() });
    };

    it('an item due is claimed by one sender at a time; once the lease has run out another takes it over, counting the attempt', async () => {
      const id = await electionWithVoters(ports.store, 'claim', 's1');
      const key = await voterKey(id, 's1');
      const claimed = await ports.mail.claim(key, T0, LEASE_MS);
      expect(claimed).toEqual({ key, electionId: id, kind: 'credential', generation: 1, attempts: 1, studentId: 's1' });
      expect(await ports.mail.claim(key, minutes(0.25), LEASE_MS)).toBeUndefined();
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ status: 'sending' });
      // Still on the in-flight index: a sweep finds it, and the claim decides.
      expect(await dueOf(ports, id, minutes(0.25))).toEqual([key]);
      expect(await ports.mail.claim(key, minutes(1), LEASE_MS)).toMatchObject({ attempts: 2 });
    });

    it('an item is neither due nor claimable before its time', async () => {
      const id = await electionWithVoters(ports.store, 'early', 's1');
      const key = await voterKey(id, 's1');
      expect(await dueOf(ports, id, minutes(-1))).toEqual([]);
      expect(await ports.mail.claim(key, minutes(-1), LEASE_MS)).toBeUndefined();
      expect(await ports.mail.claim({ pk: key.pk, sk: 'VOTER#nobody' }, T0, LEASE_MS)).toBeUndefined();
    });

    it('due gives at most `limit` keys', async () => {
      const id = await electionWithVoters(ports.store, 'limit', 's1', 's2', 's3');
      expect(await dueOf(ports, id, T0)).toHaveLength(3);
      const some = await ports.mail.due(T0, 2);
      expect(some).toHaveLength(2);
    });

    it('a sent item leaves the queue; SES reports a delivery, then a bounce, which a later delivery does not undo', async () => {
      const id = await electionWithVoters(ports.store, 'sent', 's1');
      const { messageId } = await sent(id, 's1');
      expect(await ports.mail.voterMail(id, 's1')).toEqual({ studentId: 's1', email: 's1@uni.test', kind: 'credential', generation: 1, status: 'sent' });
      expect(await dueOf(ports, id, minutes(60))).toEqual([]);
      expect(await ports.mail.recordMailEvent(messageId, 'delivered')).toBe(true);
      expect((await ports.mail.voterMail(id, 's1'))?.status).toBe('delivered');
      expect(await ports.mail.recordMailEvent(messageId, 'bounced', 'Permanent: General')).toBe(true);
      expect(await ports.mail.recordMailEvent(messageId, 'delivered')).toBe(false);
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ status: 'bounced', reason: 'Permanent: General' });
      expect(await ports.mail.recordMailEvent(newTokenHash(), 'bounced', 'not ours')).toBe(false);
    });

    it("a report on an item's earlier message, after it was sent again, changes nothing", async () => {
      const id = await electionWithVoters(ports.store, 'earlier', 's1');
      const first = await sent(id, 's1');
      expect(await reissue(id, 's1', 1)).toBe('reissued');
      await sent(id, 's1');
      expect(await ports.mail.recordMailEvent(first.messageId, 'bounced', 'old')).toBe(false);
      expect((await ports.mail.voterMail(id, 's1'))?.status).toBe('sent');
    });

    it("a postal voter's mark is not overridden by a bounce", async () => {
      const id = await electionWithVoters(ports.store, 'postal-bounce', 's1');
      const { messageId } = await sent(id, 's1');
      const next = await decided(ports.store, id, postalCommand(1));
      await ports.store.appendWithPostalVoters(id, next.head, next.events, next.state, [{ studentId: 's1', generation: 1, revokedTokenHash: newTokenHash() }]);
      expect(await ports.mail.recordMailEvent(messageId, 'bounced', 'late')).toBe(false);
      expect((await ports.mail.voterMail(id, 's1'))?.status).toBe('postal');
    });

    it('a credential held until voting opens is outside the queue; a re-issue keeps it held, a postal mark takes it out; the release queues each once', async () => {
      const id = await electionHoldingCredentials(ports.store, 'held', 's1', 's2', 's3');
      expect(await dueOf(ports, id, minutes(60))).toEqual([]);
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ generation: 1, status: 'held' });
      expect((await ports.mail.report(id)).counts).toMatchObject({ held: 3, pending: 0 });
      const key = (await collect(ports.mail.heldCredentials(id))).find((k) => k.sk === 'VOTER#s1')!;
      expect(await ports.mail.claim(key, T0, LEASE_MS)).toBeUndefined();
      // A voter's own request for their link sends nothing before the opening.
      expect(await ports.mail.resendCredential({ electionId: id, studentId: 's1', generation: 1, now: T0, lastBefore: T0, maxRequests: 5 })).toBe(false);

      expect(await reissue(id, 's2', 1)).toBe('reissued');
      expect(await ports.mail.voterMail(id, 's2')).toMatchObject({ generation: 2, status: 'held' });
      const postal = await decided(ports.store, id, postalCommand(1));
      await ports.store.appendWithPostalVoters(id, postal.head, postal.events, postal.state, [{ studentId: 's3', generation: 1, revokedTokenHash: newTokenHash() }]);

      const held = await collect(ports.mail.heldCredentials(id));
      expect(held.map((k) => k.sk).sort()).toEqual(['VOTER#s1', 'VOTER#s2']);
      expect(await Promise.all(held.map((k) => ports.mail.releaseCredential(k, T0)))).toEqual([true, true]);
      expect(await Promise.all(held.map((k) => ports.mail.releaseCredential(k, T0)))).toEqual([false, false]);
      expect(await ports.mail.releaseCredential({ pk: key.pk, sk: 'VOTER#s3' }, T0)).toBe(false);
      expect(await collect(ports.mail.heldCredentials(id))).toEqual([]);
      expect((await dueOf(ports, id, T0)).map((k) => k.sk).sort()).toEqual(['VOTER#s1', 'VOTER#s2']);
      expect(await ports.mail.claim(await voterKey(id, 's2'), T0, LEASE_MS)).toMatchObject({ generation: 2 });
      expect((await ports.mail.voterMail(id, 's3'))?.status).toBe('postal');
    });

    it('a settle by a claim that a re-issue superseded changes nothing', async () => {
      const id = await electionWithVoters(ports.store, 'superseded', 's1');
      const claimed = (await ports.mail.claim(await voterKey(id, 's1'), T0, LEASE_MS))!;
      expect(await reissue(id, 's1', 1)).toBe('reissued');
      await ports.mail.settle(claimed, { status: 'sent', messageId: newTokenHash() }, T0);
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ generation: 2, status: 'pending' });
    });

    it('a retry puts the item back, due at its time; an undelivered one leaves the queue with its reason; a skipped one counts as sent', async () => {
      const id = await electionWithVoters(ports.store, 'outcomes', 's1', 's2', 's3');
      const claims = new Map<string, ClaimedMail>();
      for (const s of ['s1', 's2', 's3']) claims.set(s, (await ports.mail.claim(await voterKey(id, s), T0, LEASE_MS))!);
      await ports.mail.settle(claims.get('s1')!, { status: 'retry', reason: 'Throttling', due: minutes(5).toISOString() }, T0);
      await ports.mail.settle(claims.get('s2')!, { status: 'undelivered', reason: 'MessageRejected' }, T0);
      await ports.mail.settle(claims.get('s3')!, { status: 'skipped' }, T0);
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ status: 'pending', reason: 'Throttling' });
      expect(await dueOf(ports, id, minutes(4))).toEqual([]);
      expect((await dueOf(ports, id, minutes(5))).map((k) => k.sk)).toEqual(['VOTER#s1']);
      expect(await ports.mail.claim(await voterKey(id, 's1', minutes(5)), minutes(5), LEASE_MS)).toMatchObject({ attempts: 2 });
      const report = await ports.mail.report(id);
      expect(report.counts).toEqual({ pending: 0, sending: 1, sent: 1, delivered: 0, undelivered: 1, bounced: 0, complained: 0, postal: 0, held: 0 });
      expect(report.problems).toEqual([{ studentId: 's2', email: 's2@uni.test', kind: 'credential', generation: 1, status: 'undelivered', reason: 'MessageRejected' }]);
    });

    it('the reminders find the voters whose mail went out, and remind each once a round; an item read before it changed is not reminded', async () => {
      const id = await electionWithVoters(ports.store, 'remind', 's1', 's2', 's3');
      await sent(id, 's1');
      const { messageId } = await sent(id, 's2');
      const found = await collect(ports.mail.remindable(id, 0));
      expect(found.map((v) => v.key.sk).sort()).toEqual(['VOTER#s1', 'VOTER#s2']);
      expect(found[0]).toMatchObject({ generation: 1, status: 'sent', tokenHash: 'hash-of-the-token' });
      const s1 = found.find((v) => v.key.sk === 'VOTER#s1')!;
      const s2 = found.find((v) => v.key.sk === 'VOTER#s2')!;
      await ports.mail.recordMailEvent(messageId, 'bounced', 'gone');
      expect(await ports.mail.queueReminder(s2, 0, minutes(10))).toBe(false);
      expect(await ports.mail.queueReminder(s1, 0, minutes(10))).toBe(true);
      expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ kind: 'reminder', status: 'pending', generation: 1 });
      expect((await dueOf(ports, id, minutes(10))).map((k) => k.sk)).toContain('VOTER#s1');
      // Queued, sent or bounced since: the round counts them as reminded, and does not remind them again.
      const again = await collect(ports.mail.remindable(id, 0));
      expect(again.map((v) => [v.key.sk, v.reminderRound])).toEqual([['VOTER#s1', 0]]);
      expect(await ports.mail.queueReminder(again[0]!, 0, minutes(11))).toBe(false);
    });

    describe("a voter's own request for their link", () => {
      const resend = (electionId: string, at: Date, generation = 1, maxRequests = 2) =>
        ports.mail.resendCredential({ electionId, studentId: 's1', generation, now: at, lastBefore: new Date(at.getTime() - 10 * 60_000), maxRequests });

      it('sends the same credential mail again, once it went out, and at most so often and so many times', async () => {
        const id = await electionWithVoters(ports.store, 'resend', 's1');
        expect(await resend(id, T0)).toBe(false);
        await sent(id, 's1');
        expect(await resend(id, minutes(1))).toBe(true);
        expect(await ports.mail.voterMail(id, 's1')).toMatchObject({ kind: 'credential', generation: 1, status: 'pending' });
        expect(await resend(id, minutes(2))).toBe(false);
        await sent(id, 's1', newTokenHash(), minutes(2));
        expect(await resend(id, minutes(5))).toBe(false);
        expect(await resend(id, minutes(12))).toBe(true);
        await sent(id, 's1', newTokenHash(), minutes(12));
        expect(await resend(id, minutes(30))).toBe(false);
      });

      it('is refused once a re-issue moved the credential on, or the voter voted by post', async () => {
        const id = await electionWithVoters(ports.store, 'resend-moved', 's1');
        await sent(id, 's1');
        expect(await reissue(id, 's1', 1)).toBe('reissued');
        await sent(id, 's1');
        expect(await resend(id, minutes(1), 1)).toBe(false);
        const next = await decided(ports.store, id, postalCommand(1));
        await ports.store.appendWithPostalVoters(id, next.head, next.events, next.state, [{ studentId: 's1', generation: 2, revokedTokenHash: newTokenHash() }]);
        expect(await resend(id, minutes(1), 2)).toBe(false);
      });
    });

    it('a voter not on the roll has no mail', async () => {
      const id = await electionWithVoters(ports.store, 'no-mail');
      expect(await ports.mail.voterMail(id, 's1')).toBeUndefined();
      expect((await ports.mail.report(id)).problems).toEqual([]);
    });
  });
}
