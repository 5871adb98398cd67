/**
 * Where the local stack takes what AWS would invoke the breach Lambda with: a CloudWatch Logs
 * subscription's payload or an EventBridge rule's event (`npm run breach -- --via …`).
 */
export const BREACH_DELIVERY_PATH = '/_local/breach-handler';
