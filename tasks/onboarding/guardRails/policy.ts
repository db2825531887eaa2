import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';
import { formatPath } from '../request/formatPath';
import { CONFIG_KEY, PREFIX_MIN, PRINCIPAL } from '../request/patterns';
import { type ConfigRule, DEFAULT_POLICY, type PlatformPolicy } from './defaults';
import { PlatformPolicyError } from './errors';

/**
 * The platform policy file: every field optional, each one given replaces the default of that field
 * (in `topicConfig`, key by key; `null` takes a key off the allow-list). Strict objects, so a typo is
 * an error naming the field, not a silently ignored bound.
 */

const whole = z.number().check(z.int({ error: 'must be a whole number' }));
const why = z
  .optional(z.string().check(z.maxLength(300)))
  .check(z.describe('Why the bound exists, quoted in refusals.'));

/** `min` not above `max` when both are given (reported on `max`). */
const minNotAboveMax = () =>
  z.refine<{ min?: number; max?: number }>(
    (r) => r.min === undefined || r.max === undefined || r.min <= r.max,
    { error: 'min must not exceed max', path: ['max'] },
  );

const integerRule = z
  .strictObject({
    min: z.optional(whole),
    max: z.optional(whole),
    allowMinusOne: z
      ._default(z.boolean(), false)
      .check(z.describe('Allow -1 ("no limit") besides the range.')),
    why,
  })
  .check(minNotAboveMax());

const listRule = z.strictObject({
  values: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  multiple: z
    ._default(z.boolean(), false)
    .check(z.describe('A comma-separated set of the values (cleanup.policy).')),
  why,
});

const range = (min: number) =>
  z
    .strictObject({
      min: z.optional(whole.check(z.minimum(min))),
      max: z.optional(whole.check(z.minimum(min))),
    })
    .check(minNotAboveMax());

/** The JSON a policy file (or `msk-flows:platformPolicy`) holds. */
export const platformPolicySchema = z
  .strictObject({
    reservedPrincipals: z
      .optional(
        z.array(
          z.string().check(z.regex(PRINCIPAL, { error: 'not a principal name (letters, digits, . _ -)' })),
        ),
      )
      .check(z.describe('Principals never onboarded or offboarded (besides the admin and the super users).')),
    partitions: z.optional(range(1)),
    replicationFactor: z.optional(range(1)),
    prefixes: z.optional(
      z.strictObject({
        minLength: z.optional(whole.check(z.minimum(PREFIX_MIN))),
        separators: z.optional(z.array(z.enum(['.', '-', '_'])).check(z.minLength(1))),
      }),
    ),
    topicConfig: z
      .optional(
        z.record(
          z.string().check(z.regex(CONFIG_KEY, { error: 'not a Kafka config key (e.g. retention.ms)' })),
          z.nullable(z.union([listRule, integerRule])),
        ),
      )
      .check(
        z.describe('Per key: { min, max, allowMinusOne } or { values, multiple }; null removes the key.'),
      ),
  })
  .check(z.meta({ title: 'msk-flows platform policy' }));

export type PlatformPolicyFile = z.input<typeof platformPolicySchema>;

/** The defaults with a parsed policy file laid over them. */
function merge(file: z.output<typeof platformPolicySchema>): PlatformPolicy {
  const topicConfig: Record<string, ConfigRule> = { ...DEFAULT_POLICY.topicConfig };
  for (const [key, rule] of Object.entries(file.topicConfig ?? {})) {
    if (rule === null) delete topicConfig[key];
    else topicConfig[key] = rule;
  }
  return {
    reservedPrincipals: file.reservedPrincipals ?? DEFAULT_POLICY.reservedPrincipals,
    partitions: { ...DEFAULT_POLICY.partitions, ...file.partitions },
    replicationFactor: { ...DEFAULT_POLICY.replicationFactor, ...file.replicationFactor },
    prefixes: { ...DEFAULT_POLICY.prefixes, ...file.prefixes },
    topicConfig,
  };
}

/** Validates a policy (parsed JSON) and lays it over the defaults; PlatformPolicyError names every bad field. */
export function parsePlatformPolicy(raw: unknown, source: string): PlatformPolicy {
  const result = platformPolicySchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
      return `${formatPath(issue.path).replace('(request)', '(policy)')}: ${issue.message}${keys}`;
    });
    throw new PlatformPolicyError(source, issues);
  }
  const merged = merge(result.data);
  const { partitions } = merged;
  if (partitions.min > partitions.max) {
    throw new PlatformPolicyError(source, [
      `partitions: min ${partitions.min} exceeds max ${partitions.max}`,
    ]);
  }
  return merged;
}

/** Parses policy JSON text (a file, an environment variable); not JSON is a PlatformPolicyError too. */
export function parsePlatformPolicyText(text: string, source: string): PlatformPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not V8's message: it quotes the text it stopped at.
    throw new PlatformPolicyError(source, ['not valid JSON']);
  }
  return parsePlatformPolicy(raw, source);
}

/** The environment variable the Plan and Validate functions read the policy from (CDK context → env). */
export const PLATFORM_POLICY_ENV = 'MSK_FLOWS_PLATFORM_POLICY';

/** The policy of this process: `MSK_FLOWS_PLATFORM_POLICY` laid over the defaults, or the defaults. */
export function platformPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformPolicy {
  const text = env[PLATFORM_POLICY_ENV];
  return text ? parsePlatformPolicyText(text, PLATFORM_POLICY_ENV) : DEFAULT_POLICY;
}
