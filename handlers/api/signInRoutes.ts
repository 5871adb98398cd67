import { signInGrant, signInRefresh } from '../../contract/requestSchemas';
import type { Route, RouteContext } from './context';
import { HttpError, json, parseWith, readJsonBody } from './http';
import { API_ROUTES } from './routeTable';

/**
 * The sign-in through the identity provider's hosted pages: the authorization code grant with
 * PKCE. The console (and `election login`) sends the member to `authorizeUrl`; the code they come
 * back with is exchanged here, on the server, so that the console's pages talk to their own origin
 * only. The command line keeps the refresh token, signs in again with it, and ends it at logout.
 */
const hosted = ({ deps }: RouteContext) => {
  if (!deps.hostedSignIn) throw new HttpError(404, 'no_sign_in', 'this deployment has no hosted sign-in: sign in with a personal API token or the admin token');
  return deps.hostedSignIn;
};

export const signInRoutes: Route[] = [
  {
    ...API_ROUTES.signInStart,
    run: async (context) => {
      const { authorizeUrl, clientId } = hosted(context);
      return json(200, { authorizeUrl, clientId });
    },
  },
  {
    ...API_ROUTES.signInToken,
    async run(context) {
      const grant = parseWith(signInGrant, readJsonBody(context.event));
      const session = await hosted(context).exchange(grant);
      if (!session) throw new HttpError(400, 'invalid_grant', 'code: the sign-in was refused (the code expired, was used already, or does not match its verifier or address): sign in again');
      return json(200, session);
    },
  },
  {
    ...API_ROUTES.signInRefresh,
    async run(context) {
      const { refreshToken } = parseWith(signInRefresh, readJsonBody(context.event));
      const session = await hosted(context).refresh(refreshToken);
      if (!session) throw new HttpError(400, 'invalid_grant', 'refreshToken: the sign-in has expired or was ended (logged out, or the member removed): sign in again with `election login`');
      return json(200, session);
    },
  },
  {
    ...API_ROUTES.signOut,
    async run(context) {
      const { refreshToken } = parseWith(signInRefresh, readJsonBody(context.event));
      return json(200, { revoked: await hosted(context).revoke(refreshToken) });
    },
  },
];
