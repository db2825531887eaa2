import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/** The module this rewrites: the Admin client's option schemas and their validators (~9 KB minified). */
const ADMIN_OPTIONS = /@platformatic[\\/]kafka[\\/]dist[\\/]clients[\\/]admin[\\/]options\.js$/;

/** Export names that only feed Ajv: schemas, schema fragments (`…Properties`) and compiled validators. */
const AJV_ONLY = /(Schema|Properties|Validator)$/;

/**
 * The Admin options module as bundles get it, or undefined to leave it as it is: the same export names, each
 * schema an empty object and each validator `ajv.compile({})`. In a bundle Ajv is a stub whose validators accept
 * anything (infra/bundling/stubs/ajv), so the schemas were dead weight; the tests run the real module and Ajv.
 * A module that exports anything else (a default value, say, after an upgrade) is left untouched.
 */
export function emptyAdminOptionSchemas(source: string): string | undefined {
  const names = [...source.matchAll(/^export const (\w+)\s*=/gm)].map((m) => m[1] as string);
  const otherExports = /^export (?!const )/m.test(source);
  if (names.length === 0 || otherExports || !names.every((name) => AJV_ONLY.test(name))) return undefined;
  const lines = names.map((name) =>
    name.endsWith('Validator') ? `export const ${name} = ajv.compile({});` : `export const ${name} = {};`,
  );
  return ['import { ajv } from "../../utils.js";', ...lines, ''].join('\n');
}

/** esbuild plugin: the Admin client's option schemas emptied in bundles (see emptyAdminOptionSchemas). */
export function platformaticOptionSchemasPlugin(): Plugin {
  return {
    name: 'platformatic-option-schemas',
    setup(build) {
      build.onLoad({ filter: ADMIN_OPTIONS }, ({ path }) => {
        const contents = emptyAdminOptionSchemas(readFileSync(path, 'utf8'));
        return contents ? { contents, loader: 'js', resolveDir: dirname(path) } : undefined;
      });
    },
  };
}
