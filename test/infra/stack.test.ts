import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRAIL_RECORD_DAYS } from '../../infra/breachDetection';
import { ElectionStack } from '../../infra/electionStack';
import {
  ALL_FUNCTIONS,
  API_FUNCTIONS,
  BREACH_FUNCTION,
  GRACE_SECONDS,
  MAIL_EVENTS_FUNCTION,
  MAIL_SENDER_FUNCTION,
  OPENING_CHECK_FUNCTIONS,
  RETENTION_SWEEP_FUNCTION,
  TASK_FUNCTIONS,
} from '../../infra/lambdaFunctions';
import { MAIL_TABLE } from '../../handlers/adapters/tableSchema';
import { METRIC_NAMESPACE } from '../../handlers/adapters/telemetryNames';
import type { Capability } from '../../handlers/lambda/environment';
import { METRIC } from '../../handlers/ports';
import { WATCHED_BY_RESOURCE_TYPE } from '../../handlers/breach/watchedCalls';
import { mayOnTable, type Statement } from '../support/iamPolicies';
import { API_CALL, breachEventPatterns, breachFilterPatterns, EVENT_PATTERN_LIMIT, FILTERS_PER_LOG_GROUP, WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';

const DEPLOYER = 'VoterSiteDeployment';
const PROPS = {
  senderEmail: 'elections@uni.test',
  observerEmails: ['obs1@uni.test', 'obs2@uni.test'],
  authDomainPrefix: 'uni-election-test',
  chair: { email: 'chair@uni.test', name: 'Ada Lovelace' },
};

/** Each function role's statements, as `actions on resources [if condition]`, with resources named by kind. */
const LOGS = 'logs:CreateLogStream,logs:PutLogEvents on own-log-group';
const XRAY = 'xray:PutTraceSegments,xray:PutTelemetryRecords on *';
const SES_SEND = 'ses:SendEmail on ses-identity,ses-configuration-set';
const MAC = 'kms:GenerateMac on credential-key';
const UPDATE_MAIL = 'dynamodb:UpdateItem on mail-table';
const CHECK_MARKER = 'dynamodb:ConditionCheckItem on ballots-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#VOTED#*';
const CHECK_CREDENTIAL = 'dynamodb:ConditionCheckItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=CREDENTIAL#*';
const QUEUE_MAIL = 'dynamodb:PutItem on mail-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#MAIL#*';
const PUT_BALLOT_BOX = 'dynamodb:PutItem on ballots-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#VOTED#*,ELECTION#*#BALLOTS#*';
const ADMIN_TAIL = ['states:StartExecution on lifecycle-state-machine', 'secretsmanager:GetSecretValue on admin-token-secret', MAC, XRAY];
const ADMIN_MAIL = ['dynamodb:GetItem,dynamodb:Query on mail-table', QUEUE_MAIL, UPDATE_MAIL];
/** An opening check's tasks read the log, the pending upload and the mix files it follows, and the board; and write beside the log. */
const READ_UPLOAD_AND_BOARD = ['dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:Query on ballots-table'];
const PUT_CHECKS = 'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#CHECK#*';
/** The member directory's calls (handlers/adapters/cognitoMemberDirectory.ts), on the committee's pool only: invite, change roles, list, remove, and each bearer's standing. */
const DIRECTORY = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:ListUsersInGroup',
].join(',');
/** Head, presign and stream up audit exports, under their prefix only; listing makes a missing export a 404. */
const AUDIT_EXPORTS = ['s3:GetObject,s3:PutObject,s3:AbortMultipartUpload on exports-bucket/audit-logs/*', 's3:ListBucket on exports-bucket'];
const EXPECTED: Record<string, string[]> = {
  [API_FUNCTIONS.read.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:GetItem,dynamodb:Query on ballots-table', ...AUDIT_EXPORTS, XRAY],
  // Reads the log to write the official record from it: nothing else, not even the ballot box.
  [API_FUNCTIONS.record.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', XRAY],
  // One transaction: credential checks, marker and ballot, the queued confirmation. No SES, no write to the events table.
  [API_FUNCTIONS.cast.id]: [LOGS, 'dynamodb:GetItem on events-table', CHECK_CREDENTIAL, PUT_BALLOT_BOX, QUEUE_MAIL, XRAY],
  // Reads the phase and queues the request; nothing that could tell one address from another, no key to derive a token.
  [API_FUNCTIONS.newLink.id]: [LOGS, 'dynamodb:GetItem on events-table', 'dynamodb:PutItem on mail-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#LINK-REQUESTS#*', XRAY],
  // Besides the 2019 API's: reads the board for a sealed box's first mix, ends the workflow's wait for the committee, starts
  // opening checks, and signs members in and manages their accounts (their API tokens are events-table items it reads and puts).
  [API_FUNCTIONS.admin.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table',
    CHECK_MARKER,
    ...ADMIN_MAIL,
    ...ADMIN_TAIL.slice(0, -1),
    'dynamodb:Query on ballots-table',
    'states:SendTaskSuccess on lifecycle-state-machine',
    'states:StartExecution on opening-check-state-machine',
    'states:DescribeExecution on opening-check-executions',
    `${DIRECTORY} on committee-user-pool`,
    XRAY,
  ],
  [API_FUNCTIONS.commands.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table',
    CHECK_CREDENTIAL,
    PUT_BALLOT_BOX,
    CHECK_MARKER,
    ...ADMIN_MAIL,
    ...ADMIN_TAIL,
  ],
  // Derives tokens, writes credentials, reads markers (reminders), claims and settles mail, answers voters' requests for their link
  // and appends their count; the stream's read actions are the event source's.
  [MAIL_SENDER_FUNCTION.id]: [
    LOGS,
    'dynamodb:GetItem on events-table',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=CREDENTIAL#*,ELECTION#*',
    'dynamodb:GetItem on ballots-table',
    `dynamodb:GetItem,dynamodb:Query on mail-table,mail-table/index/${MAIL_TABLE.inFlightIndex.name}`,
    'dynamodb:PutItem on mail-table if ForAllValues:StringLike dynamodb:LeadingKeys=MESSAGE#*',
    UPDATE_MAIL,
    SES_SEND,
    'ses:GetAccount on *',
    MAC,
    XRAY,
    'dynamodb:ListStreams on *',
    'dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator on mail-table-stream',
  ],
  [MAIL_EVENTS_FUNCTION.id]: [LOGS, 'dynamodb:GetItem on mail-table', UPDATE_MAIL, XRAY],
  // Keeps the roll's hashes, appends the deletion, derives each credential's token to find it, deletes the personal items
  // (only in their partitions: never the log) and writes the export again.
  [RETENTION_SWEEP_FUNCTION.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*',
    MAC,
    'dynamodb:Query,dynamodb:BatchGetItem,dynamodb:BatchWriteItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#ROLL,ELECTION#*#EMAILS,ELECTION#*#ADDRESS,ELECTION#*#POSTAL,ELECTION#*#UNDELIVERED#*,ELECTION#*#MAILPLAN,ELECTION#*#SECRET,CREDENTIAL#*',
    'dynamodb:Query,dynamodb:BatchGetItem,dynamodb:BatchWriteItem on mail-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#MAIL#*,ELECTION#*#LINK-REQUESTS#*,MESSAGE#*',
    'dynamodb:Query on ballots-table',
    's3:GetObject,s3:PutObject,s3:AbortMultipartUpload on exports-bucket/audit-logs/*',
    's3:ListBucket on exports-bucket',
    XRAY,
  ],
  [TASK_FUNCTIONS.OpenVoting.id]: [LOGS, 'dynamodb:GetItem on events-table', 'dynamodb:PutItem on events-table', XRAY],
  // Reads the held credential mail items, queues each, appends the release: no ballot, no SES.
  [TASK_FUNCTIONS.ReleaseCredentials.id]: [LOGS, 'dynamodb:GetItem on events-table', 'dynamodb:PutItem on events-table', 'dynamodb:Query on mail-table', UPDATE_MAIL, XRAY],
  // Reads voters' mail items and markers, re-queues the mail of those who have not voted, appends the count; alerts its own failure.
  [TASK_FUNCTIONS.QueueReminders.id]: [
    LOGS,
    'dynamodb:GetItem on events-table',
    'dynamodb:PutItem on events-table',
    'dynamodb:GetItem on ballots-table',
    'dynamodb:Query on mail-table',
    UPDATE_MAIL,
    SES_SEND,
    XRAY,
  ],
  [TASK_FUNCTIONS.CloseVoting.id]: [LOGS, 'dynamodb:GetItem on events-table', 'dynamodb:PutItem on events-table', XRAY],
  [TASK_FUNCTIONS.TallyBallots.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:PutItem on events-table', 'dynamodb:Query on ballots-table', SES_SEND, XRAY],
  // Keeps its wait's token beside the log, tells the observers once and calls the committee's members at their addresses; ending its own wait is a policy apart (the state machine invokes the function).
  [TASK_FUNCTIONS.AwaitOpening.id]: [
    LOGS,
    'dynamodb:GetItem on events-table',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*',
    SES_SEND,
    'cognito-idp:AdminGetUser,cognito-idp:AdminListGroupsForUser,cognito-idp:ListUsersInGroup on committee-user-pool',
    XRAY,
    'states:SendTaskSuccess on lifecycle-state-machine',
  ],
  // The same for the wait for the committee's acceptance, which also reads when the results were counted (the days it reminds the committee after).
  [TASK_FUNCTIONS.AwaitAcceptance.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*',
    SES_SEND,
    'cognito-idp:AdminGetUser,cognito-idp:AdminListGroupsForUser,cognito-idp:ListUsersInGroup on committee-user-pool',
    XRAY,
    'states:SendTaskSuccess on lifecycle-state-machine',
  ],
  // Reads the log up to the final results to write the official record from it, and appends its digests: not the ballot box.
  [TASK_FUNCTIONS.IssueRecord.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:PutItem on events-table', XRAY],
  [TASK_FUNCTIONS.CountOpened.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:PutItem on events-table', SES_SEND, XRAY],
  [TASK_FUNCTIONS.PlanResultMail.id]: [LOGS, 'dynamodb:Query on events-table', 'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#MAILPLAN', XRAY],
  [TASK_FUNCTIONS.MailResultBatch.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#MAILED,ELECTION#*#UNDELIVERED#*',
    'ses:SendBulkEmail on ses-identity,ses-configuration-set',
    XRAY,
  ],
  [TASK_FUNCTIONS.PublishResults.id]: [LOGS, 'dynamodb:GetItem,dynamodb:Query on events-table', 'dynamodb:PutItem on events-table', 'dynamodb:Query on ballots-table', ...AUDIT_EXPORTS, XRAY],
  [TASK_FUNCTIONS.RecordFailure.id]: [LOGS, 'dynamodb:GetItem on events-table', 'dynamodb:PutItem on events-table', SES_SEND, XRAY],
  [OPENING_CHECK_FUNCTIONS.PlanOpeningCheck.id]: [LOGS, ...READ_UPLOAD_AND_BOARD, PUT_CHECKS, XRAY],
  // Its part's verdict and nothing else: a part cannot append to the log, nor keep an opening file.
  [OPENING_CHECK_FUNCTIONS.CheckOpeningPart.id]: [LOGS, ...READ_UPLOAD_AND_BOARD, PUT_CHECKS, XRAY],
  // Keeps the accepted upload as an opening file, settles the check, appends to the log (under the election's own key alone) and ends the lifecycle's wait.
  [OPENING_CHECK_FUNCTIONS.ConcludeOpeningCheck.id]: [
    LOGS,
    ...READ_UPLOAD_AND_BOARD,
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#*#OPENING#*,ELECTION#*#CHECK#*',
    'dynamodb:PutItem on events-table if ForAllValues:StringLike dynamodb:LeadingKeys=ELECTION#* ForAllValues:StringNotLike dynamodb:LeadingKeys=ELECTION#*#*',
    'states:SendTaskSuccess on lifecycle-state-machine',
    XRAY,
  ],
  [OPENING_CHECK_FUNCTIONS.RecordOpeningCheckFailure.id]: [LOGS, 'dynamodb:GetItem on events-table', PUT_CHECKS, XRAY],
  // Records breaches, alerts the deployment's observers' topic and mails each locked election's own observers.
  [BREACH_FUNCTION.id]: [
    LOGS,
    'dynamodb:GetItem,dynamodb:Query on events-table',
    'dynamodb:PutItem on events-table',
    'dynamodb:PutItem on mail-table if ForAllValues:StringLike dynamodb:LeadingKeys=BREACH#*',
    'sns:Publish on observers-topic',
    SES_SEND,
    XRAY,
  ],
  // CDK's copy function for the voter page: the two buckets only, and no CloudFront permission.
  [DEPLOYER]: [
    LOGS,
    's3:GetObject*,s3:GetBucket*,s3:List* on cdk-assets-bucket,cdk-assets-bucket/*',
    's3:GetObject*,s3:GetBucket*,s3:List*,s3:DeleteObject*,s3:PutObject,s3:PutObjectLegalHold,s3:PutObjectRetention,s3:PutObjectTagging,s3:PutObjectVersionTagging,s3:Abort* on pages-bucket,pages-bucket/*',
  ],
};
/** Our own functions: all but the deployer, whose runtime and settings are CDK's. */
const OWN_FUNCTIONS = Object.keys(EXPECTED).filter((name) => name !== DEPLOYER);

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] }>;

describe('the deployable stack', () => {
  let template: Template;
  let resources: Resources;
  let report: { pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[] };
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-'));

  beforeAll(() => {
    const app = new App({ outdir });
    const stack = new ElectionStack(app, 'StudentElection', PROPS);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let failure: unknown;
    try {
      app.synth();
    } catch (error) {
      failure = error;
    }
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    if (failure && report.pluginReports.every((r) => r.violations.length === 0)) throw failure;
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('passes cdk-nag AwsSolutions with no unacknowledged error or warning', () => {
    const violations = report.pluginReports.flatMap((r) => r.violations.map((v) => `${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
    expect(violations).toEqual([]);
  });

  it('gives each function exactly the permissions its code uses, and nothing that updates or deletes', () => {
    const byRole = policiesByFunction(resources);
    expect(Object.keys(byRole).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [fn, statements] of Object.entries(byRole)) expect(statements, fn).toEqual(EXPECTED[fn]);
  });

  it('lets no role anywhere update an item but of the mail table, delete or batch-write items (but the retention sweep, in the partitions of personal data), or hold a managed policy', () => {
    const forbidden = /dynamodb:(\*|DeleteItem|BatchWriteItem|DeleteTable|UpdateTable)/;
    const mailTable = Object.keys(resources).find((id) => id.startsWith('ElectionMail') && resources[id]!.Type === 'AWS::DynamoDB::Table');
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      // Its statements are pinned above: a batch write only under the partitions that hold personal data.
      const document = id.startsWith(`${RETENTION_SWEEP_FUNCTION.id}Role`) ? withoutErasure(resource.Properties.PolicyDocument) : resource.Properties.PolicyDocument;
      expect(JSON.stringify(document), id).not.toMatch(forbidden);
      for (const statement of resource.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]) {
        if ([statement.Action].flat().includes('dynamodb:UpdateItem')) expect(statement.Resource, id).toEqual({ 'Fn::GetAtt': [mailTable, 'Arn'] });
      }
    }
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::IAM::Role') expect(resource.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
  });

  it('runs every function of ours on arm64 and Node.js 24 with a timeout, memory, tracing and a retained log group', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function' && !r.Properties.Role['Fn::GetAtt'][0].startsWith(DEPLOYER));
    expect(functions).toHaveLength(OWN_FUNCTIONS.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(fn.Properties.Timeout).toBeGreaterThan(0);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    for (const group of Object.values(resources).filter((r) => r.Type === 'AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(365);
  });

  it('keeps the events table, the ballot box and the mail table encrypted, recoverable and protected', () => {
    const tables = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::Table');
    expect(tables.map((t) => t.Properties.TableName).sort()).toEqual(['election-ballots', 'election-events', 'election-mail']);
    for (const table of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
    // Only the events table expires items: a pending upload's parts, which alone carry the attribute.
    const expiring = tables.filter((t) => t.Properties.TimeToLiveSpecification !== undefined);
    expect(expiring.map((t) => [t.Properties.TableName, t.Properties.TimeToLiveSpecification])).toEqual([['election-events', { AttributeName: 'expiresAt', Enabled: true }]]);
  });

  it("keeps the committee's accounts in a pool only admins fill, signed in by e-mail, a strong password and TOTP alone, threat protection enforcing", () => {
    const pools = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(pools).toHaveLength(1);
    const pool = pools[0]!;
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, PasswordHistorySize: 5 } },
    });
    // No SMS: neither a second factor nor a role to send it.
    expect(pool.Properties.SmsConfiguration).toBeUndefined();
    const required = (pool.Properties.Schema as { Name: string; Required: boolean }[]).filter((a) => a.Required).map((a) => a.Name);
    expect(required.sort()).toEqual(['email', 'name']);
    const groups = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => [r.Properties.GroupName, r.Properties.Precedence]);
    expect(groups).toEqual([
      ['committee', 0],
      ['helpdesk', 1],
      ['observer', 2],
    ]);
  });

  it('signs the console in through the hosted sign-in with the authorization code grant, holding no secret, back to the console alone', () => {
    const clients = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0]!.Properties;
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.GenerateSecret).not.toBe(true);
    // SRP for an API sign-in, and refreshing: never the password itself, never an admin's sign-in on a member's behalf.
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    // The console's page, and `election login`'s loopback address (plain http is allowed for localhost alone).
    expect(client.CallbackURLs).toHaveLength(2);
    expect(client.CallbackURLs[1]).toBe('http://localhost:7780/signed-in');
    for (const urls of [client.CallbackURLs.slice(0, 1), client.LogoutURLs]) {
      expect(urls).toHaveLength(1);
      expect(JSON.stringify(urls[0])).toMatch(/\/admin"\]\]\}$|\/admin"$/);
    }
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: PROPS.authDomainPrefix });
  });

  it('makes the chair the first committee member, invited by mail, with a page to sign in at first', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolUser', {
      Username: PROPS.chair.email,
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: PROPS.chair.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: PROPS.chair.name },
      ],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', { GroupName: 'committee', Username: PROPS.chair.email });
    // Into the group once both the account and the group are there.
    const ofType = (type: string) => Object.keys(resources).filter((id) => resources[id]!.Type === type);
    const [attachment] = ofType('AWS::Cognito::UserPoolUserToGroupAttachment');
    const committeeGroup = ofType('AWS::Cognito::UserPoolGroup').find((id) => resources[id]!.Properties.GroupName === 'committee');
    expect(resources[attachment!]!.DependsOn).toEqual(expect.arrayContaining([...ofType('AWS::Cognito::UserPoolUser'), committeeGroup]));
    // Where the chair signs in first while the console cannot: the hosted sign-in for the console's client, back to the console.
    const [client] = ofType('AWS::Cognito::UserPoolClient');
    const signIn = JSON.stringify(template.toJSON().Outputs.CommitteeSignInUrl.Value);
    expect(signIn).toContain(`.amazoncognito.com/login?client_id=",{"Ref":"${client}"},"&response_type=code&redirect_uri=`);
    expect(signIn).toMatch(/\/admin"\]\]\}$/);
  });

  it("signs members in to the admin API through the committee's pool: its function alone may change accounts, and keeps their API tokens", async () => {
    const poolId = Object.keys(resources).find((id) => resources[id]!.Type === 'AWS::Cognito::UserPool')!;
    const clientId = Object.keys(resources).find((id) => resources[id]!.Type === 'AWS::Cognito::UserPoolClient')!;
    const { handler } = (await import(join(process.cwd(), API_FUNCTIONS.admin.entry))) as { handler: { capabilities: Capability[] } };
    expect(handler.capabilities).toContain('accounts');
    const admin = roleOf(resources, API_FUNCTIONS.admin.id);
    const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Role['Fn::GetAtt'][0] === admin)!;
    // The issuer the tokens name is this pool's: a session of any other pool is no one's.
    expect(fn.Properties.Environment.Variables).toMatchObject({
      USER_POOL_ID: { Ref: poolId },
      USER_POOL_CLIENT_ID: { Ref: clientId },
      TOKEN_ISSUER: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }]] },
      // The hosted sign-in the console sends members to, whose code the admin function exchanges.
      SIGN_IN_URL: { 'Fn::Join': ['', ['https://', { Ref: expect.any(String) }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] },
    });
    const callers = Object.entries(policiesByFunction(resources))
      .filter(([, statements]) => statements.some((s) => s.startsWith('cognito-idp:')))
      .map(([name]) => name);
    // Besides the admin API, only the waits for a sealed box's opening and for the acceptance of the results, which read the committee's addresses (pinned above: no change to any account).
    expect(callers.sort()).toEqual([API_FUNCTIONS.admin.id, TASK_FUNCTIONS.AwaitOpening.id, TASK_FUNCTIONS.AwaitAcceptance.id].sort());
    // A token is two items, put in one transaction (IAM judges each Put as PutItem), and found by its hash or listed by its member.
    const hash = 'a'.repeat(64);
    for (const key of [`TOKEN#${hash}`, 'MEMBER#m1#TOKENS']) for (const action of ['PutItem', 'GetItem', 'Query']) expect(mayOnEvents(resources, admin, action, key), `${action} ${key}`).toBe(true);
  });

  it('serves every route with access logs and per-route throttling', () => {
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    const routes = Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey as string);
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(routes.sort());
    expect(stage.Properties.RouteSettings['POST /elections/{id}/ballots']).toEqual({ ThrottlingRateLimit: 1500, ThrottlingBurstLimit: 3000 });
    expect(routes).toContain('POST /commands');
  });

  it('runs the lifecycle as a Standard state machine with logging and tracing, waiting a grace longer than any cast', () => {
    const machine = stateMachine(resources, 'Lifecycle');
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true } });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(GRACE_SECONDS).toBeGreaterThan(Math.max(API_FUNCTIONS.cast.timeoutSeconds, API_FUNCTIONS.commands.timeoutSeconds));
  });

  it('checks large uploads on a Standard state machine of its own, with logging and tracing, its parts in a Distributed Map', () => {
    const machine = stateMachine(resources, 'OpeningCheck');
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true } });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain('\\"Mode\\":\\"DISTRIBUTED\\"');
  });

  it('lets the admin function alone start an opening check, and the check start only its own parts', () => {
    const machine = Object.keys(resources).find((id) => /^OpeningCheckStateMachine[0-9A-F]{8}$/.test(id))!;
    const starters = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
      .filter(([, r]) =>
        (r.Properties.PolicyDocument.Statement as Statement[]).some((s) => [s.Action].flat().includes('states:StartExecution') && JSON.stringify(s.Resource) === JSON.stringify({ Ref: machine })),
      )
      .flatMap(([, r]) => r.Properties.Roles.map((role: { Ref: string }) => role.Ref))
      .sort();
    expect(starters).toEqual([roleOf(resources, API_FUNCTIONS.admin.id), resources[machine]!.Properties.RoleArn['Fn::GetAtt'][0]].sort());
    const commands = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Role['Fn::GetAtt'][0] === roleOf(resources, API_FUNCTIONS.commands.id))!;
    expect(commands.Properties.Environment.Variables.OPENING_CHECK_STATE_MACHINE_ARN).toBeUndefined();
  });

  it('lets a part of an opening check write its verdict and nothing else: neither the log nor an opening file; Conclude appends to the log but touches no roll', () => {
    const [part, conclude] = [OPENING_CHECK_FUNCTIONS.CheckOpeningPart.id, OPENING_CHECK_FUNCTIONS.ConcludeOpeningCheck.id].map((id) => roleOf(resources, id));
    const digest = 'a'.repeat(64);
    expect(mayOnEvents(resources, part!, 'PutItem', `ELECTION#e1#CHECK#${digest}`)).toBe(true);
    for (const key of ['ELECTION#e1', `ELECTION#e1#OPENING#${digest}`, `ELECTION#e1#UPLOAD#${digest}`, 'ELECTIONS', 'CREDENTIAL#t'])
      expect(mayOnEvents(resources, part!, 'PutItem', key), key).toBe(false);
    for (const key of ['ELECTION#e1', `ELECTION#e1#OPENING#${digest}`, `ELECTION#e1#CHECK#${digest}`]) expect(mayOnEvents(resources, conclude!, 'PutItem', key), key).toBe(true);
    for (const key of ['ELECTION#e1#ROLL', 'ELECTION#e1#POSTAL', `ELECTION#e1#UPLOAD#${digest}`, 'ELECTIONS', 'CREDENTIAL#t'])
      expect(mayOnEvents(resources, conclude!, 'PutItem', key), key).toBe(false);
  });

  it('encrypts the observers topic, subscribes every observer, and generates the admin token into Secrets Manager', () => {
    const topics = Object.values(resources).filter((r) => r.Type === 'AWS::SNS::Topic');
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const subscribed = Object.values(resources)
      .filter((r) => r.Type === 'AWS::SNS::Subscription')
      .map((r) => r.Properties.Endpoint);
    expect(subscribed).toEqual(expect.arrayContaining(PROPS.observerEmails));
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } });
  });

  it('records management events of every region in a validated trail delivered to CloudWatch Logs', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', { EnableLogFileValidation: true, IsLogging: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true });
    const trail = Object.values(resources).find((r) => r.Type === 'AWS::CloudTrail::Trail')!;
    expect(trail.Properties.CloudWatchLogsLogGroupArn).toBeDefined();
    // Its records name the roll's keys: its bucket drops them after TRAIL_RECORD_DAYS (docs/data-protection.md).
    const bucket = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('TrailBucket'))![1];
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([{ ExpirationInDays: TRAIL_RECORD_DAYS, Status: 'Enabled' }]);
  });

  it('judges every resource type it deploys: the calls on it that are a breach, or why none is', () => {
    const deployed = [...new Set(Object.values(resources).map((r) => r.Type))].sort();
    expect(
      deployed.filter((type) => !WATCHED_BY_RESOURCE_TYPE.has(type)),
      'add these to handlers/breach/watchedCalls.ts',
    ).toEqual([]);
    expect(
      [...WATCHED_BY_RESOURCE_TYPE.keys()].filter((type) => !deployed.includes(type)),
      'the stack deploys these no longer',
    ).toEqual([]);
  });

  it('subscribes the breach handler to the trail with filters built from the table of watched calls the handler checks', () => {
    const filters = Object.values(resources).filter((r) => r.Type === 'AWS::Logs::SubscriptionFilter');
    expect(filters.map((f) => f.Properties.FilterPattern)).toEqual(breachFilterPatterns());
    expect(filters.length).toBeLessThanOrEqual(FILTERS_PER_LOG_GROUP);
    for (const filter of filters) {
      expect(filter.Properties.DestinationArn['Fn::GetAtt'][0]).toMatch(/^BreachDetector/);
      expect(resources[filter.Properties.LogGroupName.Ref]?.Type).toBe('AWS::Logs::LogGroup');
    }
  });

  it("tells the breach handler the generated names of the stack's resources, which hold no stack name", () => {
    const detector = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(BREACH_FUNCTION.id))![1];
    const markers = JSON.stringify(detector.Properties.Environment.Variables.OWN_RESOURCE_MARKERS);
    // Logical ids: a construct's id and a hash, or for the outbox stream's mapping, its id and its table's path.
    const generated = [
      'VoterSiteDistribution[0-9A-F]{8}',
      'VoterSitePages[0-9A-F]{8}',
      'Api[0-9A-F]{8}',
      'TrailBucket[0-9A-F]{8}',
      'AuditExports[0-9A-F]{8}',
      `${MAIL_SENDER_FUNCTION.id}DynamoDBEventSource\\w+`,
    ];
    for (const id of generated) expect(markers, id).toMatch(new RegExp(`\\{"Ref":"${id}"\\}`));
  });

  it("counts both state machines' roles among the stack's own for the breach handler: the opening check's stops its own child executions", () => {
    const detector = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(BREACH_FUNCTION.id))![1];
    const own = JSON.stringify(detector.Properties.Environment.Variables.OWN_ROLE_ARNS);
    for (const name of ['Lifecycle', 'OpeningCheck']) expect(own, name).toContain(JSON.stringify(stateMachine(resources, name).Properties.RoleArn));
  });

  it('hands the same watched events to the breach handler through EventBridge rules, read-only calls included', () => {
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties.EventPattern?.detail?.eventName);
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual(breachEventPatterns());
    expect(rules.flatMap((r) => r.Properties.EventPattern.detail.eventName)).toEqual([...WATCHED_EVENT_NAMES]);
    for (const rule of rules) {
      expect(rule.Properties.Targets.map((t: { Arn: { 'Fn::GetAtt': string[] } }) => t.Arn['Fn::GetAtt'][0])).toEqual([expect.stringMatching(/^BreachDetector/)]);
      expect(JSON.stringify(rule.Properties.EventPattern).length).toBeLessThanOrEqual(EVENT_PATTERN_LIMIT);
      // GetSecretValue, GenerateMac and VerifyMac are read-only: a plainly enabled rule never sees them.
      expect(rule.Properties.State).toBe(rule.Properties.EventPattern['detail-type'][0] === API_CALL ? 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' : 'ENABLED');
    }
  });

  it('records writes to the events table items and to the voter page files as data events, besides all management events', () => {
    const trail = Object.values(resources).find((r) => r.Type === 'AWS::CloudTrail::Trail')!;
    const selectors = trail.Properties.AdvancedEventSelectors as { FieldSelectors: { Field: string; Equals: unknown[] }[] }[];
    expect(selectors.map((s) => s.FieldSelectors.find((f) => f.Field === 'eventCategory')!.Equals)).toEqual([['Management'], ['Data'], ['Data'], ['Data'], ['Data'], ['Data']]);
    expect(selectors[1]!.FieldSelectors).toContainEqual({ Field: 'readOnly', Equals: ['false'] });
    // The voter page's files: a page swapped mid-election could send tokens elsewhere.
    expect(selectors[3]!.FieldSelectors).toContainEqual({ Field: 'resources.type', Equals: ['AWS::S3::Object'] });
    expect(selectors[3]!.FieldSelectors).toContainEqual({ Field: 'readOnly', Equals: ['false'] });
    const pagesArn = selectors[3]!.FieldSelectors.find((f) => f.Field === 'resources.ARN') as unknown as { StartsWith: unknown[] };
    expect(JSON.stringify(pagesArn.StartsWith)).toMatch(/"Fn::GetAtt":\["VoterSitePages[0-9A-F]{8}","Arn"\]\},"\/"/);
  });

  it('never logs a cast: the ballot box and the events table are logged only for writers other than the two cast functions', () => {
    const trail = Object.values(resources).find((r) => r.Type === 'AWS::CloudTrail::Trail')!;
    const selectors = trail.Properties.AdvancedEventSelectors as { FieldSelectors: Record<string, any>[] }[];
    const field = (i: number, name: string) => selectors[i]!.FieldSelectors.find((f) => f.Field === name);
    const tableRef = (logicalPrefix: string) => Object.keys(resources).find((id) => id.startsWith(logicalPrefix) && resources[id]!.Type === 'AWS::DynamoDB::Table');
    expect(field(1, 'resources.ARN')).toEqual({ Field: 'resources.ARN', Equals: [{ 'Fn::GetAtt': [tableRef('ElectionEvents'), 'Arn'] }] });
    // The cast's transaction condition-checks the credential there: its record would list the ballot's key too.
    expect(field(1, 'userIdentity.arn')).toEqual(field(2, 'userIdentity.arn'));
    expect(field(2, 'resources.ARN')).toEqual({ Field: 'resources.ARN', Equals: [{ 'Fn::GetAtt': [tableRef('ElectionBallots'), 'Arn'] }] });
    expect(field(2, 'readOnly')).toEqual({ Field: 'readOnly', Equals: ['false'] });
    // Exactly the sessions of the roles that may put markers and ballots: nobody else writes the box unseen.
    const excluded = JSON.stringify(field(2, 'userIdentity.arn')!.NotStartsWith);
    const boxWriters = Object.entries(policiesByFunction(resources))
      .filter(([, statements]) => statements.some((s) => s.startsWith('dynamodb:PutItem on ballots-table')))
      .map(([fn]) => fn);
    expect(boxWriters.sort()).toEqual([API_FUNCTIONS.cast.id, API_FUNCTIONS.commands.id].sort());
    for (const fn of boxWriters) expect(excluded).toMatch(new RegExp(`:assumed-role/",\\{"Ref":"${fn}Role[0-9A-F]{8}"\\},"/"`));
    expect(field(2, 'userIdentity.arn')!.NotStartsWith).toHaveLength(2);
  });

  it('logs every read of the roll and of the ballot box but by the functions granted it, the tally among them', () => {
    const trail = Object.values(resources).find((r) => r.Type === 'AWS::CloudTrail::Trail')!;
    const selectors = trail.Properties.AdvancedEventSelectors as { FieldSelectors: Record<string, any>[] }[];
    const field = (i: number, name: string) => selectors[i]!.FieldSelectors.find((f) => f.Field === name);
    const tableRef = (logicalPrefix: string) => Object.keys(resources).find((id) => id.startsWith(logicalPrefix) && resources[id]!.Type === 'AWS::DynamoDB::Table');
    const readersOf = (table: string) =>
      Object.entries(policiesByFunction(resources))
        .filter(([, statements]) => statements.some((s) => /^dynamodb:(GetItem|Query)\b/.test(s) && s.includes(` on ${table}`)))
        .map(([fn]) => fn)
        .sort();
    const spared = (i: number) => [...JSON.stringify(field(i, 'userIdentity.arn')!.NotStartsWith).matchAll(/:assumed-role\/",\{"Ref":"(\w+?)Role[0-9A-F]{8}"\},"\/"/g)].map((m) => m[1]).sort();
    for (const [i, table, logicalPrefix] of [
      [4, 'events-table', 'ElectionEvents'],
      [5, 'ballots-table', 'ElectionBallots'],
    ] as const) {
      expect(field(i, 'resources.ARN')).toEqual({ Field: 'resources.ARN', Equals: [{ 'Fn::GetAtt': [tableRef(logicalPrefix), 'Arn'] }] });
      expect(field(i, 'readOnly')).toEqual({ Field: 'readOnly', Equals: ['true'] });
      expect(spared(i), table).toEqual(readersOf(table));
      expect(field(i, 'userIdentity.arn')!.NotStartsWith, table).toHaveLength(readersOf(table).length);
    }
    expect(spared(5)).toEqual(
      [
        API_FUNCTIONS.read.id,
        API_FUNCTIONS.admin.id,
        MAIL_SENDER_FUNCTION.id,
        TASK_FUNCTIONS.QueueReminders.id,
        TASK_FUNCTIONS.TallyBallots.id,
        TASK_FUNCTIONS.PublishResults.id,
        // The board a mix is checked against.
        OPENING_CHECK_FUNCTIONS.PlanOpeningCheck.id,
        OPENING_CHECK_FUNCTIONS.CheckOpeningPart.id,
        OPENING_CHECK_FUNCTIONS.ConcludeOpeningCheck.id,
        // The export it writes again once the personal data is deleted.
        RETENTION_SWEEP_FUNCTION.id,
      ].sort(),
    );
  });

  it('shows every metric the handlers emit on one dashboard, in their namespace and with their service dimension', () => {
    const dashboards = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const name of Object.values(METRIC)) expect(body, name).toContain(name);
    expect(body).toContain(METRIC_NAMESPACE);
    expect(body).toContain('student-election');
  });

  it('alarms on API 5xx, function errors and throttles, failed executions and failed mail batches', () => {
    const alarms = Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties);
    expect(alarms.some((a) => a.MetricName === '5xx' || a.MetricName === '5XXError' || a.MetricName === '5xxError')).toBe(true);
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(OWN_FUNCTIONS.length);
    expect(alarms.filter((a) => a.MetricName === 'Throttles')).toHaveLength(OWN_FUNCTIONS.length);
    expect(alarms.some((a) => a.MetricName === 'ExecutionsFailed')).toBe(true);
    expect(alarms.some((a) => String(a.AlarmDescription).includes('results e-mails failed'))).toBe(true);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });

  // A function whose environment lacks a variable its code reads fails at every cold start, which no
  // local run shows (the read API and the SES events recorder once required a PUBLIC_URL they were not given).
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))(
    'gives %s every environment variable its code reads for what it asks, and none for a capability it does not ask for',
    async (_, spec) => {
      const [fn, ...others] = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && new RegExp(`^${spec.id}[0-9A-F]{8}$`).test(id));
      expect(others).toEqual([]);
      const variables: Record<string, unknown> = fn![1].Properties.Environment.Variables;
      const saved = process.env;
      // Exactly the function's environment; a reference the stack resolves at deploy stands as a placeholder.
      const given = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `resolved-${name}`]));
      const read = new Set<string>();
      process.env = new Proxy(given, { get: (target, name) => (typeof name === 'string' && read.add(name), Reflect.get(target, name)) });
      const secrets = mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: 'admin-token' });
      try {
        vi.resetModules();
        const { handler } = (await import(join(process.cwd(), spec.entry))) as { handler: { capabilities: Capability[] } };
        const { lambdaDeps } = await import('../../handlers/lambda/environment');
        await expect(lambdaDeps(...handler.capabilities)).resolves.toBeDefined();
        // And no capability's variable it does not ask for: least privilege for what it is told, too.
        expect(CAPABILITY_VARIABLES.filter((name) => name in given && !read.has(name))).toEqual([]);
      } finally {
        secrets.restore();
        process.env = saved;
      }
    },
  );
});

/** The variables from which lambdaDeps reads a capability (handlers/lambda/environment.ts). */
const CAPABILITY_VARIABLES = [
  'PUBLIC_URL',
  'CREDENTIAL_KEY_ID',
  'STATE_MACHINE_ARN',
  'OPENING_CHECK_STATE_MACHINE_ARN',
  'AUDIT_EXPORT_BUCKET',
  'AUDIT_EXPORT_URL',
  'ADMIN_TOKEN_SECRET_ARN',
  'USER_POOL_ID',
  'USER_POOL_CLIENT_ID',
  'TOKEN_ISSUER',
];

/** Reads each function role's policy from the template, naming every resource by what it is. */
function policiesByFunction(resources: Resources): Record<string, string[]> {
  const kind = (value: unknown, ownLogGroup: string): string => {
    if (value === '*') return '*';
    const text = JSON.stringify(value);
    if (text.includes(':execution:') && text.includes('OpeningCheckStateMachine')) return 'opening-check-executions';
    if (text.includes(':identity/')) return 'ses-identity';
    if (text.includes(':configuration-set/')) return 'ses-configuration-set';
    if (text.includes('cdk-hnb659fds-assets')) return text.includes('"/*"') ? 'cdk-assets-bucket/*' : 'cdk-assets-bucket';
    const joined = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1];
    if (joined?.length === 2 && (joined[1] === '/*' || joined[1] === '/audit-logs/*')) return `${kind(joined[0], ownLogGroup)}${joined[1]}`;
    const ref = (value as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref ?? (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    const type = ref ? resources[ref]?.Type : undefined;
    if (joined?.length === 2 && joined[1] === `/index/${MAIL_TABLE.inFlightIndex.name}`) return `${kind(joined[0], ownLogGroup)}/index/${MAIL_TABLE.inFlightIndex.name}`;
    if (type === 'AWS::DynamoDB::Table') {
      if ((value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[1] === 'StreamArn') return 'mail-table-stream';
      return ref!.startsWith('ElectionBallots') ? 'ballots-table' : ref!.startsWith('ElectionMail') ? 'mail-table' : 'events-table';
    }
    if (type === 'AWS::KMS::Key') return 'credential-key';
    if (type === 'AWS::Cognito::UserPool') return 'committee-user-pool';
    if (type === 'AWS::Logs::LogGroup') return ref === ownLogGroup ? 'own-log-group' : `log-group ${ref}`;
    if (type === 'AWS::StepFunctions::StateMachine') return ref!.startsWith('OpeningCheck') ? 'opening-check-state-machine' : 'lifecycle-state-machine';
    if (type === 'AWS::SecretsManager::Secret') return 'admin-token-secret';
    if (type === 'AWS::S3::Bucket') return ref!.startsWith('VoterSitePages') ? 'pages-bucket' : ref!.startsWith('AuditExports') ? 'exports-bucket' : `bucket ${ref}`;
    if (type === 'AWS::SNS::Topic') return ref!.startsWith('Observers') ? 'observers-topic' : `topic ${ref}`;
    return text;
  };
  const result: Record<string, string[]> = {};
  for (const [fnId, fn] of Object.entries(resources)) {
    if (fn.Type !== 'AWS::Lambda::Function') continue;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const name = roleId.replace(/Role[0-9A-F]{8}$/, '');
    const ownLogGroup = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    result[name] = statementsOf(resources, roleId).map((s) => {
      const actions = [s.Action].flat().join(',');
      const on = [s.Resource]
        .flat()
        .map((r) => kind(r, ownLogGroup))
        .join(',');
      const condition = s.Condition
        ? Object.entries(s.Condition)
            .map(
              ([op, keys]) =>
                `${op} ${Object.entries(keys)
                  .map(([k, v]) => `${k}=${[v].flat().join(',')}`)
                  .join(' ')}`,
            )
            .join(' ')
        : '';
      return `${actions} on ${on}${condition ? ` if ${condition}` : ''}`;
    });
    void fnId;
  }
  return result;
}

/** Every statement of the policies attached to a role. */
function statementsOf(resources: Resources, roleId: string): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The role of one of our functions, by its spec's id. */
function roleOf(resources: Resources, functionId: string): string {
  const role = Object.keys(resources).find((id) => resources[id]!.Type === 'AWS::IAM::Role' && new RegExp(`^${functionId}Role[0-9A-F]{8}$`).test(id));
  if (!role) throw new Error(`no role for ${functionId}`);
  return role;
}

/** Whether a role may call this DynamoDB action on an item under this partition key of the events table. */
function mayOnEvents(resources: Resources, roleId: string, action: string, partitionKey: string): boolean {
  return mayOnTable(statementsOf(resources, roleId), 'ElectionEvents', action, partitionKey);
}

/** The state machine whose logical id starts with this construct id. */
function stateMachine(resources: Resources, constructId: string) {
  const [machine, ...others] = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && new RegExp(`^${constructId}StateMachine[0-9A-F]{8}$`).test(id));
  expect(others).toEqual([]);
  return machine![1];
}

/** A policy document without its statements that batch-write under dynamodb:LeadingKeys: the retention sweep's erasure, which the pinned statements hold to the partitions of personal data. */
function withoutErasure(document: { Statement: { Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }[] }) {
  const erasure = (statement: (typeof document.Statement)[number]) =>
    [statement.Action].flat().includes('dynamodb:BatchWriteItem') && statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] !== undefined;
  return { ...document, Statement: document.Statement.filter((statement) => !erasure(statement)) };
}
