import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ElectionStack } from '../../infra/electionStack';
import { BALLOTS_TABLE, DEFAULT_TABLES, EVENTS_TABLE } from '../../handlers/adapters/tableSchema';

describe('the CDK stack', () => {
  it('declares the events table and the ballot box with the names and key schema the local stack creates', () => {
    const stack = new ElectionStack(new App(), 'Test', { senderEmail: 'elections@uni.test', observerEmails: ['obs@uni.test'] });
    const tables = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
    expect(tables.map((t) => t.Properties.TableName).sort()).toEqual(Object.values(DEFAULT_TABLES).sort());
    for (const schema of [EVENTS_TABLE, BALLOTS_TABLE]) {
      const props = tables.find((t) => t.Properties.TableName === schema.defaultName)!.Properties;
      expect(props.KeySchema).toEqual([
        { AttributeName: schema.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: schema.sortKey.name, KeyType: 'RANGE' },
      ]);
    }
    // Synthesizing bundles every function: on a loaded machine it takes over a minute.
  }, 180_000);
});
