import * as z from 'zod/mini';
import { onboardingRequestSchema } from './schema';

/**
 * Where the committed JSON Schema lives, relative to the repository root. It is generated from the
 * zod schema by `scripts/generateSchemas.ts`; a unit test fails when it is stale.
 */
export const ONBOARDING_REQUEST_SCHEMA_FILE = 'schemas/onboarding-request.schema.json';

/**
 * The request's JSON Schema, describing what a person writes (`io: 'input'`: defaulted fields are
 * optional). Cross-field rules (duplicate topics …) cannot be expressed there: the zod schema stays the
 * authority. Use `target: 'draft-04'` for API Gateway models, which only understand draft 4.
 */
export function onboardingRequestJsonSchema(target: 'draft-2020-12' | 'draft-04' = 'draft-2020-12') {
  return z.toJSONSchema(onboardingRequestSchema, { io: 'input', target });
}
