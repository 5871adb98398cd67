import { randomBytes } from 'node:crypto';
import { StreamConflict, type LinkRequestCounts, type LinkRequests } from '../../ports';
import { keys } from '../keys';
import { claimItem } from './mailOutbox';
import { streamAppend } from './streamAppend';
import type { MemoryTables } from './tables';
import { checkTransaction, TransactionCanceledException, without } from './transaction';

/** Voters' link requests in memory: items of the mail table queued and claimed as DynamoMailQueue does. */
export function memoryLinkRequests(tables: MemoryTables): LinkRequests {
  return {
    async queueLinkRequest(electionId, address, now) {
      const key = keys.linkRequest(electionId, randomBytes(16).toString('base64url'));
      tables.mail.put(key, { electionId, kind: 'link-request', address, status: 'pending', attempts: 0, due: now.toISOString(), queue: keys.queue(key.pk) });
    },

    async claimLinkRequest(key, now, leaseMs) {
      const item = claimItem(tables, key, now, leaseMs);
      return item && { key, electionId: item.electionId, address: item.address!, counted: item.counted === true };
    },

    async settleLinkRequest(request) {
      const item = tables.mail.get(request.key);
      // Answered already, by a sender that took the claim over.
      if (item?.status !== 'sending') return;
      tables.mail.put(request.key, { ...without(item, 'queue', 'leaseUntil', 'address'), status: 'answered' });
    },
  };
}

/** The count of link requests in memory: appended with the requests' marks, as DynamoElectionStore does. */
export function memoryLinkRequestCounts(tables: MemoryTables): LinkRequestCounts {
  return {
    async appendWithCountedLinkRequests(electionId, head, events, state, requests) {
      const stream = streamAppend(tables, electionId, head, events, state);
      checkTransaction([...stream.items, ...requests]);
      if (stream.conflict) throw new StreamConflict(electionId);
      // Only a request still claimed and not counted yet: a sender that took one over after a crash cannot count it twice.
      const uncountable = requests.filter((key) => {
        const item = tables.mail.get(key);
        return item?.status !== 'sending' || item.counted !== undefined;
      });
      if (uncountable.length > 0) throw new TransactionCanceledException(`${uncountable.length} link request(s) not claimed, or counted already`);
      stream.write();
      for (const key of requests) tables.mail.put(key, { ...tables.mail.get(key)!, counted: true });
    },
  };
}
