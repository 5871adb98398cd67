import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElectionStack, type ElectionStackProps } from '../../infra/electionStack';
import { MAIL_SENDER_FUNCTION, TASK_FUNCTIONS } from '../../infra/lambdaFunctions';
import { localFiles } from '../../infra/local/webFiles';
import { webBundleNames } from '../../infra/webBundles';
import { pageDir, VOTER_PAGE_HEADERS, WEB_DIR, WEB_PAGES } from '../../infra/webPages';

type Resource = { Type: string; Properties: Record<string, any> };
/** The functions whose e-mails link to the page: credentials, confirmations, results, failures. */
/** The functions whose mail links the voter page: the sender of voters' mail (credentials, links, reminders) and the lifecycle's tasks. */
const MAILING = [MAIL_SENDER_FUNCTION.id, ...Object.values(TASK_FUNCTIONS).map((f) => f.id)];
const PROPS: ElectionStackProps = { senderEmail: 'elections@uni.test', observerEmails: ['obs@uni.test'] };
/** AWS's managed policies, by the IDs CloudFront documents. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const voterPageFile = localFiles({ auditExportDir: '/nonexistent' });

function synth(props: ElectionStackProps, outdir: string): { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> } {
  const app = new App({ outdir });
  const stack = new ElectionStack(app, 'StudentElection', props);
  app.synth();
  return Template.fromStack(stack).toJSON() as never;
}

const ofType = (resources: Record<string, Resource>, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (resources: Record<string, Resource>, type: string) => {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the pages on AWS (S3 behind CloudFront)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-site-'));
  let resources: Record<string, Resource>;
  let outputs: Record<string, { Value: unknown }>;
  let distribution: Record<string, any>;
  let distributionId: string;

  beforeAll(() => {
    ({ Resources: resources, Outputs: outputs } = synth(PROPS, outdir));
    const [id, resource] = only(resources, 'AWS::CloudFront::Distribution');
    distributionId = id;
    distribution = resource.Properties.DistributionConfig;
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('keeps the pages in a private, encrypted bucket that only this distribution may read, through origin access control', () => {
    const [bucketId, bucket] = ofType(resources, 'AWS::S3::Bucket').find(([id]) => id.startsWith('VoterSitePages'))!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    const policy = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1];
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(`{"Ref":"${distributionId}"}`);
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    const s3Origins = (distribution.Origins as Record<string, any>[]).filter((o) => o.S3OriginConfig);
    expect(s3Origins.map((o) => JSON.stringify(o.DomainName))).toEqual([expect.stringContaining('VoterSitePages'), expect.stringContaining('AuditExports')]);
    for (const origin of s3Origins) {
      const oac = resources[origin.OriginAccessControlId['Fn::GetAtt'][0]]!;
      expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    }
  });

  it('serves published audit exports on the same origin, read-only, from the exports bucket through origin access control', () => {
    const exports = (distribution.CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/audit-logs/*')!;
    const origin = (distribution.Origins as Record<string, any>[]).find((o) => o.Id === exports.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain('AuditExports');
    expect(exports).toMatchObject({ ViewerProtocolPolicy: 'https-only', AllowedMethods: ['GET', 'HEAD'], CachePolicyId: CACHING_OPTIMIZED });
    const [bucketId] = ofType(resources, 'AWS::S3::Bucket').find(([id]) => id.startsWith('AuditExports'))!;
    const policy = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1];
    const allows = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([expect.objectContaining({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } })]);
    expect(JSON.stringify(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(`{"Ref":"${distributionId}"}`);
  });

  it('deploys exactly the pages of web/ and the bundles they import, marked for revalidation so a redeploy shows at once', () => {
    const [, deployment] = only(resources, 'Custom::CDKBucketDeployment');
    expect(deployment.Properties).toMatchObject({ Prune: true, SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(deployment.Properties.DestinationBucketKeyPrefix).toBeUndefined();
    const [pages, bundles] = (deployment.Properties.SourceObjectKeys as string[]).map((key) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`));
    expect(readdirSync(pages!).sort()).toEqual([...WEB_PAGES].sort());
    for (const page of WEB_PAGES) expect(readdirSync(join(pages!, page)).sort(), page).toEqual(readdirSync(pageDir(page)).sort());
    expect(readdirSync(join(bundles!, 'lib')).sort()).toEqual(
      webBundleNames()
        .map((name) => `${name}.js`)
        .sort(),
    );
  });

  it('sends the voter page headers of the local stack from CloudFront, on the page and on the API', () => {
    const [policyId, policy] = only(resources, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    const sent: Record<string, string> = {
      'content-security-policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
      'strict-transport-security': `max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}${security.StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': security.FrameOptions.FrameOption,
      'referrer-policy': security.ReferrerPolicy.ReferrerPolicy,
      ...Object.fromEntries((config.CustomHeadersConfig.Items as { Header: string; Value: string }[]).map((h) => [h.Header, h.Value])),
    };
    expect(sent).toEqual(VOTER_PAGE_HEADERS);
    expect(security.ContentTypeOptions.Override).toBe(true);
    for (const behavior of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it('serves the page over HTTPS only and passes the API through on the same origin, uncached, with every method and header but Host', () => {
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], CachePolicyId: CACHING_OPTIMIZED });
    const apiOrigin = (distribution.Origins as Record<string, any>[]).find((o) => o.CustomOriginConfig)!;
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    const [apiId] = only(resources, 'AWS::ApiGatewayV2::Api');
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(`{"Ref":"${apiId}"},".execute-api."`);
    const behaviors = distribution.CacheBehaviors as Record<string, any>[];
    expect(behaviors.map((b) => b.PathPattern)).toEqual(['/elections/*', '/audit-logs/*', '/elections', '/commands', '/openapi.json']);
    for (const behavior of behaviors.filter((b) => b.PathPattern !== '/audit-logs/*')) {
      expect(behavior).toMatchObject({ TargetOriginId: apiOrigin.Id, ViewerProtocolPolicy: 'https-only', OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER });
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    }
    for (const behavior of behaviors.slice(2)) expect(behavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect(distribution.Logging.Prefix).toBe('cloudfront/');
  });

  it('keeps the public reads below /elections/ at the edge only as long as the API says, at most 5 s, one copy for everyone', () => {
    const [policyId, policy] = only(resources, 'AWS::CloudFront::CachePolicy');
    const elections = (distribution.CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/elections/*')!;
    expect(elections.CachePolicyId).toEqual({ Ref: policyId });
    expect(elections.CachedMethods).toEqual(['GET', 'HEAD']);
    const config = policy.Properties.CachePolicyConfig;
    expect(config).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 5 });
    expect(config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
  });

  it('answers the same paths as the local stack: the rewrite function, run as CloudFront would, finds the files voterPageFile serves', async () => {
    const [, fn] = only(resources, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(distribution.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } }]);
    const viewerRequest = (uri: string) => runInNewContext(`${fn.Properties.FunctionCode}\nhandler(event)`, { event: { request: { uri, method: 'GET', headers: {} } } });
    for (const path of [
      '/vote',
      '/vote/',
      '/vote/index.html',
      '/vote/app.js',
      '/vote/style.css',
      '/vote/i18n.js',
      '/admin',
      '/admin/',
      '/admin/app.js',
      '/observe',
      '/observe/',
      '/observe/app.js',
      '/trustee',
      '/trustee/',
      '/trustee/app.js',
    ]) {
      const { uri } = viewerRequest(path);
      const local = await voterPageFile(path);
      expect(readFileSync(join(WEB_DIR, uri)), path).toEqual(local!.body);
    }
    const bare = viewerRequest('/');
    expect(bare).toMatchObject({ statusCode: 302, headers: { location: { value: '/vote' } } });
    expect((await voterPageFile('/'))!.headers.location).toBe(bare.headers.location.value);
  });

  it('links every voter e-mail to the distribution, and outputs the page address', () => {
    const distributionUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] };
    const mailing = ofType(resources, 'AWS::Lambda::Function').filter(([id]) => MAILING.some((name) => id.startsWith(name)));
    expect(mailing).toHaveLength(MAILING.length);
    for (const [id, f] of mailing) expect(f.Properties.Environment.Variables.PUBLIC_URL, id).toEqual(distributionUrl);
    expect(outputs.VoterPageUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/vote']] });
  });
});

describe('the voter page behind a domain of the committee', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-site-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('links the e-mails to publicUrl instead of the distribution', () => {
    const { Resources: resources, Outputs: outputs } = synth({ ...PROPS, publicUrl: 'https://wahl.asta.example.edu' }, outdir);
    const mailing = ofType(resources, 'AWS::Lambda::Function').filter(([id]) => MAILING.some((name) => id.startsWith(name)));
    for (const [id, f] of mailing) expect(f.Properties.Environment.Variables.PUBLIC_URL, id).toBe('https://wahl.asta.example.edu');
    expect(outputs.VoterPageUrl!.Value).toBe('https://wahl.asta.example.edu/vote');
  }, 120_000);
});
