import { createHash } from 'node:crypto';
import { packInOrder } from '../../shared/packInOrder';
import type { ObjectLimits } from './config';
import type { IotLine } from './parse';

/** One S3 object to write: its key, the SQS messages it holds and its uncompressed NDJSON body. */
export interface PlannedObject {
  key: string;
  messageIds: string[];
  /** Uncompressed NDJSON, lines in event order. */
  body: Buffer;
}

/**
 * Splits lines, in order, into runs of at most `maxMessages` lines and `maxBytes` bytes. A run closes only
 * when the next line would break a limit, so a batch within the limits is exactly one run; a single line
 * larger than `maxBytes` gets a run of its own (it is never dropped).
 */
export function chunkLines<T extends { bytes: number }>(lines: readonly T[], limits: ObjectLimits): T[][] {
  return packInOrder(lines, (line) => line.bytes, {
    maxItems: limits.maxMessages,
    maxBytes: limits.maxBytes,
  });
}

function partition(receivedAt: number): string {
  const date = new Date(receivedAt);
  const iso = Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/**
 * `<prefix>/dt=<yyyy-mm-dd>/hour=<hh>/<sha256 of the body, 32 hex>-<count>.jsonl.gz`, the partition from the
 * earliest `receivedAt` (UTC). Derived from the content only, so the same lines retried land on the same key
 * and overwrite the object byte for byte (gzip of the same input is deterministic), while different content
 * never shares a key: a key made of the first message id and the count could be reused by a later batch that
 * starts with a redelivered message and overwrite an object whose other messages were already deleted.
 */
export function objectKey(prefix: string, earliestReceivedAt: number, body: Buffer, count: number): string {
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const name = `${partition(earliestReceivedAt)}/${digest}-${count}.jsonl.gz`;
  return prefix ? `${prefix}/${name}` : name;
}

/** Plans the objects for a batch's usable lines: ⌈lines / maxMessages⌉ of them unless `maxBytes` splits sooner. */
export function planObjects(
  lines: readonly IotLine[],
  limits: ObjectLimits,
  prefix: string,
): PlannedObject[] {
  return chunkLines(lines, limits).map((chunk) => {
    const body = Buffer.from(chunk.map((l) => l.line).join(''), 'utf8');
    const earliest = chunk.reduce((min, l) => Math.min(min, l.receivedAt), Number.POSITIVE_INFINITY);
    return {
      key: objectKey(prefix, earliest, body, chunk.length),
      messageIds: chunk.map((l) => l.messageId),
      body,
    };
  });
}
