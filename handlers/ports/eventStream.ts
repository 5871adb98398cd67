import type { ChainHead, ElectionState, RecordedEvent } from '../../domain';

export interface LoadedElection {
  state: ElectionState;
  head: ChainHead;
}

/** Reads are strongly consistent unless `consistent: false`: half the read units, possibly a second behind. */
export interface ReadOptions {
  consistent?: boolean;
}

/** Someone else appended to the stream since it was loaded; reload and decide again. */
export class StreamConflict extends Error {
  constructor(electionId: string) {
    super(`the event stream of ${electionId} moved on; reload and retry`);
  }
}

/** Each election's event stream, the state it leads to, and the registry of every election. */
export interface EventStream {
  load(electionId: string, options?: ReadOptions): Promise<LoadedElection>;
  /**
   * Appends events and the state they lead to, atomically; throws StreamConflict if the head moved.
   * The append with an ElectionCreated event registers the election and gives it its roll's salt.
   */
  append(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): Promise<void>;
  readEvents(electionId: string): Promise<RecordedEvent[]>;
  /** The newest event of this type and every event after it, in order, reading the stream from its end; none if there is no such event. */
  readEventsSince(electionId: string, type: RecordedEvent['type']): Promise<RecordedEvent[]>;
  /** Up to `limit` events after event number `afterSeq`, in order, read eventually consistent (a page of the log as observers follow it). */
  readEventPage(electionId: string, afterSeq: number, limit: number): Promise<RecordedEvent[]>;
  listElectionIds(): Promise<string[]>;
}
