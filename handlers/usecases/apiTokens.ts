import type { ListedToken } from '../../contract/listedToken';
import { fail, ok, type Result } from '../../domain';
import { holds, type Role } from '../../domain/committee';
import { newApiToken } from '../apiTokenText';
import type { ApiTokenRecord, Deps, SignedInMember } from '../ports';

/**
 * A member's personal API tokens, for scripts and the command line: made with a role no higher
 * than the member's, shown once, kept only as their hash, listed and revoked by their member alone.
 */

const DAY_MS = 86_400_000;
/** Bytes of a token's id: enough that two tokens of one member never share one. */
const ID_BYTES = 8;

type TokenDeps = Pick<Deps, 'apiTokens' | 'clock'>;

/** A new token as its member sees it, this once with its text. */
export interface MadeToken {
  id: string;
  token: string;
  role: Role;
  label: string;
  expiresAt: string;
}

/**
 * Makes a token for the member signed in, acting with `role`. Refused for a role the member does
 * not hold as they are signed in now (a token made through a lower token is no higher than that
 * one), and for whoever has no account: the admin token's member is in no directory, so its
 * tokens would be no one's.
 */
export async function makeApiToken(
  deps: TokenDeps & Pick<Deps, 'directory' | 'secureBytes'>,
  member: SignedInMember,
  asked: { role: Role; label?: string | undefined; expiresInDays: number },
): Promise<Result<MadeToken>> {
  const account = await deps.directory.member(member.id);
  if (!account) return fail('conflict', `member: ${member.name} has no account: sign in as a member to make tokens`);
  if (!holds(member.role, asked.role)) return fail('forbidden', `role: a ${asked.role} token needs the ${asked.role} role: ${member.name} is ${member.role}`);
  const now = deps.clock.now();
  const { text, hash } = newApiToken(deps.secureBytes);
  const record: ApiTokenRecord = {
    id: Buffer.from(deps.secureBytes(ID_BYTES)).toString('hex'),
    hash,
    member: { id: account.id, name: account.name },
    role: asked.role,
    label: asked.label ?? '',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + asked.expiresInDays * DAY_MS).toISOString(),
  };
  await deps.apiTokens.putToken(record);
  return ok({ id: record.id, token: text, role: record.role, label: record.label, expiresAt: record.expiresAt });
}

/** The member's own tokens, oldest first, each with where it stands by the clock. */
export async function listApiTokens(deps: TokenDeps, member: SignedInMember): Promise<ListedToken[]> {
  const now = deps.clock.now().toISOString();
  return (await deps.apiTokens.tokensOf(member.id)).map(({ id, role, label, createdAt, expiresAt, revokedAt }) => ({
    id,
    role,
    label,
    createdAt,
    expiresAt,
    ...(revokedAt !== undefined && { revokedAt }),
    state: revokedAt !== undefined ? 'revoked' : expiresAt <= now ? 'expired' : 'active',
  }));
}

/** Revokes one of the member's own tokens; another member's, or none, is not found. */
export async function revokeApiToken(deps: TokenDeps, member: SignedInMember, id: string): Promise<Result<{ id: string; revoked: true }>> {
  const revoked = await deps.apiTokens.revokeToken(id, member.id, deps.clock.now().toISOString());
  return revoked ? ok({ id, revoked: true }) : fail('not_found', `tokenId: you have no token "${id}"`);
}
