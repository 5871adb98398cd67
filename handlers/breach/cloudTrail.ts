import { gunzipSync } from 'node:zlib';
import * as z from 'zod';

/** What CloudWatch Logs hands a subscribed Lambda: base64 of gzip of this JSON. */
const logsPayload = z.object({
  messageType: z.string(),
  logGroup: z.string().optional(),
  logEvents: z.array(z.object({ id: z.string(), timestamp: z.number(), message: z.string() })),
});

/** The fields of a CloudTrail record that decide and describe a breach. */
export const cloudTrailRecord = z.object({
  eventID: z.string().min(1),
  eventName: z.string().min(1),
  eventTime: z.iso.datetime({ offset: true }),
  eventSource: z.string(),
  sourceIPAddress: z.string().optional(),
  userIdentity: z
    .object({
      type: z.string().optional(),
      arn: z.string().optional(),
      principalId: z.string().optional(),
      sessionContext: z.object({ sessionIssuer: z.object({ arn: z.string().optional() }).optional() }).optional(),
    })
    .optional(),
  requestParameters: z.unknown().optional(),
  resources: z.array(z.object({ ARN: z.string().optional() })).optional(),
});
export type CloudTrailRecord = z.infer<typeof cloudTrailRecord>;

export type Decoded = { records: CloudTrailRecord[]; malformed: number } | { error: string };

/** Decodes a subscription delivery; a malformed payload or record is reported, never thrown. */
export function decodeLogsEvent(event: unknown): Decoded {
  const data = (event as { awslogs?: { data?: unknown } } | null)?.awslogs?.data;
  if (typeof data !== 'string') return { error: 'no awslogs.data in the event' };
  let payload;
  try {
    payload = logsPayload.parse(JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')));
  } catch (error) {
    return { error: `undecodable payload: ${(error as Error).message.slice(0, 200)}` };
  }
  if (payload.messageType !== 'DATA_MESSAGE') return { records: [], malformed: 0 };
  const records: CloudTrailRecord[] = [];
  let malformed = 0;
  for (const { message } of payload.logEvents) {
    try {
      records.push(cloudTrailRecord.parse(JSON.parse(message)));
    } catch {
      malformed += 1;
    }
  }
  return { records, malformed };
}
