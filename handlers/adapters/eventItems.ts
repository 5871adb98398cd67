import type { RecordedEvent } from '../../domain';
import type { Actor } from '../../domain/committee';

/** An event as the events table keeps it (on DynamoDB and in its in-memory twin): its data as JSON text. */
export interface StoredEvent {
  electionId: string;
  seq: number;
  type: string;
  at: string;
  prevHash: string;
  hash: string;
  data: string;
  /** Observers' addresses, in items written before the state alone kept them: read, never written. */
  addresses?: string[];
  /** The member who asked for the command, which the event's hash covers. */
  by?: Actor;
}

/** The item an event is stored as, without its key. */
export const toStoredEvent = (electionId: string, event: RecordedEvent): StoredEvent => ({
  electionId,
  seq: event.seq,
  type: event.type,
  at: event.at,
  prevHash: event.prevHash,
  hash: event.hash,
  data: JSON.stringify(event.data),
  ...(event.by && { by: { id: event.by.id, name: event.by.name } }),
  // An ObserversSet's addresses are not kept with it: the item never changes, and they must go at the
  // deletion of the personal data. The state it leads to keeps them, until that deletion empties them.
});

/** The event a stored item holds. */
export const fromStoredEvent = (item: StoredEvent): RecordedEvent =>
  ({
    electionId: item.electionId,
    seq: item.seq,
    type: item.type,
    at: item.at,
    prevHash: item.prevHash,
    hash: item.hash,
    data: JSON.parse(item.data),
    ...(item.by && { by: { id: item.by.id, name: item.by.name } }),
    ...(item.addresses && { addresses: [...item.addresses] }),
  }) as RecordedEvent;
