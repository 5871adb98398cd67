import { RemovalPolicy, Validations, type Stack } from 'aws-cdk-lib';
import { HttpMethod, HttpStage, LogGroupLogDestination, type CfnStage, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { routesOf, type RouteGroup } from '../handlers/api/routeTable';
import type { AuditExports } from './auditExports';
import type { CommitteeAccounts } from './committeeAccounts';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionSecrets } from './electionSecrets';
import type { ElectionTables } from './electionTables';
import { API_FUNCTIONS } from './lambdaFunctions';
import { executionsOf } from '../workflows/openingCheck';

export interface ElectionApiProps {
  api: HttpApi;
  functions: ElectionFunctions;
  tables: ElectionTables;
  secrets: ElectionSecrets;
  auditExports: AuditExports;
  /** The committee's user pool, through which the admin routes sign members in and manage their accounts. */
  accounts: CommitteeAccounts;
  lifecycle: StateMachine;
  /** The check of a trustee's upload too large for one request, which the admin routes start. */
  openingCheck: StateMachine;
  /** The voter page's base URL, for the links in e-mails and exports. */
  publicUrl: string;
}

/** Requests per second a route takes before API Gateway answers 429: voters in a blast, admins rarely, new links at a trickle. */
const RATES: Record<RouteGroup, number> = { cast: 1500, read: 500, newLink: 10, admin: 20, commands: 300, record: 10 };

/** The API's stage, with access logs and per-route throttling, and a function for each group of routes holding what its routes do. */
export class ElectionApi {
  readonly stage: HttpStage;

  constructor(stack: Stack, { api, functions, tables, secrets, auditExports, accounts, lifecycle, openingCheck, publicUrl }: ElectionApiProps) {
    const accessLogs = new LogGroup(stack, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(stack, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 2000, burstLimit: 4000 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    /** The cast path: one transaction that puts the marker and the ballot, checks the credential and its revocation, and queues the confirmation. */
    const cast = (role: IRole) => {
      tables.grantReadEvents(role, 'GetItem');
      tables.grantCheckCredentials(role);
      tables.grantCast(role);
      tables.grantQueueMail(role);
    };
    // Registers voters (queues their mail), re-issues (revokes, checks the marker, re-queues) and reads the mail report.
    const administer = (role: IRole, { alsoCasts }: { alsoCasts: boolean }) => {
      tables.grantReadEvents(role, 'GetItem', 'Query');
      tables.grantPutEvents(role);
      if (alsoCasts) {
        tables.grantCheckCredentials(role);
        tables.grantCast(role);
      }
      tables.grantCheckMarkers(role);
      tables.grantReadMail(role, ['GetItem', 'Query']);
      tables.grantQueueMail(role);
      tables.grantUpdateMail(role);
      lifecycle.grantStartExecution(role);
      secrets.grantReadAdminToken(role);
      secrets.grantDeriveCredentials(role);
    };
    // No API route mails or links the page itself (the mail sender does): none is given the page's address.
    const adminEnvironment = { ADMIN_TOKEN_SECRET_ARN: secrets.adminToken.secretArn, ...secrets.credentialEnvironment, STATE_MACHINE_ARN: lifecycle.stateMachineArn };
    const groups: Record<RouteGroup, { environment: Record<string, string>; grant: (role: IRole) => void }> = {
      // Serves the audit export by a presigned link, writing it first if the publish step did not.
      read: {
        environment: auditExports.environment(publicUrl),
        grant: (role) => {
          tables.grantReadEvents(role, 'GetItem', 'Query');
          tables.grantReadBallots(role, 'GetItem', 'Query');
          auditExports.grantExport(role);
        },
      },
      cast: { environment: {}, grant: cast },
      // Reads the election's phase and queues the request, the same for every address: the mail sender answers it.
      newLink: {
        environment: {},
        grant: (role) => {
          tables.grantReadEvents(role, 'GetItem');
          tables.grantPutMail(role, ['ELECTION#*#LINK-REQUESTS#*']);
        },
      },
      admin: {
        environment: { ...adminEnvironment, OPENING_CHECK_STATE_MACHINE_ARN: openingCheck.stateMachineArn, ...accounts.environment },
        grant: (role) => {
          administer(role, { alsoCasts: false });
          // A sealed box's first mix shuffles the board, read from the box; the last decryption ends the workflow's wait for the committee.
          tables.grantReadBallots(role, 'Query');
          lifecycle.grant(role, 'states:SendTaskSuccess');
          // An upload too large to check within the request is checked by the opening-check workflow.
          openingCheck.grantStartExecution(role);
          // A check left "checking" by an execution that no longer runs is begun again: the function asks after its run's execution.
          openingCheck.grantExecution(role, 'states:DescribeExecution');
          Validations.of(role).acknowledge({
            id: `AwsSolutions::AwsSolutions-IAM5[Resource::${executionsOf(openingCheck)}:*]`,
            reason: "Describes the opening-check workflow's executions only, whose names each check's run gives at run time.",
          });
          // Signs members in (their account's standing, for every bearer) and manages their accounts, on the pool only. Their
          // personal API tokens are items of the events table (TOKEN#<hash>, MEMBER#<id>#TOKENS), which `administer` reads and puts to.
          accounts.grantDirectory(role);
        },
      },
      // Reads the log to write the official record from it; nothing else.
      record: { environment: {}, grant: (role) => tables.grantReadEvents(role, 'GetItem', 'Query') },
      // The 2019 API registers voters and casts (cast_vote) too.
      commands: { environment: adminEnvironment, grant: (role) => administer(role, { alsoCasts: true }) },
    };

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const group of Object.keys(API_FUNCTIONS) as RouteGroup[]) {
      const fn = functions.add(API_FUNCTIONS[group], groups[group].environment, groups[group].grant);
      const integration = new HttpLambdaIntegration(`${API_FUNCTIONS[group].id}Integration`, fn);
      for (const route of routesOf(group)) {
        api.addRoutes({ path: route.path, methods: [route.method as HttpMethod], integration });
        routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: RATES[group], ThrottlingBurstLimit: RATES[group] * 2 };
      }
    }
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "Authorization happens in the handlers: committee members by a session of the committee's user pool (its access token checked against the pool's keys), a personal API token (found by its hash) or the admin token (compared in constant time with the secret), each route holding them to its role; voters by their single-use credential; reads are public by design.",
    });
  }
}
