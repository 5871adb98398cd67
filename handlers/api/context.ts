import type { Deps, SignedInMember } from '../ports';
import type { OpenStateCache } from '../usecases/castBallot';
import type { PublicReads } from '../usecases/publicReads';
import type { ApiEvent, ApiResponse } from './http';
import type { RouteAddress } from './routeTable';

/** The API links no page (the mails that do are the sender's and the results step's), so it is given no public URL. */
export type ApiDeps = Omit<Deps, 'publicUrl'>;

export interface RouteContext {
  deps: ApiDeps;
  cache: OpenStateCache;
  reads: PublicReads;
  event: ApiEvent;
  params: Record<string, string>;
  /** Who signed in, on a route that needs a role (routeTable.ts); undefined on the public ones. */
  member?: SignedInMember;
}

export interface Route extends RouteAddress {
  run(context: RouteContext): Promise<ApiResponse>;
}
