import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BUNDLE_WORKING_DIR } from '../../../infra/constructs/bundling';

const STUB = join(BUNDLE_WORKING_DIR, 'infra', 'bundling', 'stubs', 'debug', 'index.js');

/** What platformatic's loggers write to stderr under `debug` (a fresh process: DEBUG is read at load). */
function stderrUnder(debug: string | undefined): string {
  const script = `
    const { default: debug } = await import(${JSON.stringify(STUB)});
    const loggers = ['plt:kafka:protocol', 'plt:kafka:client', 'plt:kafka:consumer:heartbeat', 'other'].map((n) => debug(n));
    for (const log of loggers) log('Sending request.', { apiKey: 'Metadata', correlationId: 7 });
    debug('plt:kafka').extend('admin')('%s done', 'CreateAcls');
    process.stderr.write(JSON.stringify(loggers.map((l) => l.enabled)) + '\\n');`;
  const env = { PATH: process.env.PATH, ...(debug === undefined ? {} : { DEBUG: debug }) };
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stderr;
}

describe('the debug bundle stand-in', () => {
  it('is silent without DEBUG', () => {
    expect(stderrUnder(undefined)).toBe('[false,false,false,false]\n');
  });

  it('writes the namespaces DEBUG names, with wildcards and exclusions, formatted like console.log', () => {
    const lines = stderrUnder('plt:kafka:*,-plt:kafka:client').trim().split('\n');

    expect(lines.at(-1)).toBe('[true,false,true,false]');
    const logged = lines.slice(0, -1).map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, ''));
    expect(logged).toEqual([
      "plt:kafka:protocol Sending request. { apiKey: 'Metadata', correlationId: 7 }",
      "plt:kafka:consumer:heartbeat Sending request. { apiKey: 'Metadata', correlationId: 7 }",
      'plt:kafka:admin CreateAcls done',
    ]);
  });

  it('takes a space-separated list and an exact name', () => {
    expect(stderrUnder('other plt:kafka:client').trim().split('\n').at(-1)).toBe('[false,true,false,true]');
  });
});
