import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { emptyAdminOptionSchemas } from '../../../infra/bundling/platformaticOptionSchemas';

const adminOptions = join(
  dirname(createRequire(import.meta.url).resolve('@platformatic/kafka')),
  'clients',
  'admin',
  'options.js',
);
const exportsOf = (source: string) =>
  [...source.matchAll(/^export const (\w+)\s*=/gm)].map((m) => m[1]).sort();

describe('emptyAdminOptionSchemas', () => {
  it('keeps every export name of the installed module, each schema empty and each validator compiled from {}', () => {
    const source = readFileSync(adminOptions, 'utf8');

    const rewritten = emptyAdminOptionSchemas(source) as string;

    expect(exportsOf(rewritten)).toEqual(exportsOf(source));
    expect(rewritten).toContain('export const createAclsOptionsValidator = ajv.compile({});');
    expect(rewritten).toContain('export const createAclsOptionsSchema = {};');
    expect(rewritten.length).toBeLessThan(source.length / 4);
  });

  it('leaves a module alone when it exports anything but schemas and validators (a default, a function)', () => {
    expect(
      emptyAdminOptionSchemas('export const fooSchema = {};\nexport const defaultRetries = 3;\n'),
    ).toBeUndefined();
    expect(emptyAdminOptionSchemas('export const fooSchema = {};\nexport function f() {}\n')).toBeUndefined();
    expect(emptyAdminOptionSchemas('const x = 1;\n')).toBeUndefined();
  });
});
