import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { FlightDataSite } from '../../infra/constructs/flightDataSite';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';
import { exampleContextIn } from '../helpers/deployContext';
import { dependencyCycle } from '../helpers/templateCycles';

const API_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1/flightData';

function buildStack(cdn: boolean, props: ConstructorParameters<typeof App>[0] = {}) {
  const app = new App(props);
  const stack = new Stack(app, 'SiteTest', { env: { region: cdn ? 'eu-west-1' : 'cn-northwest-1' } });
  const site = new FlightDataSite(stack, 'Site', { cdn });
  site.deployFor({ url: API_URL, origin: 'https://abc123.execute-api.eu-west-1.amazonaws.com' });
  return { app, stack, site, template: Template.fromStack(stack) };
}

describe('FlightDataSite', () => {
  it('serves the page from a private bucket through CloudFront with origin access control and HTTPS only', () => {
    // Act
    const { template } = buildStack(true);

    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'files/' },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cdn/' }),
      }),
    });
  });

  it('lets the page talk to its own API only (CSP connect-src), and deploys it with config.json and an invalidation', () => {
    // Act
    const { template } = buildStack(true);

    // Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "connect-src 'self' https://abc123\\.execute-api\\.eu-west-1\\.amazonaws\\.com;",
            ),
            Override: true,
          },
        }),
      }),
    });
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployment?.Properties).toMatchObject({ DistributionPaths: ['/*'], Prune: true });
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('in aws-cn puts the page in the bucket without a CloudFront distribution', () => {
    // Act
    const { template, site } = buildStack(false);

    // Assess
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    expect(site.origin).toBeUndefined();
  });

  it('builds the page at synth with esbuild, no Docker, beside a config.json naming the API', () => {
    // Act
    const { app } = buildStack(true);
    const assembly = app.synth();

    // Assess
    const assets = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name));
    const page = assets.find((dir) => existsSync(join(dir, 'app.js')));
    expect(page && readdirSync(page).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    const config = assets.find((dir) => existsSync(join(dir, 'config.json')));
    expect(JSON.parse(readFileSync(join(config as string, 'config.json'), 'utf8'))).toEqual({
      apiUrl: API_URL,
    });
  });

  it('is wired into the consumer stack beside the API without a dependency cycle (CloudFormation would refuse it)', () => {
    // Prepare
    const { consumer: stack } = buildAppWithoutBundling(exampleContextIn('eu-west-1'));
    if (!stack) throw new Error('the example context configures the consumer stack');
    const consumer = stack;

    // Act
    const resources = Template.fromStack(consumer).toJSON().Resources;

    // Assess
    expect(consumer.flightDataSite?.origin).toBeDefined();
    expect(dependencyCycle(resources)).toBeUndefined();
    const fn = Object.values(Template.fromStack(consumer).findResources('AWS::Lambda::Function')).find(
      (r) => r.Properties?.Environment?.Variables?.CORS_ALLOWED_ORIGINS,
    );
    expect(JSON.stringify(fn?.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS)).toContain('DomainName');
  });

  it('has no unacknowledged cdk-nag findings, with and without the CDN', () => {
    for (const cdn of [true, false]) {
      const { app, stack } = buildStack(cdn);
      expect(awsSolutionsFindings(app, stack)).toEqual([]);
    }
  });
});
