import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { EVENTS_TABLE } from './tableSchema';

/** The deployed system. The events table's keys come from the same schema the local stack uses. */
export class ElectionStack extends Stack {
  readonly eventsTable: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const { partitionKey, sortKey } = EVENTS_TABLE;
    this.eventsTable = new Table(this, 'ElectionEvents', {
      partitionKey: { name: partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The log is the election's record: it outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
