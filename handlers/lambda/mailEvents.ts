import { handleSesEventDelivery } from '../mail/sesEvents';
import { lambdaDeps, withCapabilities } from './environment';
import { observed } from './observed';

let handle: ((event: unknown) => Promise<unknown>) | undefined;

/** Subscribed to the topic SES publishes the configuration set's bounces, complaints and deliveries to. */
export const handler = withCapabilities(
  observed(async (event: unknown): Promise<unknown> => {
    handle ??= handleSesEventDelivery(await lambdaDeps());
    return handle(event);
  }),
  [],
);
