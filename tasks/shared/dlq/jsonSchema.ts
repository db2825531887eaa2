import * as z from 'zod/mini';
import { dlqEnvelopeSchema } from './schema';

/**
 * Where the committed JSON Schema of the DLQ envelope lives, relative to the repository root; generated from
 * the zod schema (`scripts/generateSchemas.ts`), and a unit test fails when it is stale.
 */
export const DLQ_ENVELOPE_SCHEMA_FILE = 'schemas/dlq-envelope.schema.json';

/**
 * The envelope's JSON Schema. Rendered in `input` mode so unknown properties stay allowed: readers of
 * version 1 must tolerate fields added later. Cross-field rules (value null when valueRef is set) live in
 * the zod schema only.
 */
export function dlqEnvelopeJsonSchema() {
  return z.toJSONSchema(dlqEnvelopeSchema, { io: 'input', target: 'draft-2020-12' });
}
