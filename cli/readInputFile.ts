import { readFileSync } from 'node:fs';
import { UsageError } from './args';

/** The text of a file named on the command line; a UsageError naming the flag when it cannot be read. */
export function readInputFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${flag} ${file}: cannot read the file (${code})`, { showUsage: false });
  }
}

/** JSON text parsed, or where it stopped being JSON (never the text itself). */
export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses the JSON of a file. A leading UTF-8 byte order mark is skipped, as RFC 8259 §8.1 allows and as
 * most tools do (Windows editors and PowerShell write one; JSON.parse alone rejects it). A failure says
 * where, by line and column when V8 knows them, but never quotes the text: V8's own message does, and a
 * request or event file may hold payloads or credentials.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) };
  } catch (error) {
    const message = (error as Error).message;
    const at = /\(line (\d+) column (\d+)\)/.exec(message);
    if (at) return { ok: false, reason: `not valid JSON (line ${at[1]}, column ${at[2]})` };
    if (/Unexpected end of JSON input/.test(message))
      return { ok: false, reason: 'not valid JSON (it ends early)' };
    // V8 gives no position for an unexpected token, only a quote of the text around it.
    return { ok: false, reason: 'not valid JSON (an unexpected character)' };
  }
}

/**
 * The JSON in a file named on the command line. A parse failure names the flag and file and where the text
 * stopped being JSON, but not V8's message, which quotes the text it failed on.
 */
export function readJsonInputFile(flag: string, file: string): unknown {
  const parsed = parseJsonText(readInputFile(flag, file));
  if (!parsed.ok) throw new UsageError(`${flag} ${file}: ${parsed.reason}`, { showUsage: false });
  return parsed.value;
}
