import type { Context } from 'aws-lambda';
import { logger, metrics } from './environment';

/**
 * Every Lambda entry point runs its invocations through this, as Powertools expects: the logger
 * learns the invocation (request id, cold start; the X-Ray trace id it reads itself), and the
 * metrics the invocation counted are flushed as one EMF object at its end, failed or not.
 */
export function observed<E, R>(handle: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await handle(event, context);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
