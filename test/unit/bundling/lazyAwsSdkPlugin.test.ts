import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sfnPackage from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { lazyAwsSdkPlugin, standInExports } from '../../../infra/bundling/lazyAwsSdk/plugin';
import { BUNDLE_WORKING_DIR } from '../../../infra/constructs/bundling';

describe('standInExports', () => {
  it('keeps the client, the commands and the service exceptions, and leaves the rest out', () => {
    // Act
    const exports = standInExports(sfnPackage as unknown as Record<string, unknown>);
    const kindOf = (name: string) => exports.find((e) => e.name === name)?.kind;

    // Assess
    expect(kindOf('SFNClient')).toBe('client');
    expect(kindOf('StartExecutionCommand')).toBe('command');
    expect(kindOf('ExecutionAlreadyExists')).toBe('exception');
    expect(kindOf('SFNServiceException')).toBe('exception');
    // The aggregated client, paginators, the base Command and enum objects are not stood in for.
    for (const name of [
      'SFN',
      'paginateListExecutions',
      'Command',
      '$Command',
      'ExecutionStatus',
      '__Client',
    ])
      expect(kindOf(name)).toBeUndefined();
  });
});

describe('lazyAwsSdkPlugin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-lazy-sdk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = async (source: string) => {
    const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: BUNDLE_WORKING_DIR,
      external: ['@aws-sdk/client-*'],
      plugins: [lazyAwsSdkPlugin(BUNDLE_WORKING_DIR)],
    });
    const output = Object.values(result.metafile.outputs)[0];
    return { code: result.outputFiles[0]?.text ?? '', imports: output?.imports ?? [] };
  };

  it('imports the SDK package only on first use, from our static and dynamic imports alike', async () => {
    // Act
    const { imports } = await bundle(
      "import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';\n" +
        "export const send = () => new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: 'x' }));\n" +
        "export const kafka = async () => new (await import('@aws-sdk/client-kafka')).KafkaClient({});\n",
    );

    // Assess
    const sdk = imports.filter((i) => i.path.startsWith('@aws-sdk/'));
    expect(sdk).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '@aws-sdk/client-sfn', kind: 'dynamic-import', external: true }),
        expect.objectContaining({ path: '@aws-sdk/client-kafka', kind: 'dynamic-import', external: true }),
      ]),
    );
    expect(sdk.filter((i) => i.kind !== 'dynamic-import')).toEqual([]);
  });

  it('carries stand-ins only for the names a module imports', async () => {
    // Act
    const { code } = await bundle(
      "import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';\n" +
        "export const send = () => new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: 'x' }));\n",
    );

    // Assess
    expect(code).toContain('"StartExecutionCommand"');
    expect(code).not.toContain('DescribeExecutionCommand');
    expect(code).not.toContain('ListExecutionsCommand');
  });

  it('fails the build when our code imports a value it does not stand in for', async () => {
    // Act / Assess
    await expect(
      bundle(
        "import { SFNClient, paginateListExecutions } from '@aws-sdk/client-sfn';\n" +
          'export const pages = () => paginateListExecutions({ client: new SFNClient({}) }, {});\n',
      ),
    ).rejects.toThrow(/No matching export .* for import "paginateListExecutions"/);
  });

  it('leaves a type-only import alone', async () => {
    // Act
    const { imports } = await bundle(
      "import type { SFNClient } from '@aws-sdk/client-sfn';\nexport const f = (c: SFNClient) => c;\n",
    );

    // Assess
    expect(imports.filter((i) => i.path.startsWith('@aws-sdk/'))).toEqual([]);
  });
});
