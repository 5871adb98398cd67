import type { ChainHead, ElectionState, RecordedEvent } from '../../domain';
import type { MailKey } from './mailOutbox';

/** A voter's request for their link by address, claimed by the sender to answer. */
export interface ClaimedLinkRequest {
  key: MailKey;
  electionId: string;
  /** As the requester typed it; gone from the item once the request is answered. */
  address: string;
  /** Already in a LinkRequestsCounted event: a sender died after counting it. */
  counted: boolean;
}

/** Voters' requests for their link by address, queued beside the mail they may lead to and answered by the sender. */
export interface LinkRequests {
  /** Queues a voter's request for their link by address: one new item, the same write whatever the address. */
  queueLinkRequest(electionId: string, address: string, now: Date): Promise<void>;
  /** Takes a queued link request to answer, like `claim`. */
  claimLinkRequest(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedLinkRequest | undefined>;
  /** Takes an answered request out of the queue and drops its address. */
  settleLinkRequest(request: ClaimedLinkRequest): Promise<void>;
}

/** The count of link requests in the log, written with the requests' marks so that none is counted twice. */
export interface LinkRequestCounts {
  /**
   * Like append, marking each of these claimed link requests counted in the same transaction; a
   * request not claimed (not `sending`) or counted already fails the whole append. Throws
   * StreamConflict like append.
   */
  appendWithCountedLinkRequests(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, requests: MailKey[]): Promise<void>;
}
