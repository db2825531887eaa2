import { type CfnElement, type Stack, Token } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../nag';

const DEPLOYER =
  "CDK's BucketDeployment custom resource (one singleton per stack, maintained by the CDK team) copies the " +
  'page from the CDK assets bucket into the site bucket and invalidates the CDN';

/** The cdk-nag findings of the flightData CDN that cannot be fixed, each with its reason. */
export function acknowledgeCdnFindings(distribution: Distribution): void {
  acknowledge(distribution, [
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'Public, non-personal flight data: no legal or licensing reason to restrict viewers by country.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static, public files only; the data itself is behind the API, which has its own ' +
        'WAF web ACL, API key and usage plan.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'With the default *.cloudfront.net certificate CloudFront does not let the minimum viewer TLS version be ' +
        'raised; a custom domain with an ACM certificate (TLSv1.2_2021) is the way to do it (README).',
    },
  ]);
}

/** The wildcards CDK grants the deployer: S3 action groups, the assets' and the site's objects, invalidations. */
function deployerWildcards(stack: Stack, siteBucket: Bucket): string[] {
  // cdk-nag names concrete values where the stack has them (msk-flows:account/region set), else the pseudo parameters.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const siteId = stack.getLogicalId(siteBucket.node.defaultChild as CfnElement);
  return [
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
      (a) => `Action::${a}`,
    ),
    `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*`,
    `Resource::<${siteId}.Arn>/*`,
    'Resource::*',
  ];
}

/** Acknowledges what the stack's BucketDeployment singleton needs (the CDK team's code, not ours to narrow). */
export function acknowledgeDeployerFindings(stack: Stack, siteBucket: Bucket): void {
  const singletons = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const singleton of singletons) {
    const wildcards = deployerWildcards(stack, siteBucket).map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        `${DEPLOYER}: CDK grants it read on the assets bucket's objects, read/write/delete on the site ` +
        "bucket's objects, and CloudFront invalidations, which support no resource-level permissions.",
    }));
    acknowledge(singleton, wildcards);
    acknowledge(singleton, [
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${DEPLOYER}; it logs through the AWS-managed basic execution policy.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: `${DEPLOYER}; its Python runtime is pinned by the aws-cdk-lib version, upgraded with it.`,
      },
    ]);
  }
}
