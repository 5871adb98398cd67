import { Duration, RemovalPolicy, Validations, type Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { nodejsBundling } from './bundling';
import type { LambdaSpec } from './lambdaFunctions';

/** The bundling, with these files of the repository copied beside the bundle (a local command at synth: no network). */
function withFiles(files: readonly string[]) {
  const none = () => [];
  return {
    ...nodejsBundling,
    commandHooks: { beforeBundling: none, beforeInstall: none, afterBundling: (inputDir: string, outputDir: string) => files.map((file) => `cp "${inputDir}/${file}" "${outputDir}/"`) },
  };
}

/**
 * The stack's Lambda functions. Each has a role of its own holding exactly what its grants give,
 * on exactly its resources, and a log group of its own; every one is told the given environment.
 */
export class ElectionFunctions {
  private readonly added: NodejsFunction[] = [];

  constructor(
    private readonly stack: Stack,
    private readonly environment: Record<string, string>,
  ) {}

  /** Every function added so far, in the order added. */
  get all(): readonly NodejsFunction[] {
    return this.added;
  }

  /** A function with the given environment besides the common one, and only what `grant` gives its role. */
  add(
    spec: LambdaSpec,
    environment: Record<string, string>,
    grant: (role: IRole) => void,
    role = new Role(this.stack, `${spec.id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
  ): NodejsFunction {
    const logGroup = new LogGroup(this.stack, `${spec.id}Logs`, { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    // The L2 grant says exactly what the function needs: logs:CreateLogStream and PutLogEvents on its own group.
    logGroup.grantWrite(role);
    grant(role);
    const fn = new NodejsFunction(this.stack, spec.id, {
      entry: spec.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      reservedConcurrentExecutions: spec.reservedConcurrency,
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...this.environment, ...environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: spec.files ? withFiles(spec.files) : nodejsBundling,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'Only X-Ray (xray:PutTraceSegments, PutTelemetryRecords) and, for the mail sender, ses:GetAccount: they have no resource-level permissions, so they need "*".',
    });
    this.added.push(fn);
    return fn;
  }
}
