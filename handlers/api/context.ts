import type { Deps } from '../ports';
import type { OpenStateCache } from '../usecases/castBallot';
import type { PublicReads } from '../usecases/publicReads';
import type { ApiEvent, ApiResponse } from './http';
import type { RouteAddress } from './routeTable';

export interface RouteContext {
  deps: Deps;
  cache: OpenStateCache;
  reads: PublicReads;
  event: ApiEvent;
  params: Record<string, string>;
}

export interface Route extends RouteAddress {
  run(context: RouteContext): Promise<ApiResponse>;
}
