import { MAIL_STATUSES, type MailStatus, type VoterMail } from '../../../contract/mailReport';
import type { MailKey, MailOutbox } from '../../ports';
import { allShards, keys } from '../keys';
import type { MailItem, MemoryTables } from './tables';
import { isBefore, without } from './transaction';

/** The outbox in memory: the mail table's items with DynamoMailQueue's conditions, and its in-flight index read as it reads it. */
export function memoryMailOutbox(tables: MemoryTables): MailOutbox {
  const voterItems = (electionId: string, shard: number) => tables.mail.query(keys.mailShard(electionId, shard)).filter(({ sk }) => sk.startsWith('VOTER#'));
  return {
    async claim(key, now, leaseMs) {
      const item = claimItem(tables, key, now, leaseMs);
      if (!item) return undefined;
      return {
        key,
        electionId: item.electionId,
        kind: item.kind as VoterMail['kind'],
        generation: item.generation!,
        attempts: item.attempts,
        ...(item.studentId !== undefined && { studentId: item.studentId }),
        ...(item.tokenHash !== undefined && { tokenHash: item.tokenHash }),
        ...(item.correction !== undefined && { correction: item.correction }),
      };
    },

    async settle(mail, outcome, now) {
      const item = tables.mail.get(mail.key);
      // Only the claim that is still current: a re-issue meanwhile queued a newer generation.
      if (item?.status !== 'sending' || item.generation !== mail.generation) return;
      let settled: MailItem;
      switch (outcome.status) {
        case 'sent':
          settled = {
            ...without(item, 'queue', 'leaseUntil', 'reason'),
            status: 'sent',
            sentAt: now.toISOString(),
            ...(outcome.messageId && { messageId: outcome.messageId, messageIds: [...new Set([...(item.messageIds ?? []), outcome.messageId])] }),
            ...(outcome.tokenHash && { tokenHash: outcome.tokenHash }),
          };
          break;
        case 'skipped':
          settled = { ...without(item, 'queue', 'leaseUntil'), status: 'sent' };
          break;
        case 'undelivered':
          settled = { ...without(item, 'queue', 'leaseUntil'), status: 'undelivered', reason: outcome.reason };
          break;
        case 'retry':
          settled = { ...without(item, 'leaseUntil'), status: 'pending', reason: outcome.reason, due: outcome.due };
          break;
      }
      tables.mail.put(mail.key, settled);
      if (outcome.status === 'sent' && outcome.messageId) tables.sentMessages.put(keys.sentMessage(outcome.messageId), { ...mail.key });
    },

    async due(now, limit) {
      const at = now.toISOString();
      const queued = new Map<string, { key: MailKey; due: string }[]>();
      for (const { key, item } of tables.mail.entries()) {
        if (item.queue === undefined || item.due === undefined || item.due > at) continue;
        const shard = queued.get(item.queue) ?? [];
        shard.push({ key, due: item.due });
        queued.set(item.queue, shard);
      }
      // The index's partitions in turn, each in the order of its sort key, `due`.
      return allShards()
        .flatMap((shard) => (queued.get(keys.queueShard(shard)) ?? []).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)))
        .slice(0, limit)
        .map(({ key }) => key);
    },

    async voterMail(electionId, studentId) {
      const item = tables.mail.get(keys.voterMail(electionId, studentId));
      return item && toVoterMail(item);
    },

    async recordMailEvent(messageId, outcome, reason) {
      const key = tables.sentMessages.get(keys.sentMessage(messageId));
      const item = key && tables.mail.get(key);
      // A delivery never overrides a bounce or complaint that came first; either overrides a
      // delivery; nothing overrides a postal voter's mark, which keeps them from a new credential.
      if (!key || item?.messageId !== messageId || (outcome === 'delivered' ? item.status !== 'sent' : item.status === 'postal')) return false;
      tables.mail.put(key, { ...item, status: outcome, ...(reason !== undefined && { reason }) });
      return true;
    },

    async *remindable(electionId, round) {
      for (const shard of allShards()) {
        const voters = voterItems(electionId, shard)
          .filter(({ item }) => item.status === 'sent' || item.status === 'delivered' || item.reminderRound === round)
          .map(({ sk, item }) => ({
            key: { pk: keys.mailShard(electionId, shard), sk },
            generation: item.generation!,
            status: item.status as MailStatus,
            ...(item.tokenHash !== undefined && { tokenHash: item.tokenHash }),
            ...(item.reminderRound !== undefined && { reminderRound: item.reminderRound }),
          }));
        if (voters.length > 0) yield voters;
      }
    },

    async *heldCredentials(electionId) {
      for (const shard of allShards()) {
        const held = voterItems(electionId, shard)
          .filter(({ item }) => item.status === 'held')
          .map(({ sk }) => ({ pk: keys.mailShard(electionId, shard), sk }));
        if (held.length > 0) yield held;
      }
    },

    async releaseCredential(key, now) {
      const item = tables.mail.get(key);
      if (item?.status !== 'held') return false;
      tables.mail.put(key, { ...item, status: 'pending', attempts: 0, due: now.toISOString(), queue: keys.queue(key.pk) });
      return true;
    },

    async queueReminder(voter, round, now) {
      const item = tables.mail.get(voter.key);
      if (item?.generation !== voter.generation || item.status !== voter.status || item.reminderRound === round) return false;
      tables.mail.put(voter.key, {
        ...without(item, 'reason', 'leaseUntil'),
        kind: 'reminder',
        status: 'pending',
        attempts: 0,
        due: now.toISOString(),
        queue: keys.queue(voter.key.pk),
        reminderRound: round,
      });
      return true;
    },

    async resendCredential({ electionId, studentId, generation, now, lastBefore, maxRequests }) {
      const key = keys.voterMail(electionId, studentId);
      const item = tables.mail.get(key);
      if (
        item?.generation !== generation ||
        ['pending', 'sending', 'postal', 'held'].includes(item.status) ||
        (item.lastRequestAt !== undefined && !isBefore(item.lastRequestAt, lastBefore.toISOString())) ||
        (item.requests !== undefined && item.requests >= maxRequests)
      ) {
        return false;
      }
      // The credential mail again, of the same generation: the link it carries is the one the voter has.
      tables.mail.put(key, {
        ...without(item, 'messageId', 'reason', 'leaseUntil'),
        kind: 'credential',
        status: 'pending',
        attempts: 0,
        due: now.toISOString(),
        queue: keys.queue(key.pk),
        lastRequestAt: now.toISOString(),
        requests: (item.requests ?? 0) + 1,
      });
      return true;
    },

    async report(electionId) {
      const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
      const problems: VoterMail[] = [];
      for (const shard of allShards()) {
        for (const { item } of voterItems(electionId, shard)) {
          const mail = toVoterMail(item);
          counts[mail.status] += 1;
          if (mail.status === 'undelivered' || mail.status === 'bounced' || mail.status === 'complained') problems.push(mail);
        }
      }
      return { counts, problems: problems.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)) };
    },
  };
}

/** The item as it is once claimed, or undefined when it is not due, settled, or someone else holds it (their lease not run out). */
export function claimItem(tables: MemoryTables, key: MailKey, now: Date, leaseMs: number): MailItem | undefined {
  const item = tables.mail.get(key);
  const at = now.toISOString();
  if (item?.queue === undefined || item.due === undefined || item.due > at) return undefined;
  if (item.status !== 'pending' && !(item.status === 'sending' && isBefore(item.leaseUntil, at))) return undefined;
  const claimed: MailItem = { ...item, status: 'sending', leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: item.attempts + 1 };
  tables.mail.put(key, claimed);
  return claimed;
}

function toVoterMail(item: MailItem): VoterMail {
  return {
    studentId: item.studentId!,
    email: item.email!,
    kind: item.kind as VoterMail['kind'],
    generation: item.generation!,
    status: item.status as MailStatus,
    ...(item.reason !== undefined && { reason: item.reason }),
    ...(item.correction !== undefined && { correction: item.correction }),
  };
}
