import type { Partitioner } from '@platformatic/kafka';
import { murmur2 } from './murmur2';

let roundRobin = 0;

/** Kafka `Utils.toPositive`: the hash with its sign bit cleared (not `Math.abs`). */
const toPositive = (hash: number): number => hash & 0x7fffffff;

/**
 * Where Java's default partitioner (and kafkajs's) puts a keyed record: `toPositive(murmur2(key)) %
 * partitions` (Kafka `BuiltInPartitioner.partitionForKey`), so consumers of a topic that Java producers also
 * write keep per-key order. @platformatic/kafka's own default differs (`murmur2 >>> 0`); a partitioner returns
 * the masked hash and the client takes it modulo the partition count. Keyless records are spread round-robin.
 */
export const javaCompatiblePartitioner: Partitioner<Buffer, Buffer, Buffer, Buffer> = (_message, key) =>
  key ? toPositive(murmur2(key)) : roundRobin++ & 0x7fffffff;

/** The partition Java's default partitioner picks for `key` among `partitions` (what the producer sends to). */
export function javaPartitionFor(key: Buffer, partitions: number): number {
  return toPositive(murmur2(key)) % partitions;
}
