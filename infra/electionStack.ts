import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { ElectionAlarms } from './alarms';
import { AlertTopics } from './alertTopics';
import { AuditExports } from './auditExports';
import { BreachDetection } from './breachDetection';
import { CommitteeAccounts } from './committeeAccounts';
import { ElectionDashboard } from './dashboard';
import { ElectionApi } from './electionApi';
import { ElectionFunctions } from './electionFunctions';
import { ElectionSecrets } from './electionSecrets';
import { ElectionTables } from './electionTables';
import { LifecycleWorkflow } from './lifecycleWorkflow';
import { MailIdentity } from './mailIdentity';
import { MailPath } from './mailPath';
import { RetentionSweep } from './retentionSweep';
import { OpeningChecks } from './openingCheckWorkflow';
import { VoterSite } from './voterSite';

export interface ElectionStackProps extends StackProps {
  /** The From address of every e-mail; SES must verify it (or its domain) before anything is sent. */
  senderEmail: string;
  /** The independent observers: each gets an SNS e-mail subscription for alerts. */
  observerEmails: string[];
  /** Who receives operational alarms; the observers when not given. */
  operatorEmails?: string[];
  /** Verify this domain in SES instead of the single sender address. */
  domain?: string;
  /**
   * The voter page's base URL for the links in e-mails, e.g. a custom domain in front of the
   * distribution; the distribution's own https://….cloudfront.net when not given.
   */
  publicUrl?: string;
  /** The prefix of the committee's hosted sign-in domain, `<prefix>.auth.<region>.amazoncognito.com`. */
  authDomainPrefix?: string;
  /** The first committee member, made with the user pool: the one who invites the others. */
  chair?: { email: string; name: string };
}

/**
 * The deployed system. Every function has a role of its own holding exactly the actions its code
 * uses on exactly its resources; no role may update or delete an item of the events table.
 *
 * Its parts add their resources to the stack itself, under the ids they had before there were
 * parts: a resource's logical ID is its path of construct ids, so a resource moved under a
 * construct of its own would be replaced on the next deploy, and the tables refuse deletion.
 */
export class ElectionStack extends Stack {
  constructor(scope: Construct, id: string, props: ElectionStackProps) {
    super(scope, id, props);
    const tables = new ElectionTables(this);
    const secrets = new ElectionSecrets(this);
    const mail = new MailIdentity(this, props);
    const alerts = new AlertTopics(this, props);
    const functions = new ElectionFunctions(this, { ...tables.environment, ...mail.environment });

    // Here, not with its routes: the site fronts it, and the links every function mails need the site's URL.
    const api = new HttpApi(this, 'Api', { createDefaultStage: false, description: 'Student election API' });
    const auditExports = new AuditExports(this);
    const voterSite = new VoterSite(this, 'VoterSite', { api, auditExports: auditExports.bucket });
    const publicUrl = props.publicUrl ?? voterSite.url;
    // The admin API's function signs members in through it and manages their accounts; the lifecycle mails the committee at its addresses.
    const accounts = new CommitteeAccounts(this, { publicUrl, domainPrefix: props.authDomainPrefix, chair: props.chair });

    // The functions in the order the breach handler lists their roles: tasks, opening checks, API, mail.
    const { stateMachine } = new LifecycleWorkflow(this, { functions, tables, mail, auditExports, accounts, publicUrl });
    const openingChecks = new OpeningChecks(this, { functions, tables, lifecycle: stateMachine });
    const { stage } = new ElectionApi(this, { api, functions, tables, secrets, auditExports, accounts, lifecycle: stateMachine, openingCheck: openingChecks.stateMachine, publicUrl });
    const outbox = new MailPath(this, { functions, tables, secrets, mail, publicUrl });
    new RetentionSweep(this, { functions, tables, secrets, auditExports, publicUrl });
    new BreachDetection(this, {
      functions,
      tables,
      mail,
      observers: alerts.observers,
      workflows: [stateMachine, openingChecks.stateMachine],
      credentialKey: secrets.credentialKey,
      voterSite,
      api,
      streamMappingId: outbox.streamMappingId,
      auditExports: auditExports.bucket,
      committeeAccounts: accounts.userPool,
    });
    new ElectionAlarms(this, { operators: alerts.operators, stage, functions: functions.all, lifecycle: stateMachine });
    new ElectionDashboard(this, 'Operations');

    new CfnOutput(this, 'VoterPageUrl', { value: `${publicUrl}/vote`, description: 'The voter page; the API is on the same origin' });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'The election API, directly' });
    new CfnOutput(this, 'AdminTokenSecretArn', { value: secrets.adminToken.secretArn, description: 'aws secretsmanager get-secret-value --secret-id <this> gives the admin token' });
    new CfnOutput(this, 'ObserversTopicArn', { value: alerts.observers.topicArn, description: 'Breach alerts go here' });
  }
}
