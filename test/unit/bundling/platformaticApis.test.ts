import * as platformatic from '@platformatic/kafka';
import { build } from 'esbuild';
import {
  apisTheClientsCall,
  DIRECT_APIS,
  KAFKA_2_8_API_VERSIONS,
  KAFKA_CLIENT_KINDS,
  keptApiIndex,
  platformaticApisPlugin,
  platformaticSideEffectsPlugin,
} from '../../../infra/bundling/platformaticApis';
import {
  BUNDLE_OPTIONS,
  BUNDLE_WORKING_DIR,
  bundleOptionsFor,
  KAFKA_CLIENTS_BY_ENTRY,
} from '../../../infra/constructs/bundling';

/** `createAclsV3` → `CreateAcls`; undefined for an export that is not a protocol API version. */
const apiOf = (name: string): string | undefined =>
  /^[a-z]\w*V\d+$/.test(name) && typeof (platformatic as Record<string, unknown>)[name] === 'object'
    ? name[0]?.toUpperCase() + name.slice(1).replace(/V\d+$/, '')
    : undefined;

describe('platformaticApisPlugin', () => {
  /** The names a bundle re-exporting `@platformatic/kafka` exports, bundled with or without the plugin. */
  async function bundledExports(plugins: typeof BUNDLE_OPTIONS.plugins): Promise<string[]> {
    const result = await build({
      ...BUNDLE_OPTIONS,
      plugins,
      stdin: {
        contents: "export * from '@platformatic/kafka';",
        resolveDir: BUNDLE_WORKING_DIR,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      outfile: 'index.mjs',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.values(result.metafile.outputs).flatMap((o) => o.exports);
  }

  it('keeps every API the clients ask for from the version a Kafka 2.8 broker serves up, and the direct ones', async () => {
    // Prepare
    const asked = apisTheClientsCall();
    const versionOf = (name: string) => Number(/V(\d+)$/.exec(name)?.[1]);
    const wanted = Object.keys(platformatic).filter((name) => {
      const api = apiOf(name) ?? '';
      const floor = KAFKA_2_8_API_VERSIONS[api];
      const floored =
        floor !== undefined && !['ApiVersions', 'SaslHandshake', 'SaslAuthenticate'].includes(api);
      return DIRECT_APIS.includes(name) || (asked.has(api) && (!floored || versionOf(name) >= floor));
    });

    // Act
    const kept = new Set(await bundledExports([platformaticApisPlugin()]));

    // Assess
    expect(wanted.filter((name) => !kept.has(name))).toEqual([]);
    expect(wanted).toEqual(
      expect.arrayContaining([
        'createAclsV3',
        'fetchV12',
        'fetchV17',
        'produceV11',
        'saslAuthenticateV0',
        'createTopicsV5',
      ]),
    );
    expect(['fetchV11', 'produceV8', 'metadataV10'].filter((name) => kept.has(name))).toEqual([]);
  });

  it('leaves out APIs no client asks for, and only those', async () => {
    // Act
    const all = await bundledExports([]);
    const kept = new Set(await bundledExports([platformaticApisPlugin()]));
    const dropped = all.filter((name) => !kept.has(name));

    // Assess
    expect(dropped).toEqual(
      expect.arrayContaining(['createDelegationTokenV3', 'alterPartitionReassignmentsV0']),
    );
    expect(dropped.filter((name) => apiOf(name) === undefined)).toEqual([]);
  });
});

describe('keptApiIndex', () => {
  const index = (names: string[]) => names.map((n) => `export * as ${n} from "./${n}.js";`).join('\n');
  const kept = new Set(['Fetch', 'Produce', 'SaslAuthenticate', 'DescribeTopicPartitions', 'CreateTopics']);

  it('keeps the versions from the highest one at or below the floor up, even across a gap', () => {
    // Act
    const source = keptApiIndex(
      index(['fetchV10', 'fetchV11', 'fetchV13', 'fetchV17', 'produceV3', 'produceV9', 'produceV11']),
      kept,
    );

    // Assess
    expect(source).toBe(index(['fetchV11', 'fetchV13', 'fetchV17', 'produceV9', 'produceV11']));
  });

  it('keeps every version of an API the floors do not name or the connection calls at fixed versions', () => {
    // Act
    const source = keptApiIndex(
      index([
        'saslAuthenticateV0',
        'saslAuthenticateV2',
        'describeTopicPartitionsV0',
        'createTopicsV5',
        'createTopicsV7',
      ]),
      kept,
      new Set(),
    );

    // Assess
    expect(source).toBe(
      index(['saslAuthenticateV0', 'saslAuthenticateV2', 'describeTopicPartitionsV0', 'createTopicsV7']),
    );
  });

  it('keeps a direct export below the floor, and drops the APIs no client asks for', () => {
    // Act
    const source = keptApiIndex(
      index(['createTopicsV5', 'createTopicsV7', 'createDelegationTokenV3']),
      kept,
      new Set(['createTopicsV5']),
    );

    // Assess
    expect(source).toBe(index(['createTopicsV5', 'createTopicsV7']));
  });
});

describe('apisTheClientsCall for some clients', () => {
  it('keeps the APIs of the named clients and the base client only', () => {
    const producerAndAdmin = apisTheClientsCall(undefined, ['producer', 'admin']);

    expect([...producerAndAdmin]).toEqual(
      expect.arrayContaining([
        'Produce',
        'InitProducerId',
        'DescribeConfigs',
        'Metadata',
        'SaslAuthenticate',
      ]),
    );
    expect(
      ['Fetch', 'JoinGroup', 'SyncGroup', 'Heartbeat'].filter((api) => producerAndAdmin.has(api)),
    ).toEqual([]);
    expect(apisTheClientsCall(undefined, KAFKA_CLIENT_KINDS)).toEqual(apisTheClientsCall());
  });
});

/** The @platformatic/kafka client folders (`admin`, `consumer`, `producer`) whose class files a build carries. */
async function clientClassesIn(
  options: typeof BUNDLE_OPTIONS,
  contents?: string,
  entry?: string,
): Promise<string[]> {
  const result = await build({
    ...options,
    ...(entry
      ? { entryPoints: [entry], external: ['@aws-sdk/client-*'] }
      : { stdin: { contents: contents ?? '', resolveDir: BUNDLE_WORKING_DIR, loader: 'ts' } }),
    bundle: true,
    write: false,
    outfile: 'index.mjs',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
  const kinds = inputs
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(
      ([path]) => /@platformatic\/kafka\/dist\/clients\/(admin|consumer|producer)\/\1\.js$/.exec(path)?.[1],
    )
    .filter((kind): kind is string => kind !== undefined);
  return [...new Set(kinds)].sort();
}

describe('platformaticSideEffectsPlugin', () => {
  it('leaves out the client classes a bundle does not use (the consumer is kept without it)', async () => {
    const producerOnly = "export { Producer } from '@platformatic/kafka';";

    const without = await clientClassesIn(
      { ...BUNDLE_OPTIONS, plugins: [platformaticApisPlugin()] },
      producerOnly,
    );
    const withIt = await clientClassesIn(
      { ...BUNDLE_OPTIONS, plugins: [platformaticApisPlugin(), platformaticSideEffectsPlugin()] },
      producerOnly,
    );

    expect(without).toContain('consumer');
    expect(withIt).toEqual(['producer']);
  });

  // An entry declared with fewer clients has only their APIs: a class of another client would find its APIs missing.
  it.each(Object.entries(KAFKA_CLIENTS_BY_ENTRY))(
    '%s carries only the clients declared for it',
    async (entry, kinds) => {
      const carried = await clientClassesIn(bundleOptionsFor(entry), undefined, entry);

      expect(carried.filter((kind) => !kinds.includes(kind as (typeof kinds)[number]))).toEqual([]);
    },
  );
});
