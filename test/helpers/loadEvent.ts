import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Directory of the recorded event shapes. */
export const EVENTS_DIR = join(import.meta.dirname, '..', 'events');

/** Parses `test/events/<name>.json` (a real event shape, e.g. a Lambda Kafka trigger event). */
export function loadEvent<T = unknown>(name: string): T {
  const file = join(EVENTS_DIR, `${name}.json`);
  if (!existsSync(file)) throw new Error(`No such test event: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
