import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';
import { TOPIC_NAME } from '../../onboarding/request/patterns';
import { clusterSchema } from '../../onboarding/request/schema';
import { BUCKET_NAME, FUNCTION_ARN, KEY_PREFIX, QUEUE_URL, REPLAY_ID } from './patterns';

/**
 * The replay request: the public contract of the DLQ replay workflow (JSON Schema generated into
 * schemas/replay-request.schema.json). Objects are strict, so a typo is an error, not a default.
 */

const queueUrl = z.string().check(
  z.regex(QUEUE_URL, {
    error: 'must be an SQS queue URL: https://sqs.<region>.amazonaws.com/<account>/<name>',
  }),
);

/** Whole numbers from `min` to `max`, one message for every way a value can miss. */
const wholeNumber = (min: number, max: number) =>
  z
    .number()
    .check(
      z.superRefine((n, ctx) => {
        if (!Number.isInteger(n))
          ctx.addIssue({ code: 'custom', message: `must be a whole number, got ${n}` });
        else if (n < min || n > max)
          ctx.addIssue({ code: 'custom', message: `must be from ${min} to ${max}, got ${n}` });
      }),
    )
    .check(z.meta({ type: 'integer', minimum: min, maximum: max }));

/** Where the dead letters are read from: an SQS queue (our envelopes, Lambda on-failure records, plain messages). */
export const replaySourceSchema = z.strictObject({
  kind: z.literal('sqs'),
  queueUrl,
  cluster: z
    .optional(clusterSchema)
    .check(
      z.describe(
        "Where Kafka on-failure records are read back from by offset; default: the target topic's cluster.",
      ),
    ),
});

const topicTargetSchema = z.strictObject({
  kind: z.literal('topic'),
  topic: z
    .string()
    .check(z.regex(TOPIC_NAME, { error: 'must be a Kafka topic name (1–249 of [a-zA-Z0-9._-], not __…)' })),
  cluster: clusterSchema,
  allowOriginalTopic: z
    ._default(z.boolean(), false)
    .check(
      z.describe(
        'Allow producing a record back onto the topic it came from: every consumer group of that topic sees it again.',
      ),
    ),
});

const lambdaTargetSchema = z.strictObject({
  kind: z.literal('lambda'),
  functionArn: z.string().check(z.regex(FUNCTION_ARN, { error: 'must be a Lambda function ARN' })),
});

const queueTargetSchema = z.strictObject({ kind: z.literal('sqs'), queueUrl });

/** Where replayed records go: a Kafka topic, a Lambda function (invoked with trigger-shaped events), an SQS queue. */
export const replayTargetSchema = z.discriminatedUnion('kind', [
  topicTargetSchema,
  lambdaTargetSchema,
  queueTargetSchema,
]);

/** Which dead letters this replay takes; the others stay in the queue (counted as skipped). */
export const replayFilterSchema = z.strictObject({
  topics: z
    .optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(249))).check(z.minLength(1), z.maxLength(100)),
    )
    .check(z.describe('Source topics (Kafka topic, MQTT topic, or Kinesis stream name) to replay.')),
  errorNames: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.minLength(1), z.maxLength(100)),
  ),
  sourceKinds: z.optional(z.array(z.enum(['kafka', 'kinesis', 'mqtt', 'sqs'])).check(z.minLength(1))),
  failedAfter: z
    .optional(z.iso.datetime())
    .check(z.describe('Only dead letters that failed at or after this instant.')),
  failedBefore: z
    .optional(z.iso.datetime())
    .check(z.describe('Only dead letters that failed before this instant.')),
});

/** Where records that cannot be replayed are parked (S3 object: original message and reason). */
export const parkingSchema = z.strictObject({
  bucket: z.string().check(z.regex(BUCKET_NAME, { error: 'must be an S3 bucket name' })),
  prefix: z._default(
    z.string().check(z.regex(KEY_PREFIX, { error: "must be an S3 key prefix ending with '/'" })),
    'parked/',
  ),
});

/** The whole replay request. */
export const replayRequestSchema = z
  .strictObject({
    replayId: z.string().check(
      z.regex(REPLAY_ID, {
        error: 'must be 1–80 of letters, digits, _ and - (it becomes the Step Functions execution name)',
      }),
    ),
    source: replaySourceSchema,
    target: replayTargetSchema,
    maxMessages: z
      ._default(wholeNumber(1, 1_000_000), 10_000)
      .check(z.describe('Dead-letter messages to take at most.')),
    maxSeconds: z
      ._default(wholeNumber(10, 43_200), 600)
      .check(z.describe('Stop starting batches after this many seconds.')),
    ratePerSecond: z
      ._default(wholeNumber(1, 100_000), 1_000)
      .check(z.describe('Records delivered per second at most.')),
    maxAttempts: z
      ._default(wholeNumber(1, 100), 5)
      .check(
        z.describe(
          'Replays of one record before it is parked instead (counted in its replay-attempt header).',
        ),
      ),
    filter: z.optional(replayFilterSchema),
    parking: z.optional(parkingSchema).check(z.describe("Default: the deployment's parking bucket.")),
    dryRun: z
      ._default(z.boolean(), false)
      .check(z.describe('Count only: delete nothing, every message visible again at once.')),
  })
  .check(z.superRefine(crossFieldIssues, { when: () => true }))
  .check(
    z.meta({
      title: 'msk-flows DLQ replay request',
      description: 'Re-drive one dead-letter queue into a topic, a function or a queue; poison parked in S3.',
    }),
  );

type RawRequest = {
  source?: { queueUrl?: unknown };
  target?: { kind?: unknown; queueUrl?: unknown };
  filter?: { failedAfter?: unknown; failedBefore?: unknown };
};

/** Rules spanning fields: no queue replayed into itself, a time window that is not empty. */
function crossFieldIssues(value: unknown, ctx: z.core.$RefinementCtx): void {
  const request = value as RawRequest;
  if (request.target?.kind === 'sqs' && request.target.queueUrl === request.source?.queueUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'queueUrl'],
      message: 'is the source queue: a replay into its own queue would loop',
    });
  }
  const { failedAfter, failedBefore } = request.filter ?? {};
  if (typeof failedAfter === 'string' && typeof failedBefore === 'string' && failedAfter >= failedBefore) {
    ctx.addIssue({ code: 'custom', path: ['filter', 'failedBefore'], message: 'must be after failedAfter' });
  }
}

/** A validated replay request, defaults applied. */
export type ReplayRequest = z.output<typeof replayRequestSchema>;
/** A request as a person writes it. */
export type ReplayRequestInput = z.input<typeof replayRequestSchema>;
export type ReplayTarget = z.output<typeof replayTargetSchema>;
export type TopicTarget = z.output<typeof topicTargetSchema>;
export type ReplayFilter = z.output<typeof replayFilterSchema>;
export type Parking = z.output<typeof parkingSchema>;
