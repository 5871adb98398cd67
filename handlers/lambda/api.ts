import { createApiHandler } from '../api/router';
import type { RouteGroup } from '../api/routeTable';
import type { ApiEvent, ApiResponse } from '../api/http';
import { lambdaDeps, type Capability } from './environment';
import { observed } from './observed';

/** What each group's routes do beyond the tables: the stack gives each group's function the environment for these. */
const ADMINISTERS: Capability[] = ['adminToken', 'minter', 'lifecycle'];
const ASKS: Partial<Record<RouteGroup, Capability[]>> = { read: ['auditExports'], admin: ADMINISTERS, commands: ADMINISTERS };

/** The Lambda handler for one group of API routes. */
export function apiHandler(group: RouteGroup) {
  let handle: ((event: ApiEvent) => Promise<ApiResponse>) | undefined;
  return observed(async (event: ApiEvent): Promise<ApiResponse> => {
    handle ??= createApiHandler(await lambdaDeps(...(ASKS[group] ?? [])), { group });
    return handle(event);
  });
}
