import { SnsAlerter } from '../adapters/snsAlerter';
import { handleBreachDelivery } from '../breach/recordBreaches';
import { lambdaDeps, withCapabilities } from './environment';
import { observed } from './observed';

const list = (name: string) =>
  (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

let handle: ((event: unknown) => Promise<unknown>) | undefined;

/**
 * Subscribed to the CloudTrail log group and the target of the EventBridge rules for the same
 * events (infra/breachRules.ts). A thrown error makes Lambda retry the delivery.
 */
export const handler = withCapabilities(
  observed(async (event: unknown): Promise<unknown> => {
    handle ??= handleBreachDelivery({
      ...(await lambdaDeps()),
      alerter: new SnsAlerter(process.env.OBSERVERS_TOPIC_ARN ?? ''),
      scope: { ownRoleArns: list('OWN_ROLE_ARNS'), ownResourceMarkers: list('OWN_RESOURCE_MARKERS') },
    });
    return handle(event);
  }),
  [],
);
