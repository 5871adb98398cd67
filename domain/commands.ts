import type { Acceptance } from './acceptance';
import type { Member } from './committee';
import type { CredentialMail } from './credentialMail';
import type { ContestDefinition } from './contest';
import type { BallotDefinition, Candidate, ElectionId, SealedBallot } from './election';
import type { Breach } from './events';
import type { Language } from './locale';
import type { MailWording } from './mailWording';
import type { ObjectionDecision } from './objections';
import type { IssuedRecord } from './officialRecord';
import type { PostalCount, PostalEntryInput, PostalEntryNumber } from './postalPapers';
import type { RollFingerprint } from './state';
import type { DecodedPaper } from './crypto/paperEncoding';
import type { BoxMode, Trustees } from './sealedBox/trustees';

/** Everything anyone can ask of an election's lifecycle. Times come in from outside: the domain has no clock. */
export type ElectionCommand =
  | ({
      type: 'CreateElection';
      electionId: ElectionId;
      title: string;
      observers?: string[];
      window?: { opensAt?: string; closesAt: string; reminders?: string[]; credentialsAt?: string };
      /** `sealed`: encrypted papers, opened by `trustees` together; `open` (the default): plaintext. */
      box?: BoxMode;
      trustees?: Trustees;
      /** The identity provider's members at creation, given by the handler: the election's roster from then on. Without it no role is checked (the 2019 command API). */
      committee?: Member[];
      /** The voters' language unless their roll entry has one, and the zone the election's times are shown in. */
      language?: Language;
      timeZone?: string;
      /** Days after the publication in which the election may be challenged (DEFAULT_CHALLENGE_DAYS). */
      challengeDays?: number;
      /** Days the voters' personal data is kept after the challenge period (DEFAULT_RETENTION_DAYS). */
      retentionDays?: number;
      /** `at-start`: credentials held until voting opens (the REST API's elections); absent: mailed at registration (the 2019 command API). */
      credentialMail?: CredentialMail;
      /** Who makes the counted results final (DEFAULT_ACCEPTANCE): the 2019 command API never asks for the committee's acceptance. */
      acceptance?: Acceptance;
      now: Date;
    } & ({ ballot: BallotDefinition; candidates?: Candidate[] } | { contests: (ContestDefinition & { candidates?: Candidate[] })[] }))
  /** `contest` may be left out in an election of one contest. */
  | { type: 'AddCandidates'; candidates: Candidate[]; contest?: string }
  /** `groups`: the new voters per voter group; `contests`: per contest open to some groups only, how many may vote in it (eligibilityCounts). */
  | { type: 'RegisterVoters'; count: number; groups?: Record<string, number>; contests?: Record<string, number> }
  /** `contests`: for every contest, how many of the postal voters may vote in it (countPerContest). */
  | { type: 'RecordPostalVotes'; voters: number; contests: Record<string, number> }
  /**
   * Without opensAt the current opening time is kept (the thesis's `set_deadline`), and so are the
   * reminders without `reminders`. Without `credentialsAt` the held credentials go out as voting opens.
   */
  | { type: 'SetVotingWindow'; opensAt?: string; closesAt: string; reminders?: string[]; credentialsAt?: string; now: Date }
  | { type: 'SetObservers'; observers: string[] }
  /** The committee's words in the voters' mail, until the lock: the whole wording, replacing the last. */
  | ({ type: 'SetMailWording' } & MailWording)
  /** After the publication: an objection as received, `now` to hold its time to. */
  | { type: 'RecordObjection'; receivedAt: string; grounds: string; now: Date }
  | { type: 'DecideObjection'; objection: number; outcome: ObjectionDecision; reasons: string }
  /** By the retention sweep, once the data is due for deletion: `rollHashes` as kept beside the log (domain/retention.ts). */
  | { type: 'DeletePersonalData'; now: Date; rollHashes: string }
  /**
   * `roll`: the roll as read just before, which must still be the whole roll (absent when replaying
   * a log that lacks it). `now`: when a proposal to lock, on a committee of two or more, expires from.
   */
  | { type: 'Lock'; roll?: RollFingerprint; now: Date }
  /**
   * Opens voting now, or schedules it when the window opens later. `confirmCompromised`: the admin
   * knows of the breaches recorded while the election was locked and starts it all the same.
   */
  | { type: 'Start'; now: Date; confirmCompromised?: boolean }
  /** The committee accepts the counted results, so that they are published; `now`: when a proposal to accept, on a committee of two or more, expires from. */
  | { type: 'Accept'; now: Date }
  /** A member's entry of a contest's postal papers (domain/postalPapers.ts); `first`: the first entry as the log records it, given with a second. */
  | { type: 'EnterPostalPapers'; contest: string; entry: PostalEntryNumber; count: PostalEntryInput; first?: PostalCount }
  /** The count again with the agreed postal papers: `online`, each contest's papers as the online count read them; `postal`, each contest's agreed entry. */
  | { type: 'CountWithPostal'; online: ReadonlyMap<string, readonly DecodedPaper[]>; postal: ReadonlyMap<string, PostalCount> }
  | { type: 'Open'; now: Date }
  | { type: 'Close'; now: Date }
  /** Every contest's box, by contest id, and how many voters cast (their participation markers). */
  | { type: 'SealAndTally'; boxes: ReadonlyMap<string, readonly SealedBallot[]>; voters: number }
  | { type: 'Publish'; now: Date }
  /** The workflow issues the official record as of `head`, each language's PDF named by its SHA-256 (domain/officialRecord.ts). */
  | { type: 'IssueOfficialRecord'; head: number; records: IssuedRecord[] }
  /** `requestedBy: 'voter'` only when replaying a log written while voters' own requests re-issued. */
  | { type: 'ReissueCredential'; voter: string; requestedBy: 'voter' | 'admin' }
  /** The mail sender took up this many voters' requests for their link by address. */
  | { type: 'CountLinkRequests'; requests: number }
  | { type: 'CorrectVoterAddress'; voter: string }
  /** The workflow queued reminder `round` to `voters` voters who had not voted. */
  | { type: 'RecordReminders'; round: number; voters: number }
  /** The workflow mailed the credentials held until voting opened. */
  | { type: 'RecordCredentialsReleased'; now: Date }
  | { type: 'RecordLifecycleFailure'; step: string; error: string; continues?: true }
  /** Runs the workflow again after it stopped at a failed step. */
  | { type: 'RetryLifecycle' }
  /** A member joins the election's roster, or a member's role or name changes. */
  | { type: 'RecordMember'; member: Member }
  /** A member leaves the election's roster. */
  | { type: 'RemoveMember'; id: string }
  | { type: 'RecordBreach'; breach: Breach }
  /** A trustee's certificate, dealing or review, whichever the ceremony's step asks for. */
  | { type: 'GiveCeremonyMessage'; message: unknown }
  /** A mix whose shuffle proof the system checked against its input; `digest` names its file. */
  | { type: 'AcceptMix'; contest: string; position: number; mixer: number; papers: number; digest: string }
  /** A trustee's decryption shares, every proof checked against their verification key; `digest` names the file. */
  | { type: 'AcceptDecryption'; contest: string; trustee: number; digest: string }
  /** Every contest opened: its papers read back from the combined decryptions, in the last mix's order. */
  | { type: 'TallyOpened'; papers: ReadonlyMap<string, readonly DecodedPaper[]> };
