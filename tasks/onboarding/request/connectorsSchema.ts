import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';
import { CONNECTOR_NAME } from './patterns';

/**
 * The optional `connectors` section: Kafka Connect connectors (self-managed, or Amazon MSK Connect) that run
 * as the request's principal. Checks that span several fields (secrets inline, the matching connector grant,
 * what each platform needs) live in `connectorChecks.ts` so one validation reports every problem.
 */

const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const LOG_GROUP = /^[\w#./-]{1,512}$/;

const configKey = () => z.string().check(z.minLength(1), z.maxLength(256));
const configValue = () => z.string().check(z.maxLength(8192));
const count = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** Where MSK Connect finds the connector's plugin (a ZIP or JAR in S3). */
export const connectorPluginSchema = z.strictObject({
  s3: z.strictObject({
    bucketArn: z
      .string()
      .check(z.regex(S3_BUCKET_ARN, { error: 'must be an S3 bucket ARN (arn:<partition>:s3:::bucket)' })),
    fileKey: z.string().check(z.minLength(1), z.maxLength(1024)),
    objectVersion: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
  }),
  contentType: z._default(z.enum(['ZIP', 'JAR']), 'ZIP'),
});

/** MSK Connect capacity: autoscaled (workers between min and max) or a fixed number of workers. */
export const connectorCapacitySchema = z.union([
  z.strictObject({
    autoScaling: z.strictObject({
      mcuCount: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
      minWorkerCount: count(1, 10),
      maxWorkerCount: count(1, 10),
      scaleInPercent: z._default(count(1, 100), 20),
      scaleOutPercent: z._default(count(1, 100), 80),
    }),
  }),
  z.strictObject({
    provisioned: z.strictObject({
      mcuCount: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
      workerCount: count(1, 10),
    }),
  }),
]);

/** One connector of the request. */
export const connectorSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.regex(CONNECTOR_NAME, { error: `must be 1–128 of letters, digits, '.', '_' and '-'` }),
      z.describe('The connector name; its grant (role connector) names it too.'),
    ),
  platform: z.enum(['msk-connect', 'kafka-connect']),
  kind: z.enum(['source', 'sink']),
  plugin: z.optional(connectorPluginSchema).check(z.describe('MSK Connect only: the custom plugin in S3.')),
  config: z
    .record(configKey(), configValue())
    .check(z.describe(`The connector configuration; secrets only as \${provider:path:key} references.`)),
  capacity: z.optional(connectorCapacitySchema).check(z.describe('MSK Connect only.')),
  serviceExecutionRoleArn: z
    .optional(z.string().check(z.regex(IAM_ROLE_ARN, { error: 'must be an IAM role ARN' })))
    .check(z.describe('MSK Connect only: the role the connector runs with (IAM access to the cluster).')),
  workerConfiguration: z
    .optional(z.record(configKey(), configValue()))
    .check(z.describe('MSK Connect only: worker properties (no sasl., security., ssl. … keys).')),
  logGroup: z
    .optional(z.string().check(z.regex(LOG_GROUP, { error: 'must be a CloudWatch Logs log group name' })))
    .check(
      z.describe(
        "MSK Connect only: an existing log group for the worker logs (default: the deployment's MSK Connect worker log group).",
      ),
    ),
  kafkaConnectVersion: z._default(z.enum(['2.7.1', '3.7.x']), '3.7.x').check(z.describe('MSK Connect only.')),
});

/** A validated connector. */
export type ConnectorSpec = z.output<typeof connectorSchema>;
export type ConnectorCapacity = z.output<typeof connectorCapacitySchema>;
