import * as z from 'zod';
import { CONNECTOR_NAME } from './patterns';

/**
 * The optional `connectors` section: Kafka Connect connectors (self-managed, or Amazon MSK Connect) that run
 * as the request's principal. Checks that span several fields (secrets inline, the matching connector grant,
 * what each platform needs) live in `connectorChecks.ts` so one validation reports every problem.
 */

const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const LOG_GROUP = /^[\w#./-]{1,512}$/;

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** Where MSK Connect finds the connector's plugin (a ZIP or JAR in S3). */
export const connectorPluginSchema = z.strictObject({
  s3: z.strictObject({
    bucketArn: z
      .string()
      .regex(S3_BUCKET_ARN, { error: 'must be an S3 bucket ARN (arn:<partition>:s3:::bucket)' }),
    fileKey: z.string().min(1).max(1024),
    objectVersion: z.string().min(1).max(1024).optional(),
  }),
  contentType: z.enum(['ZIP', 'JAR']).default('ZIP'),
});

/** MSK Connect capacity: autoscaled (workers between min and max) or a fixed number of workers. */
export const connectorCapacitySchema = z.union([
  z.strictObject({
    autoScaling: z.strictObject({
      mcuCount: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
      minWorkerCount: count(1, 10),
      maxWorkerCount: count(1, 10),
      scaleInPercent: count(1, 100).default(20),
      scaleOutPercent: count(1, 100).default(80),
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
    .regex(CONNECTOR_NAME, { error: `must be 1–128 of letters, digits, '.', '_' and '-'` })
    .describe('The connector name; its grant (role connector) names it too.'),
  platform: z.enum(['msk-connect', 'kafka-connect']),
  kind: z.enum(['source', 'sink']),
  plugin: connectorPluginSchema.optional().describe('MSK Connect only: the custom plugin in S3.'),
  config: z
    .record(z.string().min(1).max(256), z.string().max(8192))
    .describe(`The connector configuration; secrets only as \${provider:path:key} references.`),
  capacity: connectorCapacitySchema.optional().describe('MSK Connect only.'),
  serviceExecutionRoleArn: z
    .string()
    .regex(IAM_ROLE_ARN, { error: 'must be an IAM role ARN' })
    .optional()
    .describe('MSK Connect only: the role the connector runs with (IAM access to the cluster).'),
  workerConfiguration: z
    .record(z.string().min(1).max(256), z.string().max(8192))
    .optional()
    .describe('MSK Connect only: worker properties (no sasl., security., ssl. … keys).'),
  logGroup: z
    .string()
    .regex(LOG_GROUP, { error: 'must be a CloudWatch Logs log group name' })
    .optional()
    .describe(
      "MSK Connect only: an existing log group for the worker logs (default: the deployment's MSK Connect worker log group).",
    ),
  kafkaConnectVersion: z.enum(['2.7.1', '3.7.x']).default('3.7.x').describe('MSK Connect only.'),
});

/** A validated connector. */
export type ConnectorSpec = z.output<typeof connectorSchema>;
export type ConnectorCapacity = z.output<typeof connectorCapacitySchema>;
