import { electionId } from '../../contract/requestSchemas';
import { StreamConflict } from '../ports';
import { OpenStateCache } from '../usecases/castBallot';
import { PublicReads } from '../usecases/publicReads';
import type { ApiDeps, Route, RouteContext } from './context';
import { HttpError, type ApiEvent, type ApiResponse } from './http';
import { restRoutes } from './restRoutes';
import { signIn } from './auth';
import { memberRoutes } from './memberRoutes';
import { signInRoutes } from './signInRoutes';
import { sealedBoxRoutes } from './sealedBoxRoutes';
import type { RouteGroup } from './routeTable';
import { thesisRoute } from './thesisCommands';

/** AWS's answers when a request is throttled even after the SDK's own retries: nothing was written. */
const OVERLOADED = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

const inGroup = (group: RouteGroup) => [...restRoutes, ...sealedBoxRoutes, ...memberRoutes, ...signInRoutes, thesisRoute].filter((r) => r.group === group);
/** The routes in the groups routeTable.ts assigns them, one Lambda function each on AWS. */
export const ROUTE_GROUPS: Record<RouteGroup, Route[]> = {
  read: inGroup('read'),
  cast: inGroup('cast'),
  newLink: inGroup('newLink'),
  admin: inGroup('admin'),
  commands: inGroup('commands'),
  record: inGroup('record'),
};
const ROUTES: Route[] = Object.values(ROUTE_GROUPS).flat();
const READ_ONLY = new Set(ROUTE_GROUPS.read.map((r) => `${r.method} ${r.path}`));

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

const compile = (routes: Route[]): CompiledRoute[] =>
  routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, pattern: new RegExp(`^${source}/?$`), names };
  });
const compiled = compile(ROUTES);

/**
 * One entry point for every route: matches the path, runs the route, and turns any refusal into
 * a JSON error. Only a fault of ours is a 500, and its details go to the log, not the client.
 */
export function createApiHandler(deps: ApiDeps, { cache = new OpenStateCache(), reads = new PublicReads(), group }: { cache?: OpenStateCache; reads?: PublicReads; group?: RouteGroup } = {}) {
  const served = group ? compile(ROUTE_GROUPS[group]) : compiled;
  return async (event: ApiEvent): Promise<ApiResponse> => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    const started = Date.now();
    let response: ApiResponse;
    try {
      response = await dispatch(served, { deps, cache, reads, event }, method, path);
    } catch (error) {
      if (error instanceof HttpError) response = error.toResponse();
      else if (error instanceof StreamConflict) response = new HttpError(409, 'conflict', 'the election changed meanwhile; try again').toResponse();
      else if (OVERLOADED.has((error as Error).name)) response = new HttpError(503, 'busy', 'the system is busy; nothing was changed, try again in a moment').toResponse();
      else {
        deps.log.error('request failed', { method, path, error: (error as Error).name, detail: (error as Error).message });
        response = new HttpError(500, 'internal_error', 'something went wrong on our side; nothing was changed by this request unless it says so').toResponse();
      }
    }
    // Only the path pattern is logged, never a body: bodies carry tokens and choices.
    deps.log.info('request', { method, route: routeOf(method, path), status: response.statusCode, ms: Date.now() - started });
    return response;
  };
}

async function dispatch(routes: CompiledRoute[], context: Omit<RouteContext, 'params'>, method: string, path: string): Promise<ApiResponse> {
  const candidates = routes.filter((r) => r.pattern.test(path));
  if (candidates.length === 0) throw new HttpError(404, 'no_route', `no such route: ${path}`);
  const route = candidates.find((r) => r.method === method);
  if (!route) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  const match = route.pattern.exec(path)!;
  const params = Object.fromEntries(route.names.map((name, i) => [name, decodePathPart(match[i + 1]!)]));
  // An id outside the pattern could alias another item's key; such an election cannot exist.
  if (params.id !== undefined && !electionId.safeParse(params.id).success) {
    throw new HttpError(404, 'not_found', 'no election with that id');
  }
  const member = route.role ? await signIn(context.deps, context.event, route.role) : undefined;
  const response = await route.run({ ...context, params, ...(member && { member }) });
  // So that one process serving every route (the local stack) reads its own writes at once; on AWS, writes run in other functions.
  if (!READ_ONLY.has(`${route.method} ${route.path}`) && (response.statusCode ?? 200) < 300) context.reads.clear();
  return response;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'malformed_path', 'the path is not valid percent-encoding');
  }
}

function routeOf(method: string, path: string): string {
  return compiled.find((r) => r.method === method && r.pattern.test(path))?.path ?? 'unmatched';
}
