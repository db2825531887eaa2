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

/**
 * The protocol APIs @platformatic/kafka's clients can ask for: each client method names its API
 * (`this[kGetApi]('CreateAcls', …)`) and the base client picks the highest version both sides support from
 * its namespace of every API (`apis[name + 'V' + n]`). Read from the installed clients, so an upgrade that
 * calls a new API keeps it.
 */
export function apisTheClientsCall(dist: string = distOf()): Set<string> {
  const names = new Set(CONNECTION_APIS);
  for (const file of jsFiles(join(dist, 'clients')))
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
export function platformaticApisPlugin(): Plugin {
  return {
    name: 'platformatic-apis',
    setup(build) {
      const kept = apisTheClientsCall();
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
