import { randomBytes } from 'node:crypto';
import { compatibilityPartitioner, murmur2 as platformaticMurmur2 } from '@platformatic/kafka';
import { javaCompatiblePartitioner, javaPartitionFor } from '../../../../tasks/shared/kafka/javaPartitioner';
import { murmur2 } from '../../../../tasks/shared/kafka/murmur2';

/**
 * [key, Utils.murmur2(key bytes), partition of 3, of 6, of 100], computed with Kafka's own Java code
 * (kafka-clients 3.9.1, `Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % n`, what the default
 * partitioner does for a keyed record). Keys like the bridge's (Kinesis partition keys) and edge cases.
 */
const JAVA: [string, number, number, number, number][] = [
  ['key-0', 29210041, 1, 1, 41],
  ['key-1', 193331640, 0, 0, 40],
  ['key-2', 852269702, 2, 2, 2],
  ['key-7', 713419675, 1, 1, 75],
  ['key-42', -187086521, 0, 3, 27],
  ['key-99', -876232990, 1, 4, 58],
  ['shardId-000000000000', 2094745518, 0, 0, 18],
  ['flight-LH400', -137384881, 1, 1, 67],
  ['', 275646681, 0, 3, 81],
  ['a', -1563381124, 1, 4, 24],
  ['21', -973932308, 0, 0, 40],
  ['foobar', -790332482, 0, 0, 66],
  ['ü-unicode-€', -1710311621, 0, 3, 27],
];

describe('javaPartitionFor', () => {
  it.each(JAVA)('puts key %j where the Java producer does (murmur2 %i)', (key, _murmur2, of3, of6, of100) => {
    // Prepare
    const bytes = Buffer.from(key);

    // Act
    const partitions = [3, 6, 100].map((n) => javaPartitionFor(bytes, n));

    // Assess
    expect(partitions).toEqual([of3, of6, of100]);
  });
});

describe('murmur2', () => {
  it.each(JAVA)('hashes key %j as Kafka Utils.murmur2 does (%i)', (key, java) => {
    expect(murmur2(Buffer.from(key))).toBe(java);
  });

  it("agrees with @platformatic/kafka's port and its Java-compatible partitioner, on random keys of every tail length", () => {
    for (let length = 0; length < 200; length++) {
      // Prepare
      const key = randomBytes(length);

      // Act
      const ours = murmur2(key);

      // Assess
      expect(ours).toBe(platformaticMurmur2(key));
      const platformatic = compatibilityPartitioner({ topic: '' }, key);
      expect(javaCompatiblePartitioner({ topic: '' }, key, { metadata: undefined })).toBe(platformatic);
      expect(javaPartitionFor(key, 7)).toBe(platformatic % 7);
    }
  });
});
