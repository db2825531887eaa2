import * as platformatic from '@platformatic/kafka';
import { build } from 'esbuild';
import {
  apisTheClientsCall,
  DIRECT_APIS,
  platformaticApisPlugin,
} from '../../../infra/bundling/platformaticApis';
import { BUNDLE_OPTIONS, BUNDLE_WORKING_DIR } from '../../../infra/constructs/bundling';

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

  it('keeps every version of every API the clients ask for, and the ones our code calls directly', async () => {
    // Prepare
    const asked = apisTheClientsCall();
    const wanted = Object.keys(platformatic).filter(
      (name) => DIRECT_APIS.includes(name) || asked.has(apiOf(name) ?? ''),
    );

    // Act
    const kept = new Set(await bundledExports([platformaticApisPlugin()]));

    // Assess
    expect(wanted.filter((name) => !kept.has(name))).toEqual([]);
    expect(wanted).toEqual(
      expect.arrayContaining(['createAclsV3', 'fetchV17', 'produceV11', 'saslAuthenticateV2']),
    );
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
