import { auditExportLink } from '../usecases/auditExport';
import type { RouteContext } from './context';
import { refused } from './errors';
import type { ApiResponse } from './http';

/**
 * `GET /elections/{id}/audit-log`: a redirect to the gzipped NDJSON export, which no Lambda
 * response could carry past 6 MB. The link expires within minutes, so neither it nor this answer
 * may be cached.
 */
export async function redirectToAuditExport(context: RouteContext): Promise<ApiResponse> {
  const linked = await auditExportLink(context.deps, context.params.id!);
  if (!linked.ok) throw refused(linked.error);
  return { statusCode: 302, headers: { location: linked.value, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } };
}
