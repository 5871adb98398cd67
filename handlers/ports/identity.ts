import type { Member, Role } from '../../domain/committee';

/** A member as a request's bearer token shows them: through a session of the identity provider, or a personal API token they made. */
export interface SignedInMember extends Member {
  via: 'session' | 'token';
}

/**
 * Who a request's bearer token belongs to: a session token of the identity provider (a JWT,
 * verified against the pool's keys, issuer, audience and expiry) or a personal API token (looked
 * up by its hash, unexpired and not revoked). Undefined for any other: forged, expired, from
 * another pool or for another client.
 */
export interface Authenticator {
  memberFor(bearer: string): Promise<SignedInMember | undefined>;
}

/** The committee's accounts at the identity provider: invited, never signing themselves up. */
export interface MemberDirectory {
  members(): Promise<(Member & { email: string })[]>;
  /** Creates the account and sends the invitation (a temporary password; TOTP is set up at first sign-in on AWS). */
  invite(invitation: { email: string; name: string; role: Role }): Promise<Member & { email: string }>;
  setRole(id: string, role: Role): Promise<void>;
  /** Disables and deletes the account: its sessions and tokens stop working. */
  remove(id: string): Promise<void>;
}

/** A personal API token as it is kept: only its hash, whose member it acts as, with which role, until when. */
export interface ApiTokenRecord {
  id: string;
  hash: string;
  member: { id: string; name: string };
  role: Role;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export interface ApiTokens {
  putToken(record: ApiTokenRecord): Promise<void>;
  tokenByHash(hash: string): Promise<ApiTokenRecord | undefined>;
  tokensOf(memberId: string): Promise<ApiTokenRecord[]>;
  revokeToken(id: string, memberId: string, at: string): Promise<boolean>;
}
