import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnWaitConditionHandle, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addBreachForwarders } from '../../infra/breachRules';
import { WATCHED_BY_RESOURCE_TYPE } from '../../handlers/breach/watchedCalls';
import { API_CALL, breachEventPatterns, CONSOLE_SIGN_IN, EVENT_PATTERN_LIMIT, WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';

const ACCOUNT = '123456789012';

/** A stand-in for the election stack: the forwarders need only its name, region and account. */
function forwardersOf(home: { region?: string; context?: Record<string, string> }) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-forwarders-'));
  const app = new App({ outdir, context: home.context });
  const stack = new Stack(app, 'StudentElection', home.region ? { env: { region: home.region, account: ACCOUNT } } : {});
  new CfnWaitConditionHandle(stack, 'StandIn'); // CloudFormation refuses a stack of no resources
  const forwarders = addBreachForwarders(app, stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: { ruleName: string }[] }[] };
  const resources = forwarders.map((f) => Object.values(Template.fromStack(f).toJSON().Resources as Record<string, { Type: string; Properties: any }>));
  rmSync(outdir, { recursive: true, force: true });
  return { stack, forwarders, resources, violations: report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName)) };
}

describe('the EventBridge patterns of the watched events', () => {
  it('match exactly the watched names, sign-ins by their own detail type, each within the pattern quota', () => {
    const patterns = breachEventPatterns();
    expect(patterns.flatMap((p) => p.detail.eventName)).toEqual([...WATCHED_EVENT_NAMES]);
    expect(patterns.filter((p) => p['detail-type'][0] === CONSOLE_SIGN_IN).flatMap((p) => p.detail.eventName)).toEqual(['ConsoleLogin']);
    for (const pattern of patterns) expect(JSON.stringify(pattern).length).toBeLessThanOrEqual(EVENT_PATTERN_LIMIT);
  });

  it('split a list too long for one pattern over several', () => {
    const many = Array.from({ length: 300 }, (_, i) => `SomeWatchedCall${i}`);
    const patterns = breachEventPatterns(many);
    expect(patterns.length).toBeGreaterThan(1);
    expect(patterns.flatMap((p) => p.detail.eventName)).toEqual(many);
    for (const pattern of patterns) expect(JSON.stringify(pattern).length).toBeLessThanOrEqual(EVENT_PATTERN_LIMIT);
  });
});

describe('the breach forwarders', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("forward us-east-1's watched events to the election stack's region's default bus, and pass cdk-nag", () => {
    const {
      forwarders,
      resources: [resources],
      violations,
    } = forwardersOf({ region: 'eu-central-1' });
    expect(violations).toEqual([]);
    expect(forwarders.map((f) => [f.stackName, f.region, f.account])).toEqual([['StudentElection-BreachForwarder-us-east-1', 'us-east-1', ACCOUNT]]);
    const rules = resources!.filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual(breachEventPatterns());
    for (const rule of rules) {
      expect(JSON.stringify(rule.Properties.Targets[0].Arn)).toContain(':events:eu-central-1:');
      expect(JSON.stringify(rule.Properties.Targets[0].Arn)).toContain(':event-bus/default');
      expect(rule.Properties.State).toBe(rule.Properties.EventPattern['detail-type'][0] === API_CALL ? 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' : 'ENABLED');
    }
    // Watched like the election stack's own: a forwarding rule disabled is a breach too.
    expect(resources!.map((r) => r.Type).filter((type) => !WATCHED_BY_RESOURCE_TYPE.has(type))).toEqual([]);
    // The one permission: putting events on that bus.
    const statements = resources!.filter((r) => r.Type === 'AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((s: { Action: string }) => s.Action)).toEqual(['events:PutEvents']);
    expect(JSON.stringify(statements[0].Resource)).toContain(':events:eu-central-1:');
  });

  it('take the regions from the breachRegions context, never the home region, and the CLI region for a stack without one', () => {
    vi.stubEnv('CDK_DEFAULT_REGION', 'eu-west-1');
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', ACCOUNT);
    const { forwarders } = forwardersOf({ context: { breachRegions: 'us-east-1, eu-west-1, eu-north-1' } });
    expect(forwarders.map((f) => f.region)).toEqual(['us-east-1', 'eu-north-1']);
    expect(forwarders.every((f) => f.account === ACCOUNT)).toBe(true);
    expect(forwardersOf({ region: 'us-east-1' }).forwarders).toEqual([]);
  });

  it('are left out, with a warning, when no region is known (an offline synth)', () => {
    vi.stubEnv('CDK_DEFAULT_REGION', '');
    const { stack, forwarders } = forwardersOf({});
    expect(forwarders).toEqual([]);
    const warnings = stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.join('\n')).toContain('no breach forwarder stacks for us-east-1');
  });
});
