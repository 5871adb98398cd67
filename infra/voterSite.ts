import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_EXPORT_PREFIX } from '../handlers/adapters/auditExportFiles';
import { TURNOUT_MAX_AGE_SECONDS, VIEW_MAX_AGE_SECONDS } from '../handlers/usecases/publicReadAges';
import { writeWebBundles } from './webBundles';
import { HSTS_MAX_AGE_SECONDS, VOTER_PAGE_CSP, VOTER_PAGE_HEADERS, WEB_DIR } from './webPages';

/** What of web/ is not deployed: the type-checking setup and the bundles' sources (their bundles are, under lib/). */
const NOT_DEPLOYED = ['tsconfig.json', 'lib'];
/** Paths CloudFront hands to the API (the elections, the 2019 commands, the API's own description), so the page talks only to its own origin and needs no CORS. */
const API_PATH_PATTERNS = ['/elections', '/commands', '/openapi.json'];
/**
 * Everything below an election, the public reads among it. CloudFront keeps an answer only as long
 * as the API's max-age says (the public reads, a few seconds); every other answer is no-store.
 */
const ELECTION_PATH_PATTERN = '/elections/*';
/** Headers CloudFront sets through its security-headers settings; the rest go as custom headers. */
const SECURITY_HEADERS = ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];

export interface VoterSiteProps {
  api: IHttpApi;
  /** Published audit exports, served under /audit-logs/. */
  auditExports: IBucket;
}

/**
 * The pages on AWS (the voter page, the console, the observers' view and the trustees' page, with
 * the bundles they import): web/ in a private bucket, read by CloudFront through origin access control, under HTTPS
 * with the headers the local stack sends; the API and the published audit exports behind the same
 * domain.
 */
export class VoterSite extends Construct {
  readonly distribution: Distribution;
  readonly pagesBucket: Bucket;
  /** `https://<distribution domain>`: where the e-mailed links point unless a publicUrl is set. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: VoterSiteProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL, which only this ownership accepts.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket; logging its own access would loop.' });
    const pages = (this.pagesBucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'pages-bucket/',
    }));

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'The voter page headers (infra/voterPage.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: VOTER_PAGE_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(VOTER_PAGE_HEADERS)
          .filter(([name]) => !SECURITY_HEADERS.includes(name))
          .map(([header, value]) => ({ header, value, override: true })),
      },
    });
    const requestRewrite = new CloudFrontFunction(this, 'PageRequest', {
      code: FunctionCode.fromFile({ filePath: fileURLToPath(new URL('./cloudfront/pageRequest.js', import.meta.url)) }),
      runtime: FunctionRuntime.JS_2_0,
      comment: '/vote, /admin, /observe and /trustee are the pages; / goes to the voter page',
    });
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(`${props.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Nothing here is cached; with caching off CloudFront forwards Authorization as well.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };
    // One cached copy per URL for everyone: no header, cookie or query string in the key. CloudFront
    // still forwards Authorization on POST and PUT (the admin routes below an election, answered
    // no-store) and drops it only from GET and HEAD, which are all public.
    const publicReads = new CachePolicy(this, 'PublicReads', {
      comment: 'The public reads of the API, kept as long as its Cache-Control max-age says, at most a few seconds',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(Math.max(VIEW_MAX_AGE_SECONDS, TURNOUT_MAX_AGE_SECONDS)),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
    });
    const electionBehavior: BehaviorOptions = { ...apiBehavior, cachePolicy: publicReads, cachedMethods: CachedMethods.CACHE_GET_HEAD };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Student election: voter page and API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(pages),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: requestRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [ELECTION_PATH_PATTERN]: electionBehavior,
        // Exports are written once under their own name and public once published: cached as long as CloudFront likes.
        [`/${AUDIT_EXPORT_PREFIX}*`]: {
          origin: S3BucketOrigin.withOriginAccessControl(props.auditExports),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
        },
        ...Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, apiBehavior])),
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Students vote from abroad (exchange semesters, internships); a geo restriction would shut them out.' },
      { id: 'AwsSolutions-CFR2', reason: 'API Gateway throttles every route (casts 1,500/s) and single-use credentials bound what a flood can do; WAF is a cost the README names as an option.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate cannot pin TLS 1.2; a custom domain with its own certificate can (README, Deploy).' },
    );

    // The page's files change only with a deploy. Browsers and edges revalidate them (no-cache:
    // the edge keeps them at most the policy's 1 s minimum), so a deploy needs no invalidation
    // and the deployment role no CloudFront permission at all.
    const deployerLogs = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    // The bundles are built at synth, like the functions' code; each deploy ships the pages and the code they import together.
    const bundles = mkdtempSync(join(tmpdir(), 'web-bundles-'));
    writeWebBundles(bundles);
    const deployer = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    deployer.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [deployerLogs.logGroupArn] }));
    new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(WEB_DIR, { exclude: NOT_DEPLOYED }), Source.asset(bundles)],
      destinationBucket: pages,
      cacheControl: [CacheControl.noCache()],
      role: deployer,
      logGroup: deployerLogs,
    });
    const copying = 'The deployment copies the page from the CDK asset bucket into the pages bucket and prunes old files; CDK grants these read and write action groups on exactly those two buckets.';
    Validations.of(deployer).acknowledge(
      ...['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*'].map((finding) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
        reason: copying,
      })),
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: copying },
      { id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(pages.node.defaultChild as CfnBucket)}.Arn>/*]`, reason: copying },
    );
    // CDK's own copy function (Python, with the AWS CLI layer), run only during a deploy.
    const copyFunction = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    Validations.of(copyFunction).acknowledge({ id: 'AwsSolutions-L1', reason: "The runtime of CDK's bucket-deployment function is chosen by aws-cdk-lib and moves with it." });
  }
}
