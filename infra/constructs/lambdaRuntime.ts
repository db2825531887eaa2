import { builtinModules } from 'node:module';

/**
 * What the Lambda Node.js runtime (`nodejs24.x`) lets a function import without carrying it: Node's own
 * modules, and the AWS SDK for JavaScript v3 *clients* (`@aws-sdk/client-*`, each with the dependencies it
 * was installed with). Nothing else is promised: helper packages that are not a client, such as
 * `@aws-sdk/util-utf8-browser` (loaded by aws-msk-iam-sasl-signer-js through @aws-crypto), `@aws-sdk/util-format-url`,
 * `@aws-sdk/credential-providers` or `@aws-sdk/rds-signer`, fail with "Cannot find module" unless bundled.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
 * https://github.com/aws/aws-sdk-js-v3/issues/4401 (a helper package missing from the runtime)
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/client-*'];

/**
 * Modules a dependency names but only loads when asked to (pg requires `pg-native` inside its `native`
 * getter, which our code never reads): left out of the bundle, never resolved at run time.
 */
export const NEVER_LOADED_MODULES = ['pg-native'];

const builtins = new Set(builtinModules);

/** The package a bare import specifier names: `@scope/name` or `name` (subpaths dropped). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** True when the runtime resolves `specifier` by itself: a Node built-in or an AWS SDK v3 client. */
export function isRuntimeProvided(specifier: string): boolean {
  if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(packageOf(specifier))) {
    return true;
  }
  return /^@aws-sdk\/client-[a-z0-9-]+$/.test(packageOf(specifier));
}
