import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'lazy-aws-sdk';
const CLIENT_PACKAGE = /^@aws-sdk\/client-[a-z0-9-]+$/;
const RUNTIME = join(import.meta.dirname, 'runtime.ts');

interface Export {
  name: string;
  kind: 'client' | 'command' | 'exception';
}

const isClass = (value: unknown): value is new (...args: never[]) => unknown =>
  typeof value === 'function' && typeof value.prototype === 'object';

/**
 * What of an SDK client package the stand-in module exports: its client class (`KafkaClient`, with `send`), its
 * commands (`…Command`) and its service exceptions (Error subclasses). Anything else (the aggregated `Kafka`
 * class, paginators, waiters, enum objects, schemas) is left out, so importing it from our code fails the build
 * with esbuild's "No matching export" instead of misbehaving in Lambda; `import type` of anything is fine.
 */
export function standInExports(pkg: Record<string, unknown>): Export[] {
  return Object.entries(pkg).flatMap(([name, value]): Export[] => {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name) || !isClass(value)) return [];
    if (name.endsWith('Client') && typeof value.prototype.send === 'function')
      return [{ name, kind: 'client' }];
    if (name.endsWith('Command') && name !== 'Command') return [{ name, kind: 'command' }];
    if (value.prototype instanceof Error) return [{ name, kind: 'exception' }];
    return [];
  });
}

/** The stand-in module's source for `specifier` (every export pure, so esbuild drops those no task uses). */
export function standInModule(specifier: string, exports: Export[], runtime: string = RUNTIME): string {
  const pure = '/* @__PURE__ */';
  const lines = exports.map((e) => {
    if (e.kind === 'client')
      return `export const ${e.name} = ${pure} lazyClientClass(load, ${JSON.stringify(e.name)});`;
    const factory = e.kind === 'command' ? 'commandStandIn' : 'exceptionStandIn';
    return `export const ${e.name} = ${pure} ${factory}(${JSON.stringify(e.name)});`;
  });
  return [
    `import { commandStandIn, exceptionStandIn, lazyClientClass } from ${JSON.stringify(runtime)};`,
    `const load = () => import(${JSON.stringify(specifier)});`,
    ...lines,
    '',
  ].join('\n');
}

/**
 * esbuild plugin: our code's imports of `@aws-sdk/client-*` (static or `import()`) get a stand-in module
 * (./runtime.ts) that loads the real package, external as before, when a client first sends. Imports from
 * dependencies (node_modules) are left alone. The export list is read from the installed package at build time.
 */
export function lazyAwsSdkPlugin(root: string): Plugin {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  const runtime = `./${relative(root, RUNTIME).split('\\').join('/')}`;
  return {
    name: NAMESPACE,
    setup(build) {
      build.onResolve({ filter: CLIENT_PACKAGE }, (args) => {
        if (args.namespace === NAMESPACE) return { path: args.path, external: true };
        if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        return { path: args.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ path }) => ({
        // Relative to resolveDir, so no machine path reaches the bundle or its metafile.
        contents: standInModule(
          path,
          standInExports(requireFromRoot(path) as Record<string, unknown>),
          runtime,
        ),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}
