import type { Deps } from '../ports';
import type { OpenStateCache } from '../usecases/castBallot';
import type { PublicReads } from '../usecases/publicReads';
import type { ApiEvent, ApiResponse } from './http';

export interface RouteContext {
  deps: Deps;
  cache: OpenStateCache;
  reads: PublicReads;
  event: ApiEvent;
  params: Record<string, string>;
}

export interface Route {
  method: string;
  /** A path with `{name}` placeholders, as API Gateway writes routes. */
  path: string;
  run(context: RouteContext): Promise<ApiResponse>;
}
