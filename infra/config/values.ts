import * as z from 'zod';
import { MSK_CLUSTER_ARN } from '../../tasks/onboarding/request/arns';
import { HOST_PORT, TOPIC_NAME } from '../../tasks/onboarding/request/patterns';

/**
 * The shapes of single context values, each with a message that says what was expected and echoes
 * what was given (context holds ids and names, never secrets).
 */

const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}';
const ACCOUNT = '[0-9]{12}';
const shown = (input: unknown) => (typeof input === 'string' ? JSON.stringify(input) : typeof input);

/** A string matching `pattern`; the message names what it should be. */
export const matching = (pattern: RegExp, what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'required' : `must be ${what}, got ${shown(i.input)}`) })
    .regex(pattern, { error: (i) => `must be ${what}, got ${shown(i.input)}` });

/** An ARN of `service` whose resource part matches `resource`, in any partition. */
const arn = (service: string, resource: string, what: string) =>
  matching(new RegExp(`^arn:aws(?:-[a-z]+)*:${service}:${REGION}:${ACCOUNT}:${resource}$`), what);

export const region = matching(new RegExp(`^${REGION}$`), 'a Region such as cn-northwest-1');
export const account = matching(new RegExp(`^${ACCOUNT}$`), 'a 12-digit account id');
export const stage = matching(
  /^[a-z][a-z0-9-]{0,15}$/,
  'lower-case letters, digits and -, 1–16, starting with a letter',
);
export const vpcId = matching(/^vpc-[0-9a-f]{8,17}$/, 'a VPC id (vpc-…)');
export const subnetId = matching(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id (subnet-…)');
export const routeTableId = matching(/^rtb-[0-9a-f]{8,17}$/, 'a route table id (rtb-…)');
export const securityGroupId = matching(/^sg-[0-9a-f]{8,17}$/, 'a security group id (sg-…)');
export const availabilityZone = matching(
  new RegExp(`^${REGION}[a-z]$`),
  'an Availability Zone such as cn-northwest-1a',
);
export const topic = matching(TOPIC_NAME, 'a Kafka topic name');
export const hostPort = matching(HOST_PORT, 'host:port');
export const consumerGroupId = matching(/^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/, '1–200 of [a-zA-Z0-9-/*:_+=.@]');
/** MSK only associates SCRAM secrets named `AmazonMSK_…`. */
export const mskSecretName = matching(
  /^AmazonMSK_[A-Za-z0-9/_+=.@-]{1,500}$/,
  'a secret name starting with AmazonMSK_',
);
export const secretName = matching(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager secret name');
export const clusterArn = matching(
  MSK_CLUSTER_ARN,
  'an MSK cluster ARN (arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>)',
);
export const vpcConnectionArn = arn(
  'kafka',
  'vpc-connection/[0-9]{12}/[A-Za-z0-9-]+/[0-9a-f-]+',
  'an MSK VPC connection ARN',
);
export const kmsKeyArn = arn(
  'kms',
  'key/[A-Za-z0-9-]+',
  'a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)',
);
export const snsTopicArn = arn('sns', '[A-Za-z0-9_-]{1,256}', 'an SNS topic ARN');
export const iamRoleArn = matching(
  new RegExp(`^arn:aws(?:-[a-z]+)*:iam::${ACCOUNT}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`),
  'an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
);
export const s3BucketArn = matching(
  /^arn:aws(?:-[a-z]+)*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  'an S3 bucket ARN (arn:<partition>:s3:::<bucket>)',
);
/** An http(s) base URL without credentials, path, query or fragment (a Kafka Connect REST API). */
export const restBaseUrl = matching(
  /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?\/?$/,
  'an http(s) URL such as https://connect.internal:8083 (no credentials or path)',
);

/**
 * A list given as an array or, from the command line (`-c key=a,b`), as one comma-separated string.
 */
export const list = (item: z.ZodType<string, string>) =>
  z
    .union([z.string(), z.array(z.string())], { error: 'must be a list (an array or "a,b")' })
    .transform((v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    )
    .pipe(z.array(item).min(1, 'must name at least one'));

/** `true`/`false`, also as the strings the command line passes. */
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be true or false' })
  .transform((v) => v === true || v === 'true');

/** An object given as JSON (cdk.json) or as a JSON string (`-c key='{…}'`). */
export const jsonObject = <T extends z.core.SomeType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);
