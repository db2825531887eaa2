import type { z } from 'zod';
import { type RequestIssue, RequestValidationError } from '../errors';
import { type OnboardingRequest, onboardingRequestSchema } from './schema';
import { withTriggerGrants } from './triggerGrants';

/** Hints for unknown fields people are likely to try. */
const unknownFieldHints: Record<string, string> = {
  password: 'requests never carry secrets: the workflow generates the password and stores it in the secret',
  secret: 'requests never carry secrets: the workflow stores credentials in AmazonMSK_<principal>',
};

/**
 * Messages for the generic cases, used where a field has no message of its own. Values are not
 * echoed here (only their type), so nothing pasted into a wrong field ends up in an error.
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (${issue.expected})`
        : `expected ${issue.expected}, got ${Array.isArray(issue.input) ? 'array' : typeof issue.input}`;
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

/** `['topics', 0, 'config', 'retention.ms']` → `topics[0].config["retention.ms"]`; the root is `(request)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(request)';
}

/** Flattens zod issues into one `{ path, message }` per bad field (one per unknown key, too). */
export function toRequestIssues(issues: readonly z.core.$ZodIssue[]): RequestIssue[] {
  return issues.flatMap((issue): RequestIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown field: ${unknownFieldHints[key.toLowerCase()] ?? 'not part of the request contract'}`,
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
  if (!result.success) throw new RequestValidationError(toRequestIssues(result.error.issues));
  return withTriggerGrants(result.data);
}
