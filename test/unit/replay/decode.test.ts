import { describe, expect, it } from '@jest/globals';
import { decodeMessage } from '../../../tasks/replay/messages/decode';
import { describeMessage, passesFilter } from '../../../tasks/replay/messages/describe';
import { offsetRanges, splitTopicPartition } from '../../../tasks/replay/messages/onFailureRecords';
import type { QueueMessage } from '../../../tasks/replay/messages/types';
import { loadEvent } from '../../helpers/loadEvent';

const message = (body: string): QueueMessage => ({
  messageId: 'm-1',
  receiptHandle: 'r-1',
  body,
  attributes: { SentTimestamp: String(Date.parse('2026-11-28T10:00:00Z')) },
  messageAttributes: {},
});

const kinesisOnFailure = {
  requestContext: {
    requestId: 'c9b8',
    functionArn: 'arn:aws:lambda:us-east-2:123456789012:function:bridge',
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 1,
  },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2019-11-14T00:38:06.021Z',
  KinesisBatchInfo: {
    shardId: 'shardId-000000000001',
    startSequenceNumber: '49601189658422359378836298521827638475320189012309704722',
    endSequenceNumber: '49601189658422359378836298522902373528957594348623495186',
    approximateArrivalOfFirstRecord: '2019-11-14T00:38:04.835Z',
    approximateArrivalOfLastRecord: '2019-11-14T00:38:05.580Z',
    batchSize: 500,
    streamArn: 'arn:aws:kinesis:us-east-2:123456789012:stream/mystream',
  },
};

describe('decodeMessage', () => {
  it('detects each kind of dead letter per message', () => {
    // Prepare
    const envelopes = loadEvent<{ Records: { body: string }[] }>('sqs-dlq-envelopes').Records;
    const kafka = JSON.stringify({
      timestamp: '2026-11-20T08:00:00.000Z',
      KafkaBatchInfo: {
        batchSize: 3,
        recordsInfo: { 'orders.events-v2-3': { firstRecordOffset: '10', lastRecordOffset: '12' } },
      },
    });

    // Act
    const kinds = [
      ...envelopes.map((r) => r.body),
      kafka,
      JSON.stringify(kinesisOnFailure),
      '{"clientId":"dev-1"}',
      'plain text',
    ].map((body) => decodeMessage(body).kind);

    // Assess
    expect(kinds).toEqual([
      ...envelopes.map(() => 'envelope'),
      'kafka-on-failure',
      'kinesis-on-failure',
      'plain',
      'plain',
    ]);
  });

  it('calls a body that claims to be an envelope but breaks the contract undecodable, naming the field', () => {
    // Act
    const decoded = decodeMessage(
      JSON.stringify({ version: 1, source: { kind: 'kafka', topic: 'a' }, key: null }),
    );

    // Assess
    expect(decoded).toMatchObject({
      kind: 'undecodable',
      reason: expect.stringContaining('source.partition'),
    });
  });

  it('splits topic-partition keys at the last dash and reads offsets as bigints', () => {
    // Act / Assess
    expect(splitTopicPartition('orders.events-v2-13')).toEqual({ topic: 'orders.events-v2', partition: 13 });
    const decoded = decodeMessage(
      JSON.stringify({
        KafkaBatchInfo: {
          recordsInfo: {
            't-0': { firstRecordOffset: '9007199254740993', lastRecordOffset: '9007199254740995' },
          },
        },
      }),
    );
    expect(decoded.kind === 'kafka-on-failure' && offsetRanges(decoded.record)).toEqual([
      { topic: 't', partition: 0, first: 9_007_199_254_740_993n, last: 9_007_199_254_740_995n },
    ]);
  });
});

describe('passesFilter', () => {
  const facts = describeMessage(
    message(JSON.stringify(kinesisOnFailure)),
    decodeMessage(JSON.stringify(kinesisOnFailure)),
  );

  it('matches on topic (stream name), error name, source kind and failure time', () => {
    // Assess
    expect(facts).toMatchObject({
      sourceKind: 'kinesis',
      topics: ['mystream'],
      errorName: 'Unhandled',
      failedAt: '2019-11-14T00:38:06.021Z',
    });
    expect(passesFilter(facts, undefined)).toBe(true);
    expect(
      passesFilter(facts, { topics: ['mystream'], errorNames: ['Unhandled'], sourceKinds: ['kinesis'] }),
    ).toBe(true);
    expect(passesFilter(facts, { topics: ['other'] })).toBe(false);
    expect(passesFilter(facts, { errorNames: ['DownstreamTimeout'] })).toBe(false);
    expect(passesFilter(facts, { sourceKinds: ['kafka'] })).toBe(false);
    expect(passesFilter(facts, { failedAfter: '2019-11-14T00:38:06.021Z' })).toBe(true);
    expect(passesFilter(facts, { failedBefore: '2019-11-14T00:38:06.021Z' })).toBe(false);
  });
});
