import type { Metrics } from '../ports';

/** Counts nothing: the local stack and the benchmarks, where no CloudWatch reads the figures. */
export const noMetrics: Metrics = { count: () => undefined, duration: () => undefined };
