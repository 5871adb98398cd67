import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  FailedAssertionError,
  JwtInvalidSignatureError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import type { Member } from '../../domain/committee';
import { isApiTokenText } from '../apiTokenText';
import type { ApiTokens, Authenticator, Clock, MemberDirectory, SignedInMember } from '../ports';
import { hashToken } from '../security';
import { TtlCache } from '../usecases/ttlCache';
import { highestRole, roleNow } from './committeeRoles';

/** The user pool whose sessions are members' sessions, and the console's app client they must be issued to. */
export interface SessionPool {
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>` on AWS, `http://127.0.0.1:<port>/<pool id>` from cognito-local. */
  issuer: string;
  clientId: string;
}

export interface AuthenticatorDeps {
  directory: Pick<MemberDirectory, 'member'>;
  tokens: Pick<ApiTokens, 'tokenByHash'>;
  clock: Clock;
}

/** How long an account's standing (enabled, role, name) is taken as read: a removal or a lower role takes hold within this. */
export const MEMBER_READ_MS = 60_000;

/** Three base64url parts: the shape of a JWT, told apart before anything is verified. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Who a bearer is. A JWT must be an access token of the pool (signature by the pool's published
 * keys, issuer, `token_use` access, issued to the console's client, unexpired): its `sub` is the
 * member, its `cognito:groups` the role it was issued with. Access tokens name no one (Cognito's
 * hold no `name`, and cognito-local's ID tokens neither), so the name comes from the directory,
 * which is asked anyway: a removed or disabled account's tokens, still within their hour, are
 * refused, and a member moved to a lower role acts with that role, each within MEMBER_READ_MS.
 * Anything else of a
 * personal API token's shape is looked up by its hash: unexpired by the clock, not revoked, and
 * its member still in the directory, it acts as its member with its role (never more than the
 * member's role now).
 */
export class JwtAuthenticator implements Authenticator {
  private readonly verifier: ReturnType<typeof accessTokenVerifier> | undefined;
  private readonly standing = new TtlCache<(Member & { email: string }) | undefined>(MEMBER_READ_MS);

  constructor(
    /** Without a pool (a test, a deployment before its accounts) no session is anyone's: only personal API tokens sign in. */
    pool: SessionPool | undefined,
    private readonly deps: AuthenticatorDeps,
  ) {
    this.verifier = pool && accessTokenVerifier(pool);
  }

  async memberFor(bearer: string): Promise<SignedInMember | undefined> {
    if (isApiTokenText(bearer)) return this.tokenHolder(bearer);
    if (JWT_SHAPE.test(bearer)) return this.sessionHolder(bearer);
    return undefined;
  }

  private async sessionHolder(jwt: string): Promise<SignedInMember | undefined> {
    if (!this.verifier) return undefined;
    const payload = await this.verifier.verify(jwt).catch(undefinedIfRefused);
    const groups = payload?.['cognito:groups'];
    const issued = highestRole(Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : []);
    if (!payload?.sub || !issued) return undefined;
    const member = await this.memberNow(payload.sub);
    return member && { id: member.id, name: member.name, role: roleNow(issued, member.role), via: 'session' };
  }

  private async tokenHolder(text: string): Promise<SignedInMember | undefined> {
    const token = await this.deps.tokens.tokenByHash(hashToken(text));
    if (!token || token.revokedAt !== undefined || token.expiresAt <= this.deps.clock.now().toISOString()) return undefined;
    const member = await this.memberNow(token.member.id);
    return member && { id: member.id, name: member.name, role: roleNow(token.role, member.role), via: 'token' };
  }

  private memberNow(id: string) {
    return this.standing.get(this.deps.clock, id, () => this.deps.directory.member(id));
  }
}

/** How long fetching the pool's keys may take before the request fails (it is done once per process, and for a key not seen before). */
const KEYS_TIMEOUT_MS = 3_000;

/**
 * Verifies a pool's access tokens. The keys are fetched with Node's fetch, which speaks HTTP as
 * well as HTTPS: the library's own fetcher speaks HTTPS only, and cognito-local serves plain HTTP
 * on loopback.
 */
function accessTokenVerifier(pool: SessionPool) {
  const fetcher = {
    async fetch(uri: string): Promise<ArrayBuffer> {
      const response = await fetch(uri, { signal: AbortSignal.timeout(KEYS_TIMEOUT_MS) });
      if (!response.ok) throw new NonRetryableFetchError(uri, `status ${response.status}, expected 200`);
      return response.arrayBuffer();
    },
  };
  return JwtVerifier.create(
    {
      issuer: pool.issuer,
      jwksUri: `${pool.issuer}/.well-known/jwks.json`,
      // Access tokens carry no `aud`: the client they were issued to is their `client_id`, checked here.
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: pool.clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

/**
 * A token that fails verification is no one's; a pool whose keys cannot be fetched is a fault,
 * not a refusal, and is thrown on.
 */
function undefinedIfRefused(error: unknown): undefined {
  const refused = [JwtParseError, JwtInvalidSignatureError, FailedAssertionError, JwtWithoutValidKidError, KidNotFoundInJwksError, WaitPeriodNotYetEndedJwkError].some((kind) => error instanceof kind);
  if (!refused) throw error;
  return undefined;
}
