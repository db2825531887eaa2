import { InvalidIotMessageError } from '../../../../tasks/ingest/iotToS3/errors';
import { IOT_RULE_TOPIC_FILTER, parseIotRecord } from '../../../../tasks/ingest/iotToS3/parse';
import { sqsRecord } from './testDeps';

describe('parseIotRecord', () => {
  it('turns the rule output into one re-serialised NDJSON line', () => {
    // Prepare
    const record = sqsRecord(
      'm-1',
      '{\n  "t": 21.5,\n  "clientId": "sensor-1",\n  "receivedAt": 1716540001234\n}',
    );

    // Act
    const parsed = parseIotRecord(record);

    // Assess
    expect(parsed).toEqual({
      ok: true,
      line: {
        messageId: 'm-1',
        line: '{"t":21.5,"clientId":"sensor-1","receivedAt":1716540001234}\n',
        bytes: 60,
        receivedAt: 1716540001234,
      },
    });
  });

  it.each([
    '{"clientId":"sensor-1"}',
    '{"clientId":"sensor-1","receivedAt":9e18}',
    '{"clientId":"s","receivedAt":"x"}',
  ])('falls back to the SQS SentTimestamp when receivedAt is missing or not a time: %s', (body) => {
    // Prepare
    const record = sqsRecord('m-1', body, 1716540009999);

    // Act
    const parsed = parseIotRecord(record);

    // Assess
    expect(parsed.ok && parsed.line.receivedAt).toBe(1716540009999);
  });

  it.each([
    ['body is not valid JSON', 'temperature=21.4'],
    ['body is not a JSON object', '[1,2,3]'],
    ['body is not a JSON object', 'null'],
    ['clientId is missing', '{"t":1,"receivedAt":5}'],
    ['clientId is missing', '{"t":1,"clientId":""}'],
  ])('marks the message unusable (%s) for %s', (reason, body) => {
    // Prepare
    const record = sqsRecord('m-9', body);
    record.attributes.ApproximateReceiveCount = '3';

    // Act
    const parsed = parseIotRecord(record);

    // Assess
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.unusable).toMatchObject({
      messageId: 'm-9',
      topic: IOT_RULE_TOPIC_FILTER,
      clientId: '',
      attempts: 3,
      payload: Buffer.from(body),
    });
    expect(parsed.unusable.error).toBeInstanceOf(InvalidIotMessageError);
    expect(parsed.unusable.error.reason).toBe(reason);
    expect(parsed.unusable.error.message).not.toContain(body);
  });
});

describe('parseIotRecord on records that are not SQS records', () => {
  it.each<[string, unknown, string]>([
    ['body is missing', { messageId: 'm-7', attributes: {} }, 'm-7'],
    ['body is missing', { messageId: 'm-7', body: null }, 'm-7'],
    ['body is not a string', { messageId: 'm-7', body: { clientId: 'sensor-1' } }, 'm-7'],
    ['messageId is missing', { body: '{"clientId":"sensor-1"}' }, 'Records[4]'],
    ['the record is not an object', null, 'Records[4]'],
    ['the record is not an object', 'body', 'Records[4]'],
  ])('parks it as received (%s) instead of throwing', (reason, record, id) => {
    // Act
    const parsed = parseIotRecord(record, 4);

    // Assess
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.unusable.error).toBeInstanceOf(InvalidIotMessageError);
    expect(parsed.unusable.error.message).toBe(`SQS message ${id}: ${reason}`);
    expect(parsed.unusable.path).toBe('Records[4]');
    expect(parsed.unusable.malformed).toEqual({
      source: { trigger: 'sqs', path: 'Records[4]', ...(id === 'm-7' ? { messageId: 'm-7' } : {}) },
      received: record,
    });
  });
});
