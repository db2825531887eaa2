import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { readSequenceRange } from '../../../tasks/replay/sources/kinesisRanges';

const kinesisMock = mockClient(KinesisClient);
const streamArn = 'arn:aws:kinesis:us-east-2:123456789012:stream/flight-telemetry';
const range = { streamArn, shardId: 'shardId-000000000001', start: '100', end: '104' };

const record = (sequence: number) => ({
  SequenceNumber: String(sequence),
  PartitionKey: `N${sequence}`,
  Data: Buffer.from(`payload-${sequence}`),
  ApproximateArrivalTimestamp: new Date('2026-11-20T08:00:00Z'),
});

describe('readSequenceRange', () => {
  afterEach(() => {
    kinesisMock.reset();
  });

  it('reads from AT_SEQUENCE_NUMBER across pages and stops after the end sequence number', async () => {
    // Prepare
    kinesisMock.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    kinesisMock
      .on(GetRecordsCommand, { ShardIterator: 'it-1' })
      .resolves({
        Records: [record(100), record(101), record(102)],
        NextShardIterator: 'it-2',
        MillisBehindLatest: 5,
      })
      .on(GetRecordsCommand, { ShardIterator: 'it-2' })
      .resolves({ Records: [record(104), record(105)], NextShardIterator: 'it-3', MillisBehindLatest: 0 });

    // Act
    const read = await readSequenceRange(new KinesisClient({ region: 'us-east-2' }), range);

    // Assess
    expect(kinesisMock).toHaveReceivedCommandWith(GetShardIteratorCommand, {
      StreamARN: streamArn,
      ShardId: 'shardId-000000000001',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: '100',
    });
    expect(kinesisMock).toHaveReceivedCommandTimes(GetRecordsCommand, 2);
    expect(read.missing).toBeUndefined();
    expect(read.records.map((r) => [r.sequenceNumber, r.partitionKey, r.data.toString()])).toEqual([
      ['100', 'N100', 'payload-100'],
      ['101', 'N101', 'payload-101'],
      ['102', 'N102', 'payload-102'],
      ['104', 'N104', 'payload-104'],
    ]);
  });

  it('reports a range the stream no longer retains instead of failing the round', async () => {
    // Prepare
    const trimmed = Object.assign(
      new Error('StartingSequenceNumber 100 is not in the range of shardId-000000000001'),
      {
        name: 'InvalidArgumentException',
        $metadata: { httpStatusCode: 400 },
      },
    );
    kinesisMock.on(GetShardIteratorCommand).rejects(trimmed);

    // Act
    const read = await readSequenceRange(new KinesisClient({ region: 'us-east-2' }), range);

    // Assess
    expect(read.records).toEqual([]);
    expect(read.missing).toMatch(/^InvalidArgumentException: sequence 100 of shardId-000000000001/);
  });

  it('throws a retriable error when Kinesis throttles', async () => {
    // Prepare
    kinesisMock.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    kinesisMock.on(GetRecordsCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ProvisionedThroughputExceededException',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act / Assess
    await expect(readSequenceRange(new KinesisClient({ region: 'us-east-2' }), range)).rejects.toMatchObject({
      name: 'ReplayServiceUnavailableError',
      retriable: true,
    });
  });
});
