/**
 * ARN shapes a request may carry: an MSK cluster and Secrets Manager secrets, in the `aws`, `aws-cn`
 * and `aws-us-gov` partitions. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;
export type Partition = (typeof PARTITIONS)[number];

const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}';
const ACCOUNT = '[0-9]{12}';
/** MSK cluster names are 1–64 of `[0-9A-Za-z-]`; the id is a UUID plus a suffix (`-2`, `-s1` …). */
const MSK_CLUSTER =
  'cluster/[0-9A-Za-z][0-9A-Za-z-]{0,63}/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-z]{1,4}';
/** Secret ARNs end in the name, a hyphen and six random characters Secrets Manager adds. */
const SECRET = 'secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}';

/**
 * A full ARN pattern for one service. The partition is tied to the Region's prefix with lookaheads:
 * `aws-cn` only has `cn-*` Regions, `aws-us-gov` only `us-gov-*`, and `aws` neither.
 */
function arnPattern(service: string, resource: string): RegExp {
  const partition = `(?:aws:${service}:(?!cn-|us-gov-)|aws-cn:${service}:(?=cn-)|aws-us-gov:${service}:(?=us-gov-))`;
  return new RegExp(`^arn:${partition}${REGION}:${ACCOUNT}:${resource}$`);
}

export const MSK_CLUSTER_ARN = arnPattern('kafka', MSK_CLUSTER);
export const SECRET_ARN = arnPattern('secretsmanager', SECRET);

/** The six fields of an ARN (the resource keeps any further `:`). */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN into its fields; undefined when it does not even have six of them. */
export function parseArn(arn: string): ArnParts | undefined {
  const [prefix, partition, service, region, account, ...rest] = arn.split(':');
  if (prefix !== 'arn' || rest.length === 0) return undefined;
  return { partition, service, region, account, resource: rest.join(':') };
}

/** The partition a Region belongs to (`cn-northwest-1` → `aws-cn`). */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

interface ArnShape {
  what: string;
  service: string;
  resource: RegExp;
  example: string;
}

const shapes = {
  mskCluster: {
    what: 'an MSK cluster ARN',
    service: 'kafka',
    resource: new RegExp(`^${MSK_CLUSTER}$`),
    example: 'arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>-<n>',
  },
  secret: {
    what: 'a Secrets Manager secret ARN',
    service: 'secretsmanager',
    resource: new RegExp(`^${SECRET}$`),
    example: 'arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>',
  },
} satisfies Record<string, ArnShape>;

/** Why `value` is not an ARN of `shape`, naming the first field that is wrong. */
function arnProblem(value: unknown, shape: ArnShape): string {
  const expected = `must be ${shape.what} like ${shape.example}`;
  if (typeof value !== 'string') return expected;
  const arn = parseArn(value);
  if (!arn) return `${expected}, got ${JSON.stringify(value)}`;
  if (!(PARTITIONS as readonly string[]).includes(arn.partition)) {
    return `${expected}: partition ${JSON.stringify(arn.partition)} is not one of ${PARTITIONS.join(', ')}`;
  }
  if (arn.service !== shape.service) {
    return `${expected}: service is ${JSON.stringify(arn.service)}, not ${JSON.stringify(shape.service)}`;
  }
  if (!new RegExp(`^${REGION}$`).test(arn.region)) {
    return `${expected}: ${JSON.stringify(arn.region)} is not a Region`;
  }
  if (partitionOfRegion(arn.region) !== arn.partition) {
    return `${expected}: Region ${arn.region} is in partition ${partitionOfRegion(arn.region)}, not ${arn.partition}`;
  }
  if (!new RegExp(`^${ACCOUNT}$`).test(arn.account)) {
    return `${expected}: account ${JSON.stringify(arn.account)} is not 12 digits`;
  }
  return `${expected}: resource ${JSON.stringify(arn.resource)} has the wrong shape`;
}

/** Why a value is not an MSK cluster ARN (only called when the pattern did not match). */
export const mskClusterArnProblem = (value: unknown): string => arnProblem(value, shapes.mskCluster);

/** Why a value is not a Secrets Manager secret ARN (only called when the pattern did not match). */
export const secretArnProblem = (value: unknown): string => arnProblem(value, shapes.secret);

/** The secret's name inside a full secret ARN (without the six-character suffix). */
export function secretNameOfArn(secretArn: string): string {
  const resource = parseArn(secretArn)?.resource ?? '';
  return resource.replace(/^secret:/, '').replace(/-[A-Za-z0-9]{6}$/, '');
}
