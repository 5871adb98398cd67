/** Where `npm run breach` delivers CloudWatch Logs payloads to the local stack's breach handler. */
export const BREACH_DELIVERY_PATH = '/_local/cloudwatch-logs';
