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
 * The highest version of each API a Kafka 2.8 broker serves (`ApiKeys.latestVersion()` of kafka-clients 2.8.2,
 * printed with its jar from Maven Central; MSK's oldest version line is 2.8.x). A client picks, per API, the
 * highest version both sides support, so against a 2.8 or later broker it never picks a version below these:
 * bundles leave the lower ones out (about 60 KB of a Kafka bundle). A broker older than 2.8 is refused with
 * platformatic's UnsupportedApiError ("No usable implementation found for API …"); its own supported range is
 * Kafka 3.5 and later. Tests and local runs carry every version.
 */
export const KAFKA_2_8_API_VERSIONS: Readonly<Record<string, number>> = {
  Produce: 9,
  Fetch: 12,
  ListOffsets: 6,
  Metadata: 11,
  OffsetCommit: 8,
  OffsetFetch: 7,
  FindCoordinator: 3,
  JoinGroup: 7,
  Heartbeat: 4,
  LeaveGroup: 4,
  SyncGroup: 5,
  DescribeGroups: 5,
  ListGroups: 4,
  CreateTopics: 7,
  DeleteTopics: 6,
  DeleteRecords: 2,
  InitProducerId: 4,
  OffsetForLeaderEpoch: 4,
  AddPartitionsToTxn: 3,
  AddOffsetsToTxn: 3,
  EndTxn: 3,
  TxnOffsetCommit: 3,
  DescribeAcls: 2,
  CreateAcls: 2,
  DeleteAcls: 2,
  DescribeConfigs: 4,
  AlterConfigs: 2,
  AlterReplicaLogDirs: 2,
  DescribeLogDirs: 2,
  CreatePartitions: 3,
  DeleteGroups: 2,
  ElectLeaders: 2,
  IncrementalAlterConfigs: 1,
  AlterPartitionReassignments: 0,
  ListPartitionReassignments: 0,
  OffsetDelete: 0,
  DescribeClientQuotas: 1,
  AlterClientQuotas: 1,
  DescribeUserScramCredentials: 0,
  AlterUserScramCredentials: 0,
  DescribeCluster: 0,
  DescribeProducers: 0,
};

/** APIs the connection calls at fixed versions (it imports them by name): never floored. */
const FIXED_VERSION_APIS = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);

const EXPORT_LINE = /^export \* as (\w+) from /;

/**
 * One per-area API index (`export * as <name>V<n> from …` lines) as bundles get it: only the APIs in `kept` and
 * the exports in `direct`, and of each kept API only the versions a broker at `floors` or later can negotiate
 * (from the highest version at or below its floor up; every version of an API `floors` does not name).
 */
export function keptApiIndex(
  source: string,
  kept: ReadonlySet<string>,
  direct: ReadonlySet<string> = new Set(DIRECT_APIS),
  floors: Readonly<Record<string, number>> = KAFKA_2_8_API_VERSIONS,
): string {
  const lines = source.split('\n');
  const versionsOf = new Map<string, number[]>();
  for (const line of lines) {
    const exported = EXPORT_LINE.exec(line)?.[1];
    if (!exported) continue;
    const api = apiName(exported);
    versionsOf.set(api, [...(versionsOf.get(api) ?? []), Number(/V(\d+)$/.exec(exported)?.[1])]);
  }
  const lowest = (api: string): number => {
    const floor = floors[api];
    if (floor === undefined || FIXED_VERSION_APIS.has(api)) return 0;
    const atOrBelow = (versionsOf.get(api) ?? []).filter((v) => v <= floor);
    return atOrBelow.length > 0 ? Math.max(...atOrBelow) : 0;
  };
  return lines
    .filter((line) => {
      const exported = EXPORT_LINE.exec(line)?.[1];
      if (!exported || direct.has(exported)) return true;
      const api = apiName(exported);
      return kept.has(api) && Number(/V(\d+)$/.exec(exported)?.[1]) >= lowest(api);
    })
    .join('\n');
}

/**
 * esbuild plugin: the per-area API indexes of @platformatic/kafka (`dist/apis/<area>/index.js`, one
 * `export * as <name>V<n>` line per version) keep only the APIs a client can ask for, at the versions a Kafka
 * 2.8 or later broker negotiates (keptApiIndex), and DIRECT_APIS. The base client imports all ~250 API versions
 * as one namespace and looks them up by name, so esbuild cannot drop any by itself; delegation tokens, partition
 * reassignment, broker-internal and share-group APIs are never asked for by our clients (about 38 KB per Kafka
 * bundle), and versions older brokers needed another ~60 KB. Against a supported broker an API resolves exactly
 * as before, at the same version.
 */
export function platformaticApisPlugin(clients: readonly KafkaClientKind[] = KAFKA_CLIENT_KINDS): Plugin {
  return {
    name: 'platformatic-apis',
    setup(build) {
      const kept = apisTheClientsCall(distOf(), clients);
      build.onLoad(
        { filter: /@platformatic[\\/]kafka[\\/]dist[\\/]apis[\\/][a-z]+[\\/]index\.js$/ },
        ({ path }) => ({
          contents: keptApiIndex(readFileSync(path, 'utf8'), kept),
          loader: 'js',
          resolveDir: dirname(path),
        }),
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
