import { RemovalPolicy, Validations, type Stack } from 'aws-cdk-lib';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';

/** The key that derives voters' credentials, and the admin token of the API. */
export class ElectionSecrets {
  readonly credentialKey: Key;
  readonly adminToken: Secret;

  constructor(stack: Stack) {
    this.credentialKey = new Key(stack, 'CredentialKey', {
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      description: 'Derives voter credentials (HMAC-SHA-256); only the mail sender and the re-issuers may use it',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.credentialKey).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason: 'KMS does not rotate HMAC keys, and a rotated key would invalidate every credential already mailed.',
    });
    this.adminToken = new Secret(stack, 'AdminToken', {
      // Named after the stack, so the breach handler recognises calls on it.
      secretName: `${stack.stackName}-admin-token`,
      description: 'The admin bearer token of the election API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.adminToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the admin token mid-election would lock the committee out; it is rotated by hand between elections (README, Deploy).',
    });
  }

  /** The key, as the functions that derive credentials are told it. */
  get credentialEnvironment(): Record<string, string> {
    return { CREDENTIAL_KEY_ID: this.credentialKey.keyArn };
  }

  /** Derives credentials: kms:GenerateMac on the key, the L2 grant's one action on one resource. */
  grantDeriveCredentials(role: IRole): Grant {
    return this.credentialKey.grant(role, 'kms:GenerateMac');
  }

  /** Reads the admin token, to compare a request's bearer token with it (the L2 grantRead would add DescribeSecret). */
  grantReadAdminToken(role: IRole): Grant {
    return Grant.addToPrincipal({ grantee: role, actions: ['secretsmanager:GetSecretValue'], resourceArns: [this.adminToken.secretArn] });
  }
}
