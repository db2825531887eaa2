import { join } from 'node:path';
import { DockerImage, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildFlightDataSite, writeBuiltFiles } from '../../cli/console/web/build';
import { acknowledgeCdnFindings, acknowledgeDeployerFindings } from './flightDataSiteNag';

export interface FlightDataSiteProps {
  /**
   * Serve the page through CloudFront. True where the partition offers it to anyone (`aws`); false in
   * `aws-cn`, where CloudFront needs an ICP-licensed domain: the files land in the bucket, ready for
   * hosting on such a domain (see the README).
   */
  cdn: boolean;
  /** @default RemovalPolicy.DESTROY (the files are rebuilt by every deploy) */
  removalPolicy?: RemovalPolicy;
}

/** The API the page reads: its URL for config.json, its origin (no stage, so no dependency on it) for the CSP. */
export interface FlightDataSiteApi {
  url: string;
  origin: string;
}

/** The site's view of a REST API: the origin comes from the API's id alone. */
export function siteApiOf(api: IRestApi, url: string): FlightDataSiteApi {
  const stack = Stack.of(api);
  return { url, origin: `https://${api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}` };
}

/**
 * The flightData web page as static files beside the API: a private bucket, filled at deploy time with
 * the page built at synth (esbuild, no Docker) and a `config.json` naming the API from the stack's own
 * outputs; behind CloudFront (origin access control, HTTPS only, security headers, a CSP that lets the
 * page talk to its API only) where `cdn` is true.
 */
export class FlightDataSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution?: Distribution;
  /** `https://<distribution domain>` when served by CloudFront: add it to the API's allowed origins. */
  readonly origin?: string;
  private apiOrigin?: string;

  constructor(scope: Construct, id: string, props: FlightDataSiteProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are written with an ACL, which the log bucket must accept.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
    });
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy,
    });
    if (props.cdn) {
      const csp = Lazy.string({
        produce: () =>
          `default-src 'self'; connect-src 'self' ${this.apiOrigin ?? ''}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
      });
      const headers = new ResponseHeadersPolicy(this, 'Headers', {
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(365),
            includeSubdomains: true,
            override: true,
          },
        },
      });
      this.distribution = new Distribution(this, 'Cdn', {
        comment: 'msk-flows flightData page',
        defaultRootObject: 'index.html',
        defaultBehavior: {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
        },
        enableLogging: true,
        logBucket: logs,
        logFilePrefix: 'cdn/',
      });
      this.origin = `https://${this.distribution.distributionDomainName}`;
      acknowledgeCdnFindings(this.distribution);
    }
  }

  /** Deploys the page with `config.json` `{ "apiUrl" }` for this API (the key is entered in the page). */
  deployFor(api: FlightDataSiteApi): BucketDeployment {
    this.apiOrigin = api.origin;
    const apiUrl = api.url;
    const page = Source.asset(join(import.meta.dirname, '..', '..', 'cli', 'console', 'web'), {
      bundling: {
        // Built locally with esbuild at synth; the image is never pulled (tryBundle always succeeds).
        image: DockerImage.fromRegistry('node:24-alpine'),
        local: {
          tryBundle(outputDir: string) {
            writeBuiltFiles(buildFlightDataSite(), outputDir);
            return true;
          },
        },
      },
    });
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [page, Source.jsonData('config.json', { apiUrl })],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: this.distribution ? ['/*'] : undefined,
      prune: true,
      memoryLimit: 256,
    });
    acknowledgeDeployerFindings(Stack.of(this), this.bucket);
    return deployment;
  }
}
