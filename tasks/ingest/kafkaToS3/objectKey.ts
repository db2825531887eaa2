/**
 * Offsets in object names are zero-padded like Kafka Connect's S3 sink (`filename.offset.zero.pad.width`,
 * default 10), so a listing of a partition's prefix comes back in offset order.
 */
export const OFFSET_PAD_WIDTH = 10;

function pad(offset: number): string {
  return String(offset).padStart(OFFSET_PAD_WIDTH, '0');
}

/**
 * The deterministic key of a partition batch's object, after the Kafka Connect S3 sink:
 * `<prefix>/<topic>/partition=<p>/<topic>+<p>+<firstOffset>-<lastOffset>.jsonl.gz`. The same records always
 * map to the same key, so a retried batch overwrites its object instead of adding a duplicate.
 */
export function kafkaObjectKey(
  prefix: string,
  topic: string,
  partition: number,
  firstOffset: number,
  lastOffset: number,
): string {
  const name = `${topic}/partition=${partition}/${topic}+${partition}+${pad(firstOffset)}-${pad(lastOffset)}.jsonl.gz`;
  return prefix ? `${prefix}/${name}` : name;
}
