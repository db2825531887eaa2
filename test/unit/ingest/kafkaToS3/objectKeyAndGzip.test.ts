import { gunzipSync } from 'node:zlib';
import { deterministicGzip } from '../../../../tasks/ingest/kafkaToS3/gzip';
import { kafkaObjectKey } from '../../../../tasks/ingest/kafkaToS3/objectKey';

describe('kafkaObjectKey', () => {
  it('follows the Kafka Connect S3 sink layout with zero-padded offsets', () => {
    // Act
    const key = kafkaObjectKey('landing/raw', 'orders.events', 3, 15, 1017);

    // Assess
    expect(key).toBe('landing/raw/orders.events/partition=3/orders.events+3+0000000015-0000001017.jsonl.gz');
  });

  it('puts topics at the bucket root when the prefix is empty', () => {
    // Act
    const key = kafkaObjectKey('', 't', 0, 0, 0);

    // Assess
    expect(key).toBe('t/partition=0/t+0+0000000000-0000000000.jsonl.gz');
  });
});

describe('deterministicGzip', () => {
  it('writes no file name, modification time 0 and OS "unknown", and round-trips', () => {
    // Prepare
    const text = '{"a":1}\n'.repeat(1000);

    // Act
    const gz = deterministicGzip(text);

    // Assess
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    expect(gunzipSync(gz).toString()).toBe(text);
  });

  it('gives identical bytes for identical input', () => {
    // Act
    const a = deterministicGzip(Buffer.from('same input\n'));
    const b = deterministicGzip('same input\n');

    // Assess
    expect(a.equals(b)).toBe(true);
  });
});
