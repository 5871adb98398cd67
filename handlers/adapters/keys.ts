/**
 * Item keys of both tables. Ballots and participation markers (the ballot box table) are spread
 * over shards so that no partition takes every cast.
 */
import { emailKey } from '../../domain';
import type { CommitteeWait, MailKey, OnceOnly } from '../ports';

export const SHARDS = 16;

/** An item's key on a DynamoDB table: its partition and its sort key. */
export interface ItemKey {
  pk: string;
  sk: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const LINK_REQUESTS = '#LINK-REQUESTS#';
/** Partitions of items that name voters, for their keys below and for erasing each partition whole. */
const addressCorrections = (electionId: string) => `ELECTION#${electionId}#ADDRESS`;
const postalVoters = (electionId: string) => `ELECTION#${electionId}#POSTAL`;
const rollEmails = (electionId: string) => `ELECTION#${electionId}#EMAILS`;
const mailPlan = (electionId: string) => `ELECTION#${electionId}#MAILPLAN`;
const undeliveredShard = (electionId: string, shard: number) => `ELECTION#${electionId}#UNDELIVERED#${pad(shard, 2)}`;
const linkRequestShard = (electionId: string, shard: number) => `ELECTION#${electionId}${LINK_REQUESTS}${pad(shard, 2)}`;

export const keys = {
  event: (electionId: string, seq: number) => ({ pk: `ELECTION#${electionId}`, sk: `EVENT#${pad(seq, 10)}` }),
  eventPrefix: 'EVENT#',
  state: (electionId: string) => ({ pk: `ELECTION#${electionId}`, sk: 'STATE' }),
  stream: (electionId: string) => `ELECTION#${electionId}`,
  rollEntry: (electionId: string, studentId: string) => ({ pk: `ELECTION#${electionId}#ROLL`, sk: `VOTER#${studentId}` }),
  roll: (electionId: string) => `ELECTION#${electionId}#ROLL`,
  /** An admin's correction of a voter's address, numbered from 1: put once, so the roll keeps every address it ever had. */
  addressCorrection: (electionId: string, studentId: string, correction: number) => ({ pk: addressCorrections(electionId), sk: `VOTER#${studentId}#${pad(correction, 4)}` }),
  /** A voter marked as having voted by post: put once, beside the roll, which never changes. */
  postalVoter: (electionId: string, studentId: string) => ({ pk: postalVoters(electionId), sk: `VOTER#${studentId}` }),
  /** Which student id holds an e-mail address on the roll: one person, one credential. */
  rollEmail: (electionId: string, email: string) => ({ pk: rollEmails(electionId), sk: emailKey(email) }),
  credential: (tokenHash: string) => ({ pk: `CREDENTIAL#${tokenHash}`, sk: 'CREDENTIAL' }),
  /** Beside the credential it ends: put once by a re-issue, checked by every cast. */
  revocation: (tokenHash: string) => ({ pk: `CREDENTIAL#${tokenHash}`, sk: 'REVOKED' }),
  /** The marker's shard follows from the token hash, so a retried cast always meets its own marker. */
  marker: (electionId: string, tokenHash: string) => ({
    pk: `ELECTION#${electionId}#VOTED#${pad(parseInt(tokenHash.slice(0, 4), 16) % SHARDS, 2)}`,
    sk: tokenHash,
  }),
  markerShard: (electionId: string, shard: number) => `ELECTION#${electionId}#VOTED#${pad(shard, 2)}`,
  ballot: (electionId: string, ballotId: string) => ({
    pk: `ELECTION#${electionId}#BALLOTS#${pad(shardOf(ballotId), 2)}`,
    sk: ballotId,
  }),
  ballotShard: (electionId: string, shard: number) => `ELECTION#${electionId}#BALLOTS#${pad(shard, 2)}`,
  /** A part of a sealed box's opening file (a mix, a trustee's decryption shares), under the file's SHA-256. */
  openingFilePart: (electionId: string, digest: string, part: number) => ({ pk: `ELECTION#${electionId}#OPENING#${digest}`, sk: `PART#${pad(part, 4)}` }),
  openingFile: (electionId: string, digest: string) => `ELECTION#${electionId}#OPENING#${digest}`,
  /** A pending upload's parts (each in chunks of one item) and its count of parts, under the SHA-256 of its whole text: beside the log, never in it. */
  pendingUpload: (electionId: string, digest: string) => `ELECTION#${electionId}#UPLOAD#${digest}`,
  pendingUploadCount: (electionId: string, digest: string) => ({ pk: `ELECTION#${electionId}#UPLOAD#${digest}`, sk: 'PARTS' }),
  pendingUploadChunk: (electionId: string, digest: string, index: number, chunk: number) => ({ pk: `ELECTION#${electionId}#UPLOAD#${digest}`, sk: `PART#${pad(index, 4)}#${pad(chunk, 4)}` }),
  /** The check of an upload too large for one request (its record, and each part's verdict under the check's run): beside the log, never in it. */
  openingCheck: (electionId: string, upload: string) => ({ pk: `ELECTION#${electionId}#CHECK#${upload}`, sk: 'RECORD' }),
  openingCheckParts: (electionId: string, upload: string, run: string) => ({ pk: `ELECTION#${electionId}#CHECK#${upload}`, sk: `PART#${run}#` }),
  openingCheckPart: (electionId: string, upload: string, run: string, index: number) => ({ pk: `ELECTION#${electionId}#CHECK#${upload}`, sk: `PART#${run}#${pad(index, 5)}` }),
  /** The task token of the workflow waiting for the committee: OPENING-WAIT for a box's opening, ACCEPTANCE-WAIT for the acceptance of the results. */
  committeeWait: (electionId: string, wait: CommitteeWait) => ({ pk: `ELECTION#${electionId}`, sk: `${wait.toUpperCase()}-WAIT` }),
  /** The secret salt of the roll's hashes in the audit export; never exported itself. */
  rollSalt: (electionId: string) => ({ pk: `ELECTION#${electionId}#SECRET`, sk: 'ROLL-SALT' }),
  /**
   * A committee member's personal API token, by the SHA-256 of its text (the text is never kept),
   * and its revocation beside it: put once, so that no write to the events table changes an item.
   */
  apiToken: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  apiTokenRevocation: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'REVOKED' }),
  /** The same token and revocation again under its member, so that one query lists a member's tokens. */
  memberTokens: (memberId: string) => `MEMBER#${memberId}#TOKENS`,
  memberToken: (memberId: string, tokenId: string) => ({ pk: `MEMBER#${memberId}#TOKENS`, sk: `TOKEN#${tokenId}` }),
  memberTokenRevocation: (memberId: string, tokenId: string) => ({ pk: `MEMBER#${memberId}#TOKENS`, sk: `REVOKED#${tokenId}` }),
  /** Every election's id, so that finding the locked ones needs no table scan. */
  electionRegistry: 'ELECTIONS',
  registeredElection: (electionId: string) => ({ pk: 'ELECTIONS', sk: electionId }),
  done: (effect: OnceOnly) => {
    switch (effect.kind) {
      case 'mail-batch':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: `${effect.mailing}#${pad(effect.batch, 6)}` };
      case 'seal-notice':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: 'SEAL-NOTICE' };
      case 'opening-notice':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: 'OPENING-NOTICE' };
      case 'acceptance-call':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: 'ACCEPTANCE-CALL' };
      case 'acceptance-reminder':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: `ACCEPTANCE-REMINDER#${pad(effect.day, 4)}` };
      case 'personal-data-erased':
        return { pk: `ELECTION#${effect.electionId}#MAILED`, sk: 'PERSONAL-DATA-ERASED' };
      case 'breach-alert':
        return { pk: `BREACH#${effect.cloudTrailEventId}`, sk: 'ALERTED' };
    }
  },
  /** One page of a mailing's plan, so the workflow carries page numbers instead of the roll. */
  mailPlanPage: (electionId: string, mailing: string, page: number) => ({ pk: mailPlan(electionId), sk: `${mailing}#${pad(page, 6)}` }),
  /** Spread over shards by student id: a blast of failing confirmations must not all write one partition. */
  undeliveredMail: (electionId: string, studentId: string, purpose: string) => ({ pk: undeliveredShard(electionId, shardOf(studentId)), sk: `${purpose}#${studentId}` }),
  /** A voter's mail item in the mail table: their credential's generation and its delivery. */
  voterMail: (electionId: string, studentId: string) => ({ pk: mailShard(electionId, shardOf(studentId)), sk: `VOTER#${studentId}` }),
  /** The confirmation a cast queues, by the credential's hash: the cast knows no more of its voter. */
  confirmationMail: (electionId: string, tokenHash: string) => ({ pk: mailShard(electionId, shardOf(tokenHash)), sk: `CONFIRM#${tokenHash}` }),
  mailShard: (electionId: string, shard: number) => mailShard(electionId, shard),
  /** Who is sending the alerts of one CloudTrail event, until when: on the mail table, so that a lease can be taken over. */
  breachAlertClaim: (cloudTrailEventId: string) => ({ pk: `BREACH#${cloudTrailEventId}`, sk: 'ALERT-CLAIM' }),
  /**
   * A voter's request for their link by address, on the mail table beside the mail it may lead to:
   * one item per request, by a random id, queued like mail and taken up by the sender.
   */
  linkRequest: (electionId: string, requestId: string) => ({ pk: linkRequestShard(electionId, shardOf(requestId)), sk: requestId }),
  isLinkRequest: (key: MailKey) => key.pk.slice(0, -2).endsWith(LINK_REQUESTS),
  /** Which mail item an SES message id belongs to, for its bounce, complaint or delivery. */
  sentMessage: (messageId: string) => ({ pk: `MESSAGE#${messageId}`, sk: 'MESSAGE' }),
  /** The item of each message a mail item was sent as: its every message id (`messageIds`), its last one (`messageId`) among them. */
  sentMessagesOf: ({ messageId, messageIds = [] }: { messageId?: string; messageIds?: Iterable<string> }) =>
    [...new Set([...messageIds, ...(messageId === undefined ? [] : [messageId])])].map((id) => keys.sentMessage(id)),
  /**
   * The events table's partitions beside the roll that name a voter, an address or a range of
   * student ids, erased with the roll (and before the salt): the claimed addresses, corrections,
   * postal marks, the mailings' plans and undelivered mail with its reasons.
   */
  voterRecordPartitions: (electionId: string) => [
    rollEmails(electionId),
    addressCorrections(electionId),
    postalVoters(electionId),
    mailPlan(electionId),
    ...allShards().map((shard) => undeliveredShard(electionId, shard)),
  ],
  /** The mail table's partitions of an election: its voters' mail and confirmations, and its link requests. */
  electionMailPartitions: (electionId: string) => allShards().flatMap((shard) => [mailShard(electionId, shard), linkRequestShard(electionId, shard)]),
  /** The in-flight index's partition of a mail item: mail to send is spread like the items. */
  queue: (pk: string) => `QUEUE#${pk.slice(-2)}`,
  queueShard: (shard: number) => `QUEUE#${pad(shard, 2)}`,
};

function mailShard(electionId: string, shard: number): string {
  return `ELECTION#${electionId}#MAIL#${pad(shard, 2)}`;
}

/** Ballot ids are random and student ids many, so their characters spread items evenly over the shards. */
function shardOf(text: string): number {
  let sum = 0;
  for (const ch of text) sum = (sum * 31 + ch.charCodeAt(0)) >>> 0;
  return sum % SHARDS;
}

export const allShards = (): number[] => Array.from({ length: SHARDS }, (_, i) => i);
