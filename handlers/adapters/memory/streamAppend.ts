import { randomBytes } from 'node:crypto';
import type { ChainHead, ElectionState, RecordedEvent } from '../../../domain';
import { toStoredEvent } from '../eventItems';
import { keys } from '../keys';
import type { ItemKey } from './itemMap';
import type { MemoryTables } from './tables';

/** The stream's part of an append's transaction: its items, whether its conditions fail, and its writes. */
export interface StreamAppend {
  items: ItemKey[];
  conflict: boolean;
  write(): void;
}

/**
 * Each event is put new, the state replaced only at the version that was read (or put new at the
 * empty head), and an election's creation registers it with its roll's salt, both put new.
 */
export function streamAppend(tables: MemoryTables, electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): StreamAppend {
  const last = events.at(-1);
  if (!last) throw new Error('nothing to append');
  const eventKeys = events.map((e) => keys.event(electionId, e.seq));
  const stateKey = keys.state(electionId);
  const created = events.some((e) => e.type === 'ElectionCreated');
  const registered = keys.registeredElection(electionId);
  const salt = keys.rollSalt(electionId);
  const current = tables.states.get(stateKey);
  const conflict =
    eventKeys.some((key) => tables.events.has(key)) ||
    (head.seq === 0 ? current !== undefined : current?.version !== head.seq) ||
    (created && (tables.registry.has(registered) || tables.rollSalts.has(salt)));
  return {
    items: [...eventKeys, stateKey, ...(created ? [registered, salt] : [])],
    conflict,
    write() {
      events.forEach((e, i) => tables.events.put(eventKeys[i]!, toStoredEvent(electionId, e)));
      tables.states.put(stateKey, { version: last.seq, hash: last.hash, state: JSON.stringify(state) });
      if (created) {
        tables.registry.put(registered, electionId);
        tables.rollSalts.put(salt, randomBytes(32).toString('hex'));
      }
    },
  };
}
