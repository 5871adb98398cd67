import { createApiHandler, type RouteGroup } from '../api/router';
import type { ApiEvent, ApiResponse } from '../api/http';
import { lambdaDeps } from './environment';

/** The Lambda handler for one group of API routes. */
export function apiHandler(group: RouteGroup): (event: ApiEvent) => Promise<ApiResponse> {
  let handle: ((event: ApiEvent) => Promise<ApiResponse>) | undefined;
  return async (event) => {
    handle ??= createApiHandler(await lambdaDeps(), { group });
    return handle(event);
  };
}
