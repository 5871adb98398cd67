import type { RouteGroup } from '../handlers/api/routeTable';
import type { LifecycleTaskName } from '../contract/lifecycleTasks';
import type { OpeningCheckTaskName } from '../contract/openingCheckTasks';
import { RECORD_FONT_FILES } from '../record/fonts';

/** The record's function bundles pdf-lib and fontkit besides every route: about 1,670 KB minified, against the others' 520. */
const RECORD_BUNDLE_LIMIT_BYTES = 1800 * 1024;

/** What a function that writes official records is given: room for pdf-lib and fontkit, and the DejaVu fonts beside its bundle. */
const RECORD_WRITER: Pick<LambdaSpec, 'bundleLimitBytes' | 'files'> = {
  bundleLimitBytes: RECORD_BUNDLE_LIMIT_BYTES,
  files: Object.values(RECORD_FONT_FILES).map((name) => `node_modules/dejavu-fonts-ttf/ttf/${name}`),
};

/** Every Lambda function of the stack: its entry file, and what it is given. Shared by the stack and the bundle report. */
export interface LambdaSpec {
  id: string;
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Instances that may run at once, when it must be bounded. */
  reservedConcurrency?: number;
  /** Its bundle's limit, when it is not BUNDLE_LIMIT_BYTES (infra/bundling.ts). */
  bundleLimitBytes?: number;
  /** Files of the repository it reads at run time, copied beside its bundle (found there through LAMBDA_TASK_ROOT). */
  files?: readonly string[];
}

export const API_FUNCTIONS: Record<RouteGroup, LambdaSpec> = {
  read: { id: 'ApiRead', entry: 'handlers/lambda/apiRead.ts', memoryMb: 512, timeoutSeconds: 10 },
  cast: { id: 'ApiCast', entry: 'handlers/lambda/apiCast.ts', memoryMb: 1024, timeoutSeconds: 10 },
  newLink: { id: 'ApiNewLink', entry: 'handlers/lambda/apiNewLink.ts', memoryMb: 512, timeoutSeconds: 10 },
  admin: { id: 'ApiAdmin', entry: 'handlers/lambda/apiAdmin.ts', memoryMb: 1024, timeoutSeconds: 29 },
  commands: { id: 'ApiCommands', entry: 'handlers/lambda/apiCommands.ts', memoryMb: 1024, timeoutSeconds: 29 },
  /**
   * The official record: the API's routes, pdf-lib and fontkit (about 1.1 MB minified more than
   * the others, which is why no other function bundles them), and the DejaVu fonts beside the bundle.
   */
  record: {
    id: 'ApiRecord',
    entry: 'handlers/lambda/apiRecord.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    ...RECORD_WRITER,
  },
};

export const TASK_FUNCTIONS: Record<LifecycleTaskName, LambdaSpec> = {
  OpenVoting: { id: 'TaskOpenVoting', entry: 'handlers/lambda/taskOpenVoting.ts', memoryMb: 512, timeoutSeconds: 30 },
  /** Reads the election's held credential mail items and queues each: one write per voter. */
  ReleaseCredentials: { id: 'TaskReleaseCredentials', entry: 'handlers/lambda/taskReleaseCredentials.ts', memoryMb: 1024, timeoutSeconds: 900 },
  /** Reads every voter's mail item and marker and re-queues the mail of those who have not voted: about 2 calls per voter. */
  QueueReminders: { id: 'TaskQueueReminders', entry: 'handlers/lambda/taskQueueReminders.ts', memoryMb: 1024, timeoutSeconds: 900 },
  CloseVoting: { id: 'TaskCloseVoting', entry: 'handlers/lambda/taskCloseVoting.ts', memoryMb: 512, timeoutSeconds: 30 },
  TallyBallots: { id: 'TaskTallyBallots', entry: 'handlers/lambda/taskTallyBallots.ts', memoryMb: 2048, timeoutSeconds: 900 },
  /** Keeps the token of the wait for the committee to open a sealed box, and ends the wait when there is nothing to wait for. */
  AwaitOpening: { id: 'TaskAwaitOpening', entry: 'handlers/lambda/taskAwaitOpening.ts', memoryMb: 512, timeoutSeconds: 30 },
  /** Reads every contest's last mix and the trustees' shares, combines and counts: as heavy as the tally. */
  CountOpened: { id: 'TaskCountOpened', entry: 'handlers/lambda/taskCountOpened.ts', memoryMb: 2048, timeoutSeconds: 900 },
  /** Keeps the token of the wait for the committee to accept the counted results, calls and reminds the committee, and ends the wait when there is nothing to wait for. */
  AwaitAcceptance: { id: 'TaskAwaitAcceptance', entry: 'handlers/lambda/taskAwaitAcceptance.ts', memoryMb: 512, timeoutSeconds: 30 },
  /** Writes the official record in each language once the results are final: the other function with the PDF library and the fonts. */
  IssueRecord: { id: 'TaskIssueRecord', entry: 'handlers/lambda/taskIssueRecord.ts', memoryMb: 1024, timeoutSeconds: 120, ...RECORD_WRITER },
  PlanResultMail: { id: 'TaskPlanResultMail', entry: 'handlers/lambda/taskPlanResultMail.ts', memoryMb: 1024, timeoutSeconds: 300 },
  /** A page is up to 50 SES calls in a row; a throttled one ends the run early and the workflow's Retry resumes the page. */
  MailResultBatch: { id: 'TaskMailResultBatch', entry: 'handlers/lambda/taskMailResultBatch.ts', memoryMb: 512, timeoutSeconds: 300 },
  PublishResults: { id: 'TaskPublishResults', entry: 'handlers/lambda/taskPublishResults.ts', memoryMb: 1024, timeoutSeconds: 900 },
  RecordFailure: { id: 'TaskRecordFailure', entry: 'handlers/lambda/taskRecordFailure.ts', memoryMb: 512, timeoutSeconds: 60 },
};

/** Reads a whole upload (up to 64 MB of text) and parses it, then checks its part's proofs: the most memory, and with it the most vCPU. */
const READS_A_WHOLE_UPLOAD = { memoryMb: 3008, timeoutSeconds: 900 };

export const OPENING_CHECK_FUNCTIONS: Record<OpeningCheckTaskName, LambdaSpec> = {
  PlanOpeningCheck: { id: 'OpeningCheckPlan', entry: 'handlers/lambda/openingCheckPlan.ts', ...READS_A_WHOLE_UPLOAD },
  CheckOpeningPart: { id: 'OpeningCheckPart', entry: 'handlers/lambda/openingCheckPart.ts', ...READS_A_WHOLE_UPLOAD },
  ConcludeOpeningCheck: { id: 'OpeningCheckConclude', entry: 'handlers/lambda/openingCheckConclude.ts', ...READS_A_WHOLE_UPLOAD },
  RecordOpeningCheckFailure: { id: 'OpeningCheckRecordFailure', entry: 'handlers/lambda/openingCheckRecordFailure.ts', memoryMb: 512, timeoutSeconds: 60 },
};

/** Subscribed to the CloudTrail log group: records and alerts breaches during a lock. */
export const BREACH_FUNCTION: LambdaSpec = { id: 'BreachDetector', entry: 'handlers/lambda/breach.ts', memoryMb: 512, timeoutSeconds: 60 };

/**
 * Drains the mail table's outbox at the account's SES rate, from its stream and a sweep each
 * minute. Its claims outlast its timeout, so only a sender that died loses an item to the next.
 * One instance at a time, so that its pacer holds the account's rate.
 */
export const MAIL_SENDER_FUNCTION: LambdaSpec = { id: 'MailSender', entry: 'handlers/lambda/mailSender.ts', memoryMb: 512, timeoutSeconds: 900, reservedConcurrency: 1 };
/** SES's bounces, complaints and deliveries, through SNS, onto the voters' mail items. */
export const MAIL_EVENTS_FUNCTION: LambdaSpec = { id: 'MailEvents', entry: 'handlers/lambda/mailEvents.ts', memoryMb: 256, timeoutSeconds: 30 };

/** Each day: every election's personal data that is due, one credential derivation and one delete per item; a roll of 100,000 in a few minutes. */
export const RETENTION_SWEEP_FUNCTION: LambdaSpec = { id: 'RetentionSweep', entry: 'handlers/lambda/retentionSweep.ts', memoryMb: 1024, timeoutSeconds: 900, reservedConcurrency: 1 };

export const ALL_FUNCTIONS: LambdaSpec[] = [
  ...Object.values(API_FUNCTIONS),
  ...Object.values(TASK_FUNCTIONS),
  ...Object.values(OPENING_CHECK_FUNCTIONS),
  BREACH_FUNCTION,
  MAIL_SENDER_FUNCTION,
  MAIL_EVENTS_FUNCTION,
  RETENTION_SWEEP_FUNCTION,
];

/** The timeouts of the functions that cast bound how late an acknowledged ballot can land; the grace period outlasts it. */
export const GRACE_SECONDS = Math.max(API_FUNCTIONS.cast.timeoutSeconds, API_FUNCTIONS.commands.timeoutSeconds) + 15;
