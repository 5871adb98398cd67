import { recordQuery } from '../../contract/requestSchemas';
import { officialRecordPdf } from '../usecases/officialRecord';
import type { RouteContext } from './context';
import { refused } from './errors';
import { parseWith, type ApiResponse } from './http';

/**
 * `GET /elections/{id}/record.pdf?language=de|en&version=current|issued`: the official record, as a
 * PDF (base64 through API Gateway, which hands the client the bytes): of the log as it stands, or
 * as issued when the results became final. Not cached: a log appended to after the count (a
 * recorded failure, the publication) gives a new current record.
 */
export async function officialRecordRoute(context: RouteContext): Promise<ApiResponse> {
  const { language, version } = parseWith(recordQuery, context.event.queryStringParameters ?? {}, 'query');
  const id = context.params.id!;
  const pdf = await officialRecordPdf(context.deps, id, language, version);
  if (!pdf.ok) throw refused(pdf.error);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="record-${id}-${language}${version === 'issued' ? '-issued' : ''}.pdf"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(pdf.value).toString('base64'),
    isBase64Encoded: true,
  };
}
