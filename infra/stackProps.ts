import type { App } from 'aws-cdk-lib';
import type { ElectionStackProps } from './electionStack';

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
  const publicUrl = text('publicUrl');
  return { senderEmail, observerEmails, operatorEmails: list('operatorEmails'), domain: text('domain'), publicUrl: publicUrl && publicOrigin(publicUrl) };
}

/** The links in e-mails are `<publicUrl>/vote#…`: the address must be an https origin, nothing more. */
function publicOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`publicUrl must be an https address with no path, like https://vote.example.edu (got ${value})`);
  }
  return url.origin;
}
