import type { AlertClaims } from './alertClaims';
import type { AuditExportStore } from './auditExports';
import type { BallotBox } from './ballotBox';
import type { Clock } from './clock';
import type { CredentialMinter } from './credentialMinter';
import type { Credentials } from './credentials';
import type { EffectsLedger } from './effectsLedger';
import type { EventStream } from './eventStream';
import type { LifecycleStarter } from './lifecycleStarter';
import type { LinkRequestCounts, LinkRequests } from './linkRequests';
import type { Log } from './log';
import type { MailOutbox } from './mailOutbox';
import type { Mailer } from './mailer';
import type { Metrics } from './metrics';
import type { OfficialRecords } from './officialRecords';
import type { OpeningChecks, OpeningCheckStarter } from './openingChecks';
import type { CommitteeWaits } from './committeeWaits';
import type { OpeningFiles } from './openingFiles';
import type { PendingUploads } from './pendingUploads';
import type { PersonalMail, PersonalRecords } from './personalData';
import type { Roll } from './roll';
import type { ApiTokens, Authenticator, HostedSignIn, MemberDirectory } from './identity';

/** Every port on the election tables (the events table and the ballot box), as one store implements them. */
export interface ElectionStore extends EventStream, Roll, Credentials, BallotBox, EffectsLedger, LinkRequestCounts, OpeningFiles, CommitteeWaits, PendingUploads, OpeningChecks, PersonalRecords {}

/** Every port on the mail table, as one queue implements them. */
export interface MailQueue extends MailOutbox, LinkRequests, AlertClaims, PersonalMail {}

export interface Deps {
  store: ElectionStore;
  mail: MailQueue;
  minter: CredentialMinter;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  lifecycle: LifecycleStarter;
  /** Checks uploads too large for one request on the opening-check workflow. */
  openingChecks: OpeningCheckStarter;
  auditExports: AuditExportStore;
  /** Writes official records as PDFs: the record's own function. */
  officialRecords: OfficialRecords;
  /** A new receipt: random, unlinkable to the voter, handed to the voter only and stored nowhere. */
  newReceipt(): string;
  newElectionId(): string;
  /** Bytes from the CSPRNG: a personal API token's text and id. */
  secureBytes(bytes: number): Uint8Array;
  adminTokenHash: string;
  /** Who a bearer token belongs to: the admin token's member, a member's session, or a personal API token. */
  authenticator: Authenticator;
  /** The committee's accounts at the identity provider. */
  directory: MemberDirectory;
  apiTokens: ApiTokens;
  /** The console's sign-in at the identity provider; undefined where there is none (a deployment without a sign-in domain, a test). */
  hostedSignIn: HostedSignIn | undefined;
  publicUrl: string;
}
