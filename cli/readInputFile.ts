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

/**
 * The JSON in a file named on the command line. A parse failure names the flag and file but not
 * V8's message, which quotes the text it failed on (an event file may hold payloads or credentials).
 */
export function readJsonInputFile(flag: string, file: string): unknown {
  const text = readInputFile(flag, file);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${flag} ${file}: not valid JSON`, { showUsage: false });
  }
}
