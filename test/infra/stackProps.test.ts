import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stackPropsFrom } from '../../infra/stackProps';

const REQUIRED = { senderEmail: 'elections@uni.test', observerEmails: 'a@uni.test, b@uni.test' };
const propsOf = (context: Record<string, string>) => stackPropsFrom(new App({ context }));

describe('the deployment settings (CDK context)', () => {
  it('reads the sender, the observers as a list and the optional settings', () => {
    expect(propsOf({ ...REQUIRED, domain: 'uni.test' })).toEqual({
      senderEmail: 'elections@uni.test',
      observerEmails: ['a@uni.test', 'b@uni.test'],
      operatorEmails: undefined,
      domain: 'uni.test',
      publicUrl: undefined,
    });
  });

  it('refuses to deploy without a sender or observers', () => {
    expect(() => propsOf({ senderEmail: 'elections@uni.test' })).toThrow(/senderEmail and observerEmails/);
    expect(() => propsOf({ observerEmails: 'a@uni.test' })).toThrow(/senderEmail and observerEmails/);
  });

  it('refuses placeholder addresses (example.com, .net, .org, .example), saying how to give real ones', () => {
    expect(() => propsOf({ senderEmail: 'elections@example.org', observerEmails: 'a@uni.test' })).toThrow(/elections@example.org is a placeholder.*npx cdk deploy -c senderEmail=/);
    expect(() => propsOf({ ...REQUIRED, observerEmails: 'a@uni.test, obs@mail.Example.COM' })).toThrow(/obs@mail.Example.COM is a placeholder/);
    expect(() => propsOf({ ...REQUIRED, operatorEmails: 'ops@union.example' })).toThrow(/ops@union.example is a placeholder/);
    expect(propsOf({ ...REQUIRED, observerEmails: 'a@myexample.org' }).observerEmails).toEqual(['a@myexample.org']);
  });

  it("refuses `cdk deploy` without addresses of its own (cdk.json's are placeholders) in one line, with no stack trace", () => {
    const context = (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> }).context;
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    // As the CDK CLI runs the app: the merged context in CDK_CONTEXT_JSON, the output directory in CDK_OUTDIR.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], { env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir }, encoding: 'utf8' });
    rmSync(outdir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^The stack was not synthesized: .*npx cdk deploy -c senderEmail=\S+ -c observerEmails=\S+/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes publicUrl as an https origin, so the e-mailed links are <publicUrl>/vote#…', () => {
    expect(propsOf({ ...REQUIRED, publicUrl: 'https://Vote.Uni.test/' }).publicUrl).toBe('https://vote.uni.test');
    for (const wrong of ['http://vote.uni.test', 'https://vote.uni.test/wahl', 'vote.uni.test', 'https://vote.uni.test/?x=1']) {
      expect(() => propsOf({ ...REQUIRED, publicUrl: wrong }), wrong).toThrow(/publicUrl must be an https address/);
    }
  });

  it("makes the committee's first member from chairEmail (and chairName), and refuses a placeholder there too", () => {
    expect(propsOf(REQUIRED).chair).toBeUndefined();
    expect(propsOf({ ...REQUIRED, chairEmail: 'chair@uni.test' }).chair).toEqual({ email: 'chair@uni.test', name: 'Chair of the election committee' });
    expect(propsOf({ ...REQUIRED, chairEmail: 'chair@uni.test', chairName: 'Ada Lovelace' }).chair).toEqual({ email: 'chair@uni.test', name: 'Ada Lovelace' });
    expect(() => propsOf({ ...REQUIRED, chairEmail: 'chair@example.org' })).toThrow(/chair@example.org is a placeholder/);
  });

  it("takes authDomainPrefix as Cognito takes a sign-in domain's prefix", () => {
    expect(propsOf({ ...REQUIRED, authDomainPrefix: 'uni-election' }).authDomainPrefix).toBe('uni-election');
    for (const wrong of ['Uni-Election', '-election', 'election-', 'my.election', 'aws-election', 'cognito-uni']) {
      expect(() => propsOf({ ...REQUIRED, authDomainPrefix: wrong }), wrong).toThrow(/authDomainPrefix must be/);
    }
  });
});
