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
