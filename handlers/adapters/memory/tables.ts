import type { MailKind, MailStatus } from '../../../contract/mailReport';
import type { ApiTokenRecord, Credential, MailKey, MailPage, OpeningCheckRecord, Voter } from '../../ports';
import type { StoredEvent } from '../eventItems';
import { ItemMap } from './itemMap';

/** Roll entries and ballots per page, as a page of DynamoDB holds a few thousand of them. */
export const PAGE = 3_000;

/** The state projection: the state as JSON text, at the version (event number) it stands at. */
export interface StoredState {
  version: number;
  hash: string;
  state: string;
}

/** An item of the mail table's outbox: a voter's mail, a cast's confirmation, or a voter's request for their link. */
export interface MailItem {
  electionId: string;
  kind: MailKind | 'link-request';
  status: MailStatus | 'answered';
  attempts: number;
  /** The voter's credential generation (0 for a confirmation); absent on a link request. */
  generation?: number;
  due?: string;
  /** On the in-flight index while set: the item is to send. */
  queue?: string;
  leaseUntil?: string;
  studentId?: string;
  email?: string;
  tokenHash?: string;
  correction?: number;
  messageId?: string;
  /** Every message id the item was sent under: each message's item goes with it when the election's mail is erased. */
  messageIds?: string[];
  reason?: string;
  sentAt?: string;
  reminderRound?: number;
  requests?: number;
  lastRequestAt?: string;
  address?: string;
  counted?: true;
}

/**
 * The items of the three tables in memory, each kind under the keys DynamoDB keeps it by, shared
 * by the in-memory store and mail queue as the DynamoDB ones share the tables: a cast queues its
 * confirmation on the mail table, a re-issue moves the voter's mail item on.
 */
export class MemoryTables {
  // The events table.
  readonly events = new ItemMap<StoredEvent>();
  readonly states = new ItemMap<StoredState>();
  /** The election ids, by keys.registeredElection. */
  readonly registry = new ItemMap<string>();
  readonly rollSalts = new ItemMap<string>();
  readonly rollEntries = new ItemMap<Voter>();
  /** Who holds each address on the roll, by student id. */
  readonly addressClaims = new ItemMap<string>();
  readonly addressCorrections = new ItemMap<Pick<Voter, 'studentId' | 'email'>>();
  /** The student ids of postal voters. */
  readonly postalVoters = new ItemMap<string>();
  readonly credentials = new ItemMap<Credential & { generation: number }>();
  /** The parts of sealed boxes' opening files, by keys.openingFilePart. */
  readonly openingFiles = new ItemMap<string>();
  /** Each opening check's record, by keys.openingCheck. */
  readonly openingChecks = new ItemMap<OpeningCheckRecord>();
  /** Each part's verdict of an opening check's run, by keys.openingCheckPart. */
  readonly openingCheckParts = new ItemMap<string>();
  /** Each pending upload's count of parts, by keys.pendingUploadCount. */
  readonly pendingUploadCounts = new ItemMap<number>();
  /** The parts of pending uploads, whole (the DynamoDB store cuts them in chunks of one item), by keys.pendingUploadChunk with chunk 0. */
  readonly pendingUploadParts = new ItemMap<string>();
  /** The task token of a workflow waiting for the committee, by keys.committeeWait. */
  readonly committeeWaits = new ItemMap<string>();
  /** The election of each revoked credential. */
  readonly revocations = new ItemMap<string>();
  /** Committee members' API tokens (never revoked here), by keys.apiToken, and which hash each member's token id has, by keys.memberToken. */
  readonly apiTokens = new ItemMap<Omit<ApiTokenRecord, 'revokedAt'>>();
  readonly memberTokens = new ItemMap<string>();
  /** When each API token was revoked, by keys.apiTokenRevocation. */
  readonly apiTokenRevocations = new ItemMap<string>();
  readonly done = new ItemMap<true>();
  readonly mailPlanPages = new ItemMap<MailPage>();
  readonly undeliveredMail = new ItemMap<{ studentId: string; purpose: string; reason: string }>();
  // The ballot box.
  readonly markers = new ItemMap<true>();
  /** Each ballot's choices as JSON text, by its box and id. */
  readonly ballots = new ItemMap<string>();
  // The mail table.
  readonly mail = new ItemMap<MailItem>();
  /** The mail item each SES message id was sent for. */
  readonly sentMessages = new ItemMap<MailKey>();
  /** Until when each breach alert is claimed. */
  readonly alertClaims = new ItemMap<string>();

  /** Every kind of item of the three tables: what a scan reads, and where a partition's items may be. */
  itemMaps(): ItemMap<unknown>[] {
    return Object.values(this).filter((value): value is ItemMap<unknown> => value instanceof ItemMap);
  }
}
