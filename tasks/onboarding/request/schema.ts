// zod/mini, not zod: the same checks and messages (core and English locale shared) without classic zod's
// methods and JSON-Schema code in every function that validates a request (issue 12: bundles ≤ 500 KB).
import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';
import { MSK_CLUSTER_ARN, mskClusterArnProblem, SECRET_ARN, secretArnProblem } from './arns';
import { connectorIssues } from './connectorChecks';
import { connectorSchema } from './connectorsSchema';
import { clusterIssues, grantIssues, requestIssues } from './crossChecks';
import {
  CONFIG_KEY,
  CONNECTOR_NAME,
  HOST_PORT,
  PRINCIPAL,
  principalProblem,
  REQUEST_ID,
  RESOURCE_ID,
  TAG_KEY,
  TAG_VALUE,
  TAGS_MAX,
  TOPIC_NAME,
  topicNameProblem,
} from './patterns';
import { privateAccessIssues } from './privateAccessChecks';
import { privateLinkSchema, triggerSchema } from './privateAccessSchema';

/**
 * The onboarding request: the public contract of the onboarding workflow. Every object is strict, so
 * a typo (or a `password` someone tried to smuggle in) is an error rather than silently ignored.
 * Checks that span fields (duplicate topics …) live in `crossChecks.ts` and run even when other
 * fields are already invalid, so one validation reports every problem (zod only skips them when an
 * array or string is over its maximum size, as it then stops looking inside).
 */

/** A string matching `pattern`, with a reason computed from the rejected value. */
const matching = (pattern: RegExp, problem: (value: string) => string) =>
  z.string().check(z.regex(pattern, { error: (issue) => problem(String(issue.input)) }));

/**
 * A whole number from 1 to `max` (Kafka's protocol field width), as one check with one message.
 * Not `.int()`: zod marks a non-integer as aborting, which would silence the cross-field checks.
 */
const atLeastOne = (max: number) =>
  z
    .number()
    .check(
      z.superRefine((n, ctx) => {
        if (!Number.isInteger(n))
          ctx.addIssue({ code: 'custom', message: `must be a whole number, got ${n}` });
        else if (n < 1) ctx.addIssue({ code: 'custom', message: `must be at least 1, got ${n}` });
        else if (n > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max}, got ${n}` });
      }),
    )
    .check(z.meta({ type: 'integer', minimum: 1, maximum: max }));

const topicName = matching(TOPIC_NAME, topicNameProblem);
const resourceId = (what: string) =>
  matching(
    RESOURCE_ID,
    () => `${what} must be 1–200 of letters, digits, '.', '_' and '-' ('*' is the ACL wildcard)`,
  );
const secretArn = matching(SECRET_ARN, secretArnProblem);

/** `literal` (default) or `prefixed`: how a grant's name matches Kafka resources. */
export const patternTypeSchema = z
  .enum(['literal', 'prefixed'])
  .check(z.describe('How the name matches Kafka resources: exactly (literal) or as a prefix (prefixed).'));

const mskClusterSchema = z
  .strictObject({
    kind: z.literal('msk'),
    arn: matching(MSK_CLUSTER_ARN, mskClusterArnProblem).check(
      z.describe('The MSK cluster ARN (any partition).'),
    ),
    adminSecretArn: z
      .optional(secretArn)
      .check(z.describe('SCRAM secret of the workflow admin; absent: the admin authenticates with IAM.')),
  })
  .check(z.superRefine(clusterIssues, { when: () => true }));

const selfManagedClusterSchema = z.strictObject({
  kind: z.literal('self-managed'),
  bootstrapServers: z
    .array(
      matching(HOST_PORT, (v) => `${JSON.stringify(v)} is not host:port (port 1–65535, IPv6 in [brackets])`),
    )
    .check(z.minLength(1), z.maxLength(50)),
  adminSecretArn: z.optional(secretArn).check(z.describe('Secret holding the workflow admin credentials.')),
});

/** The target cluster: MSK by ARN, or self-managed Kafka by bootstrap servers. */
export const clusterSchema = z.discriminatedUnion('kind', [mskClusterSchema, selfManagedClusterSchema], {
  error: (issue) => unknownDiscriminator(issue, 'kind', ['msk', 'self-managed']),
});

/** A topic to create or reconcile (partitions only grow; named configs are set incrementally). */
export const topicSpecSchema = z.strictObject({
  name: topicName,
  partitions: atLeastOne(2_147_483_647),
  replicationFactor: z.optional(atLeastOne(32_767)).check(z.describe('Absent: the broker default.')),
  config: z
    ._default(
      z.record(
        matching(
          CONFIG_KEY,
          (k) => `${JSON.stringify(k)} does not look like a Kafka config key (e.g. retention.ms)`,
        ),
        z.string({ error: 'Kafka config values are strings, e.g. "604800000"' }).check(z.maxLength(4096)),
      ),
      {},
    )
    .check(
      z.describe('Topic configs set on create and incrementally afterwards; keys not named are left alone.'),
    ),
});

const consumerGrantSchema = z
  .strictObject({
    role: z.literal('consumer'),
    topic: topicName,
    patternType: z._default(patternTypeSchema, 'literal'),
    group: resourceId('group').check(z.describe('The consumer group the principal reads with.')),
    groupPatternType: z._default(patternTypeSchema, 'literal'),
  })
  .check(z.superRefine(grantIssues, { when: () => true }));

const producerGrantSchema = z
  .strictObject({
    role: z.literal('producer'),
    topic: topicName,
    patternType: z._default(patternTypeSchema, 'literal'),
    group: z.optional(
      z.never({ error: 'not allowed on a producer grant: only consumer grants read with a group' }),
    ),
    idempotent: z._default(z.boolean(), true).check(z.describe('false drops CLUSTER IDEMPOTENT_WRITE.')),
    transactionalId: z.optional(resourceId('transactionalId')),
    transactionalIdPatternType: z
      .optional(patternTypeSchema)
      .check(z.describe('Default literal; needs transactionalId.')),
  })
  .check(z.superRefine(grantIssues, { when: () => true }));

const connectorGrantSchema = z
  .strictObject({
    role: z.literal('connector'),
    connector: matching(CONNECTOR_NAME, () => `must be 1–128 of letters, digits, '.', '_' and '-'`),
    direction: z.enum(['sink', 'source']),
    topic: topicName,
    patternType: z._default(patternTypeSchema, 'literal'),
    group: z.optional(
      z.never({ error: 'not allowed on a connector grant: a sink reads with group connect-<connector>' }),
    ),
  })
  .check(z.superRefine(grantIssues, { when: () => true }));

/** One grant: a role (consumer, producer, connector) on a topic or topic prefix. */
export const grantSchema = z.discriminatedUnion(
  'role',
  [consumerGrantSchema, producerGrantSchema, connectorGrantSchema],
  {
    error: (issue) => unknownDiscriminator(issue, 'role', ['consumer', 'producer', 'connector']),
  },
);

/** The whole onboarding (and offboarding) request. */
export const onboardingRequestSchema = z
  .strictObject({
    requestId: matching(
      REQUEST_ID,
      () => 'must be 1–80 of letters, digits, _ and - (it becomes the Step Functions execution name)',
    ),
    cluster: clusterSchema,
    principal: matching(PRINCIPAL, principalProblem).check(
      z.describe('SCRAM user name; its secret is AmazonMSK_<principal>.'),
    ),
    topics: z
      ._default(z.array(topicSpecSchema).check(z.maxLength(100)), [])
      .check(z.describe('Topics to create or reconcile.')),
    grants: z
      ._default(z.array(grantSchema).check(z.maxLength(100)), [])
      .check(z.describe('Access to grant; topics may already exist.')),
    dryRun: z._default(z.boolean(), false).check(z.describe('Plan only: report the changes, make none.')),
    deleteTopics: z
      ._default(z.boolean(), false)
      .check(z.describe('Offboarding only: also delete the request topics.')),
    tags: z
      .optional(
        z
          .record(
            matching(
              TAG_KEY,
              (k) => `tag key ${JSON.stringify(k)} must be 1–127 characters, not starting with aws:`,
            ),
            matching(TAG_VALUE, () => 'tag values are at most 255 of letters, digits, spaces and _.:/=+@-'),
          )
          .check(z.meta({ maxProperties: TAGS_MAX })),
      )
      .check(z.describe(`Tags for what the workflow creates (at most ${TAGS_MAX}).`)),
    adopt: z
      .optional(
        z
          .array(
            z.strictObject({
              kind: z.enum(['topic', 'scram-user']),
              name: z.string().check(z.minLength(1), z.maxLength(249)),
            }),
          )
          .check(z.maxLength(100)),
      )
      .check(
        z.describe(
          'Existing topics or SCRAM users msk-flows did not create, to take over for this principal (README "Ownership registry").',
        ),
      ),
    privateLink: z.optional(privateLinkSchema),
    triggers: z
      .optional(z.array(triggerSchema).check(z.maxLength(20)))
      .check(z.describe('Lambda Kafka triggers reading as the principal; each adds its consumer grant.')),
    connectors: z
      .optional(z.array(connectorSchema).check(z.maxLength(20)))
      .check(
        z.describe(
          'Kafka Connect / MSK Connect connectors running as the principal; each needs its connector grant.',
        ),
      ),
  })
  .check(z.superRefine(requestIssues, { when: () => true }))
  .check(z.superRefine(privateAccessIssues, { when: () => true }))
  .check(z.superRefine(connectorIssues, { when: () => true }))
  .check(
    z.meta({
      title: 'msk-flows onboarding request',
      description:
        'One request: SCRAM credentials, topics and least-privilege ACLs for one principal on one cluster.',
    }),
  );

/** The message for a union member whose discriminator (`kind`, `role`) is missing or unknown. */
function unknownDiscriminator(issue: z.core.$ZodRawIssue, key: string, known: string[]): string | undefined {
  if (issue.code !== 'invalid_union') return undefined; // not an object: the generic type message
  const input = issue.input as Record<string, unknown> | undefined;
  const value = input?.[key];
  const expected = `one of ${known.join(', ')}`;
  return value === undefined
    ? `required: ${expected}`
    : `unknown ${key} ${JSON.stringify(value)}: expected ${expected}`;
}

/** A validated request, defaults applied. */
export type OnboardingRequest = z.output<typeof onboardingRequestSchema>;
/** A request as written by a person (defaults still optional). */
export type OnboardingRequestInput = z.input<typeof onboardingRequestSchema>;
/** The validated `cluster`, assignable to the contracts' ClusterRef. */
export type ClusterSpec = z.output<typeof clusterSchema>;
/** A validated topic, `config` defaulted to `{}`. */
export type TopicSpec = z.output<typeof topicSpecSchema>;
/** A validated grant, pattern types and `idempotent` defaulted. */
export type Grant = z.output<typeof grantSchema>;
export type ConsumerGrant = z.output<typeof consumerGrantSchema>;
export type ProducerGrant = z.output<typeof producerGrantSchema>;
export type ConnectorGrant = z.output<typeof connectorGrantSchema>;
export type PatternType = z.output<typeof patternTypeSchema>;
