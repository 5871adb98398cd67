import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Metrics } from '../ports';
import { METRIC_NAMESPACE, SERVICE_NAME } from './telemetryNames';

/** Powertools' metrics: kept until `publishStoredMetrics`, which each Lambda entry point calls once per invocation. */
export const newPowertoolsMetrics = (): PowertoolsMetrics => new PowertoolsMetrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME });

/**
 * The Metrics port as EMF. A figure without dimensions joins the invocation's one EMF object; one
 * with dimensions is written at once as an object of its own, since EMF gives all metrics of an
 * object the same dimensions (and Powertools would otherwise lend them to the rest).
 */
export function powertoolsMetrics(metrics: PowertoolsMetrics): Metrics {
  const add = (name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number, dimensions?: Record<string, string>) => {
    if (!dimensions) {
      metrics.addMetric(name, unit, value);
      return;
    }
    metrics.singleMetric().addDimensions(dimensions).addMetric(name, unit, value);
  };
  return {
    count: (name, value = 1, dimensions) => add(name, MetricUnit.Count, value, dimensions),
    duration: (name, ms, dimensions) => add(name, MetricUnit.Milliseconds, ms, dimensions),
  };
}
