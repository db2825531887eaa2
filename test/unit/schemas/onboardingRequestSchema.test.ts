import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RequestValidationError } from '../../../tasks/onboarding/errors';
import {
  ONBOARDING_REQUEST_SCHEMA_FILE,
  onboardingRequestJsonSchema,
} from '../../../tasks/onboarding/request/jsonSchema';
import { parseOnboardingRequest } from '../../../tasks/onboarding/request/parse';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

const INVALID_EXAMPLE = 'invalid-request.json';
// Onboarding and offboarding requests; other contracts' examples (dlq-envelope*) have their own tests.
const validExamples = readdirSync(`${root}examples`).filter(
  (f) => f.endsWith('.json') && f !== INVALID_EXAMPLE && /^(on|off)board/.test(f),
);

/** The error parsing `raw` throws; fails the test when it throws nothing. */
function rejectionOf(raw: unknown): RequestValidationError {
  try {
    parseOnboardingRequest(raw);
  } catch (error) {
    return error as RequestValidationError;
  }
  throw new Error('expected the request to be rejected');
}

describe('onboarding request JSON Schema', () => {
  it('is committed exactly as generated from the zod schema (regenerate: npx tsx scripts/generateSchemas.ts)', () => {
    // Prepare
    const committed = readJson(ONBOARDING_REQUEST_SCHEMA_FILE);

    // Act
    const generated = onboardingRequestJsonSchema();

    // Assess
    expect(committed).toEqual(generated);
  });

  it('also renders as draft 4 for API Gateway models', () => {
    // Prepare: the zod schema

    // Act
    const schema = onboardingRequestJsonSchema('draft-04');

    // Assess
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(JSON.stringify(schema)).not.toContain('"const"');
  });
});

describe('examples', () => {
  it('has the examples the README and the demo use', () => {
    // Prepare: the examples folder

    // Act
    const names = validExamples;

    // Assess
    expect(names).toEqual(
      expect.arrayContaining([
        'onboard-orders-analytics.msk.json',
        'onboard-local.json',
        'onboard-local-dry-run.json',
      ]),
    );
  });

  it.each(validExamples)('accepts examples/%s', (file) => {
    // Prepare
    const raw = readJson(`examples/${file}`);

    // Act
    const request = parseOnboardingRequest(raw);

    // Assess
    expect(request.requestId).toBe((raw as { requestId: string }).requestId);
  });

  it('rejects examples/invalid-request.json naming every bad field, without echoing its password', () => {
    // Prepare
    const raw = readJson(`examples/${INVALID_EXAMPLE}`);

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error).toBeInstanceOf(RequestValidationError);
    const { issues, message } = error;
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        'requestId',
        'cluster.arn',
        'principal',
        'password',
        'topics[0].name',
        'topics[0].partitions',
        'topics[1].config["Retention MS"]',
        'topics[2].name',
        'grants[0].group',
        'grants[1].group',
        'grants[2].role',
        'grants[3].direction',
        'grants[4].topic',
      ].sort(),
    );
    expect(message).not.toContain('hunter2');
  });
});
