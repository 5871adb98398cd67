import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/committee';
import type { ApiTokenRecord, ApiTokens } from '../../handlers/ports';
import { newTokenHash, uniqueId } from './fixtures';

/** Gives each case its tokens: fresh tables in memory; in DynamoDB Local one table per file, each case with members of its own. */
export type ApiTokensFactory = () => Promise<ApiTokens>;

const token = (memberId: string, fields: Partial<ApiTokenRecord> = {}): ApiTokenRecord => ({
  id: randomBytes(8).toString('hex'),
  hash: newTokenHash(),
  member: { id: memberId, name: 'Ada Lovelace' },
  role: 'committee' as Role,
  label: 'laptop',
  createdAt: '2026-12-01T08:00:00.000Z',
  expiresAt: '2027-03-01T08:00:00.000Z',
  ...fields,
});

/**
 * What the personal API tokens' store keeps, run against the twin (memory.test.ts) and DynamoDB
 * Local (dynamo.test.ts).
 */
export function apiTokensContract(makeTokens: ApiTokensFactory): void {
  describe('personal API tokens', () => {
    let tokens: ApiTokens;
    beforeEach(async () => {
      tokens = await makeTokens();
    });

    it('finds a token by its hash with all it was given; another hash finds nothing', async () => {
      const ada = token(uniqueId('member'), { role: 'helpdesk', label: 'CLI on the office PC' });
      await tokens.putToken(ada);
      expect(await tokens.tokenByHash(ada.hash)).toEqual(ada);
      expect(await tokens.tokenByHash(newTokenHash())).toBeUndefined();
    });

    it("lists a member's tokens, oldest first, and no one else's", async () => {
      const member = uniqueId('member');
      const later = token(member, { createdAt: '2026-12-02T08:00:00.000Z' });
      const earlier = token(member, { createdAt: '2026-12-01T09:00:00.000Z' });
      await tokens.putToken(later);
      await tokens.putToken(earlier);
      await tokens.putToken(token(uniqueId('other')));
      expect(await tokens.tokensOf(member)).toEqual([earlier, later]);
      expect(await tokens.tokensOf(uniqueId('nobody'))).toEqual([]);
    });

    it('revokes a token: found and listed with the time of its revocation, which a second revocation leaves as it was', async () => {
      const member = uniqueId('member');
      const ada = token(member);
      await tokens.putToken(ada);
      expect(await tokens.revokeToken(ada.id, member, '2026-12-03T10:00:00.000Z')).toBe(true);
      expect(await tokens.tokenByHash(ada.hash)).toEqual({ ...ada, revokedAt: '2026-12-03T10:00:00.000Z' });
      expect(await tokens.revokeToken(ada.id, member, '2026-12-04T10:00:00.000Z')).toBe(true);
      expect(await tokens.tokensOf(member)).toEqual([{ ...ada, revokedAt: '2026-12-03T10:00:00.000Z' }]);
    });

    it('revokes nothing for a member who does not hold the token, nor for an id never given', async () => {
      const member = uniqueId('member');
      const ada = token(member);
      await tokens.putToken(ada);
      expect(await tokens.revokeToken(ada.id, uniqueId('intruder'), '2026-12-03T10:00:00.000Z')).toBe(false);
      expect(await tokens.revokeToken('no-such-token', member, '2026-12-03T10:00:00.000Z')).toBe(false);
      expect(await tokens.tokenByHash(ada.hash)).toEqual(ada);
    });

    it('refuses a second token under a hash or an id already kept; the first stands', async () => {
      const member = uniqueId('member');
      const ada = token(member);
      await tokens.putToken(ada);
      await expect(tokens.putToken(token(member, { hash: ada.hash, label: 'copy' }))).rejects.toThrow();
      await expect(tokens.putToken(token(member, { id: ada.id, label: 'copy' }))).rejects.toThrow();
      expect(await tokens.tokensOf(member)).toEqual([ada]);
      expect(await tokens.tokenByHash(ada.hash)).toEqual(ada);
    });
  });
}
