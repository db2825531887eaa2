import * as z from 'zod';
import { formatPath } from '../request/parse';
import { CONFIG_KEY, PREFIX_MIN, PRINCIPAL } from '../request/patterns';
import { type ConfigRule, DEFAULT_POLICY, type PlatformPolicy } from './defaults';
import { PlatformPolicyError } from './errors';

/**
 * The platform policy file: every field optional, each one given replaces the default of that field
 * (in `topicConfig`, key by key; `null` takes a key off the allow-list). Strict objects, so a typo is
 * an error naming the field, not a silently ignored bound.
 */

const whole = z.number().int({ error: 'must be a whole number' });
const why = z.string().max(300).optional().describe('Why the bound exists, quoted in refusals.');

const integerRule = z
  .strictObject({
    min: whole.optional(),
    max: whole.optional(),
    allowMinusOne: z.boolean().default(false).describe('Allow -1 ("no limit") besides the range.'),
    why,
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    error: 'min must not exceed max',
    path: ['max'],
  });

const listRule = z.strictObject({
  values: z.array(z.string().min(1)).min(1),
  multiple: z.boolean().default(false).describe('A comma-separated set of the values (cleanup.policy).'),
  why,
});

const range = (min: number) =>
  z
    .strictObject({ min: whole.min(min).optional(), max: whole.min(min).optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      error: 'min must not exceed max',
      path: ['max'],
    });

/** The JSON a policy file (or `msk-flows:platformPolicy`) holds. */
export const platformPolicySchema = z
  .strictObject({
    reservedPrincipals: z
      .array(z.string().regex(PRINCIPAL, { error: 'not a principal name (letters, digits, . _ -)' }))
      .optional()
      .describe('Principals never onboarded or offboarded (besides the admin and the super users).'),
    partitions: range(1).optional(),
    replicationFactor: range(1).optional(),
    prefixes: z
      .strictObject({
        minLength: whole.min(PREFIX_MIN).optional(),
        separators: z
          .array(z.enum(['.', '-', '_']))
          .min(1)
          .optional(),
      })
      .optional(),
    topicConfig: z
      .record(
        z.string().regex(CONFIG_KEY, { error: 'not a Kafka config key (e.g. retention.ms)' }),
        z.union([listRule, integerRule]).nullable(),
      )
      .optional()
      .describe('Per key: { min, max, allowMinusOne } or { values, multiple }; null removes the key.'),
  })
  .meta({ title: 'msk-flows platform policy' });

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
