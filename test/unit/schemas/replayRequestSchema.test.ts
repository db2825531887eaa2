import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  REPLAY_REQUEST_SCHEMA_FILE,
  replayRequestJsonSchema,
} from '../../../tasks/replay/request/jsonSchema';
import { parseReplayRequest } from '../../../tasks/replay/request/parse';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const examples = readdirSync(`${root}examples`).filter((f) => /^replay-.*\.json$/.test(f));

describe('replay request JSON Schema', () => {
  it('is committed exactly as generated from the zod schema (regenerate: npm run schemas)', () => {
    // Act / Assess
    expect(readJson(REPLAY_REQUEST_SCHEMA_FILE)).toEqual(replayRequestJsonSchema());
  });

  it('has the examples the README and the demo use', () => {
    // Assess
    expect(examples).toEqual(
      expect.arrayContaining([
        'replay-orders.msk.json',
        'replay-local.json',
        'replay-iot-to-source-queue.json',
      ]),
    );
  });

  it.each(examples)('accepts examples/%s', (file) => {
    // Prepare
    const raw = readJson(`examples/${file}`) as { replayId: string };

    // Act
    const request = parseReplayRequest(raw);

    // Assess
    expect(request.replayId).toBe(raw.replayId);
  });
});
