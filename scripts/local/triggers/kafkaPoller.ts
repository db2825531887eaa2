/**
 * LOCAL STAND-IN for a Lambda Kafka event source mapping (nothing here runs in AWS): consumes topics as a
 * consumer group over SASL/SCRAM (tasks/shared/kafka), invokes a handler with self-managed Kafka trigger
 * events shaped as Lambda delivers them (BatchSize, MaximumBatchingWindowInSeconds, StartingPosition), and
 * commits a partition's offsets only for what the handler finished. With ReportBatchItemFailures semantics,
 * a partition reported at offset N is committed up to N (exclusive) and re-delivered from N; an invocation
 * that throws, or reports a record outside the batch, re-delivers the whole batch. Re-delivery waits
 * `retryDelayMs`; like Lambda's default (infinite retries) it never gives up.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
import { type Consumer, type EachBatchPayload, type Kafka, logLevel } from 'kafkajs';
import { createKafka } from '../../../tasks/shared/kafka/client';
import { interpretKafkaBatchResponse } from '../../../tasks/shared/kafkaEvent/batchResponse';
import { topicPartitionKey } from '../../../tasks/shared/kafkaEvent/decode';
import { toTriggerRecord } from '../../../tasks/shared/kafkaEvent/kafkajs';
import type {
  KafkaTriggerRecord,
  SelfManagedKafkaTriggerEvent,
} from '../../../tasks/shared/kafkaEvent/types';
import { registerKafkajsCodecs } from '../kafka/kafkajsCodecs';
import { readStackFile } from '../stackFile';

/** Options of startKafkaPoller: the event source mapping's settings, and the handler to invoke. */
export interface KafkaPollerOptions {
  /**
   * A kafkajs client, e.g. `createKafka(...)` from tasks/shared/kafka. Default: the local broker of
   * `.local/stack.json` as its admin, over SASL/SCRAM-SHA-512.
   */
  kafka?: Kafka;
  topics: string[];
  /** The consumer group (the mapping's immutable ConsumerGroupId). */
  groupId: string;
  handler: (event: SelfManagedKafkaTriggerEvent) => Promise<unknown>;
  /** Records per invocation, 1–10,000 (default 100, Lambda's default for Kafka). */
  batchSize?: number;
  /** How long to gather records after the first one (default 500 ms, Lambda's default for Kafka). */
  maxBatchingWindowMs?: number;
  /** Where a group without committed offsets starts (default TRIM_HORIZON). */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Pause before re-delivering failed records (default 1000 ms). */
  retryDelayMs?: number;
  /** `bootstrapServers` written into events (default: the local broker's with the default client, else empty). */
  bootstrapServers?: string[];
  log?: (message: string) => void;
}

/** What the poller has done so far. */
export interface KafkaPollerStats {
  invocations: number;
  /** Records handed to the handler, re-deliveries included. */
  delivered: number;
  /** Records re-delivered after a reported failure or a failed invocation. */
  redelivered: number;
  /** Records whose offsets were committed. */
  committed: number;
  failedInvocations: number;
}

/** A running poller. */
export interface KafkaPoller {
  stats(): KafkaPollerStats;
  /** Resolves once nothing is buffered and no invocation runs (rejects after `timeoutMs`). */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops after the invocation in hand; records not yet committed are re-delivered on the next start. */
  stop(): Promise<void>;
}

interface PartitionBuffer {
  topic: string;
  partition: number;
  records: KafkaTriggerRecord[];
}

/** A quiet kafkajs client for the local broker of `.local/stack.json`, as its SCRAM admin (tasks/shared/kafka). */
export async function localTriggerKafka(): Promise<{ kafka: Kafka; bootstrapServers: string[] }> {
  const entry = readStackFile().kafka;
  if (!entry) throw new Error('The local Kafka broker is not running: run `npm run local:up`');
  const kafka = await createKafka(
    {
      brokers: entry.bootstrapServers,
      clientId: 'msk-flows-local-kafka-trigger',
      cluster: 'local',
      auth: { type: 'scram', secret: { kind: 'file', path: entry.adminSecretFile }, plaintext: true },
    },
    { options: { logLevel: logLevel.NOTHING } },
  );
  return { kafka, bootstrapServers: entry.bootstrapServers };
}

/**
 * Starts polling `topics` as `groupId` and invoking `handler` (see the module comment). Resolves once the
 * consumer has joined and runs.
 */
export async function startKafkaPoller(options: KafkaPollerOptions): Promise<KafkaPoller> {
  if (!options.kafka) {
    const local = await localTriggerKafka();
    return startKafkaPoller({
      ...options,
      kafka: local.kafka,
      bootstrapServers: options.bootstrapServers ?? local.bootstrapServers,
    });
  }
  const kafka = options.kafka;
  const batchSize = Math.min(Math.max(options.batchSize ?? 100, 1), 10_000);
  const windowMs = options.maxBatchingWindowMs ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const stats: KafkaPollerStats = {
    invocations: 0,
    delivered: 0,
    redelivered: 0,
    committed: 0,
    failedInvocations: 0,
  };
  const buffers = new Map<string, PartitionBuffer>();
  let buffered = 0;
  let firstBufferedAt = 0;
  let notBefore = 0;
  let flushing: Promise<void> | undefined;
  let running = true;

  // A short fetch wait keeps stop() quick: disconnect waits for the fetch in flight.
  registerKafkajsCodecs(); // the bridge may produce LZ4, Snappy or ZSTD
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 500,
  });

  const append = (record: KafkaTriggerRecord, front = false) => {
    const key = topicPartitionKey(record.topic, record.partition);
    let buffer = buffers.get(key);
    if (!buffer) {
      buffer = { topic: record.topic, partition: record.partition, records: [] };
      buffers.set(key, buffer);
    }
    if (buffered === 0) firstBufferedAt = Date.now();
    if (front) buffer.records.unshift(record);
    else buffer.records.push(record);
    buffered++;
  };

  /** Takes up to batchSize records from the front of the buffers, partition by partition. */
  const take = (): Map<string, KafkaTriggerRecord[]> => {
    const taken = new Map<string, KafkaTriggerRecord[]>();
    let room = batchSize;
    for (const [key, buffer] of buffers) {
      if (room === 0) break;
      const records = buffer.records.splice(0, room);
      if (records.length === 0) continue;
      taken.set(key, records);
      room -= records.length;
      buffered -= records.length;
    }
    return taken;
  };

  const putBack = (records: KafkaTriggerRecord[]) => {
    for (const record of [...records].reverse()) append(record, true);
    stats.redelivered += records.length;
  };

  const commit = async (key: string, records: KafkaTriggerRecord[], next: number, done: number) => {
    const first = records[0];
    if (!first || done === 0) return;
    try {
      await consumer.commitOffsets([
        { topic: first.topic, partition: first.partition, offset: String(next) },
      ]);
      stats.committed += done;
    } catch (error) {
      // A rebalance took the partition: its new owner re-reads from the last committed offset.
      log(`commit of ${key}@${next} failed (${(error as Error).name}); it will be re-delivered`);
    }
  };

  const invoke = async (): Promise<void> => {
    const taken = take();
    if (taken.size === 0) return;
    const event: SelfManagedKafkaTriggerEvent = {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: (options.bootstrapServers ?? []).join(','),
      records: Object.fromEntries(taken),
    };
    const count = [...taken.values()].reduce((sum, r) => sum + r.length, 0);
    stats.invocations++;
    stats.delivered += count;
    let outcome: ReturnType<typeof interpretKafkaBatchResponse>;
    try {
      outcome = interpretKafkaBatchResponse(await options.handler(event), event);
    } catch (error) {
      outcome = { kind: 'failure', reason: `${(error as Error).name}: ${(error as Error).message}` };
    }
    if (outcome.kind === 'failure') {
      stats.failedInvocations++;
      log(`invocation failed (${outcome.reason}); re-delivering ${count} records`);
      for (const records of [...taken.values()].reverse()) putBack(records);
      notBefore = Date.now() + retryDelayMs;
      return;
    }
    const commits: Promise<void>[] = [];
    for (const [key, records] of taken) {
      const resumeAt = outcome.kind === 'partial' ? outcome.resumeAt.get(key) : undefined;
      const last = records.at(-1) as KafkaTriggerRecord;
      if (resumeAt === undefined) {
        commits.push(commit(key, records, last.offset + 1, records.length));
        continue;
      }
      const retry = records.filter((r) => r.offset >= resumeAt);
      log(`${key} reported failed at offset ${resumeAt}; re-delivering ${retry.length} records`);
      commits.push(commit(key, records, resumeAt, records.length - retry.length));
      putBack(retry);
      notBefore = Date.now() + retryDelayMs;
    }
    await Promise.all(commits);
  };

  /** Invokes while a full batch is buffered, or the window of the oldest buffered record has passed. */
  const flush = (force: boolean): Promise<void> => {
    if (flushing) return flushing;
    const run = async () => {
      while (running && buffered > 0 && Date.now() >= notBefore) {
        const due = force || buffered >= batchSize || Date.now() - firstBufferedAt >= windowMs;
        if (!due) break;
        await invoke();
        force = false;
      }
    };
    // `finally` runs after the assignment even when `run` finishes synchronously.
    flushing = run().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  const timer = setInterval(() => {
    if (!flushing && buffered > 0) void flush(false);
  }, 25);

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    for (const message of batch.messages) {
      // Transaction markers are not records (kafkajs flags them, outside its types).
      if ((message as { isControlRecord?: boolean }).isControlRecord) continue;
      append(toTriggerRecord(batch.topic, batch.partition, message));
    }
    // Moves the fetch position only: autoCommit is off, offsets are committed after the handler succeeds.
    if (batch.messages.length > 0) resolveOffset(batch.lastOffset());
    // Back-pressure: hold the fetch loop while a batch's worth waits, heart-beating so the group keeps us.
    while (buffered >= batchSize && running && isRunning() && !isStale()) {
      await (flushing ?? flush(false));
      if (buffered >= batchSize) await new Promise((resolve) => setTimeout(resolve, 50));
      await heartbeat();
    }
  };

  // A rebalance resets kafkajs's fetch positions to the committed offsets: drop what we buffered, it comes again.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    buffers.clear();
    buffered = 0;
  });

  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.startingPosition !== 'LATEST' });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });

  return {
    stats: () => ({ ...stats }),
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (buffered > 0 || flushing) {
        if (Date.now() > deadline)
          throw new Error(`Kafka poller not idle after ${timeoutMs} ms (${buffered} buffered)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      clearInterval(timer);
      running = false;
      await flushing;
      await consumer.disconnect();
    },
  };
}
