import type { Kafka } from 'kafkajs';
import { grantAcls } from '../../../tasks/onboarding/acl/grantAcls';
import { upsertScramUser } from '../../../tasks/onboarding/credentials/selfManaged/upsertScramUser';
import { AccessVerificationError } from '../../../tasks/onboarding/errors';
import { secretNameFor } from '../../../tasks/onboarding/request';
import { ensureTopics } from '../../../tasks/onboarding/topics/ensureTopics';
import {
  AUTHORIZATION_GRACE_ATTEMPTS,
  MAX_VERIFY_ATTEMPTS,
  verifyAccess,
} from '../../../tasks/onboarding/verifyAccess';
import { KafkaAuthorizationError, toKafkaError } from '../../../tasks/shared/kafka/errors';
import { consumeMessages } from '../../helpers/consume';
import { localKafkaClient } from '../../helpers/localStack';
import { groupName, topicName, userName } from '../../helpers/names';
import { cleanUpKafka, journal, type LocalDeps, localDeps, localRequest } from './fixtures';

describe('onboarding Kafka steps end to end', () => {
  let deps: LocalDeps;
  const principals: string[] = [];
  const topics: string[] = [];

  beforeEach(() => {
    deps = localDeps();
  });

  afterEach(async () => {
    await cleanUpKafka(principals.splice(0), topics.splice(0));
    deps.cleanUp();
  });

  /** Credentials, topics and ACLs for a consumer of `granted`; `other` exists but is not granted. */
  async function onboardConsumer() {
    const [principal, granted, other, group] = [userName(), topicName(), topicName(), groupName()];
    principals.push(principal);
    topics.push(granted, other);
    const request = await localRequest({
      principal,
      topics: [
        { name: granted, partitions: 1 },
        { name: other, partitions: 1 },
      ],
      grants: [{ role: 'consumer', topic: granted, group }],
    });
    let state = await upsertScramUser({ request, journal: journal() }, deps);
    state = await ensureTopics({ request, journal: state }, deps);
    state = await grantAcls({ request, journal: state }, deps);
    return { request, granted, other, group, journal: state };
  }

  /**
   * consumeMessages, tried again on a group-membership race (UNKNOWN_MEMBER_ID while a busy broker
   * rebalances; the helper's consumer has no retries); authorization errors are never retried.
   */
  async function consume(kafka: Kafka, options: Parameters<typeof consumeMessages>[1]) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await consumeMessages(kafka, options);
      } catch (error) {
        if (attempt >= 3 || toKafkaError(error) instanceof KafkaAuthorizationError) throw error;
      }
    }
  }

  /** Produces `values` to `topic` as the local admin. */
  async function produce(topic: string, values: string[]): Promise<void> {
    const producer = (await localKafkaClient()).producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
    } finally {
      await producer.disconnect();
    }
  }

  it('lets the new principal consume its topic with its group and denies a topic it was not granted', async () => {
    // Prepare
    const { request, granted, other, group, journal: state } = await onboardConsumer();
    await produce(granted, ['a', 'b']);
    await produce(other, ['secret']);
    const asPrincipal = await localKafkaClient(deps.secrets.pathOf(secretNameFor(request.principal)));

    // Act: the denied topic first; it fails at subscribe, before the group is joined, so the two
    // consumers never rebalance the same group against each other.
    const denied = await consume(asPrincipal, {
      topic: other,
      groupId: group,
      timeoutMs: 15_000,
    }).catch((error: unknown) => toKafkaError(error));
    const messages = await consume(asPrincipal, { topic: granted, groupId: group, count: 2 });

    // Assess
    expect(messages.map((message) => message.value?.toString())).toEqual(['a', 'b']);
    expect(denied).toBeInstanceOf(KafkaAuthorizationError);
    expect(state.ledger.map((entry) => entry.kind)).toEqual([
      'scram-user',
      'topic',
      'topic',
      'acl',
      'acl',
      'acl',
    ]);
  });

  it('verifies access for the onboarded principal at the first attempt', async () => {
    // Prepare
    const { request } = await onboardConsumer();

    // Act
    const result = await verifyAccess({ request, verification: { attempt: 0 } }, deps);

    // Assess
    expect(result).toEqual({ verified: true, attempt: 1, waitSeconds: 0 });
  });

  it('verifies a granted topic that does not exist, with a warning (DESCRIBE answers unknown, not denied)', async () => {
    // Prepare
    const [principal, missing] = [userName(), topicName()];
    principals.push(principal);
    const request = await localRequest({ principal, grants: [{ role: 'producer', topic: missing }] });
    await upsertScramUser({ request, journal: journal() }, deps);
    await grantAcls({ request, journal: journal() }, deps);

    // Act
    const result = await verifyAccess({ request, verification: { attempt: 0 } }, deps);

    // Assess
    expect(result).toEqual({ verified: true, attempt: 1, waitSeconds: 0 });
    expect(deps.logger.lines.join('\n')).toContain(missing);
  });

  it('answers verified false, not an error, while the SCRAM user does not exist yet', async () => {
    // Prepare: the secret is stored but the broker has no such user (MSK before propagation).
    const principal = userName();
    principals.push(principal);
    const request = await localRequest({ principal, grants: [{ role: 'producer', topic: topicName() }] });
    const password = 'not-yet-known-to-the-broker-0123456789ab';
    await deps.secrets.put(secretNameFor(principal), JSON.stringify({ username: principal, password }));

    // Act
    const first = await verifyAccess({ request, verification: { attempt: 0 } }, deps);
    const later = await verifyAccess({ request, verification: { attempt: 5 } }, deps);
    const last = verifyAccess({ request, verification: { attempt: MAX_VERIFY_ATTEMPTS - 1 } }, deps);

    // Assess
    expect(first).toEqual({ verified: false, attempt: 1, waitSeconds: 5 });
    expect(later).toEqual({ verified: false, attempt: 6, waitSeconds: 80 });
    await expect(last).rejects.toMatchObject({
      name: 'AccessVerificationError',
      reason: 'authentication',
      attempts: MAX_VERIFY_ATTEMPTS,
    });
    expect(deps.logger.lines.join('\n')).not.toContain(password);
  });

  it('gives up with AccessVerificationError when the principal logs in but is denied its topic', async () => {
    // Prepare: user and topic exist, ACLs were never granted.
    const [principal, topic] = [userName(), topicName()];
    principals.push(principal);
    topics.push(topic);
    const request = await localRequest({
      principal,
      topics: [{ name: topic, partitions: 1 }],
      grants: [{ role: 'consumer', topic, group: groupName() }],
    });
    await upsertScramUser({ request, journal: journal() }, deps);
    await ensureTopics({ request, journal: journal() }, deps);

    // Act
    const first = await verifyAccess({ request, verification: { attempt: 0 } }, deps);
    const last = verifyAccess({ request, verification: { attempt: AUTHORIZATION_GRACE_ATTEMPTS - 1 } }, deps);

    // Assess
    expect(first).toEqual({ verified: false, attempt: 1, waitSeconds: 5 });
    await expect(last).rejects.toBeInstanceOf(AccessVerificationError);
    await expect(last).rejects.toMatchObject({ reason: 'authorization', deniedTopics: [topic] });
  });
});
