/**
 * Redaction of what a recorded history keeps. Our states never carry a password (secret names and
 * ARNs only), but a history outlives the run and is served to a browser: anything that looks like a
 * credential is replaced by `***` before it is written, so a future bug cannot leak one to disk.
 */

export const REDACTED = '***';

// Stack traces repeat the message and name machine paths: a history keeps none.
const TRACE_KEY = /^(trace|stack|stackTrace)$/;

// Keys whose value is a credential. Names of things (`secretName`, `secretArn`, `adminSecretFile`) are not.
const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|token|api[-_]?key|access[-_]?key|secret[-_]?(access[-_]?key|key|string|value|binary)?|private[-_]?key|authorization|cookie|sasl[-_]?(jaas|config)|jaas)$/i;

const SECRET_TEXT: readonly [RegExp, string][] = [
  // key=value, key: value, "key":"value" inside text (JAAS configs, query strings, error messages)
  [
    /(["']?)(\w*(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|authorization)\w*)\1(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}\]"'\\]+)/gi,
    `$1$2$1$3${REDACTED}`,
  ],
  // user:password@host in URLs
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, `$1${REDACTED}@`],
  // Bearer / Basic credentials
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // AWS access key ids
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
];

/** True when an object key names a credential (`password`, `apiKey`, `SecretString`), not a secret's name. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || TRACE_KEY.test(key);
}

/**
 * Text with anything that looks like a credential replaced by `***`. Text that is a JSON object or
 * array (a Lambda error document in a Cause, say) is redacted as JSON and written back.
 */
export function redactText(text: string): string {
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // not JSON after all: redact as text
    }
  }
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of a JSON value with every credential-named key's value and credential-looking text redacted. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redactJson(item)]),
    );
  }
  return value;
}
