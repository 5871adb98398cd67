/** Where `npm run ses-event` delivers SNS-wrapped SES events to the local stack's SES events handler. */
export const SES_EVENT_DELIVERY_PATH = '/local/ses-events';
