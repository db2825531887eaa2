import { randomBytes } from 'node:crypto';

/** A random name `<prefix>-<12 hex>`, unique per test so tests never share Kafka resources. */
export function randomName(prefix = 't'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** A random topic name, e.g. `t-1a2b3c4d5e6f`. */
export const topicName = (): string => randomName('t');
/** A random SCRAM user (principal) name, e.g. `u-1a2b3c4d5e6f`. */
export const userName = (): string => randomName('u');
/** A random consumer group id, e.g. `g-1a2b3c4d5e6f`. */
export const groupName = (): string => randomName('g');
