import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import type { Admin } from 'kafkajs';
import { BUNDLE_WORKING_DIR, bundleOptionsFor } from '../../../infra/constructs/bundling';
import { consumeMessages } from '../../helpers/consume';
import { type LocalKafka, localKafka, localKafkaClient, localKafkaConfig } from '../../helpers/localStack';
import { groupName, topicName } from '../../helpers/names';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'produceOneRecord.ts');
const BRIDGE_FIXTURE = join(import.meta.dirname, 'fixtures', 'bridgeProduceRecords.ts');
const ADMIN_FIXTURE = join(import.meta.dirname, 'fixtures', 'adminRoundTrip.ts');
const REGISTRY_FIXTURE = join(import.meta.dirname, 'fixtures', 'registryRoundTrip.ts');
/** A Kafka task that is not a codec entry: its bundle carries the plain-JS CRC-32C stub. */
const STUBBED_ENTRY = 'tasks/onboarding/acl/grantAcls.ts';
/** The bridge: the real wasm codecs, and only the Producer's and Admin's protocol APIs. */
const BRIDGE_ENTRY = 'tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts';
const STUB = join(BUNDLE_WORKING_DIR, 'infra', 'bundling', 'stubs', 'wasm-utils', 'index.js');

// The record batch checksum is the one thing the stub computes: a broker refuses a batch whose CRC-32C is
// wrong (CORRUPT_MESSAGE). So a record produced through a stubbed bundle, accepted and read back, proves it.
describe('Kafka bundles against a real broker', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'msk-flows-crc-'));
  let kafka: LocalKafka;
  let admin: Admin;
  const topic = topicName();

  beforeAll(async () => {
    kafka = await localKafka();
    admin = (await localKafkaClient()).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  });
  const ownTopics: string[] = [];
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, ...ownTopics] });
    await admin.disconnect();
    rmSync(outdir, { recursive: true, force: true });
  });

  /** The local broker and its admin's SCRAM credentials, as the fixtures read them. */
  const brokerEnv = () => ({
    BROKERS: kafka.brokers.join(','),
    KAFKA_USER: kafka.admin.username,
    KAFKA_PASSWORD: kafka.admin.password,
  });

  /** Runs a bundle in a fresh Node process with only `env` (and PATH) and parses the JSON it prints. */
  const runBundle = (file: string, env: Record<string, string>): unknown =>
    JSON.parse(
      execFileSync(process.execPath, [file], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      }),
    );

  /**
   * Bundles the fixture with `entry`'s options (or `crcModule` in place of wasm-utils), runs it producing `value`
   * with `compression`.
   */
  async function produceThroughBundle(
    value: Buffer,
    {
      entry = STUBBED_ENTRY,
      crcModule,
      compression = 'none',
      fixture = FIXTURE,
      to = topic,
    }: { entry?: string; crcModule?: string; compression?: string; fixture?: string; to?: string } = {},
  ): Promise<{ offsets?: string[]; sent?: number; error?: string }> {
    const options = bundleOptionsFor(entry);
    const file = join(outdir, `${randomBytes(4).toString('hex')}.mjs`);
    const result = await build({
      ...options,
      alias: crcModule ? { ...options.alias, '@platformatic/wasm-utils': crcModule } : options.alias,
      entryPoints: [fixture],
      bundle: true,
      outfile: file,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('wasm-utils/dist'))).toBe(entry === BRIDGE_ENTRY);
    return runBundle(file, {
      ...brokerEnv(),
      TOPIC: to,
      VALUE_HEX: value.toString('hex'),
      COMPRESSION: compression,
    }) as { offsets?: string[]; sent?: number; error?: string };
  }

  it('produces through the CRC-32C stub: the broker accepts it and a consumer reads it back', async () => {
    const value = randomBytes(5000);

    const produced = await produceThroughBundle(value);

    expect(produced).toEqual({ offsets: ['0'] });
    const [message] = await consumeMessages(await localKafkaClient(), { topic, groupId: groupName() });
    expect(message?.value?.equals(value)).toBe(true);
  }, 120_000);

  it('produces lz4 through a bundle made like the bridge’s (wasm codecs, producer and admin APIs only)', async () => {
    const value = Buffer.from('compressible '.repeat(400));

    const produced = await produceThroughBundle(value, { entry: BRIDGE_ENTRY, compression: 'lz4' });

    expect(produced.error).toBeUndefined();
    const messages = await consumeMessages(await localKafkaClient(), {
      topic,
      groupId: groupName(),
      count: 2,
    });
    expect(messages.some((m) => m.value?.equals(value))).toBe(true);
  }, 120_000);

  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'])(
    'produces %s through the bridge’s own BatchProducer in a bundle made like the bridge’s',
    async (compression) => {
      const value = randomBytes(3000);
      const to = topicName();
      ownTopics.push(to);
      await admin.createTopics({ topics: [{ topic: to, numPartitions: 2 }], waitForLeaders: true });

      const produced = await produceThroughBundle(value, {
        entry: BRIDGE_ENTRY,
        compression,
        fixture: BRIDGE_FIXTURE,
        to,
      });

      expect(produced).toEqual({ sent: 2 });
      const messages = await consumeMessages(await localKafkaClient(), {
        topic: to,
        groupId: groupName(),
        count: 2,
      });
      expect(messages.every((m) => m.value?.equals(value))).toBe(true);
      expect(messages.map((m) => m.key?.toString()).sort()).toEqual(['a', 'b']);
    },
    120_000,
  );

  it('is refused by the broker when the checksum is wrong (the control: the broker does check it)', async () => {
    const broken = join(outdir, 'brokenCrc.mjs');
    writeFileSync(broken, `export * from ${JSON.stringify(STUB)};\nexport const crc32c = () => 0;\n`);

    const produced = await produceThroughBundle(randomBytes(100), { crcModule: broken });

    expect(produced.error).toMatch(/CORRUPT_MESSAGE/);
  }, 120_000);

  // The Admin's option schemas are emptied in bundles (infra/bundling/platformaticOptionSchemas.ts).
  it('creates, describes and deletes a topic through an onboarding task’s bundle options', async () => {
    const file = join(outdir, 'admin.mjs');
    await build({
      ...bundleOptionsFor(STUBBED_ENTRY),
      entryPoints: [ADMIN_FIXTURE],
      bundle: true,
      outfile: file,
      logLevel: 'silent',
    });

    const out = runBundle(file, { ...brokerEnv(), TOPIC: topicName() });

    expect(out).toEqual({ retentionMs: '3600000' });
  }, 120_000);

  // Every bundling trick at once (no side effects, emptied Admin schemas, CRC-32C stub, Plan Changes' clients):
  // the registry written through a bundle made like Grant ACLs', read back through one made like Plan Changes'.
  it('runs the ownership registry through bundles made like the tasks’ (read-write, then read-only)', async () => {
    const connection = JSON.stringify(await localKafkaConfig());
    const id = `bundle-${randomBytes(6).toString('hex')}`;
    const run = async (entry: string, mode: string) => {
      const file = join(outdir, `registry-${mode}.mjs`);
      await build({
        ...bundleOptionsFor(entry),
        entryPoints: [REGISTRY_FIXTURE],
        bundle: true,
        outfile: file,
        logLevel: 'silent',
      });
      return runBundle(file, { CONNECTION: connection, ID: id, MODE: mode });
    };

    const written = await run('tasks/onboarding/acl/grantAcls.ts', 'write');
    const viewed = await run('tasks/onboarding/planChanges.ts', 'view');

    expect(written).toEqual({ claimed: true });
    expect(viewed).toEqual({ seen: true, append: 'RegistryReadOnlyError' });
  }, 120_000);
});
