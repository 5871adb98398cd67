import { Duration, type Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { TASK_FUNCTIONS } from './lambdaFunctions';

export interface ElectionAlarmsProps {
  operators: ITopic;
  stage: HttpStage;
  /** The stack's functions, each by its id. */
  functions: readonly IFunction[];
  lifecycle: StateMachine;
}

/** What a failure of a function means, where it says more than that the function failed. */
const FAILED: Record<string, string> = {
  [TASK_FUNCTIONS.MailResultBatch.id]: 'A batch of results e-mails failed (the workflow retries it; see the execution)',
};

/** The operators' alarms, each on the first minute it happens: the API's 5xx, every function's errors and throttles, a failed lifecycle. */
export class ElectionAlarms {
  constructor(stack: Stack, { operators, stage, functions, lifecycle }: ElectionAlarmsProps) {
    const action = new SnsAction(operators);
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(stack, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);
    alarm('ApiServerErrors', stage.metricServerError({ period: Duration.minutes(1) }), 'The API answered 5xx');
    for (const fn of functions) {
      const id = fn.node.id;
      alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(1) }), FAILED[id] ?? `${id} failed`);
      alarm(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }), `${id} was throttled`);
    }
    alarm('LifecycleFailed', lifecycle.metricFailed({ period: Duration.minutes(1) }), 'An election lifecycle execution failed');
  }
}
