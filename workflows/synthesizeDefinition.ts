import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LIFECYCLE_TASK_NAMES, type LifecycleTaskName } from '../contract/lifecycleTasks';
import { OPENING_CHECK_TASK_NAMES, type OpeningCheckTaskName } from '../contract/openingCheckTasks';
import { ElectionLifecycle, type ElectionLifecycleProps } from './lifecycle';
import { OpeningCheckWorkflow, type OpeningCheckWorkflowProps } from './openingCheck';

const REGION = 'eu-central-1';
const ACCOUNT = '000000000000';
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };

/** The ARN the local definition gives each task, of either state machine; the local runner overrides the task by its state name. */
export const localTaskArn = (name: LifecycleTaskName | OpeningCheckTaskName) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/**
 * Synthesizes the ElectionLifecycle construct exactly as the CDK app does and returns its
 * definition as plain ASL: what Step Functions would run, with the Lambda ARNs filled in.
 */
export function synthesizeLifecycleDefinition(props: Omit<ElectionLifecycleProps, 'tasks' | 'logGroup'>): Record<string, unknown> {
  return synthesize('LocalLifecycle', LIFECYCLE_TASK_NAMES, (stack, tasks) => new ElectionLifecycle(stack, 'Lifecycle', { ...props, tasks }));
}

/** The OpeningCheckWorkflow construct's definition as plain ASL, synthesized like the lifecycle's. */
export function synthesizeOpeningCheckDefinition(props: Omit<OpeningCheckWorkflowProps, 'tasks' | 'logGroup'> = {}): Record<string, unknown> {
  return synthesize('LocalOpeningCheck', OPENING_CHECK_TASK_NAMES, (stack, tasks) => new OpeningCheckWorkflow(stack, 'OpeningCheck', { ...props, tasks }));
}

/** Builds one state machine in a stack of its own, each task a function at localTaskArn, and returns its definition. */
function synthesize<N extends LifecycleTaskName | OpeningCheckTaskName>(
  stackName: string,
  taskNames: readonly N[],
  build: (stack: Stack, tasks: Record<N, IFunction>) => void,
): Record<string, unknown> {
  const stack = new Stack(new App(), stackName, { env: { region: REGION, account: ACCOUNT } });
  const tasks = Object.fromEntries(taskNames.map((name) => [name, LambdaFunction.fromFunctionArn(stack, `${name}Function`, localTaskArn(name))])) as Record<N, IFunction>;
  build(stack, tasks);
  const machines = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  return JSON.parse(resolveIntrinsic(machines[0]!.Properties.DefinitionString));
}

/** Resolves the few CloudFormation intrinsics a definition string is made of. */
function resolveIntrinsic(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveIntrinsic).join(separator);
  }
  if ('Ref' in object && typeof object.Ref === 'string' && object.Ref in PSEUDO) return PSEUDO[object.Ref]!;
  throw new Error(`cannot resolve ${JSON.stringify(value)} in the state machine definition`);
}
