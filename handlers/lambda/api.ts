import { createApiHandler } from '../api/router';
import type { RouteGroup } from '../api/routeTable';
import type { ApiEvent, ApiResponse } from '../api/http';
import { lambdaDepsGiven, withCapabilities, type Capability, type GivenCapabilities } from './environment';
import { observed } from './observed';

/**
 * The Lambda handler for one group of API routes, given what its routes do beyond the tables (the
 * stack gives the group's function the environment for these).
 */
export function apiHandler(group: RouteGroup, ...asked: Capability[]) {
  return apiHandlerGiven(group, {}, ...asked);
}

/** apiHandler, with what the function's entry point gives it besides its environment. */
export function apiHandlerGiven(group: RouteGroup, given: GivenCapabilities, ...asked: Capability[]) {
  let handle: ((event: ApiEvent) => Promise<ApiResponse>) | undefined;
  return withCapabilities(
    observed(async (event: ApiEvent): Promise<ApiResponse> => {
      handle ??= createApiHandler(await lambdaDepsGiven(given, ...asked), { group });
      return handle(event);
    }),
    asked,
  );
}
