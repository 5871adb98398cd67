import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { OpeningCheckTaskName } from '../contract/openingCheckTasks';
import { OpeningCheckWorkflow } from '../workflows/openingCheck';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionTables } from './electionTables';
import { OPENING_CHECK_FUNCTIONS } from './lambdaFunctions';

export interface OpeningChecksProps {
  functions: ElectionFunctions;
  tables: ElectionTables;
  /** The lifecycle, whose wait for the opening a concluded check may end. */
  lifecycle: StateMachine;
}

/** A check's record and its parts' verdicts, beside the log (handlers/adapters/keys.ts). */
const CHECKS = 'ELECTION#*#CHECK#*';

/** The check of a trustee's upload too large for one request: its state machine, and a function for each of its tasks holding what that task does. */
export class OpeningChecks {
  readonly stateMachine: StateMachine;

  constructor(stack: Stack, { functions, tables, lifecycle }: OpeningChecksProps) {
    // The log, the pending upload's parts and the mix files it follows, by key and by partition; the board, from the box.
    const readUploadAndBoard = (role: IRole) => {
      tables.grantReadEvents(role, 'GetItem', 'Query');
      tables.grantReadBallots(role, 'Query');
    };
    // Plan puts the check's record (its parts, or why the upload is refused outright), and a part its
    // verdict beside it: neither may append to the log or keep an opening file.
    const checkAndRecord = (role: IRole) => {
      readUploadAndBoard(role);
      tables.grantPutEvents(role, [CHECKS]);
    };
    const taskAccess: Record<OpeningCheckTaskName, (role: IRole) => void> = {
      PlanOpeningCheck: checkAndRecord,
      CheckOpeningPart: checkAndRecord,
      // Keeps an accepted upload as an opening file, appends its event, settles the check's record, and
      // ends the lifecycle's wait for the opening after the last decryption.
      ConcludeOpeningCheck: (role) => {
        readUploadAndBoard(role);
        tables.grantPutEvents(role, ['ELECTION#*#OPENING#*', CHECKS]);
        tables.grantAppendEvents(role);
        // The lifecycle does not depend on this function, so its role's own policy may name the lifecycle.
        lifecycle.grant(role, 'states:SendTaskSuccess');
      },
      RecordOpeningCheckFailure: (role) => {
        tables.grantReadEvents(role, 'GetItem');
        tables.grantPutEvents(role, [CHECKS]);
      },
    };
    const tasks = {} as Record<OpeningCheckTaskName, NodejsFunction>;
    for (const name of Object.keys(OPENING_CHECK_FUNCTIONS) as OpeningCheckTaskName[]) {
      // Only Conclude ends the lifecycle's wait (handlers/lambda/openingCheckTask.ts asks for it).
      const environment: Record<string, string> = name === 'ConcludeOpeningCheck' ? { STATE_MACHINE_ARN: lifecycle.stateMachineArn } : {};
      tasks[name] = functions.add(OPENING_CHECK_FUNCTIONS[name], environment, taskAccess[name]);
    }
    const logGroup = new LogGroup(stack, 'OpeningCheckLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new OpeningCheckWorkflow(stack, 'OpeningCheck', { tasks, logGroup }).stateMachine;
  }
}
