/**
 * LOCAL STAND-IN for the AWS IoT topic rule of the IoT → S3 batcher (nothing here runs in AWS): the rule
 * `SELECT *, clientid() AS clientId, timestamp() AS receivedAt FROM 'devices/+/telemetry'` with an SQS
 * action. It subscribes on Mosquitto, applies the projection and sends to the local SQS (ElasticMQ);
 * `startLocalIotToS3` adds the event source mapping stand-in (sqsEventSourceStandIn.ts) and the batcher.
 *
 * Deviation: MQTT never tells a subscriber who published, so `clientId` is the `+` segment of the topic
 * (`devices/<clientId>/telemetry`), which matches IoT when device policies pin topics to `${iot:ClientId}`.
 */
import { randomBytes } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { connectAsync, type MqttClient } from 'mqtt';
import { createLocalHandler, ensureLocalQueue, localAwsClients } from '../ingest/iotToS3';
import { type SqsPoller, startSqsPoller } from './sqsEventSourceStandIn';

/** The rule this file stands in for (the CDK construct deploys the same SQL). */
export const IOT_RULE_SQL =
  "SELECT *, clientid() AS clientId, timestamp() AS receivedAt FROM 'devices/+/telemetry'";
/** Mosquitto on the machine (anonymous, loopback). */
export const LOCAL_MQTT_URL = 'mqtt://127.0.0.1:1883';
const TOPIC_FILTER = 'devices/+/telemetry';
// SendMessageBatch: ≤ 10 entries and ≤ 256 KiB in total (the classic limit; the smaller one is safe everywhere).
const SEND_BATCH_BYTES = 256 * 1024;

/** The clientId the rule would see: the `+` segment of `devices/+/telemetry`; undefined when the topic does not match. */
export function clientIdFromTopic(topic: string): string | undefined {
  const [root, clientId, leaf, ...rest] = topic.split('/');
  return root === 'devices' && leaf === 'telemetry' && rest.length === 0 && clientId ? clientId : undefined;
}

/**
 * The rule's output for one MQTT message, as the SQS message body, or undefined when the topic does not
 * match. IoT can add fields only to empty or JSON payloads; any other payload passes through as it is
 * (https://docs.aws.amazon.com/iot/latest/developerguide/binary-payloads.html), which the batcher parks.
 */
export function applyIotRuleProjection(
  topic: string,
  payload: Buffer,
  receivedAt: number,
): string | undefined {
  const clientId = clientIdFromTopic(topic);
  if (clientId === undefined) return undefined;
  if (payload.length === 0) return JSON.stringify({ clientId, receivedAt });
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return payload.toString('utf8');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return payload.toString('utf8');
  return JSON.stringify({ ...body, clientId, receivedAt });
}

/** Counters of the rule stand-in. */
export interface MqttRuleStandInStats {
  received: number;
  forwarded: number;
  /** Messages SQS refused after retries (the rule's error action would get them). */
  failed: number;
}

/** A running rule stand-in. */
export interface MqttRuleStandIn {
  stats(): MqttRuleStandInStats;
  /** Resolves once every message received so far is in SQS (or counted as failed). */
  drain(): Promise<void>;
  /** Unsubscribes, drains and disconnects. */
  stop(): Promise<void>;
}

/** Options of startMqttRuleStandIn. */
export interface MqttRuleStandInOptions {
  sqs: SQSClient;
  /** The queue of the rule's SQS action. */
  queueUrl: string;
  mqttUrl?: string;
  /**
   * What to subscribe to (default: the rule's filter `devices/+/telemetry`). Narrower filters inside it let a
   * test see only its own devices; the projection still applies the rule's filter.
   */
  subscriptions?: string[];
  /** SendMessageBatch calls in flight at once (default 8). */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

/** Subscribes to `devices/+/telemetry` (QoS 1) and forwards each message's projection to SQS (SendMessageBatch). */
export async function startMqttRuleStandIn(options: MqttRuleStandInOptions): Promise<MqttRuleStandIn> {
  const stats: MqttRuleStandInStats = { received: 0, forwarded: 0, failed: 0 };
  const pending: { Id: string; MessageBody: string; attempts: number }[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const concurrency = options.concurrency ?? 8;

  const settle = () => {
    if (pending.length > 0 || inFlight > 0) return;
    for (const resolve of idle) resolve();
    idle = [];
  };
  const send = async (entries: typeof pending) => {
    try {
      const result = await options.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: entries.map(({ Id, MessageBody }) => ({ Id, MessageBody })),
        }),
      );
      const failedIds = new Set((result.Failed ?? []).map((f) => f.Id));
      stats.forwarded += entries.length - failedIds.size;
      for (const entry of entries.filter((e) => failedIds.has(e.Id))) retryOrFail(entry, result.Failed);
    } catch (error) {
      for (const entry of entries) retryOrFail(entry, error);
    }
  };
  const retryOrFail = (entry: (typeof pending)[number], error: unknown) => {
    if (++entry.attempts < 3) pending.push(entry);
    else {
      stats.failed++;
      options.onError?.(error);
    }
  };
  const pump = () => {
    while (pending.length > 0 && inFlight < concurrency) {
      const entries: typeof pending = [];
      let bytes = 0;
      while (pending.length > 0 && entries.length < 10) {
        const size = Buffer.byteLength((pending[0] as (typeof pending)[number]).MessageBody);
        if (entries.length > 0 && bytes + size > SEND_BATCH_BYTES) break;
        entries.push(pending.shift() as (typeof pending)[number]);
        bytes += size;
      }
      inFlight++;
      void send(entries).finally(() => {
        inFlight--;
        pump();
        settle();
      });
    }
  };

  const mqtt: MqttClient = await connectAsync(options.mqttUrl ?? LOCAL_MQTT_URL, {
    clientId: `msk-flows-iot-rule-standin-${randomBytes(4).toString('hex')}`,
    clean: true,
  });
  mqtt.on('message', (topic, payload) => {
    const body = applyIotRuleProjection(topic, payload, Date.now());
    if (body === undefined) return;
    stats.received++;
    pending.push({ Id: String(stats.received), MessageBody: body, attempts: 0 });
    pump();
  });
  const subscriptions = options.subscriptions ?? [TOPIC_FILTER];
  await mqtt.subscribeAsync(subscriptions, { qos: 1 });

  const drain = () =>
    new Promise<void>((resolve) => {
      idle.push(resolve);
      settle();
    });
  return {
    stats: () => ({ ...stats }),
    drain,
    async stop() {
      await mqtt.unsubscribeAsync(subscriptions);
      await drain();
      await mqtt.endAsync();
    },
  };
}

/** The local IoT → S3 path: rule stand-in, its queue, the poller and the batcher's local handler. */
export interface LocalIotToS3Pipeline {
  queueUrl: string;
  standIn: MqttRuleStandIn;
  poller: SqsPoller;
  /** Stops the rule stand-in (after forwarding what it received), then the poller (after its batch in hand). */
  stop(): Promise<void>;
}

/** Options of startLocalIotToS3. */
export interface LocalIotToS3Options {
  /** The batcher's environment (BUCKET, PREFIX, MAX_MESSAGES_PER_OBJECT …) over the local defaults. */
  env?: Record<string, string>;
  /** Queue of the rule's SQS action (default `msk-flows-local-iot-telemetry`). */
  queueName?: string;
  batchSize?: number;
  batchWindowMs?: number;
  onError?: (error: unknown) => void;
}

/** Starts MQTT (Mosquitto) → rule stand-in → SQS (ElasticMQ) → poller → batcher → S3 (S3Mock), for the demo. */
export async function startLocalIotToS3(options: LocalIotToS3Options = {}): Promise<LocalIotToS3Pipeline> {
  const { sqs } = localAwsClients();
  const queueUrl = await ensureLocalQueue(sqs, options.queueName ?? 'msk-flows-local-iot-telemetry');
  const handler = await createLocalHandler(options.env);
  const standIn = await startMqttRuleStandIn({ sqs, queueUrl, onError: options.onError });
  const poller = startSqsPoller({
    sqs,
    queueUrl,
    handler,
    batchSize: options.batchSize ?? 1000,
    batchWindowMs: options.batchWindowMs ?? 1000,
    onError: options.onError,
  });
  return {
    queueUrl,
    standIn,
    poller,
    async stop() {
      await standIn.stop();
      await poller.stop();
    },
  };
}
