import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { InvalidKinesisEventError } from '../../../../tasks/ingest/kinesisToKafka/errors';
import { readKinesisRecords } from '../../../../tasks/ingest/kinesisToKafka/readRecords';
import { BRIDGE_HEADERS } from '../../../../tasks/ingest/kinesisToKafka/records';
import { loadEvent } from '../../../helpers/loadEvent';
import { templateRecord } from './kinesisEvents';

const SEQ = '49590338271490256608559692538361571095921575989136588898';
const SHARD = 'shardId-000000000006';
/** What the template record's data decodes to; must never appear in an error. */
const SECRET_PAYLOAD = 'altitudeFt';

/** The recorded record with `change` applied to a deep copy (a field set to undefined is removed). */
function recordWith(change: (r: Record<string, unknown> & { kinesis: Record<string, unknown> }) => void) {
  const record = structuredClone(templateRecord()) as unknown as Record<string, unknown> & {
    kinesis: Record<string, unknown>;
  };
  change(record);
  return JSON.parse(JSON.stringify(record)) as unknown;
}

describe('readKinesisRecords', () => {
  it('keys each message by partition key and carries stream, shard, sequence number and arrival time in headers', () => {
    // Prepare
    const event = loadEvent<KinesisStreamEvent>('kinesis-flight-telemetry');

    // Act
    const { records, malformed } = readKinesisRecords(event);

    // Assess
    expect(malformed).toEqual([]);
    expect(records).toHaveLength(6);
    const [first] = records;
    expect(first?.message.key).toBe('N12345');
    expect(JSON.parse(first?.message.value.toString() ?? '')).toEqual({
      flight: 'N12345',
      seq: 0,
      altitudeFt: 30000,
    });
    expect(first?.message.headers).toEqual({
      [BRIDGE_HEADERS.streamArn]: 'arn:aws:kinesis:us-east-2:123456789012:stream/flight-telemetry',
      [BRIDGE_HEADERS.shardId]: 'shardId-000000000006',
      [BRIDGE_HEADERS.sequenceNumber]: '49590338271490256608559692538361571095922598849006820962',
      [BRIDGE_HEADERS.arrivalTimestamp]: '1545084650987',
    });
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(records.map((r) => r.message.partition)).toEqual(Array(6).fill(undefined));
  });

  it('returns nothing for an event without records', () => {
    // Act
    const read = readKinesisRecords({ Records: [] });

    // Assess
    expect(read).toEqual({ records: [], malformed: [] });
  });

  it.each([[{}], [null], [{ Records: {} }], [[]], ['Records']])(
    'throws InvalidKinesisEventError for %p, which is not a Kinesis trigger event',
    (event) => {
      // Act
      const read = () => readKinesisRecords(event);

      // Assess
      expect(read).toThrow(InvalidKinesisEventError);
      expect(read).toThrow('Not a Kinesis trigger event: Records is missing or not a list');
    },
  );

  it('produces a record without the arrival header when approximateArrivalTimestamp is missing', () => {
    // Prepare
    const record = recordWith((r) => {
      r.kinesis.approximateArrivalTimestamp = undefined;
    });

    // Act
    const { records, malformed } = readKinesisRecords({ Records: [record] });

    // Assess
    expect(malformed).toEqual([]);
    expect(Object.keys(records[0]?.message.headers ?? {})).toEqual([
      BRIDGE_HEADERS.streamArn,
      BRIDGE_HEADERS.shardId,
      BRIDGE_HEADERS.sequenceNumber,
    ]);
  });

  it.each<[string, (r: Record<string, unknown> & { kinesis: Record<string, unknown> }) => void, string[]]>([
    ['data missing', (r) => (r.kinesis.data = undefined), ['kinesis.data is missing']],
    ['data not a string', (r) => (r.kinesis.data = 12), ['kinesis.data is not a string']],
    [
      'data not base64',
      (r) => (r.kinesis.data = 'eyJmbGlnaHQiOi*iTjEyMzQ1In0='),
      ['kinesis.data is not valid base64 (RFC 4648, padded)'],
    ],
    [
      'data unpadded',
      (r) => (r.kinesis.data = 'eyJmbGlnaHQiOiJOMTIzNDUiLCJhbHRpdHVkZUZ0IjozNTAwMH0'),
      ['kinesis.data is not valid base64 (RFC 4648, padded)'],
    ],
    [
      'partitionKey missing',
      (r) => (r.kinesis.partitionKey = undefined),
      ['kinesis.partitionKey is missing'],
    ],
    ['partitionKey empty', (r) => (r.kinesis.partitionKey = ''), ['kinesis.partitionKey is empty']],
    ['partitionKey a number', (r) => (r.kinesis.partitionKey = 7), ['kinesis.partitionKey is not a string']],
    [
      'sequenceNumber missing',
      (r) => (r.kinesis.sequenceNumber = undefined),
      ['kinesis.sequenceNumber is missing'],
    ],
    [
      'sequenceNumber not decimal',
      (r) => (r.kinesis.sequenceNumber = 'abc'),
      ['kinesis.sequenceNumber is not a decimal string'],
    ],
    [
      'eventSourceARN missing',
      (r) => (r.eventSourceARN = undefined),
      ['eventSourceARN is missing or not a Kinesis stream ARN'],
    ],
    [
      'kinesis missing',
      (r) => (r.kinesis = undefined as unknown as Record<string, unknown>),
      ['kinesis is missing or not an object'],
    ],
    [
      'data and partitionKey both missing',
      (r) => {
        r.kinesis.data = undefined;
        r.kinesis.partitionKey = undefined;
      },
      ['kinesis.partitionKey is missing', 'kinesis.data is missing'],
    ],
  ])(
    'sets a record with %s aside for the DLQ, naming every problem and the record',
    (_what, change, problems) => {
      // Prepare
      const good = templateRecord();
      const bad = recordWith(change);

      // Act
      const { records, malformed } = readKinesisRecords({ Records: [good, bad, good] });

      // Assess
      expect(records.map((r) => r.index)).toEqual([0, 2]);
      expect(malformed).toHaveLength(1);
      const [m] = malformed;
      expect(m?.index).toBe(1);
      expect(m?.error.name).toBe('MalformedKinesisRecordError');
      expect(m?.error.problems).toEqual(problems);
      expect(m?.error.message).toBe(
        `Kinesis record Records[1] (${SHARD}:${SEQ}) is malformed: ${problems.join('; ')}`,
      );
      expect(m?.error.message).not.toContain(SECRET_PAYLOAD);
      expect(m?.dlq.received).toEqual(bad);
      expect(m?.dlq.source).toMatchObject({
        trigger: 'kinesis',
        path: 'Records[1]',
        shardId: SHARD,
        sequenceNumber: SEQ,
      });
    },
  );

  it("names the record by its own sequence number when it differs from the eventID's", () => {
    // Prepare
    const bad = recordWith((r) => {
      r.kinesis.sequenceNumber = '1';
    });

    // Act
    const [m] = readKinesisRecords({ Records: [bad] }).malformed;

    // Assess
    expect(m).toMatchObject({ index: 0, shardId: SHARD, sequenceNumber: '1' });
    expect(m?.error.problems).toEqual(["kinesis.sequenceNumber differs from eventID's"]);
  });

  it('takes the shard and sequence number from eventID when kinesis.sequenceNumber is missing', () => {
    // Prepare
    const bad = recordWith((r) => {
      r.kinesis.sequenceNumber = undefined;
    });

    // Act
    const [m] = readKinesisRecords({ Records: [bad] }).malformed;

    // Assess
    expect(m).toMatchObject({ index: 0, shardId: SHARD, sequenceNumber: SEQ });
  });

  it('keeps kinesis.sequenceNumber when the eventID is missing, with no shard', () => {
    // Prepare
    const bad = recordWith((r) => {
      r.eventID = undefined;
    });

    // Act
    const [m] = readKinesisRecords({ Records: [bad] }).malformed;

    // Assess
    expect(m).toMatchObject({ index: 0, sequenceNumber: SEQ });
    expect(m?.shardId).toBeUndefined();
    expect(m?.error.problems).toEqual(['eventID is missing or not <shardId>:<sequenceNumber>']);
    expect(m?.error.message).toContain(`(unknown shard:${SEQ})`);
  });

  it.each([[null], [42], ['Records'], [[templateRecord()]]])(
    'sets %p aside as a record without any identity',
    (bad) => {
      // Act
      const { records, malformed } = readKinesisRecords({
        Records: [bad] as unknown as KinesisStreamRecord[],
      });

      // Assess
      expect(records).toEqual([]);
      expect(malformed[0]?.sequenceNumber).toBeUndefined();
      expect(malformed[0]?.error.message).toMatch(
        /^Kinesis record Records\[0\] \(no sequence number\) is malformed: the record is not an object; eventID is missing/,
      );
      expect(malformed[0]?.dlq).toEqual({
        source: { trigger: 'kinesis', path: 'Records[0]' },
        received: bad,
      });
    },
  );
});
