import type { Deps } from '../ports';
import { tokenMatches } from '../security';
import { HttpError, type ApiEvent } from './http';

/** Admin routes take `Authorization: Bearer <admin token>`, checked against the stored hash. */
export function requireAdmin(deps: Pick<Deps, 'adminTokenHash'>, event: ApiEvent): void {
  const header = event.headers?.authorization ?? '';
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const match = /^Bearer (\S{1,512})$/i.exec(header);
  if (!match || !tokenMatches(match[1]!, deps.adminTokenHash)) {
    throw new HttpError(401, 'unauthorized', 'a valid admin token is required: Authorization: Bearer <token>');
  }
}
