import { CfnOutput, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  AccountRecovery,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { commandLineRedirectUri } from '../contract/commandLineSignIn';
import { ROLES } from '../domain/committee';

export interface CommitteeAccountsProps {
  /** The site's origin: the console at `<publicUrl>/admin` is where the sign-in sends a member back to. */
  publicUrl: string;
  /** The prefix of the hosted sign-in's domain, `<prefix>.auth.<region>.amazoncognito.com`; none without it. */
  domainPrefix?: string;
  /** The first committee member, made with the pool (in the committee group) and invited by its mail: the one who invites the others. */
  chair?: { email: string; name: string };
}

/** What the directory's adapter (handlers/adapters/cognitoMemberDirectory.ts) calls, each on this pool. */
const DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:ListUsersInGroup',
];
/** What the authenticator asks of the directory for every bearer: the account's standing now. */
const LOOKUP_ACTIONS = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'];

/**
 * The election committee's personal accounts: a Cognito user pool whose accounts only an admin
 * makes (no one signs up), signed in by e-mail address, a strong password and a TOTP app (no SMS:
 * a phone number can be taken over), with the Plus plan's threat protection enforcing (it blocks
 * sign-ins it judges risky and passwords known to be leaked). A group per role; the console's app
 * client signs in through the hosted sign-in with the authorization code grant and PKCE, holding
 * no secret. See docs/accounts.md.
 */
export class CommitteeAccounts {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  readonly domain?: UserPoolDomain;

  constructor(stack: Stack, props: CommitteeAccountsProps) {
    const consoleUrl = `${props.publicUrl}/admin`;
    this.userPool = new UserPool(stack, 'CommitteeAccounts', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true, email: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your account with the election committee',
        emailBody: `You have an account with the election committee. Sign in at ${consoleUrl} with {username} and the temporary password {####}; you will choose a password of your own and set up an authenticator app. The temporary password is valid for 3 days.`,
      },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Precedence as ROLES ranks them: Cognito puts the lowest number first.
    const groups = ROLES.map((role, precedence) => this.userPool.addGroup(`${role}Group`, { groupName: role, precedence, description: `The election committee's ${role} role` }));
    this.consoleClient = this.userPool.addClient('AdminConsole', {
      generateSecret: false,
      // SRP for a client that signs in through the API; never the password itself (USER_PASSWORD_AUTH).
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // The console, and `election login`'s loopback address on the member's own machine (RFC 8252 §7.3).
        callbackUrls: [consoleUrl, commandLineRedirectUri()],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
    });
    if (props.domainPrefix) this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    if (props.chair) {
      const chair = new CfnUserPoolUser(stack, 'CommitteeChair', {
        userPoolId: this.userPool.userPoolId,
        username: props.chair.email,
        userAttributes: [
          { name: 'email', value: props.chair.email },
          { name: 'email_verified', value: 'true' },
          { name: 'name', value: props.chair.name },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
      const inCommittee = new CfnUserPoolUserToGroupAttachment(stack, 'CommitteeChairRole', { userPoolId: this.userPool.userPoolId, groupName: 'committee', username: props.chair.email });
      inCommittee.node.addDependency(chair, groups[0]!);
    }
    new CfnOutput(stack, 'CommitteeUserPoolId', { value: this.userPool.userPoolId, description: "The election committee's accounts" });
    // The page itself, for the console's client: where a member signs in for the first time while the console cannot.
    if (this.domain)
      new CfnOutput(stack, 'CommitteeSignInUrl', {
        value: this.domain.signInUrl(this.consoleClient, { redirectUri: consoleUrl }),
        description: "The committee's hosted sign-in, for the console's client",
      });
  }

  /** What a function that judges bearers or manages accounts is told: the pool, the console's client, the tokens' issuer. */
  get environment(): Record<string, string> {
    return {
      USER_POOL_ID: this.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.consoleClient.userPoolClientId,
      // CloudFormation's provider URL has no scheme; the tokens' `iss` has.
      TOKEN_ISSUER: `https://${this.userPool.userPoolProviderUrl}`,
      // The hosted sign-in the console sends members to, where the pool has one.
      ...(this.domain && { SIGN_IN_URL: this.domain.baseUrl() }),
    };
  }

  /** Invite, change the role of, list and remove members: the directory's calls, on this pool only. */
  grantDirectory(grantee: IGrantable): void {
    this.userPool.grant(grantee, ...DIRECTORY_ACTIONS);
  }

  /** Read the committee's members and their addresses: what the lifecycle asks when it calls the committee to open a sealed box. */
  grantMemberReading(grantee: IGrantable): void {
    this.userPool.grant(grantee, ...LOOKUP_ACTIONS, 'cognito-idp:ListUsersInGroup');
  }

  /** Read one account's standing (enabled, groups): what the authenticator asks for each bearer. */
  grantMemberLookup(grantee: IGrantable): void {
    this.userPool.grant(grantee, ...LOOKUP_ACTIONS);
  }
}
