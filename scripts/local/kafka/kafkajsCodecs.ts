import { compressionsAlgorithms } from '@platformatic/kafka';
import kafkajs from 'kafkajs';

let registered = false;

/**
 * Teaches kafkajs (the local trigger poller, the tests' consumers) to read Snappy, LZ4 and ZSTD record
 * batches, which it does not out of the box (`KafkaJSNotImplemented: LZ4 compression not implemented`): the
 * bridge produces them (KAFKA_COMPRESSION). Decoding goes through @platformatic/kafka's codecs, the ones the
 * bridge encodes with; in AWS, Lambda's Kafka triggers decode every codec themselves.
 */
export function registerKafkajsCodecs(): void {
  if (registered) return;
  registered = true;
  const { CompressionCodecs, CompressionTypes } = kafkajs;
  const codecs = [
    [CompressionTypes.Snappy, compressionsAlgorithms.snappy],
    [CompressionTypes.LZ4, compressionsAlgorithms.lz4],
    [CompressionTypes.ZSTD, compressionsAlgorithms.zstd],
  ] as const;
  for (const [type, codec] of codecs) {
    CompressionCodecs[type] = () => ({
      compress: async (encoder: { buffer: Buffer }) => codec.compressSync(encoder.buffer),
      decompress: async (buffer: Buffer) => codec.decompressSync(buffer),
    });
  }
}
