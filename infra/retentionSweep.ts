import type { Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { AuditExports } from './auditExports';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionSecrets } from './electionSecrets';
import type { ElectionTables } from './electionTables';
import { RETENTION_SWEEP_FUNCTION } from './lambdaFunctions';

export interface RetentionSweepProps {
  functions: ElectionFunctions;
  tables: ElectionTables;
  secrets: ElectionSecrets;
  auditExports: AuditExports;
  publicUrl: string;
}

/**
 * The daily sweep that deletes each election's personal data once it is due (domain/retention.ts):
 * at 03:00 UTC, when no election is likely to be busy. It may delete items only in the partitions
 * that hold personal data, never an event of the log.
 */
export class RetentionSweep {
  constructor(stack: Stack, { functions, tables, secrets, auditExports, publicUrl }: RetentionSweepProps) {
    const environment = { ...secrets.credentialEnvironment, ...auditExports.environment(publicUrl) };
    const sweeper = functions.add(RETENTION_SWEEP_FUNCTION, environment, (role) => {
      // Reads the registry and the logs, keeps the roll's hashes beside the log, appends the deletion and marks it finished.
      tables.grantReadEvents(role, 'GetItem', 'Query');
      tables.grantPutEvents(role, ['ELECTION#*']);
      // Derives the tokens of every credential generation to find the credentials, and deletes the personal items.
      secrets.grantDeriveCredentials(role);
      tables.grantErasePersonalData(role);
      // Writes the export again, with the deletion in it: the log, the box and the kept roll.
      tables.grantReadBallots(role, 'Query');
      auditExports.grantExport(role);
    });
    new Rule(stack, 'PersonalDataSweep', {
      schedule: Schedule.cron({ minute: '0', hour: '3' }),
      targets: [new LambdaFunction(sweeper)],
      description: "Deletes each election's personal data once its challenge period, objections and retention are over",
    });
  }
}
