import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ElectionStack } from '../../infra/electionStack';
import { EVENTS_TABLE } from '../../infra/tableSchema';

describe('the CDK stack', () => {
  it('declares the events table with the key schema the local stack creates', () => {
    const stack = new ElectionStack(new App(), 'Test', { senderEmail: 'elections@uni.test', observerEmails: ['obs@uni.test'] });
    const tables = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const props = tables[0]!.Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: EVENTS_TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: EVENTS_TABLE.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(props.DeletionProtectionEnabled).toBe(true);
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(tables[0]!.DeletionPolicy).toBe('Retain');
  });
});
