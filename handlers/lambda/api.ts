import { createApiHandler } from '../api/router';
import type { RouteGroup } from '../api/routeTable';
import type { ApiEvent, ApiResponse } from '../api/http';
import { lambdaDeps } from './environment';
import { observed } from './observed';

/** The Lambda handler for one group of API routes. */
export function apiHandler(group: RouteGroup) {
  let handle: ((event: ApiEvent) => Promise<ApiResponse>) | undefined;
  return observed(async (event: ApiEvent): Promise<ApiResponse> => {
    handle ??= createApiHandler(await lambdaDeps(), { group });
    return handle(event);
  });
}
