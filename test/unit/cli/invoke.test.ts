import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';
import { repoRoot } from '../../../scripts/local/paths';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const event = (name: string) => join(repoRoot(), 'test', 'events', `${name}.json`);

describe('msk-flows invoke', () => {
  it('prints the handler result as JSON and exits 0 for a user error the handler answers with a 400', async () => {
    // Prepare
    const { out, err, output } = recorder();

    // Act
    const code = await main(
      ['invoke', 'flight-data-api', '--local', '--event', event('apigw-flight-data-injection')],
      output,
    );

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const result = JSON.parse(out.join('\n')) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({ parameter: 'flight' });
  });

  it('runs the Kafka → S3 consumer on a recorded MSK event and reports no failed partition', async () => {
    // Prepare
    const { out, output } = recorder();

    // Act
    const code = await main(['invoke', 'kafka-to-s3', '--local', '--event', event('msk-orders')], output);

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({ batchItemFailures: [] });
  });

  it('exits 1 with the handler error as JSON when the handler rejects the event', async () => {
    // Prepare
    const { out, err, output } = recorder();

    // Act
    const code = await main(
      ['invoke', 'kafka-to-s3', '--local', '--event', event('sqs-iot-telemetry')],
      output,
    );

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(JSON.parse(err.join('\n'))).toMatchObject({
      errorType: 'InvalidKafkaEventError',
      errorMessage: expect.stringContaining('eventSource'),
    });
  });

  it('exits 2 for an event file that is not JSON, without echoing its content', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'msk-flows-invoke-')), 'event.json');
    writeFileSync(file, 'password=hunter2-not-json');
    const { err, output } = recorder();

    // Act
    const code = await main(['invoke', 'kafka-to-s3', '--local', '--event', file], output);

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`--event ${file}: not valid JSON`);
    expect(err.join('\n')).not.toContain('hunter2');
  });

  it('exits 2 naming the flag for an event file that does not exist', async () => {
    // Prepare
    const { err, output } = recorder();

    // Act
    const code = await main(
      ['invoke', 'kafka-to-s3', '--local', '--event', '/nonexistent/event.json'],
      output,
    );

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('--event /nonexistent/event.json: cannot read the file (ENOENT)');
  });

  it('exits 2 naming the known functions for an unknown one', async () => {
    // Prepare
    const { err, output } = recorder();

    // Act
    const code = await main(['invoke', 'no-such-fn', '--local', '--event', event('msk-orders')], output);

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('known: kinesis-to-kafka, kafka-to-s3, iot-to-s3, flight-data-api');
  });
});
