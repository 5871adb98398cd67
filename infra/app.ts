import { App } from 'aws-cdk-lib';
import { ElectionStack } from './electionStack';

const app = new App();
new ElectionStack(app, 'StudentElection');
app.synth();
