import type { Acceptance } from './acceptance';
import type { Actor, Member } from './committee';
import type { ContestDefinition } from './contest';
import type { CredentialMail } from './credentialMail';
import type { CountSheet } from './counting/sheet';
import type { BallotDefinition, Candidate, ElectionId } from './election';
import type { Language } from './locale';
import type { MailWording } from './mailWording';
import type { ObjectionDecision } from './objections';
import type { IssuedRecord } from './officialRecord';
import type { PostalCount, PostalEntryNumber, PostalFigures } from './postalPapers';
import type { RollFingerprint, Seal } from './state';
import type { TallyResult } from './tally';
import type { CeremonyFailure, Dealing, ShareReview, TrusteeCertificate } from './crypto/keyCeremony';
import type { ElectionKey } from './sealedBox/keyCeremonyLog';
import type { Trustees } from './sealedBox/trustees';

/**
 * Everything that ever happens to an election's lifecycle. Ballots are not events: they are
 * stored apart from the stream so that casts never contend on it (docs/architecture.md).
 */
/** The voters' language and the time zone of the election's times, as the committee chose them. */
export interface ElectionLocale {
  language?: Language;
  timeZone?: string;
  /** Days after the publication in which the election may be challenged; absent for DEFAULT_CHALLENGE_DAYS. */
  challengeDays?: number;
  /** Days the voters' personal data is kept after the challenge period; absent for DEFAULT_RETENTION_DAYS. */
  retentionDays?: number;
}

export type ElectionEvent =
  /**
   * With one `ballot` (its one contest is `main`), or with contests: one ballot paper each.
   * `committee`: the members of the election committee and their roles when it was created, from
   * then on the roster `decide` checks every person's command against; absent in logs written
   * before there were personal accounts, and from the 2019 command API, whose elections check no role.
   * `language` and `timeZone`: what the committee chose, absent for the defaults (DEFAULT_LANGUAGE,
   * DEFAULT_TIME_ZONE) and in logs written before elections had them. `acceptance`: who makes the
   * counted results final (domain/acceptance.ts), absent for DEFAULT_ACCEPTANCE and in logs written
   * before the committee accepted results.
   */
  | {
      type: 'ElectionCreated';
      data: ({ electionId: ElectionId; title: string; ballot: BallotDefinition } | { electionId: ElectionId; title: string; contests: ContestDefinition[] }) &
        SealedBoxChoice & { committee?: Member[]; credentialMail?: CredentialMail; acceptance?: Acceptance } & ElectionLocale;
    }
  /** `contest`: which contest they stand in; absent in an election of one contest created with one `ballot`. */
  | { type: 'CandidatesAdded'; data: { candidates: Candidate[]; contest?: string } }
  /**
   * `groups`, when any of them have some: how many of the new voters are in each voter group;
   * `contests`, when some contest is open to some groups only: how many of them may vote in each such contest.
   */
  | { type: 'VotersRegistered'; data: { count: number; groups?: Record<string, number>; contests?: Record<string, number> } }
  /** Before voting started, voters were marked as having voted by post: how many, and how many of them per contest. Their credentials were revoked. */
  | { type: 'PostalVotesRecorded'; data: { voters: number; contests: Record<string, number> } }
  /**
   * `reminders`, when there are any: the times, in order, at which voters who have not voted are
   * mailed again. `credentialsAt`, when the committee set one: when the credentials held until the
   * start go out, before opensAt; absent, they go out as voting opens.
   */
  | { type: 'VotingWindowSet'; data: { opensAt?: string; closesAt: string; reminders?: string[]; credentialsAt?: string } }
  /**
   * `observers`: how many there now are, which the log publishes, in the export and the live log
   * alike. Their addresses go beside the data in `addresses`, which no hash covers and nothing
   * publishes: the state keeps them to send mail, until the deletion of the personal data empties
   * them, and the stored event does not keep them (items written before it did hold them). Logs
   * written before the count hold the addresses themselves in `observers`, covered by the hash, so
   * their export holds them too.
   */
  | { type: 'ObserversSet'; data: { observers: number } | { observers: string[] }; addresses?: string[] }
  /** The committee's own words in the voters' mail, replacing any set before (domain/mailWording.ts). */
  | { type: 'MailWordingSet'; data: MailWording }
  /** An objection to the published election as the committee received it: its summary of the grounds, never who objected; `late`: after the challenge period. */
  | { type: 'ObjectionRecorded'; data: { id: number; receivedAt: string; grounds: string; late: boolean } }
  /**
   * The voters' personal data beside the log was deleted (domain/retention.ts): the roll, its
   * addresses, the mail, the credentials and the roll's salt. `rollHashes`: the SHA-256 of the roll's
   * keyed hashes as the export lists them, kept beside the log in the roll's place.
   */
  | { type: 'PersonalDataDeleted'; data: { at: string; rollHashes: string } }
  /** The committee's decision on objection `id`. */
  | { type: 'ObjectionDecided'; data: { id: number; outcome: ObjectionDecision; reasons: string } }
  /** `roll`: the roll as locked; absent in logs written before it was recorded. */
  | { type: 'ElectionLocked'; data: { roll?: RollFingerprint } & Agreement }
  /** The start of an election whose window opens later (Start). */
  | { type: 'VotingScheduled'; data: { opensAt: string; closesAt: string } & Agreement }
  /** By a start (with Agreement's marks on a roster's election), or by the workflow (Open) when the window opens. */
  | { type: 'VotingOpened'; data: { at: string } & Agreement }
  /**
   * A committee member asked to lock or start the election, or to accept its results, which a second committee member must
   * confirm before `expiresAt` (PROPOSAL_MINUTES after it); nothing else changes. `confirmCompromised`:
   * the proposer started knowing of the breaches recorded while the election was locked.
   */
  | { type: 'ActionProposed'; data: { action: ProposedAction; proposedBy: Actor; expiresAt: string; confirmCompromised?: true } }
  /** A member joined the election's committee roster, or a member's role or name changed. */
  | { type: 'MemberRecorded'; data: { member: Member } }
  /** A member left the roster: `name` as the roster had it, so the log reads without looking back. */
  | { type: 'MemberRemoved'; data: { id: string; name: string } }
  | { type: 'VotingClosed'; data: { at: string } }
  | { type: 'BallotBoxSealed'; data: Seal }
  /**
   * With several contests, each counted contest's sheet in an event of its own, between the seal
   * and the results, so that no item holds every sheet: the results in the state carry none.
   */
  | { type: 'CountSheetRecorded'; data: { contest: string; sheet: CountSheet } }
  /** `result` in an election of one contest; `results`, by contest id, with several. */
  | { type: 'ResultsTallied'; data: { result: TallyResult } | { results: Record<string, TallyResult> } }
  /**
   * A committee member's entry of a contest's postal papers after the count (domain/postalPapers.ts):
   * the first or the second reading, each paper as a ballot is stored, or the hand-counted totals,
   * and the invalid papers; `digest`: the whole entry's (postalDigest). An entry of many papers is recorded in `parts` events, `part` 0 first.
   */
  | { type: 'PostalPapersEntered'; data: { contest: string; entry: PostalEntryNumber; digest: string; part?: number; parts?: number } & PostalCount }
  /** The second entry equalled the first: the contest's postal papers are agreed, `digest` names them, `figures` are what they add to the count. */
  | { type: 'PostalPapersAgreed'; data: { contest: string; digest: string; figures: PostalFigures } }
  /**
   * Every contest with postal voters counted again over its online and agreed postal papers, lots
   * drawn from the same seeds: the results that replace those contests' results (with several
   * contests each sheet in a CountSheetRecorded event before it).
   */
  | { type: 'PostalCounted'; data: { results: Record<string, TallyResult> } }
  /** The committee accepted the counted results (with Agreement's marks on a roster's election): they may be published now. */
  | { type: 'ResultsAccepted'; data: { at: string } & Agreement }
  | { type: 'ResultsPublished'; data: { at: string } }
  /**
   * The workflow drew up the official record as of event `head`, where the results became final
   * (domain/officialRecord.ts), and lists each language's PDF by its SHA-256: a printed copy is
   * held to these digests, and the export rebuilds the same files.
   */
  | { type: 'OfficialRecordIssued'; data: { head: number; records: IssuedRecord[] } }
  /** A console sign-in or a change to the stack while the election was locked. It stays locked. */
  | { type: 'BreachDetected'; data: Breach }
  /**
   * At an admin's request, a voter's credential was revoked and a new one queued. The voter
   * appears only as their roll hash, the keyed hash of the audit export's roll lines.
   * `requestedBy: 'voter'` is only in logs written while a voter's own request by address still
   * re-issued; such a request now sends the same link again and is only counted (LinkRequestsCounted).
   */
  | { type: 'CredentialReissued'; data: { voter: string; requestedBy: 'voter' | 'admin' } }
  /**
   * The mail sender took up `requests` requests for a link by e-mail address (the voter page's
   * "Lost your link?"), before looking any of them up: whether each address is on the roll, its
   * voter has voted or asked too often, is in no event, and no address or voter is either.
   */
  | { type: 'LinkRequestsCounted'; data: { requests: number } }
  /** Before lock, an admin corrected a voter's address (a bounce, a typo) and a credential went to the new one. The voter only as their roll hash; no address in the log. */
  | { type: 'VoterAddressCorrected'; data: { voter: string } }
  /** Reminder `round` (the index of its time in the window's reminders) queued a mail to each of `voters` who had not voted. */
  | { type: 'RemindersQueued'; data: { round: number; at: string; voters: number } }
  /** The credentials held until voting opened went out: `voters`, everyone on the roll but the postal voters. */
  | { type: 'CredentialsReleased'; data: { at: string; voters: number } }
  /**
   * A lifecycle step failed for good; the observers were alerted. The phase does not change.
   * `continues`: the workflow went on without it (a reminder round); otherwise it stopped there
   * until the committee retries it.
   */
  | { type: 'LifecycleFailed'; data: { step: string; error: string; continues?: true } }
  /** The committee ran the stopped workflow again, from the log: `attempt` counts these retries. */
  | { type: 'LifecycleRetried'; data: { step: string; attempt: number } }
  /** A trustee's message of the key ceremony, checked against those before it (domain/sealedBox/keyCeremonyLog.ts). */
  | { type: 'TrusteeCertificateGiven'; data: { certificate: TrusteeCertificate } }
  | { type: 'TrusteeDealingGiven'; data: { dealing: Dealing } }
  | { type: 'TrusteeReviewGiven'; data: { review: ShareReview } }
  /** The round failed (a complaint was judged, naming who failed): the ceremony starts over. */
  | { type: 'KeyCeremonyFailed'; data: { failure: CeremonyFailure } }
  /** The whole transcript verified: the election key papers are sealed under, and each trustee's verification key. */
  | { type: 'ElectionKeyPublished'; data: ElectionKey }
  /** After the seal, a trustee's proved shuffle of a contest's board (position 0) or of the mix before; the file is kept under `digest`. */
  | { type: 'MixAccepted'; data: { contest: string; position: number; mixer: number; papers: number; digest: string } }
  /** A trustee's proved decryption shares of a contest's last mix; the file is kept under `digest`. */
  | { type: 'DecryptionAccepted'; data: { contest: string; trustee: number; digest: string } };

/** What cannot be undone and so, on a committee of two or more, takes two of its members (domain/twoMembers.ts). */
export type ProposedAction = 'Lock' | 'Start' | 'Accept';

/**
 * How a lock, a start or the acceptance of the results was agreed on an election with a committee roster: `proposedBy` the member
 * who proposed it (the event's `by` confirmed it), or `alone` when the committee had one member
 * who could. Neither in logs without a roster.
 */
export type Agreement = { proposedBy?: Actor; alone?: true };

/** At creation: a sealed election says so, with its trustees; an election without `box` keeps its ballots in plaintext. */
export type SealedBoxChoice = { box?: undefined; trustees?: undefined } | { box: 'sealed'; trustees: Trustees };

/** What CloudTrail said about a suspicious call, and when we saw it. */
export interface Breach {
  cloudTrailEventId: string;
  eventName: string;
  principal: string;
  sourceIp: string;
  eventTime: string;
  detectedAt: string;
}

/** The event as the log publishes it: without what no hash covers (the observers' addresses). */
export function publishedEvent(event: RecordedEvent): RecordedEvent {
  if (event.type !== 'ObserversSet' || event.addresses === undefined) return event;
  const { addresses: _, ...published } = event;
  return published;
}

/**
 * An event as it stands in the log: numbered, timestamped and chained to its predecessor. `by`:
 * the committee member whose command recorded it, covered by the hash; absent for what the system
 * does itself (the workflow, the mail sender, breach detection), and in logs written before
 * personal accounts.
 */
export type RecordedEvent = ElectionEvent & {
  electionId: ElectionId;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
  by?: Actor;
};
