import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Choice, Condition, DefinitionBody, DistributedMap, Fail, JsonPath, StateMachine, StateMachineType, Succeed } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { OpeningCheckTaskName } from '../contract/openingCheckTasks';
import { acknowledgeWildcards, failureRecording, guardedBy, invokeTask, observedMachine } from './taskStates';

export interface OpeningCheckWorkflowProps {
  /** The Lambda function behind each task state. */
  tasks: Record<OpeningCheckTaskName, IFunction>;
  /** How many parts are checked at once. */
  partConcurrency?: number;
  logGroup?: ILogGroup;
}

/**
 * The check of a trustee's upload (a mix or decryption shares) too large for one API request, as
 * a Standard state machine: plan the parts (or refuse the upload outright) → check every part at
 * once in a Distributed Map, each part writing its verdict beside the log → conclude from the
 * verdicts: the upload accepted or refused. Every step's failure is caught and recorded on the
 * check, and the execution fails. The admin API starts one execution per check run.
 */
export class OpeningCheckWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: OpeningCheckWorkflowProps) {
    super(scope, id);
    const task = (name: OpeningCheckTaskName, resultPath: string) => invokeTask(this, name, props.tasks[name], resultPath);
    const recordFailure = failureRecording(
      task('RecordOpeningCheckFailure', JsonPath.DISCARD),
      new Fail(this, 'CheckFailed', { error: 'OpeningCheckFailed', cause: 'a step of the opening check failed; see the check record' }),
    );
    const guarded = guardedBy(this, recordFailure);

    const checkParts = new DistributedMap(this, 'CheckParts', {
      // The plan's parts are a few dozen { index, from, to }: small enough to carry in the state, so no ItemReader.
      itemsPath: '$.plan.parts',
      itemSelector: {
        electionId: JsonPath.stringAt('$.electionId'),
        contest: JsonPath.stringAt('$.contest'),
        kind: JsonPath.stringAt('$.kind'),
        upload: JsonPath.stringAt('$.upload'),
        run: JsonPath.stringAt('$.run'),
        papersPerPart: JsonPath.numberAt('$.papersPerPart'),
        // The mix's place, fixed when it was posted (null for a decryption): each part checks the proof against that mix's input.
        position: JsonPath.objectAt('$.position'),
        shuffle: JsonPath.objectAt('$.plan.shuffle'),
        part: JsonPath.objectAt('$$.Map.Item.Value'),
      },
      maxConcurrency: props.partConcurrency ?? 40,
      // One part that fails fails the check: an upload is accepted only when every proof was checked.
      toleratedFailurePercentage: 0,
      // Standard children, not Express: a part's function may run for its whole 15-minute timeout, past
      // an Express execution's 5 minutes; and a few dozen parts cost little per state transition.
      mapExecutionType: StateMachineType.STANDARD,
      // Each part writes its verdict beside the log itself; Conclude reads them there, so no result is carried.
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(task('CheckOpeningPart', JsonPath.DISCARD));

    const definition = guarded('PlanOpeningCheck', task('PlanOpeningCheck', '$.plan')).next(
      new Choice(this, 'Refused?')
        // The plan task has already recorded why the upload is refused (its digest, its shape).
        .when(Condition.booleanEquals('$.plan.refused', true), new Succeed(this, 'Refused'))
        .otherwise(
          guarded('CheckParts', checkParts)
            .next(guarded('ConcludeOpeningCheck', task('ConcludeOpeningCheck', JsonPath.DISCARD)))
            .next(new Succeed(this, 'Checked')),
        ),
    );

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      ...observedMachine(props.logGroup),
    });
    acknowledgeWildcards(this.stateMachine, Object.values(props.tasks), this.childExecutionFindings());
  }

  /**
   * The Distributed Map's own policy, which CDK adds: it starts this state machine's child
   * executions, and describes, stops and redrives the executions of this state machine only, whose
   * names (and map runs' ids) Step Functions gives at run time.
   */
  private childExecutionFindings(): { finding: string; reason: string }[] {
    const executions = executionsOf(this.stateMachine);
    return [
      { finding: `Resource::${executions}:*`, reason: "The Distributed Map describes and stops its child executions: this state machine's executions, named at run time." },
      { finding: `Resource::${executions}/*:*`, reason: "The Distributed Map redrives its map runs: this state machine's map runs, whose ids Step Functions gives at run time." },
    ];
  }
}

/** cdk-nag's name for the ARN of a state machine's executions, without the execution's name: what a grant on its executions (`grantExecution`) reads as. */
export function executionsOf(stateMachine: StateMachine): string {
  const machine = Stack.of(stateMachine).getLogicalId(stateMachine.node.defaultChild as CfnResource);
  return `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machine}"}]}]}`;
}
