import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { keys } from '../../handlers/adapters/keys';
import { ElectionTables } from '../../infra/electionTables';
import { mayOnTable, type Statement } from '../support/iamPolicies';

/** The erasure's role alone, on the three tables: what its grant lets it do. */
function erasureGrant(): { statements: Statement[]; tables: ElectionTables; role: Role } {
  const stack = new Stack(new App(), 'Tables');
  const tables = new ElectionTables(stack);
  const role = new Role(stack, 'Erasure', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  tables.grantErasePersonalData(role);
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return { statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]), tables, role };
}

describe("the grant to erase an election's personal data", () => {
  const { statements, tables, role } = erasureGrant();
  const may = (table: 'ElectionEvents' | 'ElectionMail' | 'ElectionBallots', action: string, pk: string) => mayOnTable(statements, table, action, pk);
  const ACTIONS = ['Query', 'BatchGetItem', 'BatchWriteItem'];

  it('finds and deletes, in batches, every partition the store erases: the roll, the items beside it, the salt and credentials', () => {
    const partitions = [keys.roll('e1'), ...keys.voterRecordPartitions('e1'), keys.rollSalt('e1').pk, keys.credential('ab12').pk];
    for (const pk of partitions) for (const action of ACTIONS) expect(may('ElectionEvents', action, pk), `${action} ${pk}`).toBe(true);
  });

  it("finds and deletes the election's mail, its link requests and the items of its sent messages", () => {
    for (const pk of [...keys.electionMailPartitions('e1'), keys.sentMessage('m1').pk]) for (const action of ACTIONS) expect(may('ElectionMail', action, pk), `${action} ${pk}`).toBe(true);
  });

  it('touches neither the log, nor the markers and ballots, nor anything else beside the log, and updates, puts or deletes one by one nowhere', () => {
    const untouched = [
      keys.stream('e1'),
      keys.done({ kind: 'seal-notice', electionId: 'e1' }).pk,
      keys.openingFile('e1', 'd1'),
      keys.pendingUpload('e1', 'd1'),
      keys.openingCheck('e1', 'u1').pk,
      keys.markerShard('e1', 3),
      keys.ballotShard('e1', 3),
      keys.electionRegistry,
      keys.apiToken('h1').pk,
      keys.memberTokens('m1'),
    ];
    for (const pk of untouched) for (const action of ACTIONS) expect(may('ElectionEvents', action, pk), `${action} ${pk}`).toBe(false);
    for (const pk of [keys.markerShard('e1', 3), keys.ballotShard('e1', 3)]) for (const action of ACTIONS) expect(may('ElectionBallots', action, pk), `${action} ${pk}`).toBe(false);
    expect(may('ElectionMail', 'BatchWriteItem', keys.breachAlertClaim('t1').pk)).toBe(false);
    const granted = [
      ['ElectionEvents', keys.roll('e1')],
      ['ElectionMail', keys.mailShard('e1', 3)],
    ] as const;
    for (const action of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Scan']) for (const [table, pk] of granted) expect(may(table, action, pk), `${action} on ${table}`).toBe(false);
  });

  it("is a reader of the events table, whose reads the trail spares as every reader's", () => {
    expect(tables.eventReaders).toEqual([role]);
    expect(tables.casters).toEqual([]);
  });
});
