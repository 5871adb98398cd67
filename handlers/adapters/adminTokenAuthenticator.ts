import type { Member } from '../../domain/committee';
import type { Authenticator, SignedInMember } from '../ports';
import { tokenMatches } from '../security';

/**
 * Whom the deployment's admin token acts as when no member is named for it: the committee as one
 * person, as before personal accounts. The local stack names its bootstrap member instead (the
 * chair it creates at `npm start`), so that the token is that member's.
 */
export const ADMIN_TOKEN_MEMBER: Member = { id: 'admin-token', name: 'Admin token', role: 'committee' };

/**
 * The deployment's admin token (kept as its hash) acting as one committee member, before any
 * other way of signing in: `ADMIN_TOKEN=… npm start` and scripts calling with
 * `Authorization: Bearer …` keep working, and what they do is recorded as that member's.
 */
export function withAdminToken(accounts: Authenticator, adminTokenHash: string, member: Member = ADMIN_TOKEN_MEMBER): Authenticator {
  return {
    async memberFor(bearer: string): Promise<SignedInMember | undefined> {
      if (adminTokenHash && tokenMatches(bearer, adminTokenHash)) return { id: member.id, name: member.name, role: member.role, via: 'token' };
      return accounts.memberFor(bearer);
    },
  };
}
