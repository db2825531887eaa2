import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { dlqEnvelopeSchema } from '../../../../tasks/shared/dlq';
import { DLQ_ENVELOPE_SCHEMA_FILE, dlqEnvelopeJsonSchema } from '../../../../tasks/shared/dlq/jsonSchema';
import { loadEvent } from '../../../helpers/loadEvent';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const examples = readdirSync(`${root}examples`).filter(
  (f) => f.startsWith('dlq-envelope') && f.endsWith('.json'),
);

describe('DLQ envelope JSON Schema', () => {
  it('is committed exactly as generated from the zod schema', () => {
    // Prepare
    const committed = readJson(DLQ_ENVELOPE_SCHEMA_FILE);

    // Act
    const generated = dlqEnvelopeJsonSchema();

    // Assess
    expect(committed).toEqual(generated);
  });

  it('requires the contract fields and describes the four source kinds', () => {
    // Act
    const schema = dlqEnvelopeJsonSchema() as unknown as {
      required: string[];
      properties: { source: { oneOf: unknown[] } };
    };

    // Assess
    expect(schema.required.sort()).toEqual(
      [
        'attempts',
        'error',
        'firstFailedAt',
        'headers',
        'key',
        'lastFailedAt',
        'source',
        'value',
        'version',
      ].sort(),
    );
    expect(schema.properties.source.oneOf).toHaveLength(4);
  });
});

describe('DLQ envelope examples', () => {
  it('has one example per source kind, one of them a claim check', () => {
    // Act
    const kinds = examples.map(
      (f) => (readJson(`examples/${f}`) as { source: { kind: string } }).source.kind,
    );

    // Assess
    expect(kinds.sort()).toEqual(['kafka', 'kinesis', 'malformed', 'mqtt']);
    expect(examples).toContain('dlq-envelope.mqtt-claim-check.json');
  });

  it.each(examples)('accepts examples/%s', (file) => {
    // Prepare
    const raw = readJson(`examples/${file}`);

    // Act
    const result = dlqEnvelopeSchema.safeParse(raw);

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });

  it('accepts every body of the recorded SQS event a DLQ consumer receives', () => {
    // Prepare
    const event = loadEvent<SQSEvent>('sqs-dlq-envelopes');

    // Act
    const results = event.Records.map((r) => dlqEnvelopeSchema.safeParse(JSON.parse(r.body)).success);

    // Assess
    expect(results).toEqual([true, true, true]);
  });

  it.each([
    ['a value beside a valueRef', { value: 'aGk=', valueRef: { bucket: 'bkt', key: 'k' } }, 'value'],
    ['a header object with two names', { headers: [{ a: 'aGk=', b: 'aGk=' }] }, 'headers.0'],
    ['an unknown source kind', { source: { kind: 'sqs' } }, 'source.kind'],
    ['lastFailedAt before firstFailedAt', { lastFailedAt: '2000-01-01T00:00:00.000Z' }, 'lastFailedAt'],
    ['a value that is not base64', { value: 'not base64!' }, 'value'],
  ])('rejects %s', (_label, change, path) => {
    // Prepare
    const envelope = { ...(readJson('examples/dlq-envelope.kafka.json') as object), ...change };

    // Act
    const result = dlqEnvelopeSchema.safeParse(envelope);

    // Assess
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
