import type { App } from 'aws-cdk-lib';
import type { ElectionStackProps } from './electionStack';

const DEPLOY_WITH =
  'npx cdk deploy -c senderEmail=elections@your-union.edu -c observerEmails=observer1@your-union.edu,observer2@your-union.edu (or in cdk.json; `npm run synth` synthesizes with test addresses, deploying nothing)';

/** The domains kept for examples (RFC 2606), where cdk.json's placeholders are: a stack mailing them would alert no one. */
const isPlaceholder = (address: string) => /@(?:[^@]+\.)?example\.(?:com|net|org)$|\.example$/i.test(address);

/** Reads the deployment's settings from CDK context (cdk.json, or `-c name=value`); refuses placeholder addresses. */
export function stackPropsFrom(app: App): ElectionStackProps {
  const text = (name: string) => {
    const value = app.node.tryGetContext(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const list = (name: string) =>
    text(name)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const senderEmail = text('senderEmail');
  const observerEmails = list('observerEmails');
  if (!senderEmail || !observerEmails?.length) {
    throw new Error(`set the context values senderEmail and observerEmails: ${DEPLOY_WITH}`);
  }
  const operatorEmails = list('operatorEmails');
  const chairEmail = text('chairEmail');
  const placeholders = [senderEmail, ...observerEmails, ...(operatorEmails ?? []), ...(chairEmail ? [chairEmail] : [])].filter(isPlaceholder);
  if (placeholders.length > 0) {
    const are = placeholders.length === 1 ? 'is a placeholder' : 'are placeholders';
    throw new Error(`${placeholders.join(', ')} ${are} (example.com, .net, .org and .example receive no mail). Give the real addresses: ${DEPLOY_WITH}`);
  }
  const publicUrl = text('publicUrl');
  const authDomainPrefix = text('authDomainPrefix');
  return {
    senderEmail,
    observerEmails,
    operatorEmails,
    domain: text('domain'),
    publicUrl: publicUrl && publicOrigin(publicUrl),
    authDomainPrefix: authDomainPrefix && signInDomainPrefix(authDomainPrefix),
    // The chair's name is required by the pool as every member's is; the title stands in until they change it.
    chair: chairEmail ? { email: chairEmail, name: text('chairName') ?? 'Chair of the election committee' } : undefined,
  };
}

/** Cognito's rule for a prefix domain: lower-case letters, digits and hyphens, not at either end, and none of its reserved words. */
function signInDomainPrefix(value: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value) || /aws|amazon|cognito/.test(value)) {
    throw new Error(`authDomainPrefix must be lower-case letters, digits and hyphens without aws, amazon or cognito in it, like uni-election (got ${value})`);
  }
  return value;
}

/** The links in e-mails are `<publicUrl>/vote#…`: the address must be an https origin, nothing more. */
function publicOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`publicUrl must be an https address with no path, like https://vote.example.edu (got ${value})`);
  }
  return url.origin;
}
