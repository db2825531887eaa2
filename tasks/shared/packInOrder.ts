/**
 * Splits `items`, in order, into runs of at most `maxItems` items whose sizes add up to at most
 * `maxBytes`. A run closes only when the next item would break a limit; an item larger than `maxBytes`
 * gets a run of its own (it is never dropped). Used for S3 objects, produce requests and SQS batches.
 */
export function packInOrder<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: { maxItems?: number; maxBytes: number },
): T[][] {
  const maxItems = limits.maxItems ?? Number.POSITIVE_INFINITY;
  const runs: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxItems || bytes + size > limits.maxBytes)) {
      runs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
