import { gunzipSync } from 'node:zlib';
import * as z from 'zod';
import { API_CALL, CONSOLE_SIGN_IN } from './watchedEvents';

/** What a CloudWatch Logs delivery's data holds once un-base64ed and gunzipped. */
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

/** The two ways a CloudTrail record reaches the breach handler. */
export type DeliveryPath = 'EventBridge' | 'CloudWatch Logs';

export type Decoded = { via: DeliveryPath; records: CloudTrailRecord[]; malformed: number } | { error: string };

/** What a subscription filter hands a Lambda: `{ awslogs: { data: base64(gzip(logsPayload)) } }`. */
const logsDelivery = z.object({ awslogs: z.object({ data: z.string() }) });

/** What an EventBridge rule hands a Lambda: one event, CloudTrail's record as its `detail`. */
const eventBridgeDelivery = z.object({
  'detail-type': z.enum([CONSOLE_SIGN_IN, API_CALL]),
  source: z.string(),
  detail: z.unknown(),
});

/** Decodes a delivery from either path; a malformed payload or record is reported, never thrown. */
export function decodeDelivery(event: unknown): Decoded {
  const logs = logsDelivery.safeParse(event);
  if (logs.success) return decodeLogsData(logs.data.awslogs.data);
  const bridged = eventBridgeDelivery.safeParse(event);
  if (bridged.success) {
    const record = cloudTrailRecord.safeParse(bridged.data.detail);
    return { via: 'EventBridge', records: record.success ? [record.data] : [], malformed: record.success ? 0 : 1 };
  }
  return { error: 'neither a CloudWatch Logs delivery (awslogs.data) nor a CloudTrail event from EventBridge' };
}

function decodeLogsData(data: string): Decoded {
  let payload;
  try {
    payload = logsPayload.parse(JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')));
  } catch (error) {
    return { error: `undecodable payload: ${(error as Error).message.slice(0, 200)}` };
  }
  const via = 'CloudWatch Logs';
  if (payload.messageType !== 'DATA_MESSAGE') return { via, records: [], malformed: 0 };
  const records: CloudTrailRecord[] = [];
  let malformed = 0;
  for (const { message } of payload.logEvents) {
    try {
      records.push(cloudTrailRecord.parse(JSON.parse(message)));
    } catch {
      malformed += 1;
    }
  }
  return { via, records, malformed };
}
