import type { ApiTokens } from '../../ports';
import { oldestFirst } from '../apiTokenOrder';
import { keys } from '../keys';
import type { MemoryTables } from './tables';
import { TransactionCanceledException } from './transaction';

/** Personal API tokens in memory, with DynamoApiTokens' conditions: each put once under its hash and its member, revoked once. */
export function memoryApiTokens(tables: MemoryTables): ApiTokens {
  const withRevocation = (hash: string) => {
    const token = tables.apiTokens.get(keys.apiToken(hash));
    const revokedAt = tables.apiTokenRevocations.get(keys.apiTokenRevocation(hash));
    return token && { ...token, member: { ...token.member }, ...(revokedAt !== undefined && { revokedAt }) };
  };
  return {
    async putToken({ revokedAt: _ignored, ...record }) {
      const byHash = keys.apiToken(record.hash);
      const byMember = keys.memberToken(record.member.id, record.id);
      if (tables.apiTokens.has(byHash) || tables.memberTokens.has(byMember))
        throw new TransactionCanceledException('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]');
      tables.apiTokens.put(byHash, { ...record, member: { ...record.member } });
      tables.memberTokens.put(byMember, record.hash);
    },

    async tokenByHash(hash) {
      return withRevocation(hash);
    },

    async tokensOf(memberId) {
      return tables.memberTokens
        .query(keys.memberTokens(memberId))
        .map(({ item: hash }) => withRevocation(hash)!)
        .sort(oldestFirst);
    },

    async revokeToken(id, memberId, at) {
      const hash = tables.memberTokens.get(keys.memberToken(memberId, id));
      if (hash === undefined) return false;
      tables.apiTokenRevocations.putNew(keys.apiTokenRevocation(hash), at);
      return true;
    },
  };
}
