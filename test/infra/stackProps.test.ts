import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stackPropsFrom } from '../../infra/stackProps';

const REQUIRED = { senderEmail: 'elections@uni.test', observerEmails: 'a@uni.test, b@uni.test' };
const propsOf = (context: Record<string, string>) => stackPropsFrom(new App({ context }));

describe('the deployment settings (CDK context)', () => {
  it('reads the sender, the observers as a list and the optional settings', () => {
    expect(propsOf({ ...REQUIRED, domain: 'uni.test' })).toEqual({ senderEmail: 'elections@uni.test', observerEmails: ['a@uni.test', 'b@uni.test'], operatorEmails: undefined, domain: 'uni.test', publicUrl: undefined });
  });

  it('refuses to deploy without a sender or observers', () => {
    expect(() => propsOf({ senderEmail: 'elections@uni.test' })).toThrow(/senderEmail and observerEmails/);
    expect(() => propsOf({ observerEmails: 'a@uni.test' })).toThrow(/senderEmail and observerEmails/);
  });

  it('takes publicUrl as an https origin, so the e-mailed links are <publicUrl>/vote#…', () => {
    expect(propsOf({ ...REQUIRED, publicUrl: 'https://Vote.Uni.test/' }).publicUrl).toBe('https://vote.uni.test');
    for (const wrong of ['http://vote.uni.test', 'https://vote.uni.test/wahl', 'vote.uni.test', 'https://vote.uni.test/?x=1']) {
      expect(() => propsOf({ ...REQUIRED, publicUrl: wrong }), wrong).toThrow(/publicUrl must be an https address/);
    }
  });
});
