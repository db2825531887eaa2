import { createAPI, ProduceAcks, produceV9, Writer } from '@platformatic/kafka';

/** One partition's record batch, encoded. */
export interface PartitionBatch {
  partition: number;
  /** The record batch (recordBatch.ts), sequence numbers and all: a retry sends these very bytes. */
  batch: Buffer;
  /** How many records it holds. */
  records: number;
}

/** The produce response, as @platformatic/kafka parses it. */
export type ProduceResponse = ReturnType<typeof produceV9.parseResponse>;

/**
 * Produce v9 (KIP-482 flexible; Kafka 2.8, which the bridge's bundles start from, and every later broker) with
 * batches already encoded: `transactional_id` null, `acks` -1, `timeout_ms`, one topic and its partitions. The
 * response is parsed by @platformatic/kafka, so a partition's error is its ResponseError/ProtocolError.
 */
function createProduceRequest(timeoutMs: number, topic: string, batches: readonly PartitionBatch[]): Writer {
  return Writer.create()
    .appendString(null)
    .appendInt16(ProduceAcks.ALL)
    .appendInt32(timeoutMs)
    .appendArray([topic], (w, name) => {
      w.appendString(name).appendArray([...batches], (w, { partition, batch }) => {
        w.appendInt32(partition)
          .appendUnsignedVarInt(batch.length + 1)
          .append(batch);
      });
    })
    .appendTaggedFields();
}

/** `produceBatches.async(connection, timeoutMs, topic, batches)`: one produce request to one broker. */
export const produceBatches = createAPI<[number, string, readonly PartitionBatch[]], ProduceResponse>(
  0,
  9,
  createProduceRequest,
  produceV9.parseResponse,
);
