import type * as z from 'zod/mini';
import { ReplayRequestError, type ReplayRequestIssue } from '../errors';
import { type ReplayRequest, replayRequestSchema } from './schema';

/** Generic messages that never echo the rejected value (a pasted secret stays out of errors). */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (${issue.expected})`
        : `expected ${issue.expected}, got ${Array.isArray(issue.input) ? 'array' : typeof issue.input}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'kind must be one of the documented kinds (see schemas/replay-request.schema.json)';
    default:
      return undefined;
  }
};

/** `['target', 'topic']` → `target.topic`; `['filter','topics',0]` → `filter.topics[0]`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(request)';
}

function issuesOf(issues: readonly z.core.$ZodIssue[]): ReplayRequestIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: 'unknown field: not part of the replay request contract',
        }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/** Validates a replay request and applies defaults; a ReplayRequestError names every bad field. */
export function parseReplayRequest(raw: unknown): ReplayRequest {
  const result = replayRequestSchema.safeParse(raw, { error: errorMap });
  if (!result.success) throw new ReplayRequestError(issuesOf(result.error.issues));
  return result.data;
}
