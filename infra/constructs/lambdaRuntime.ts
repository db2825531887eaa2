import { builtinModules } from 'node:module';

/**
 * What the Lambda Node.js runtime (`nodejs24.x`) lets a function import without carrying it: Node's own
 * modules, and the AWS SDK for JavaScript v3 *clients* (`@aws-sdk/client-*`, each with the dependencies it
 * was installed with). Nothing else is promised: helper packages that are not a client, such as
 * `@aws-sdk/util-utf8-browser` (loaded by aws-msk-iam-sasl-signer-js through @aws-crypto), `@aws-sdk/util-format-url`,
 * `@aws-sdk/credential-providers` or `@aws-sdk/rds-signer`, fail with "Cannot find module" unless bundled.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
 * https://github.com/aws/aws-sdk-js-v3/issues/4401 (a helper package missing from the runtime)
 *
 * Every client stays external, although bundling one is allowed: a tree-shaken copy from the package's ES
 * build (only the commands used) was measured against the runtime's package (2026-11-29, same run, fresh
 * Node 24 processes): DynamoDB with two commands bundled to 347 KiB and loaded no faster (216 vs 210 ms
 * median on a busy machine), EC2 with one command to 851 KiB (its schemas do not tree-shake) and 401 vs
 * 474 ms. Neither fits the 500 KB budget beside a task's own code; loading fewer clients is what helps
 * (infra/bundling/lazyAwsSdk: a client loads its package on its first call).
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
