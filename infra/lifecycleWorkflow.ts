import type { CommitteeAccounts } from './committeeAccounts';
import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { LifecycleTaskName } from '../contract/lifecycleTasks';
import { ElectionLifecycle } from '../workflows/lifecycle';
import type { AuditExports } from './auditExports';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionTables } from './electionTables';
import { GRACE_SECONDS, TASK_FUNCTIONS } from './lambdaFunctions';
import type { MailIdentity } from './mailIdentity';

export interface LifecycleWorkflowProps {
  functions: ElectionFunctions;
  tables: ElectionTables;
  mail: MailIdentity;
  auditExports: AuditExports;
  /** The voter page's base URL, for the links in e-mails and exports. */
  /** The committee's accounts, whose addresses the waits for a sealed box's opening and for the acceptance of the results mail. */
  accounts: CommitteeAccounts;
  publicUrl: string;
}

/** The tasks that wait for the committee: each mails its members and ends its own wait when there is nothing to wait for. */
const COMMITTEE_WAITS: readonly LifecycleTaskName[] = ['AwaitOpening', 'AwaitAcceptance'];

/** The election's lifecycle: its state machine, and a function for each of its tasks holding what that task does. */
export class LifecycleWorkflow {
  readonly stateMachine: StateMachine;

  constructor(stack: Stack, { functions, tables, mail, auditExports, accounts, publicUrl }: LifecycleWorkflowProps) {
    const taskAccess: Record<LifecycleTaskName, (role: IRole) => void> = {
      OpenVoting: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role);
      },
      // Reads the held credential mail items, queues each, appends the release.
      ReleaseCredentials: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role);
        tables.grantReadMail(role, ['Query']);
        tables.grantUpdateMail(role);
      },
      // Reads voters' mail items and markers, re-queues the mail of those who have not voted, appends the count; alerts its own failure.
      QueueReminders: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role);
        tables.grantReadBallots(role, 'GetItem');
        tables.grantReadMail(role, ['Query']);
        tables.grantUpdateMail(role);
        mail.grantSend(role, 'ses:SendEmail');
      },
      CloseVoting: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role);
      },
      // Reads the box, appends the seal and the tally, and mails the observers the head at sealing.
      TallyBallots: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role);
        tables.grantReadBallots(role, 'Query');
        mail.grantSend(role, 'ses:SendEmail');
      },
      // Keeps the wait's token beside the log and reads the log; ending its own wait is granted below, apart from its role's policy.
      AwaitOpening: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role, ['ELECTION#*']);
        // Tells the observers, once, that the sealed box waits for the committee, and calls the committee's members to it at their addresses.
        mail.grantSend(role, 'ses:SendEmail');
        accounts.grantMemberReading(role);
      },
      // Keeps the wait's token beside the log, reads the log and when it was counted; ending its own wait is granted below, apart from its role's policy.
      AwaitAcceptance: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role, ['ELECTION#*']);
        // Calls the committee's members at their addresses and tells the observers, once, then reminds the committee each day.
        mail.grantSend(role, 'ses:SendEmail');
        accounts.grantMemberReading(role);
      },
      // Reads the log up to the final results' head, appends the issued record's digests.
      IssueRecord: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role);
      },
      // Reads the opening's files beside the log, appends the count, and mails the observers the head at sealing.
      CountOpened: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role);
        mail.grantSend(role, 'ses:SendEmail');
      },
      // Writes the plan of the results mailing, one item per page of the roll.
      PlanResultMail: (role) => {
        tables.grantReadEvents(role, 'Query');
        tables.grantPutEvents(role, ['ELECTION#*#MAILPLAN']);
      },
      MailResultBatch: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role, ['ELECTION#*#MAILED', 'ELECTION#*#UNDELIVERED#*']);
        mail.grantSend(role, 'ses:SendBulkEmail');
      },
      // Appends ResultsPublished, then writes the audit export: the log, the box and the roll.
      PublishResults: (role) => {
        tables.grantReadEvents(role, 'GetItem', 'Query');
        tables.grantPutEvents(role);
        tables.grantReadBallots(role, 'Query');
        auditExports.grantExport(role);
      },
      RecordFailure: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role);
        mail.grantSend(role, 'ses:SendEmail');
      },
    };
    const tasks = {} as Record<LifecycleTaskName, NodejsFunction>;
    for (const name of Object.keys(TASK_FUNCTIONS) as LifecycleTaskName[]) {
      // The publish step writes the audit export; every task's e-mails link to the page.
      const environment = {
        PUBLIC_URL: publicUrl,
        ...(name === 'PublishResults' && auditExports.environment(publicUrl)),
        ...(COMMITTEE_WAITS.includes(name) && accounts.environment),
      };
      tasks[name] = functions.add(TASK_FUNCTIONS[name], environment, taskAccess[name]);
    }
    const logGroup = new LogGroup(stack, 'LifecycleLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new ElectionLifecycle(stack, 'Lifecycle', { tasks, graceSeconds: GRACE_SECONDS, logGroup }).stateMachine;
    // A policy of its own, not the role's default one, which the function depends on: the state machine depends on the function.
    for (const name of COMMITTEE_WAITS) {
      new Policy(stack, `${name}EndsItsWait`, {
        roles: [tasks[name].role!],
        statements: [new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.stateMachine.stateMachineArn] })],
      });
    }
  }
}
