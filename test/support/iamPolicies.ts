/** A statement of an IAM policy as CloudFormation holds it. */
export type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string | string[]>> };

/**
 * Whether these statements let a role call this DynamoDB action on an item under this partition
 * key of the table whose logical id begins with `table`, as IAM judges their LeadingKeys
 * conditions (* and ? as in StringLike).
 */
export function mayOnTable(statements: readonly Statement[], table: string, action: string, partitionKey: string): boolean {
  const like = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    ).test(partitionKey);
  const keysOf = (s: Statement, operator: string) => [s.Condition?.[operator]?.['dynamodb:LeadingKeys'] ?? []].flat();
  return statements.some((s) => {
    const onTable = JSON.stringify(s.Resource).includes(`"${table}`);
    const allowed = s.Condition?.['ForAllValues:StringLike'] === undefined || keysOf(s, 'ForAllValues:StringLike').some(like);
    return [s.Action].flat().includes(`dynamodb:${action}`) && onTable && allowed && !keysOf(s, 'ForAllValues:StringNotLike').some(like);
  });
}
