import { describe, expect, it } from 'vitest';
import { ROUTE_GROUPS } from '../../handlers/api/router';
import { API_ROUTES, routesOf, type RouteGroup } from '../../handlers/api/routeTable';

describe('the route table, from which the CDK stack makes the routes and the functions behind them', () => {
  it('is what the router serves: each route once, in the group whose function serves it', () => {
    for (const group of Object.keys(ROUTE_GROUPS) as RouteGroup[]) {
      expect(
        ROUTE_GROUPS[group].map(({ method, path, role }) => ({ method, path, group, ...(role && { role }) })),
        group,
      ).toEqual(routesOf(group));
    }
    expect(Object.values(ROUTE_GROUPS).flat()).toHaveLength(Object.keys(API_ROUTES).length);
  });
});
