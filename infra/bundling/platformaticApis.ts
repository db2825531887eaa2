import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Low-level protocol APIs our own code calls directly (not through a client's method): they must stay exported.
 * A name missing here fails the bundle at build time (esbuild: "No matching export"), never at run time.
 */
export const DIRECT_APIS = [
  'alterUserScramCredentialsV0',
  'describeUserScramCredentialsV0',
  'createTopicsV5',
];

/** APIs the connection itself negotiates with (version discovery, SASL) and every client asks for (Metadata). */
const CONNECTION_APIS = ['ApiVersions', 'SaslHandshake', 'SaslAuthenticate', 'Metadata'];

/** The installed package's `dist` folder (its one export is `dist/index.js`). */
const distOf = (): string => dirname(createRequire(import.meta.url).resolve('@platformatic/kafka'));

const jsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );

/** The client classes of @platformatic/kafka, each in its folder `dist/clients/<kind>/`. */
export const KAFKA_CLIENT_KINDS = ['admin', 'consumer', 'producer'] as const;
export type KafkaClientKind = (typeof KAFKA_CLIENT_KINDS)[number];

/** Whether a file of `dist/clients` belongs to the base client or one of `clients` (shared files always do). */
const servesClients = (clientsDir: string, file: string, clients: readonly KafkaClientKind[]): boolean => {
  const folder = file.slice(clientsDir.length + 1).split(/[\\/]/);
  return folder.length === 1 || folder[0] === 'base' || clients.includes(folder[0] as KafkaClientKind);
};

/**
 * The protocol APIs @platformatic/kafka's clients can ask for: each client method names its API
 * (`this[kGetApi]('CreateAcls', …)`) and the base client picks the highest version both sides support from
 * its namespace of every API (`apis[name + 'V' + n]`). Read from the installed clients (all of them, or only
 * `clients` and the base client), so an upgrade that calls a new API keeps it.
 */
export function apisTheClientsCall(
  dist: string = distOf(),
  clients: readonly KafkaClientKind[] = KAFKA_CLIENT_KINDS,
): Set<string> {
  const names = new Set(CONNECTION_APIS);
  const clientsDir = join(dist, 'clients');
  for (const file of jsFiles(clientsDir).filter((f) => servesClients(clientsDir, f, clients)))
    for (const match of readFileSync(file, 'utf8').matchAll(/kGetApi\]\('(\w+)'/g))
      names.add(match[1] as string);
  return names;
}

/** `alterConfigsV2` → `AlterConfigs`. */
const apiName = (exported: string): string =>
  exported[0]?.toUpperCase() + exported.slice(1).replace(/V\d+$/, '');

/**
 * esbuild plugin: the per-area API indexes of @platformatic/kafka (`dist/apis/<area>/index.js`, one
 * `export * as <name>V<n>` line per version) keep only the APIs a client can ask for (every version of each)
 * and DIRECT_APIS. The base client imports all ~250 API versions as one namespace and looks them up by name,
 * so esbuild cannot drop any by itself; delegation tokens, partition reassignment, broker-internal and share-group
 * APIs are never asked for by our clients (about 38 KB per Kafka bundle). Behaviour is unchanged: an API a
 * client asks for resolves exactly as before, at the same versions.
 */
export function platformaticApisPlugin(clients: readonly KafkaClientKind[] = KAFKA_CLIENT_KINDS): Plugin {
  return {
    name: 'platformatic-apis',
    setup(build) {
      const kept = apisTheClientsCall(distOf(), clients);
      const direct = new Set(DIRECT_APIS);
      build.onLoad(
        { filter: /@platformatic[\\/]kafka[\\/]dist[\\/]apis[\\/][a-z]+[\\/]index\.js$/ },
        ({ path }) => {
          const lines = readFileSync(path, 'utf8')
            .split('\n')
            .filter((line) => {
              const exported = /^export \* as (\w+) from /.exec(line)?.[1];
              return !exported || direct.has(exported) || kept.has(apiName(exported));
            });
          return { contents: lines.join('\n'), loader: 'js', resolveDir: dirname(path) };
        },
      );
    },
  };
}

/** Inside the installed @platformatic/kafka's `dist`. */
const IN_PLATFORMATIC_DIST = /@platformatic[\\/]kafka[\\/]dist[\\/]/;

/**
 * esbuild plugin: @platformatic/kafka's modules declared free of side effects (its package.json does not say
 * so, and none of its modules is imported for its side effects alone), so a client class nothing in the bundle
 * uses is left out with its code, instead of being kept because `dist/index.js` re-exports every client.
 * The filter only lets through the package's name and relative `.js` paths (platformatic's own imports are
 * all of that form; our TypeScript imports carry no extension): a callback for every import of a bundle made
 * bundling several times slower.
 */
export function platformaticSideEffectsPlugin(): Plugin {
  return {
    name: 'platformatic-side-effects',
    setup(build) {
      build.onResolve({ filter: /^(\.\.?\/.*\.js|@platformatic\/kafka)$/ }, async (args) => {
        if (args.pluginData?.resolving) return undefined;
        if (args.path !== '@platformatic/kafka') {
          // A relative import between the package's own files: the file itself, no lookup needed.
          return IN_PLATFORMATIC_DIST.test(args.importer)
            ? { path: join(args.resolveDir, args.path), sideEffects: false }
            : undefined;
        }
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length > 0 || !IN_PLATFORMATIC_DIST.test(resolved.path)) return undefined;
        return { path: resolved.path, sideEffects: false };
      });
    },
  };
}
