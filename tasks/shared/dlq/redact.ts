/** Longest error message an envelope carries; the rest is cut (messages can quote whole requests). */
export const MAX_ERROR_MESSAGE_LENGTH = 1_024;

const SECRET_WORDS =
  'password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization|credentials?|sasl';

const REDACTIONS: readonly [RegExp, string][] = [
  // key=value, key: value, "key":"value", key="value" (JAAS configs, query strings, JSON, headers)
  [
    new RegExp(
      `(["']?)((?:\\w*(?:${SECRET_WORDS})\\w*))\\1(\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s,;&}\\]]+)`,
      'gi',
    ),
    '$1$2$1$3***',
  ],
  // user:password@host in URLs
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1***@'],
  // Bearer / Basic credentials
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***'],
  // AWS access key ids
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, '***'],
];

/** The text with anything that looks like a credential replaced by `***`, cut to a sane length. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out.length > MAX_ERROR_MESSAGE_LENGTH ? `${out.slice(0, MAX_ERROR_MESSAGE_LENGTH - 1)}…` : out;
}

/** `{ name, message }` of an error for an envelope: redacted, never a stack or a cause chain. */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) {
    return {
      name: redactSecrets(error.name || 'Error').slice(0, 128),
      message: redactSecrets(error.message),
    };
  }
  return { name: 'NonError', message: redactSecrets(String(error)) };
}
