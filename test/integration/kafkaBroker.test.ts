import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Kafka,
  ResourcePatternTypes,
} from 'kafkajs';
import { toKafkaError } from '../../tasks/shared/kafka/errors';
import { LocalFileSecretStore } from '../../tasks/shared/secrets/localFileStore';
import { consumeMessages } from '../helpers/consume';
import { localKafka, localKafkaClient } from '../helpers/localStack';
import { groupName, topicName, userName } from '../helpers/names';
import { deleteScramUser, upsertScramUser } from '../helpers/scramUsers';

describe('local Kafka broker', () => {
  let admin: Kafka;
  let secretsDir: string;
  let secrets: LocalFileSecretStore;
  const topics: string[] = [];
  const users: string[] = [];

  beforeAll(async () => {
    admin = await localKafkaClient();
    secretsDir = mkdtempSync(join(tmpdir(), 'msk-flows-secrets-'));
    secrets = new LocalFileSecretStore(secretsDir);
  });

  afterAll(async () => {
    const client = admin.admin();
    await client.connect();
    try {
      if (topics.length > 0) await client.deleteTopics({ topics });
      for (const user of users) {
        await client.deleteAcls({
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
        });
        await deleteScramUser(user);
      }
    } finally {
      await client.disconnect();
    }
    rmSync(secretsDir, { recursive: true, force: true });
  });

  /** Creates a one-partition topic holding `values`, produced by the admin with acks=-1. */
  async function topicWith(values: string[]): Promise<string> {
    const topic = topicName();
    topics.push(topic);
    const client = admin.admin();
    await client.connect();
    try {
      await client.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    } finally {
      await client.disconnect();
    }
    if (values.length === 0) return topic;
    const producer = admin.producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
    } finally {
      await producer.disconnect();
    }
    return topic;
  }

  /** Creates a SCRAM user on the broker and stores its credentials as a local secret file. */
  async function newUser(): Promise<{ name: string; secretFile: string }> {
    const name = userName();
    users.push(name);
    const password = `pw-${topicName()}`;
    await upsertScramUser({ username: name, password });
    await secrets.put(name, JSON.stringify({ username: name, password }));
    return { name, secretFile: secrets.pathOf(name) };
  }

  it('lets the SCRAM-SHA-512 admin describe the cluster when it uses the generated credentials', async () => {
    // Prepare
    const { brokers } = await localKafka();
    const client = admin.admin();

    // Act
    await client.connect();
    const cluster = await client.describeCluster().finally(() => client.disconnect());

    // Assess
    expect(brokers).toEqual(['127.0.0.1:9096']);
    expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: 9096 })]);
  });

  it('refuses the connection with a SASL authentication error when the password is wrong', async () => {
    // Prepare
    const { admin: credentials } = await localKafka();
    const wrongPassword = `${credentials.password}-wrong`;
    await secrets.put(
      'wrong-admin',
      JSON.stringify({ username: credentials.username, password: wrongPassword }),
    );
    const client = (await localKafkaClient(secrets.pathOf('wrong-admin'))).admin();

    // Act
    const error = await client.connect().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    // Assess
    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    expect(String((error as Error).message)).toMatch(/SCRAM SHA512 authentication failed/i);
    const typed = toKafkaError(error, { cluster: 'local' });
    expect(typed.name).toBe('KafkaAuthenticationError');
    expect(typed.message).not.toContain(wrongPassword);
  });

  it('denies reading a topic when the user has no ACLs', async () => {
    // Prepare
    const topic = await topicWith(['secret payload']);
    const user = await newUser();
    const kafka = await localKafkaClient(user.secretFile);

    // Act
    const error = await consumeMessages(kafka, { topic, groupId: groupName() }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    // Assess
    expect(error).toMatchObject({ name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(toKafkaError(error, { topic }).name).toBe('KafkaAuthorizationError');
  });

  it('refuses a user whose SCRAM credentials were deleted', async () => {
    // Prepare
    const user = await newUser();
    const kafka = await localKafkaClient(user.secretFile);
    const before = kafka.admin();
    await before.connect();
    await before.disconnect();

    // Act
    await deleteScramUser(user.name);
    users.splice(users.indexOf(user.name), 1);
    const error = await kafka
      .admin()
      .connect()
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );

    // Assess
    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it('round-trips a record produced with acks=-1 when every replica must acknowledge it', async () => {
    // Prepare
    const topic = await topicWith([]);
    const producer = admin.producer({ idempotent: true });
    await producer.connect();

    // Act
    const metadata = await producer
      .send({
        topic,
        acks: -1,
        messages: [{ key: 'k1', value: 'v1', headers: { source: 'integration-test' } }],
      })
      .finally(() => producer.disconnect());
    const [message] = await consumeMessages(admin, { topic, groupId: groupName() });

    // Assess
    expect(metadata).toEqual([
      expect.objectContaining({ topicName: topic, partition: 0, errorCode: 0, baseOffset: '0' }),
    ]);
    expect(message?.key?.toString()).toBe('k1');
    expect(message?.value?.toString()).toBe('v1');
    expect(message?.headers?.source?.toString()).toBe('integration-test');
  });

  it('reads the records produced with acks=-1 once READ on the topic and the group is granted', async () => {
    // Prepare
    const topic = await topicWith(['first', 'second']);
    const groupId = groupName();
    const user = await newUser();
    const acl = { principal: `User:${user.name}`, host: '*', permissionType: AclPermissionTypes.ALLOW };
    const client = admin.admin();
    await client.connect();
    await client
      .createAcls({
        acl: [
          {
            ...acl,
            resourceType: AclResourceTypes.TOPIC,
            resourceName: topic,
            resourcePatternType: ResourcePatternTypes.LITERAL,
            operation: AclOperationTypes.READ,
          },
          {
            ...acl,
            resourceType: AclResourceTypes.GROUP,
            resourceName: groupId,
            resourcePatternType: ResourcePatternTypes.LITERAL,
            operation: AclOperationTypes.READ,
          },
        ],
      })
      .finally(() => client.disconnect());
    const kafka = await localKafkaClient(user.secretFile);

    // Act
    const messages = await consumeMessages(kafka, { topic, groupId, count: 2 });

    // Assess
    expect(messages.map((message) => message.value?.toString())).toEqual(['first', 'second']);
  });
});
