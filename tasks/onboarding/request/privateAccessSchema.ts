import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';
import { RESOURCE_ID, TOPIC_NAME, topicNameProblem } from './patterns';

/**
 * The optional `privateLink` and `triggers` sections of the onboarding request: a consumer in another
 * account reaching an MSK cluster through multi-VPC private connectivity, and Lambda Kafka triggers.
 * Cross-field rules (accounts, partitions, which source fits which cluster) live in privateAccessChecks.ts.
 */

const matching = (pattern: RegExp, message: string) => z.string().check(z.regex(pattern, { error: message }));

/** `arn:<partition>:iam::<account>:role/<path/name>`. */
export const IAM_ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,512}$/;
/** `arn:<partition>:lambda:<region>:<account>:function:<name>` with an optional version or alias. */
export const FUNCTION_ARN =
  /^arn:aws(?:-cn|-us-gov)?:lambda:[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?$/;
/** On-failure destinations of Kafka triggers: an SQS queue, an SNS topic or an S3 bucket. */
export const DESTINATION_ARN =
  /^arn:aws(?:-cn|-us-gov)?:(?:(?:sqs|sns):[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:[A-Za-z0-9_.-]{1,256}|s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;
const ACCOUNT_ID = /^[0-9]{12}$/;
/** sts:ExternalId: 2–1224 of `[\w+=,.@:/-]` (the AssumeRole API's rule). */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const subnetIds = z
  .array(matching(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id like subnet-0123456789abcdef0'))
  .check(z.minLength(1), z.maxLength(16));
const securityGroupIds = z
  .array(matching(/^sg-[0-9a-f]{8,17}$/, 'must be a security group id like sg-0123456789abcdef0'))
  .check(z.minLength(1), z.maxLength(5));

/** The consumer account's side of multi-VPC private connectivity (MSK only). */
export const privateLinkSchema = z
  .strictObject({
    consumerAccountId: matching(ACCOUNT_ID, 'must be a 12-digit AWS account id'),
    roleArn: matching(
      IAM_ROLE_ARN,
      'must be an IAM role ARN like arn:<partition>:iam::<account>:role/<name>',
    ).check(
      z.describe(
        'The role msk-flows assumes in the consumer account (deployed by the ConsumerAccess stack).',
      ),
    ),
    externalId: matching(EXTERNAL_ID, 'must be 2–1224 of letters, digits and _+=,.@:/-').check(
      z.describe('sts:ExternalId the role requires (guards against the confused deputy).'),
    ),
    vpcId: matching(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id like vpc-0123456789abcdef0'),
    subnetIds: subnetIds.check(
      z.describe("Consumer subnets in at least two of the brokers' Availability Zones."),
    ),
    securityGroupIds: securityGroupIds.check(z.describe('Security groups of the managed VPC connection.')),
  })
  .check(
    z.describe(
      'Private access from another account: multi-VPC connectivity, cluster policy, VPC connection.',
    ),
  );

/** One Lambda Kafka trigger (event source mapping) reading one topic as the request's principal. */
export const triggerSchema = z.strictObject({
  functionArn: matching(
    FUNCTION_ARN,
    'must be a Lambda function ARN like arn:<partition>:lambda:<region>:<account>:function:<name>',
  ),
  source: z
    .enum(['msk', 'self-managed'])
    .check(
      z.describe(
        'msk: the MSK event source; self-managed: the "Apache Kafka URL" source (China Regions, any Kafka).',
      ),
    ),
  topics: z
    .array(z.string().check(z.regex(TOPIC_NAME, { error: (issue) => topicNameProblem(String(issue.input)) })))
    .check(z.minLength(1))
    // A check, not `maxLength(1)`: zod stops looking inside an array over its maximum, silencing other issues.
    .check(
      z.superRefine((topics: string[], ctx) => {
        if (topics.length > 1)
          ctx.addIssue({
            code: 'custom',
            message: 'a Lambda Kafka trigger reads exactly one topic: add one trigger per topic',
          });
      }),
    )
    .check(z.meta({ maxItems: 1 })),
  group: matching(
    RESOURCE_ID,
    "consumer group ids are 1–200 of letters, digits, '.', '_' and '-' (Lambda's limit is 200; '*' is the ACL wildcard)",
  ).check(z.describe('The consumer group id; immutable once the mapping exists.')),
  batchSize: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 100),
  batchingWindowSeconds: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(300)), 1),
  startingPosition: z._default(z.enum(['LATEST', 'TRIM_HORIZON']), 'LATEST'),
  onFailure: z.optional(
    z.strictObject({
      destinationArn: matching(DESTINATION_ARN, 'must be an SQS queue, SNS topic or S3 bucket ARN'),
    }),
  ),
  vpc: z
    .optional(z.strictObject({ subnetIds, securityGroupIds }))
    .check(
      z.describe(
        'Self-managed source only: where Lambda reaches the brokers; default the privateLink subnets.',
      ),
    ),
});

/** A validated trigger, defaults applied. */
export type Trigger = z.output<typeof triggerSchema>;
/** A validated privateLink section. */
export type PrivateLink = z.output<typeof privateLinkSchema>;
