import type { Result } from '../../domain';
import { apiTokenId, apiTokenRequest, inviteMember as invitation, memberId, memberRole, noBody } from '../../contract/requestSchemas';
import { listApiTokens, makeApiToken, revokeApiToken } from '../usecases/apiTokens';
import { inviteMember, listMembers, removeMember, setMemberRole, type MemberChange } from '../usecases/members';
import { askedBy, signedInMember } from './auth';
import type { Route, RouteContext } from './context';
import { refused } from './errors';
import { json, parseWith, readJsonBody, type ApiResponse } from './http';
import { API_ROUTES } from './routeTable';

/**
 * The committee's members and each member's personal API tokens. The use cases
 * (handlers/usecases/members.ts, apiTokens.ts) decide; these routes parse and answer. Each reads
 * its body before the path's id, so that a body wrong in a field is told so whatever the id.
 */

/** A member changed: the member as the directory has them now, and what became of the change in each election. */
function changed(result: Result<MemberChange>, status = 200): ApiResponse {
  if (!result.ok) throw refused(result.error);
  return json(status, { ...result.value.member, elections: result.value.elections });
}

const memberOf = (context: RouteContext) => parseWith(memberId, context.params.memberId, 'memberId');

export const memberRoutes: Route[] = [
  {
    ...API_ROUTES.listMembers,
    run: async (context) => json(200, { members: await listMembers(context.deps) }),
  },
  {
    ...API_ROUTES.inviteMember,
    async run(context) {
      const asked = parseWith(invitation, readJsonBody(context.event));
      return changed(await inviteMember(context.deps, asked, askedBy(context)), 201);
    },
  },
  {
    ...API_ROUTES.setMemberRole,
    async run(context) {
      const { role } = parseWith(memberRole, readJsonBody(context.event));
      const id = memberOf(context);
      return changed(await setMemberRole(context.deps, id, role, askedBy(context)));
    },
  },
  {
    ...API_ROUTES.removeMember,
    async run(context) {
      parseWith(noBody, readJsonBody(context.event));
      const id = memberOf(context);
      return changed(await removeMember(context.deps, id, askedBy(context)));
    },
  },
  {
    ...API_ROUTES.createApiToken,
    async run(context) {
      const asked = parseWith(apiTokenRequest, readJsonBody(context.event));
      const made = await makeApiToken(context.deps, signedInMember(context), asked);
      if (!made.ok) throw refused(made.error);
      return json(201, made.value);
    },
  },
  {
    ...API_ROUTES.listApiTokens,
    run: async (context) => json(200, { tokens: await listApiTokens(context.deps, signedInMember(context)) }),
  },
  {
    ...API_ROUTES.revokeApiToken,
    async run(context) {
      parseWith(noBody, readJsonBody(context.event));
      const id = parseWith(apiTokenId, context.params.tokenId, 'tokenId');
      const revoked = await revokeApiToken(context.deps, signedInMember(context), id);
      if (!revoked.ok) throw refused(revoked.error);
      return json(200, revoked.value);
    },
  },
];
