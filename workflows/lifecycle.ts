import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  Map as MapState,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
  type IChainable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ACCEPTANCE_REMINDER_HOURS, type LifecycleTaskName } from '../contract/lifecycleTasks';
import { acknowledgeWildcards, failureRecording, guardedBy, invokeTask, observedMachine } from './taskStates';

export interface ElectionLifecycleProps {
  /** The Lambda function behind each task state. */
  tasks: Record<LifecycleTaskName, IFunction>;
  /** How long after closesAt the tally waits: longer than a cast can take, so no acknowledged ballot lands after it. */
  graceSeconds: number;
  /** How many pages of the result mail are sent at once (each page one SES call of at most 50 messages at a time). */
  mailConcurrency?: number;
  logGroup?: ILogGroup;
}

/**
 * The election's lifecycle as a Standard state machine: wait until the credentials' send time
 * (the committee's, or opensAt) → mail the credentials held until then → wait until opensAt →
 * open → at each reminder time, queue reminders (Map, one round at a time) → wait until closesAt → close →
 * grace → tally (a sealed box: seal) → wait for the committee to open a sealed box → count it →
 * wait for the committee to accept the results, where it must → issue the official record as of
 * the final results → plan the mail in pages → mail each page (Map) → publish. Every task
 * failure is caught, recorded in the log and sent to the observers, and the execution fails.
 * The local stack runs this very definition (workflows/localRunner.ts).
 */
export class ElectionLifecycle extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ElectionLifecycleProps) {
    super(scope, id);
    const recordFailure = failureRecording(
      this.task(props, 'RecordFailure', JsonPath.DISCARD),
      new Fail(this, 'Failed', { error: 'LifecycleFailed', cause: 'a lifecycle step failed; see the election log' }),
    );
    /** Every task's failure goes to RecordFailure, saying which step failed. */
    const guarded = guardedBy(this, recordFailure);
    const step = (name: LifecycleTaskName) => guarded(name, this.task(props, name, JsonPath.DISCARD));

    const mailPage = this.task(props, 'MailResultBatch', JsonPath.DISCARD);
    mailPage.addRetry({
      errors: ['MailThrottled'],
      interval: Duration.seconds(1),
      backoffRate: 2,
      maxAttempts: 8,
      maxDelay: Duration.seconds(60),
      jitterStrategy: JitterType.FULL,
    });
    const mailResults = guarded(
      'MailResults',
      new MapState(this, 'MailResults', {
        // Page references ({ electionId, page }) only: the plan itself is in the table, so the payload stays small.
        itemsPath: '$.mail.pages',
        maxConcurrency: props.mailConcurrency ?? 10,
        resultPath: JsonPath.DISCARD,
      }).itemProcessor(mailPage),
    );

    const releaseCredentials = this.task(props, 'ReleaseCredentials', JsonPath.DISCARD);
    // A throttled or interrupted release resumes where it stopped: what is queued stays queued.
    releaseCredentials.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });

    const queueReminders = this.task(props, 'QueueReminders', JsonPath.DISCARD);
    queueReminders.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
    // The task records and alerts its own failures; one it could not even record must still not keep
    // the election from closing, so the round ends here and voting goes on.
    queueReminders.addCatch(new Pass(this, 'ReminderNotQueued'), { errors: ['States.ALL'], resultPath: JsonPath.DISCARD });
    const reminders = guarded(
      'Reminders',
      new MapState(this, 'Reminders', {
        itemsPath: '$.reminders',
        // One round after the other, each at its time: every round is a Wait and a task.
        maxConcurrency: 1,
        itemSelector: {
          electionId: JsonPath.stringAt('$.electionId'),
          opensAt: JsonPath.stringAt('$.opensAt'),
          closesAt: JsonPath.stringAt('$.closesAt'),
          at: JsonPath.stringAt('$$.Map.Item.Value'),
          round: JsonPath.numberAt('$$.Map.Item.Index'),
        },
        resultPath: JsonPath.DISCARD,
      }).itemProcessor(new Wait(this, 'WaitUntilReminder', { time: WaitTime.timestampPath('$.at') }).next(queueReminders)),
    );

    // The credentials go out at the committee's send time, before the opening, or else as voting opens ($.credentialsAt is opensAt then).
    const definition: IChainable = new Wait(this, 'WaitUntilCredentials', { time: WaitTime.timestampPath('$.credentialsAt') })
      .next(guarded('ReleaseCredentials', releaseCredentials))
      .next(new Wait(this, 'WaitUntilOpen', { time: WaitTime.timestampPath('$.opensAt') }))
      .next(step('OpenVoting'))
      .next(reminders)
      .next(new Wait(this, 'WaitUntilClose', { time: WaitTime.timestampPath('$.closesAt') }))
      .next(step('CloseVoting'))
      .next(new Wait(this, 'GracePeriod', { time: WaitTime.duration(Duration.seconds(props.graceSeconds)) }))
      .next(step('TallyBallots'))
      .next(guarded('AwaitOpening', this.awaitOpening(props)))
      .next(step('CountOpened'))
      .next(guarded('AwaitAcceptance', this.awaitAcceptance(props)))
      .next(step('IssueRecord'))
      .next(guarded('PlanResultMail', this.task(props, 'PlanResultMail', '$.mail')))
      .next(mailResults)
      .next(step('PublishResults'))
      .next(new Succeed(this, 'Published'));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      ...observedMachine(props.logGroup),
    });
    acknowledgeWildcards(this.stateMachine, Object.values(props.tasks));
  }

  /**
   * The wait for the committee to open a sealed box: the function keeps the task's token beside
   * the log, and the last trustee's decryption (or the function itself, when there is nothing to
   * wait for, as in an open election) ends the wait with it. No timeout: a committee may take days.
   */
  private awaitOpening(props: ElectionLifecycleProps): LambdaInvoke {
    return this.committeeWait(props, 'AwaitOpening');
  }

  /**
   * The wait for the committee to accept the counted results: the function keeps the task's token
   * beside the log, and the second member's acceptance (or the function itself, when the election
   * publishes by itself or the results are accepted already) ends the wait with it. A day without
   * it times the wait out, and it begins again, which reminds the committee.
   */
  private awaitAcceptance(props: ElectionLifecycleProps): LambdaInvoke {
    const wait = this.committeeWait(props, 'AwaitAcceptance', Timeout.duration(Duration.hours(ACCEPTANCE_REMINDER_HOURS)));
    // Before the failure's catch, which takes every error: a timeout is no failure, only the day's end.
    wait.addCatch(wait, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    return wait;
  }

  /** A task that hands the function its token and waits until someone ends the wait with it (or `timeout`). */
  private committeeWait(props: ElectionLifecycleProps, name: 'AwaitOpening' | 'AwaitAcceptance', timeout?: Timeout): LambdaInvoke {
    return new LambdaInvoke(this, name, {
      lambdaFunction: props.tasks[name],
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        electionId: JsonPath.stringAt('$.electionId'),
        opensAt: JsonPath.stringAt('$.opensAt'),
        closesAt: JsonPath.stringAt('$.closesAt'),
        taskToken: JsonPath.taskToken,
      }),
      resultPath: JsonPath.DISCARD,
      retryOnServiceExceptions: true,
      ...(timeout && { taskTimeout: timeout }),
    });
  }

  private task(props: ElectionLifecycleProps, name: LifecycleTaskName, resultPath: string): LambdaInvoke {
    return invokeTask(this, name, props.tasks[name], resultPath);
  }
}
