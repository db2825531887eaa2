import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localPaths } from './paths';

/** The `kafka` entry of .local/stack.json: how clients reach the local broker. */
export interface KafkaStackEntry {
  bootstrapServers: string[];
  saslMechanism: 'scram-sha-512';
  /** Absolute path of a 0600 JSON file `{"username","password"}` holding the admin credentials. */
  adminSecretFile: string;
  /**
   * The broker's `super.users` (bare names). Kafka reports `super.users` as sensitive (value null) over
   * DescribeConfigs, so the guard rails learn the local broker's from here (the Lambda never sees this file).
   */
  superUsers: string[];
}

/** The `sqs` entry of .local/stack.json: the local SQS-compatible server (ElasticMQ). */
export interface SqsStackEntry {
  /** e.g. `http://127.0.0.1:9324`; give it to the SDK as `endpoint` or `AWS_ENDPOINT_URL_SQS`. */
  endpoint: string;
  region: string;
  /** Queues created at start-up, name → queue URL. */
  queues: Record<string, string>;
}

/** The `s3` entry of .local/stack.json: the local S3-compatible server (Adobe S3Mock). */
export interface S3StackEntry {
  /** e.g. `http://127.0.0.1:9090`; give it to the SDK as `endpoint` (with `forcePathStyle`) or `AWS_ENDPOINT_URL_S3`. */
  endpoint: string;
  region: string;
  /** Path-style requests (`<endpoint>/<bucket>/<key>`): there is no DNS for `<bucket>.127.0.0.1`. */
  forcePathStyle: true;
  /** Buckets created at start-up. */
  buckets: string[];
}

/** .local/stack.json: one key per running local service. */
export interface StackFile {
  kafka?: KafkaStackEntry;
  sqs?: SqsStackEntry;
  s3?: S3StackEntry;
  [service: string]: unknown;
}

/** Reads .local/stack.json; an empty object when no service runs. */
export function readStackFile(file: string = localPaths().stackFile): StackFile {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as StackFile;
}

function writeStackFile(file: string, stack: StackFile): void {
  if (Object.keys(stack).length === 0) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const staging = `${file}.tmp-${process.pid}`;
  writeFileSync(staging, `${JSON.stringify(stack, null, 2)}\n`);
  renameSync(staging, file);
}

/** Sets one service's entry, keeping the others. */
export function putStackEntry(key: string, entry: unknown, file: string = localPaths().stackFile): StackFile {
  const stack = { ...readStackFile(file), [key]: entry };
  writeStackFile(file, stack);
  return stack;
}

/** Removes one service's entry; deletes the file when it was the last. */
export function removeStackEntry(key: string, file: string = localPaths().stackFile): StackFile {
  const { [key]: _removed, ...rest } = readStackFile(file);
  writeStackFile(file, rest);
  return rest;
}
