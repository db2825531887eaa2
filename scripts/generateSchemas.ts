/**
 * Writes the public contracts' JSON Schemas from the zod schemas the code validates with.
 *   npx tsx scripts/generateSchemas.ts          write schemas/*.schema.json
 *   npx tsx scripts/generateSchemas.ts --check  exit 1 when a committed schema is stale
 * Output goes through Biome so the files are lint-clean as written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  PLATFORM_POLICY_SCHEMA_FILE,
  platformPolicyJsonSchema,
} from '../tasks/onboarding/guardRails/jsonSchema';
import {
  ONBOARDING_REQUEST_SCHEMA_FILE,
  onboardingRequestJsonSchema,
} from '../tasks/onboarding/request/jsonSchema';
import { REPLAY_REQUEST_SCHEMA_FILE, replayRequestJsonSchema } from '../tasks/replay/request/jsonSchema';
import { DLQ_ENVELOPE_SCHEMA_FILE, dlqEnvelopeJsonSchema } from '../tasks/shared/dlq/jsonSchema';

const root = resolve(import.meta.dirname, '..');

/** Every generated schema: repository-relative path → JSON Schema object. */
const schemas: Record<string, object> = {
  [ONBOARDING_REQUEST_SCHEMA_FILE]: onboardingRequestJsonSchema(),
  [DLQ_ENVELOPE_SCHEMA_FILE]: dlqEnvelopeJsonSchema(),
  [REPLAY_REQUEST_SCHEMA_FILE]: replayRequestJsonSchema(),
  [PLATFORM_POLICY_SCHEMA_FILE]: platformPolicyJsonSchema(),
};

/** The file content Biome would format `value` to, so `biome check` stays clean. */
function formatJson(path: string, value: object): string {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${path}`], {
    cwd: root,
    input: `${JSON.stringify(value, null, 2)}\n`,
    encoding: 'utf8',
  });
}

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [path, schema] of Object.entries(schemas)) {
  const file = join(root, path);
  const content = formatJson(path, schema);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(path);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote ${path}`);
}
if (stale.length > 0) {
  console.error(`stale: ${stale.join(', ')}; run: npx tsx scripts/generateSchemas.ts`);
  process.exit(1);
}
