import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  ConfigResourceTypes,
  type Kafka,
  type KafkaMessage,
  ResourcePatternTypes,
} from 'kafkajs';
import { localS3Client, localSqsClient } from '../../../../scripts/local/awsClients';
import { LOCAL_DLQ_NAME, localBridgeEnv } from '../../../../scripts/local/ingest/kinesisToKafka';
import { readStackFile, type StackFile } from '../../../../scripts/local/stackFile';
import type { BridgeKinesisBatchDeps } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { buildBridgeDeps } from '../../../../tasks/ingest/kinesisToKafka/clients';
import { readBridgeSettings } from '../../../../tasks/ingest/kinesisToKafka/config';
import type { ReusableProducer } from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { WithAdmin } from '../../../../tasks/ingest/kinesisToKafka/topicLimits';
import { withPlatformaticAdmin } from '../../../../tasks/onboarding/kafka/platformaticAdmin';
import type { DlqEnvelope } from '../../../../tasks/shared/dlq';
import type { KafkaConnectionConfig } from '../../../../tasks/shared/kafka/config';
import { LocalFileSecretStore } from '../../../../tasks/shared/secrets/localFileStore';
import { consumeMessages } from '../../../helpers/consume';
import { localKafkaClient } from '../../../helpers/localStack';
import { groupName, randomName, topicName, userName } from '../../../helpers/names';
import { deleteScramUser, upsertScramUser } from '../../../helpers/scramUsers';

/** An ACL on every topic whose name starts with `prefix`. */
function prefixedTopicAcl(user: string, prefix: string, operation: AclOperationTypes): AclEntry {
  return {
    resourceType: AclResourceTypes.TOPIC,
    resourceName: prefix,
    resourcePatternType: ResourcePatternTypes.PREFIXED,
    principal: `User:${user}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** The resources one test file creates on the local stack, removed by `cleanUp()`. */
export class BridgeFixture {
  readonly stack: StackFile = readStackFile();
  readonly topics: string[] = [];
  readonly queues: string[] = [];
  readonly prefixes: string[] = [];
  readonly producers: ReusableProducer[] = [];
  readonly users: string[] = [];
  #secretsDir: string | undefined;
  #kafka: Kafka | undefined;
  #sqs: SQSClient | undefined;
  #s3: S3Client | undefined;

  async kafka(): Promise<Kafka> {
    this.#kafka ??= await localKafkaClient();
    return this.#kafka;
  }

  get sqs(): SQSClient {
    this.#sqs ??= localSqsClient(this.stack);
    return this.#sqs;
  }

  get s3(): S3Client {
    this.#s3 ??= localS3Client(this.stack);
    return this.#s3;
  }

  /** Runs `fn` with a connected admin client of the local broker. */
  async withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = (await this.kafka()).admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /** A new topic (random name unless given) with the given partitions and topic configs. */
  async topic(
    options: { name?: string; partitions?: number; configs?: Record<string, string> } = {},
  ): Promise<string> {
    const topic = options.name ?? topicName();
    this.topics.push(topic);
    await this.withAdmin((admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: options.partitions ?? 1,
            configEntries: Object.entries(options.configs ?? {}).map(([name, value]) => ({ name, value })),
          },
        ],
      }),
    );
    return topic;
  }

  /** Sets the topic's dynamic configs (kafkajs AlterConfigs replaces them all, fine for a test topic). */
  async alterTopic(topic: string, configs: Record<string, string>): Promise<void> {
    await this.withAdmin((admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
          },
        ],
      }),
    );
  }

  /**
   * A new SCRAM user allowed to describe and write (nothing else: no DescribeConfigs) every topic starting
   * with `prefix`, and the local secret file holding its credentials.
   */
  async producerUser(prefix: string): Promise<{ name: string; secretFile: string }> {
    const name = userName();
    this.users.push(name);
    const password = randomName('pw');
    await upsertScramUser({ username: name, password });
    this.#secretsDir ??= mkdtempSync(join(tmpdir(), 'msk-flows-bridge-secrets-'));
    const secrets = new LocalFileSecretStore(this.#secretsDir);
    await secrets.put(name, JSON.stringify({ username: name, password }));
    await this.withAdmin((admin) =>
      admin.createAcls({
        acl: [
          prefixedTopicAcl(name, prefix, AclOperationTypes.DESCRIBE),
          prefixedTopicAcl(name, prefix, AclOperationTypes.WRITE),
        ],
      }),
    );
    return { name, secretFile: secrets.pathOf(name) };
  }

  /** Takes the user's WRITE on the prefix away, or gives it back. */
  async setWrite(user: string, prefix: string, allowed: boolean): Promise<void> {
    const acl = prefixedTopicAcl(user, prefix, AclOperationTypes.WRITE);
    await this.withAdmin(async (admin) => {
      if (allowed) await admin.createAcls({ acl: [acl] });
      else await admin.deleteAcls({ filters: [acl] });
    });
  }

  /** A new random DLQ queue on the local SQS and a random claim-check prefix in the local DLQ bucket. */
  async dlq(): Promise<{ queueUrl: string; bucket: string; prefix: string }> {
    const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: randomName('dlq') }));
    if (!QueueUrl) throw new Error('CreateQueue returned no URL');
    this.queues.push(QueueUrl);
    const prefix = `${randomName('bridge')}/`;
    this.prefixes.push(prefix);
    return { queueUrl: QueueUrl, bucket: LOCAL_DLQ_NAME, prefix };
  }

  /** The bridge's real deps (buildBridgeDeps) on the local stack, as `env` overrides configure them. */
  async deps(env: Record<string, string>): Promise<
    BridgeKinesisBatchDeps & {
      sender: ReusableProducer;
      dlq: { queueUrl: string; bucket: string; prefix: string };
    }
  > {
    const dlq = await this.dlq();
    const settings = readBridgeSettings({
      ...localBridgeEnv(this.stack),
      DLQ_QUEUE_URL: dlq.queueUrl,
      DLQ_BUCKET: dlq.bucket,
      DLQ_PREFIX: dlq.prefix,
      ...env,
    });
    const deps = buildBridgeDeps(settings, {
      observability: { logger: new Logger({ logLevel: 'SILENT' }), metrics: { addMetric: () => undefined } },
      sqs: () => this.sqs,
      s3: () => this.s3,
    });
    this.producers.push(deps.sender);
    return { ...deps, dlq };
  }

  /** A WithAdmin over the local broker as the admin, or as the user whose secret file is given. */
  withPlatformaticAdmin(secretFile?: string): WithAdmin {
    const env = localBridgeEnv(this.stack);
    const connection: KafkaConnectionConfig = {
      brokers: (env.KAFKA_BOOTSTRAP_SERVERS ?? '').split(','),
      auth: { type: 'scram', secret: secretFile ?? env.KAFKA_SECRET_ARN ?? '', plaintext: true },
    };
    return (fn) => withPlatformaticAdmin(connection, 'describeConfigs', fn);
  }

  /** Every envelope in the queue (long-polls until `count` arrived or 10 s passed). */
  async envelopes(queueUrl: string, count: number): Promise<DlqEnvelope[]> {
    const envelopes: DlqEnvelope[] = [];
    const deadline = Date.now() + 10_000;
    while (envelopes.length < count && Date.now() < deadline) {
      const { Messages } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const m of Messages ?? []) envelopes.push(JSON.parse(m.Body ?? '{}') as DlqEnvelope);
    }
    return envelopes;
  }

  /** The first `count` messages of the topic (all partitions). */
  async consume(topic: string, count: number): Promise<KafkaMessage[]> {
    return consumeMessages(await this.kafka(), { topic, groupId: groupName(), count, timeoutMs: 30_000 });
  }

  /** How many records the topic holds (sum of the partitions' high watermarks). */
  async recordCount(topic: string): Promise<number> {
    const offsets = await this.withAdmin((admin) => admin.fetchTopicOffsets(topic));
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.producers.map((p) => p.discard()));
    if (this.topics.length > 0) await this.withAdmin((admin) => admin.deleteTopics({ topics: this.topics }));
    for (const user of this.users) {
      await this.withAdmin((admin) =>
        admin.deleteAcls({
          filters: [
            {
              resourceType: AclResourceTypes.ANY,
              resourcePatternType: ResourcePatternTypes.ANY,
              principal: `User:${user}`,
              host: '*',
              operation: AclOperationTypes.ANY,
              permissionType: AclPermissionTypes.ANY,
            },
          ],
        }),
      );
      await deleteScramUser(user);
    }
    if (this.#secretsDir) rmSync(this.#secretsDir, { recursive: true, force: true });
    for (const QueueUrl of this.queues) await this.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    for (const Prefix of this.prefixes) {
      const { Contents } = await this.s3.send(new ListObjectsV2Command({ Bucket: LOCAL_DLQ_NAME, Prefix }));
      const Objects = (Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (Objects.length > 0) {
        await this.s3.send(new DeleteObjectsCommand({ Bucket: LOCAL_DLQ_NAME, Delete: { Objects } }));
      }
    }
    this.#sqs?.destroy();
    this.#s3?.destroy();
  }
}

/** A header of a consumed message as a string. */
export const header = (message: KafkaMessage, name: string): string | undefined =>
  message.headers?.[name]?.toString();
