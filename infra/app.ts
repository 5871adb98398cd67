import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ElectionStack, type ElectionStackProps } from './electionStack';

/** Reads the deployment's settings from CDK context (cdk.json, or `-c name=value`). */
export function stackPropsFrom(app: App): ElectionStackProps {
  const text = (name: string) => {
    const value = app.node.tryGetContext(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const list = (name: string) => text(name)?.split(',').map((s) => s.trim()).filter(Boolean);
  const senderEmail = text('senderEmail');
  const observerEmails = list('observerEmails');
  if (!senderEmail || !observerEmails?.length) {
    throw new Error('set the context values senderEmail and observerEmails (cdk.json or -c senderEmail=… -c observerEmails=a@x,b@y)');
  }
  return { senderEmail, observerEmails, operatorEmails: list('operatorEmails'), domain: text('domain'), publicUrl: text('publicUrl') };
}

const app = new App();
new ElectionStack(app, 'StudentElection', stackPropsFrom(app));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
