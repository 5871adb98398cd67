import { Duration, Stack } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, MathExpression, Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, SERVICE_NAME } from '../handlers/adapters/telemetryNames';
import { METRIC, type MetricName } from '../handlers/ports';

const PERIOD = Duration.minutes(1);

/** A figure as the handlers emit it (handlers/adapters/powertoolsMetrics.ts): Powertools adds the `service` dimension. */
const figure = (name: MetricName, label: string, dimensions: Record<string, string> = {}, statistic = 'Sum'): Metric =>
  new Metric({ namespace: METRIC_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME, ...dimensions }, statistic, period: PERIOD, label });

/** One line per value of a dimension that has no fixed list (the refusal reasons, the steps), found by CloudWatch's SEARCH. */
const each = (name: MetricName, dimension: string, statistic: string, label: string): IMetric =>
  new MathExpression({
    expression: `SEARCH('{${METRIC_NAMESPACE},${dimension},service} MetricName="${name}"', '${statistic}', ${PERIOD.toSeconds()})`,
    // CloudWatch's dynamic label: each line named by its dimension's value.
    label: `${label} \${PROP('Dim.${dimension}')}`,
    period: PERIOD,
  });

const graph = (title: string, left: IMetric[]) => new GraphWidget({ title, left, width: 12, height: 6 });

/** The election at work, from the handlers' EMF metrics: casts, conflicts, mail, breaches, lifecycle steps. */
export class ElectionDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Casts accepted and refused (by reason)', [figure(METRIC.castAccepted, 'accepted'), each(METRIC.castRefused, 'reason', 'Sum', 'refused')]),
          graph('Stream conflicts (a command decided again) and breaches recorded', [figure(METRIC.streamConflict, 'stream conflicts'), figure(METRIC.breachRecorded, 'breaches')]),
        ],
        [
          graph('Queued mail: sent, retried, undelivered', [figure(METRIC.mailSent, 'sent'), figure(METRIC.mailRetried, 'retried'), figure(METRIC.mailUndelivered, 'undelivered')]),
          graph(
            'What SES reported later',
            (['bounced', 'complained', 'delivered'] as const).map((outcome) => figure(METRIC.mailReported, outcome, { outcome })),
          ),
        ],
        [new GraphWidget({ title: 'Lifecycle step durations (ms, longest run)', left: [each(METRIC.lifecycleStepDuration, 'step', 'Maximum', 'step')], width: 24, height: 6 })],
      ],
    });
  }
}
