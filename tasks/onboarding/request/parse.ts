import type * as z from 'zod/mini';
import { type RequestIssue, RequestValidationError } from '../errors';
import { formatPath } from './formatPath';
import { type OnboardingRequest, onboardingRequestSchema } from './schema';
import { withTriggerGrants } from './triggerGrants';

export { formatPath };

/**
 * Hints for unknown fields people are likely to try. A Map, not an object literal: a key such as
 * `__proto__` or `constructor` must find nothing here, not Object.prototype's members.
 */
const unknownFieldHints = new Map<string, string>([
  [
    'password',
    'requests never carry secrets: the workflow generates the password and stores it in the secret',
  ],
  ['secret', 'requests never carry secrets: the workflow stores credentials in AmazonMSK_<principal>'],
]);

/** JSON's name for a value's type: `null` and `array` are not `object`. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Messages for the generic cases, used where a field has no message of its own. Values are not
 * echoed here (only their type), so nothing pasted into a wrong field ends up in an error.
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (${issue.expected})`
        : `expected ${issue.expected}, got ${jsonType(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${issue.minimum} entries` : undefined;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${issue.maximum} entries` : undefined;
    default:
      return undefined;
  }
};

/**
 * Every own `__proto__` key in the parsed JSON, wherever it sits. zod reports one on a strict object as
 * unknown but silently drops it from records (topic configs, tags), so a request would lose a field without
 * a word; JSON.parse keeps it as an own property, which is what this walks.
 */
export function protoKeyIssues(raw: unknown, path: PropertyKey[] = []): RequestIssue[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const entries = Array.isArray(raw) ? raw.map((v, i) => [i, v] as const) : Object.entries(raw);
  const own = !Array.isArray(raw) && Object.hasOwn(raw, '__proto__');
  return [
    ...(own ? [{ path: formatPath([...path, '__proto__']), message: 'not allowed as a field name' }] : []),
    ...entries.flatMap(([key, value]) => protoKeyIssues(value, [...path, key])),
  ];
}

/** Flattens zod issues into one `{ path, message }` per bad field (one per unknown key, too). */
export function toRequestIssues(issues: readonly z.core.$ZodIssue[]): RequestIssue[] {
  return issues.flatMap((issue): RequestIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      // `__proto__` is reported by protoKeyIssues, wherever it sits.
      return issue.keys
        .filter((key) => key !== '__proto__')
        .map((key) => ({
          path: formatPath([...issue.path, key]),
          message: `unknown field: ${unknownFieldHints.get(key.toLowerCase()) ?? 'not part of the request contract'}`,
        }));
    }
    // A bad record key: zod nests the key's own issue under a generic "Invalid key in record".
    const message =
      issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return [{ path: formatPath(issue.path), message }];
  });
}

/** Validates an onboarding request and applies defaults; throws RequestValidationError listing every issue. */
export function parseOnboardingRequest(raw: unknown): OnboardingRequest {
  const result = onboardingRequestSchema.safeParse(raw, { error: errorMap });
  const issues = [...protoKeyIssues(raw), ...(result.success ? [] : toRequestIssues(result.error.issues))];
  if (issues.length > 0 || !result.success) throw new RequestValidationError(issues);
  return withTriggerGrants(result.data);
}
