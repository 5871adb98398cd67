import { EMPTY_HEAD, fromStoredState } from '../../../domain';
import { StreamConflict, type EventStream } from '../../ports';
import { fromStoredEvent } from '../eventItems';
import { keys } from '../keys';
import { streamAppend } from './streamAppend';
import type { MemoryTables } from './tables';
import { checkTransaction } from './transaction';

/** The event stream in memory: what DynamoElectionStore keeps on the events table, with the same conditions. */
export function memoryEventStream(tables: MemoryTables): EventStream {
  const stream = (electionId: string) => tables.events.query(keys.stream(electionId)).map(({ item }) => fromStoredEvent(item));
  return {
    async load(electionId) {
      const stored = tables.states.get(keys.state(electionId));
      if (!stored) return { state: { phase: 'none' }, head: EMPTY_HEAD };
      return { state: fromStoredState(JSON.parse(stored.state)), head: { seq: stored.version, hash: stored.hash } };
    },

    async append(electionId, head, events, state) {
      const append = streamAppend(tables, electionId, head, events, state);
      checkTransaction(append.items);
      if (append.conflict) throw new StreamConflict(electionId);
      append.write();
    },

    async readEvents(electionId) {
      return stream(electionId);
    },

    async readEventsSince(electionId, type) {
      const events = stream(electionId);
      for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === type) return events.slice(i);
      return [];
    },

    async readEventPage(electionId, afterSeq, limit) {
      return stream(electionId)
        .filter((e) => e.seq > afterSeq)
        .slice(0, limit);
    },

    async listElectionIds() {
      return tables.registry.query(keys.electionRegistry).map(({ item }) => item);
    },
  };
}
