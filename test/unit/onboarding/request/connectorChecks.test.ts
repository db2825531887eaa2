import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RequestValidationError } from '../../../../tasks/onboarding/errors';
import { parseOnboardingRequest } from '../../../../tasks/onboarding/request/parse';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/onboard-msk-connect.json', import.meta.url));
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { connectors: Record<string, unknown>[] };

/** The example with the first connector's worker configuration extended by `worker`. */
function withWorker(worker: Record<string, string>): unknown {
  const request = example();
  const first = request.connectors[0] as { workerConfiguration: Record<string, string> };
  first.workerConfiguration = { ...first.workerConfiguration, ...worker };
  return request;
}

/** The issue paths parsing `raw` reports (empty when it parses). */
function issuePaths(raw: unknown): string[] {
  try {
    parseOnboardingRequest(raw);
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return error.message.split('; ').map((m) => m.replace(/^request invalid: /, '').split(': ')[0] ?? '');
  }
}

describe('connector secret checks', () => {
  it('accepts a worker that declares the secretsmanager config provider (its name is no secret)', () => {
    // Act
    const paths = issuePaths(example());

    // Assess
    expect(paths).toEqual([]);
  });

  it('still refuses a secret inline, in a connector config or in a provider parameter, naming the key', () => {
    // Prepare
    const request = withWorker({ 'config.providers.secretsmanager.param.aws.secret.key': 'AKIA-not-a-ref' });
    (request as ReturnType<typeof example>).connectors[1] = {
      ...(request as ReturnType<typeof example>).connectors[1],
      config: {
        'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
        topics: 'payments.ledger.entries',
        'connection.password': 'hunter2',
      },
    };

    // Act
    const paths = issuePaths(request);

    // Assess
    expect(paths).toEqual([
      'connectors[0].workerConfiguration["config.providers.secretsmanager.param.aws.secret.key"]',
      'connectors[1].config["connection.password"]',
    ]);
  });
});
