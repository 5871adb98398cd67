import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ElectionStack } from './electionStack';
import { stackPropsFrom } from './stackProps';

const app = new App();
new ElectionStack(app, 'StudentElection', stackPropsFrom(app));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
