import { createHash } from 'node:crypto';
import { chunkLines, objectKey, planObjects } from '../../../../tasks/ingest/iotToS3/batching';
import type { IotLine } from '../../../../tasks/ingest/iotToS3/parse';

const sized = (...bytes: number[]) => bytes.map((b, i) => ({ id: i, bytes: b }));
const ids = (chunks: { id: number }[][]) => chunks.map((c) => c.map((l) => l.id));

function lines(count: number, receivedAt = Date.UTC(2024, 4, 24, 9, 30)): IotLine[] {
  return Array.from({ length: count }, (_, i) => {
    const line = `${JSON.stringify({ seq: i, clientId: 'sensor-1', receivedAt: receivedAt + i })}\n`;
    return { messageId: `m-${i}`, line, bytes: Buffer.byteLength(line), receivedAt: receivedAt + i };
  });
}

describe('chunkLines', () => {
  it('keeps a batch within both limits as one chunk', () => {
    // Prepare
    const input = sized(10, 10, 10);

    // Act
    const chunks = chunkLines(input, { maxMessages: 3, maxBytes: 30 });

    // Assess
    expect(ids(chunks)).toEqual([[0, 1, 2]]);
  });

  it('splits after maxMessages lines when the count limit is reached first', () => {
    // Prepare
    const input = sized(1, 1, 1, 1, 1, 1, 1);

    // Act
    const chunks = chunkLines(input, { maxMessages: 3, maxBytes: 1000 });

    // Assess
    expect(ids(chunks)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('splits before the line that would exceed maxBytes', () => {
    // Prepare
    const input = sized(40, 40, 30, 50);

    // Act
    const chunks = chunkLines(input, { maxMessages: 100, maxBytes: 100 });

    // Assess
    expect(ids(chunks)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('gives a line larger than maxBytes a chunk of its own instead of dropping it', () => {
    // Prepare
    const input = sized(10, 500, 10);

    // Act
    const chunks = chunkLines(input, { maxMessages: 100, maxBytes: 100 });

    // Assess
    expect(ids(chunks)).toEqual([[0], [1], [2]]);
  });

  it('returns no chunks for no lines', () => {
    // Act
    const chunks = chunkLines([], { maxMessages: 10, maxBytes: 10 });

    // Assess
    expect(chunks).toEqual([]);
  });
});

describe('objectKey', () => {
  it('partitions by the UTC date and hour and names the object by content hash and count', () => {
    // Prepare
    const body = Buffer.from('{"a":1}\n');
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 32);

    // Act
    const key = objectKey('iot/telemetry', Date.UTC(2024, 0, 2, 3, 59, 59), body, 1);

    // Assess
    expect(key).toBe(`iot/telemetry/dt=2024-01-02/hour=03/${digest}-1.jsonl.gz`);
  });

  it('gives the same content the same key and different content a different key', () => {
    // Prepare
    const at = Date.UTC(2024, 0, 2);

    // Act
    const first = objectKey('p', at, Buffer.from('x\n'), 1);
    const again = objectKey('p', at, Buffer.from('x\n'), 1);
    const other = objectKey('p', at, Buffer.from('y\n'), 1);

    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('starts at the partition when the prefix is empty, and survives an out-of-range timestamp', () => {
    // Act
    const key = objectKey('', 9e18, Buffer.from('x\n'), 1);

    // Assess
    expect(key).toMatch(/^dt=1970-01-01\/hour=00\/[0-9a-f]{32}-1\.jsonl\.gz$/);
  });
});

describe('planObjects', () => {
  it('plans ceil(n / N) objects holding every line once, in order', () => {
    // Prepare
    const input = lines(25);

    // Act
    const objects = planObjects(input, { maxMessages: 10, maxBytes: 1 << 20 }, 'iot');

    // Assess
    expect(objects.map((o) => o.messageIds.length)).toEqual([10, 10, 5]);
    expect(objects.flatMap((o) => o.messageIds)).toEqual(input.map((l) => l.messageId));
    expect(objects[2]?.body.toString()).toBe(
      input
        .slice(20)
        .map((l) => l.line)
        .join(''),
    );
    expect(objects[2]?.key).toMatch(/^iot\/dt=2024-05-24\/hour=09\/[0-9a-f]{32}-5\.jsonl\.gz$/);
  });

  it('takes the partition from the earliest receivedAt of the object', () => {
    // Prepare
    const [late, early] = [
      lines(1, Date.UTC(2024, 4, 24, 10, 0))[0],
      lines(1, Date.UTC(2024, 4, 24, 9, 59))[0],
    ];

    // Act
    const [object] = planObjects(
      [late as IotLine, early as IotLine],
      { maxMessages: 10, maxBytes: 1 << 20 },
      'p',
    );

    // Assess
    expect(object?.key).toContain('/dt=2024-05-24/hour=09/');
  });
});
