// The parts the state machines share: their Lambda tasks, the catch that records a failed step, tracing and logs.
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { LogLevel, Pass, Result, type CatchProps, type IChainable, type StateMachine, type StateMachineProps } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** A task that hands its whole input to the function and keeps its answer at resultPath. */
export function invokeTask(scope: Construct, name: string, lambdaFunction: IFunction, resultPath: string): LambdaInvoke {
  return new LambdaInvoke(scope, name, { lambdaFunction, payloadResponseOnly: true, resultPath, retryOnServiceExceptions: true });
}

/**
 * The task that records a failed step, then `failed`: retried, since a failure it cannot record
 * leaves nobody told. It gets the whole state, with `failedStep` and `failure` added.
 */
export function failureRecording(recordFailure: LambdaInvoke, failed: IChainable): LambdaInvoke {
  recordFailure.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
  recordFailure.next(failed);
  return recordFailure;
}

type Catching = { addCatch(handler: IChainable, props?: CatchProps): unknown };

/** Guards a state: any error of it goes to `recordFailure`, with the step's name at $.failedStep and the error at $.failure. */
export function guardedBy(scope: Construct, recordFailure: IChainable) {
  return <T extends Catching>(name: string, state: T): T => {
    const named = new Pass(scope, `${name}Failed`, { result: Result.fromString(name), resultPath: '$.failedStep' });
    named.next(recordFailure);
    state.addCatch(named, { errors: ['States.ALL'], resultPath: '$.failure' });
    return state;
  };
}

/** X-Ray traces, and every state's events in the log group without the data they carry. */
export function observedMachine(logGroup?: ILogGroup): Pick<StateMachineProps, 'tracingEnabled' | 'logs'> {
  return { tracingEnabled: true, ...(logGroup && { logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false } }) };
}

/** Acknowledges the wildcards Step Functions needs to invoke the task functions, deliver logs and traces, and any `more` the machine needs, each with why. */
export function acknowledgeWildcards(stateMachine: StateMachine, tasks: IFunction[], more: { finding: string; reason: string }[] = []): void {
  const reason = 'Step Functions may invoke each task function and its versions (<function>:*), nothing else; log delivery and X-Ray have no resource-level permissions and need "*".';
  const findings = [...['Resource::*', ...tasks.flatMap(invokeFinding)].map((finding) => ({ finding, reason })), ...more];
  for (const { finding, reason: why } of findings) Validations.of(stateMachine).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason: why });
}

/** cdk-nag's name for the wildcard over a function's versions, which LambdaInvoke grants. */
function invokeFinding(fn: IFunction): string[] {
  const resource = fn.node.defaultChild;
  return resource instanceof CfnResource ? [`Resource::<${Stack.of(fn).getLogicalId(resource)}.Arn>:*`] : [];
}
