import { actorOf, holds, type Actor, type Role } from '../../domain/committee';
import type { Deps, SignedInMember } from '../ports';
import type { RouteContext } from './context';
import { HttpError, type ApiEvent } from './http';

/** Longer than any bearer we issue: a Cognito access token with several groups stays under 2 KiB. */
const BEARER = /^Bearer (\S{1,4096})$/i;

/**
 * The member a request's `Authorization: Bearer …` belongs to, holding `needed`: 401 for no
 * token or one that is no one's, 403 naming the role needed and the member's.
 */
export async function signIn(deps: Pick<Deps, 'authenticator'>, event: ApiEvent, needed: Role): Promise<SignedInMember> {
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const match = BEARER.exec(event.headers?.authorization ?? '');
  const member = match ? await deps.authenticator.memberFor(match[1]!) : undefined;
  if (!member) throw new HttpError(401, 'unauthorized', 'a valid token is required: Authorization: Bearer <session, personal API token or admin token>');
  if (!holds(member.role, needed)) throw new HttpError(403, 'forbidden', `this needs the ${needed} role: ${member.name} is ${member.role}`);
  return member;
}

/** The member signed in: a route with a role is only run once signIn found one. */
export function signedInMember(context: RouteContext): SignedInMember {
  if (!context.member) throw new Error('a route with a role ran without a signed-in member');
  return context.member;
}

/** The member who asked, as the log records them. */
export const askedBy = (context: RouteContext): { by: Actor } => ({ by: actorOf(signedInMember(context)) });
