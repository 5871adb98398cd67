import { Annotations, Stack, Token, type App, type StackProps } from 'aws-cdk-lib';
import { EventBus, Rule, type CfnRule, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { API_CALL, breachEventPatterns } from '../handlers/breach/watchedEvents';

/**
 * CloudTrail hands every event to EventBridge in the region it happened in, seconds after the
 * call; through the trail's log group it reaches the handler minutes later. Console sign-ins at
 * the global endpoint and the calls to global services (IAM, CloudFront) happen in us-east-1.
 */
export const GLOBAL_EVENTS_REGION = 'us-east-1';

/**
 * EventBridge rules on this region's default bus for exactly the watched CloudTrail events (the
 * same list the subscription filters are built from), each delivering to `target`.
 */
export class BreachRules extends Construct {
  readonly rules: Rule[];

  constructor(scope: Construct, id: string, { target, description }: { target: IRuleTarget; description: string }) {
    super(scope, id);
    this.rules = breachEventPatterns().map((pattern, i) => {
      const rule = new Rule(this, `Rule${i}`, {
        description,
        eventPattern: { detailType: pattern['detail-type'], detail: pattern.detail },
        targets: [target],
      });
      // Reading the admin token and using the credential key are read-only calls: EventBridge
      // hands those to a rule only in this state. The pattern names the watched calls alone.
      if (pattern['detail-type'][0] === API_CALL) (rule.node.defaultChild as CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
      return rule;
    });
  }
}

export interface BreachForwarderProps extends StackProps {
  /** Where the election stack, its default bus and its breach rules are. */
  homeRegion: string;
}

/**
 * The watched events of another region (us-east-1: console sign-ins, IAM and CloudFront), sent on
 * to the election stack's region's default bus, where its breach rules hand them to the handler.
 * A stack of its own, since a stack lives in one region.
 */
export class BreachForwarderStack extends Stack {
  constructor(scope: Construct, id: string, props: BreachForwarderProps) {
    super(scope, id, props);
    const homeBusArn = this.formatArn({ service: 'events', region: props.homeRegion, resource: 'event-bus', resourceName: 'default' });
    // One role for every rule: it may put events on that bus and nothing else.
    const role = new Role(this, 'ForwardingRole', { assumedBy: new ServicePrincipal('events.amazonaws.com') });
    new BreachRules(this, 'BreachForwarding', {
      target: new EventBusTarget(EventBus.fromEventBusArn(this, 'HomeBus', homeBusArn), { role }),
      description: `Watched CloudTrail events of this region, on to the election stack's bus in ${props.homeRegion}`,
    });
  }
}

/**
 * One forwarder stack per region in the context value `breachRegions` (comma-separated; default
 * us-east-1), but the home region's. The home region is the stack's, or the CLI's (CDK_DEFAULT_REGION)
 * for a stack deployed wherever the CLI points; without either (an offline synth) there are none.
 */
export function addBreachForwarders(app: App, home: Stack): BreachForwarderStack[] {
  const homeRegion = Token.isUnresolved(home.region) ? process.env.CDK_DEFAULT_REGION : home.region;
  const listed = app.node.tryGetContext('breachRegions');
  const regions =
    typeof listed === 'string' && listed.trim() !== ''
      ? listed
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean)
      : [GLOBAL_EVENTS_REGION];
  if (!homeRegion) {
    Annotations.of(home).addWarningV2(
      'election:breachForwarders',
      `No region known, so no breach forwarder stacks for ${regions.join(', ')}: their events reach the handler through the trail's log group only`,
    );
    return [];
  }
  const account = Token.isUnresolved(home.account) ? process.env.CDK_DEFAULT_ACCOUNT : home.account;
  return [...new Set(regions)]
    .filter((region) => region !== homeRegion)
    .map((region) => new BreachForwarderStack(app, `${home.stackName}-BreachForwarder-${region}`, { env: { region, account }, homeRegion }));
}
