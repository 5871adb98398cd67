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
  /** Every enabled account in a role's group, each with its highest role, by name. */
  members(): Promise<(Member & { email: string })[]>;
  /** The account as it stands now: undefined once removed or disabled, or while in no role's group. */
  member(id: string): Promise<(Member & { email: string }) | undefined>;
  /**
   * Creates the account and sends the invitation (a temporary password; TOTP is set up at first
   * sign-in on AWS). The address is kept folded to lower case; AccountExists when it has an account.
   */
  invite(invitation: { email: string; name: string; role: Role }): Promise<Member & { email: string }>;
  /** Moves the account to this role's group alone; UnknownMember when there is no such account. */
  setRole(id: string, role: Role): Promise<void>;
  /** Disables and deletes the account: its sessions and tokens stop working. UnknownMember when there is no such account. */
  remove(id: string): Promise<void>;
}

/** An invitation to an address that has an account already. */
export class AccountExists extends Error {
  readonly field = 'email';
  constructor(email: string) {
    super(`email: ${email} has an account already`);
  }
}

/** A change to an account the identity provider does not know (removed, or never there). */
export class UnknownMember extends Error {
  readonly field = 'id';
  constructor(id: string) {
    super(`id: no committee member ${id}`);
  }
}

/** A change to the accounts of a deployment (or a function) that was given no directory of them: only its admin token signs in. */
export class NoDirectory extends Error {
  constructor() {
    super('this deployment keeps no member accounts (no identity provider is configured for it): only its admin token signs in');
  }
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
  /** Keeps a new token; a record under a hash or an id already kept is refused (the first one stands). */
  putToken(record: ApiTokenRecord): Promise<void>;
  /** The token with this hash, its revocation's time included, read consistently. */
  tokenByHash(hash: string): Promise<ApiTokenRecord | undefined>;
  /** The member's tokens, expired and revoked ones included, oldest first. */
  tokensOf(memberId: string): Promise<ApiTokenRecord[]>;
  /**
   * Revokes the member's token with this id: false when the member has no such token. Revoking
   * it again changes nothing: the first revocation's time stands.
   */
  revokeToken(id: string, memberId: string, at: string): Promise<boolean>;
}

/**
 * The identity provider's hosted sign-in, for the console: where a member is sent to sign in
 * (with an authorization code and PKCE), and the exchange of the code they come back with for a
 * session. The exchange runs on the server, so that the console talks to its own origin only.
 */
export interface HostedSignIn {
  /** The provider's authorize endpoint. */
  readonly authorizeUrl: string;
  /** The console's app client, which the code was issued to. */
  readonly clientId: string;
  /**
   * The member's session for the code (its access token, for how many seconds, and the refresh
   * token when `keepSignedIn`): undefined when the provider refuses the code, the verifier or the
   * address.
   */
  exchange(grant: { code: string; codeVerifier: string; redirectUri: string; keepSignedIn?: true }): Promise<Session | undefined>;
  /** A new access token for a refresh token: undefined when the provider refuses it (expired, revoked, the member removed). */
  refresh(refreshToken: string): Promise<Session | undefined>;
  /** Ends the sign-in the refresh token keeps (RFC 7009): false where the provider has no way to (cognito-local). */
  revoke(refreshToken: string): Promise<boolean>;
}

/** A signed-in member's session: the access token they send as the bearer, for how many seconds, and the refresh token when it was asked for. */
export interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}
