import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_VERSION } from '../../scripts/local/kafka/version';
import { fetchMavenJars } from '../../scripts/local/maven';
import { cacheDir } from '../../scripts/local/paths';
import { requireTool } from '../../scripts/local/tools';
import type { ScramCredentials } from '../../tasks/shared/secrets/scramCredentials';

const run = promisify(execFile);

/** Where the kafka-tools jars are cached (beside the broker's): `<cache>/kafka-tools-<version>/libs`. */
export function kafkaToolsLibsDir(): string {
  return join(cacheDir(), `kafka-tools-${KAFKA_VERSION}`, 'libs');
}

/**
 * Kafka's own load generator, `org.apache.kafka.tools.ProducerPerformance`, lives in `kafka-tools`, which the
 * broker's jars do not include: fetch it (and its runtime dependencies) from Maven Central once, at the
 * broker's version, the way scripts/local fetches the broker.
 */
export async function kafkaToolsLibs(log?: (message: string) => void): Promise<string> {
  return fetchMavenJars({
    pom: join(import.meta.dirname, 'kafkaToolsPom.xml'),
    libsDir: kafkaToolsLibsDir(),
    properties: { 'kafka.version': KAFKA_VERSION },
    log,
  });
}

const KEYED_SOURCE = join(import.meta.dirname, 'java', 'KeyedProducerPerformance.java');

/**
 * Compiles bench/lib/java/KeyedProducerPerformance.java (ProducerPerformance with a record shape and a warm-up)
 * against the kafka-tools jars, into a cache directory named after the source's hash; returns the classes dir.
 * It subclasses the tool in its own package, so it must be compiled, not run as a single source file.
 */
async function keyedClasses(libs: string): Promise<string> {
  const source = readFileSync(KEYED_SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = join(libs, '..', `keyed-${hash}`);
  if (existsSync(join(dir, 'org', 'apache', 'kafka', 'tools', 'KeyedProducerPerformance.class'))) return dir;
  mkdirSync(dir, { recursive: true });
  await run(requireTool('javac'), ['-nowarn', '-cp', `${libs}/*`, '-d', dir, KEYED_SOURCE]);
  return dir;
}

/** The record shape of the keyed tool: the same as the other side's records. */
export interface RecordShape {
  /** Distinct keys `key-0` … used round-robin (Java's default partitioner hashes them with murmur2). */
  keys: number;
  /** Every record's headers, name and value. */
  headers: [string, string][];
  /** Records of the same shape sent and flushed before the tool's timer starts. */
  warmup: number;
}

/** One ProducerPerformance run against a SASL/SCRAM-SHA-512 listener without TLS (the local broker). */
export interface ProducerPerformanceOptions {
  topic: string;
  numRecords: number;
  /** Bytes per record; the tool sends random upper-case letters. */
  recordSize: number;
  bootstrapServers: string[];
  credentials: ScramCredentials;
  /** `--producer-props`, e.g. `{ acks: 'all', 'compression.type': 'gzip' }`. */
  producerProps: Record<string, string>;
  /** With a shape: KeyedProducerPerformance (keys, headers, warm-up, CPU time); without: the tool as shipped. */
  shape?: RecordShape;
  /** JVM heap, default 512m (the tool keeps little; the broker shares the machine). */
  heap?: string;
  log?: (message: string) => void;
}

/** The tool's summary line. */
export interface ProducerPerformanceResult {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p50Ms: number;
  p99Ms: number;
  /** The summary line as printed. */
  summary: string;
  /** CPU milliseconds of the whole JVM from the end of the warm-up to exit (keyed tool only). */
  cpuMs?: number;
}

const SUMMARY =
  /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th/;

/** Parses the final summary line of ProducerPerformance's output (the last one matching). */
export function parseProducerPerformance(output: string): ProducerPerformanceResult {
  const line = output
    .split('\n')
    .filter((l) => SUMMARY.test(l))
    .at(-1);
  const m = line?.match(SUMMARY);
  if (!line || !m) throw new Error(`No ProducerPerformance summary in its output:\n${output.slice(-2000)}`);
  return {
    records: Number(m[1]),
    recordsPerSec: Number(m[2]),
    mbPerSec: Number(m[3]),
    avgLatencyMs: Number(m[4]),
    maxLatencyMs: Number(m[5]),
    p50Ms: Number(m[6]),
    p99Ms: Number(m[7]),
    summary: line.trim(),
  };
}

/** The producer config file: SCRAM-SHA-512 over plaintext with the given credentials. */
function producerConfig(options: ProducerPerformanceOptions): string {
  const quote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const { username, password } = options.credentials;
  return [
    `bootstrap.servers=${options.bootstrapServers.join(',')}`,
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${quote(username)}" password="${quote(password)}";`,
    '',
  ].join('\n');
}

/**
 * Runs ProducerPerformance once (`--throughput -1`: as fast as it can). The credentials go into a 0600 file
 * in a private temporary directory, deleted afterwards whatever happens; they never reach the command line.
 */
export async function runProducerPerformance(
  options: ProducerPerformanceOptions,
): Promise<ProducerPerformanceResult> {
  const java = requireTool('java');
  const libs = await kafkaToolsLibs(options.log);
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-perf-'));
  const configFile = join(dir, 'producer.properties');
  try {
    writeFileSync(configFile, producerConfig(options), { mode: 0o600 });
    chmodSync(configFile, 0o600);
    const shapeArgs: string[] = [];
    let classpath = `${libs}/*`;
    let mainClass = 'org.apache.kafka.tools.ProducerPerformance';
    if (options.shape) {
      const shapeFile = join(dir, 'shape.properties');
      const { keys, headers, warmup } = options.shape;
      const lines = [
        `keys=${keys}`,
        `warmup=${warmup}`,
        `recordSize=${options.recordSize}`,
        `topic=${options.topic}`,
        ...headers.flatMap(([name, value], n) => [`header.${n}.name=${name}`, `header.${n}.value=${value}`]),
      ];
      // Properties files escape ':' '=' and '\\' in keys and values.
      writeFileSync(shapeFile, `${lines.map((l) => l.replace(/([:\\])/g, '\\$1')).join('\n')}\n`);
      shapeArgs.push(`-Dbench.shape=${shapeFile}`);
      classpath = `${await keyedClasses(libs)}:${classpath}`;
      mainClass = 'org.apache.kafka.tools.KeyedProducerPerformance';
    }
    const props = Object.entries(options.producerProps).map(([k, v]) => `${k}=${v}`);
    const args = [
      `-Xmx${options.heap ?? '512m'}`,
      ...shapeArgs,
      '-cp',
      classpath,
      mainClass,
      '--topic',
      options.topic,
      '--num-records',
      String(options.numRecords),
      '--record-size',
      String(options.recordSize),
      '--throughput',
      '-1',
      '--producer.config',
      configFile,
      '--producer-props',
      ...props,
    ];
    const { stdout } = await run(java, args, { maxBuffer: 16 * 1024 * 1024 });
    const cpu = stdout.match(/^BENCH_CPU_MS (\d+)$/m);
    return { ...parseProducerPerformance(stdout), ...(cpu ? { cpuMs: Number(cpu[1]) } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
