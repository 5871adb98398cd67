import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addBreachForwarders } from './breachRules';
import { ElectionStack } from './electionStack';
import { stackPropsFrom } from './stackProps';

const app = new App();

/** A setting to fix is no crash: its message alone, without a stack trace, and nothing synthesized. */
function settingsOrExit() {
  try {
    return stackPropsFrom(app);
  } catch (error) {
    console.error(`The stack was not synthesized: ${(error as Error).message}`);
    return process.exit(1);
  }
}

const election = new ElectionStack(app, 'StudentElection', settingsOrExit());
// Console sign-ins reach EventBridge in us-east-1 (and other regions): forwarders send them home.
addBreachForwarders(app, election);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
