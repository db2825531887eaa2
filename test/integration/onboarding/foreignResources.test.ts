import { ConfigResourceTypes } from '@platformatic/kafka';
import { scramMechanismsOf } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { withPlatformaticAdmin } from '../../../tasks/onboarding/kafka/platformaticAdmin';
import type { RunResult } from '../../../workflows/local';
import { localKafka, localKafkaConfig } from '../../helpers/localStack';
import { randomName, topicName, userName } from '../../helpers/names';
import { deleteScramUser, upsertScramUser } from '../../helpers/scramUsers';
import {
  asAdmin,
  localWorkflowDeps,
  offboard,
  randomRequest,
  runWithTasks,
  statesEntered,
  type TestRequest,
} from '../../workflows/helpers/onboarding';

const run = (workflow: 'onboarding' | 'offboarding', input: unknown): Promise<RunResult> =>
  runWithTasks(workflow, input, localWorkflowDeps());

const mechanismsOf = async (user: string) =>
  withPlatformaticAdmin(await localKafkaConfig(), 'test', (admin) => scramMechanismsOf(admin, user));

async function topicConfig(topic: string, key: string): Promise<string | null | undefined> {
  return withPlatformaticAdmin(await localKafkaConfig(), 'test', async (admin) => {
    const [described] = await admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: [key] }],
    });
    return described?.configs.find((c) => c.name === key)?.value;
  });
}

async function topicExists(topic: string): Promise<boolean> {
  return asAdmin(async (admin) => (await admin.listTopics()).includes(topic));
}

/** Asserts a run failed in Plan Changes with ForeignResourceError, before any mutating state. */
function expectRefusedInPlan(result: RunResult, ...named: RegExp[]): void {
  expect(result.status).toBe('FAILED');
  expect(result.error?.name).toBe('ForeignResourceError');
  for (const pattern of named) expect(result.error?.cause).toMatch(pattern);
  const entered = statesEntered(result);
  expect(entered).toContain('Plan Changes');
  for (const mutating of [
    'Revoke ACLs',
    'Remove Credentials',
    'Delete Topics',
    'Upsert Scram User',
    'Ensure Topics',
  ])
    expect(entered).not.toContain(mutating);
}

describe('foreign resources (not created by msk-flows for the principal)', () => {
  const cleanUp: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
  });

  it("refuses to offboard the platform admin before any step, and leaves the admin's credential intact", async () => {
    // Prepare
    const { brokers, admin } = await localKafka();
    const request = {
      requestId: randomName('off-admin'),
      cluster: { kind: 'self-managed', bootstrapServers: brokers },
      principal: admin.username,
      topics: [],
      grants: [],
    };

    // Act
    const result = await run('offboarding', request);

    // Assess: the reserved-principal check (guard rails) refuses it even before the ownership plan.
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    expect(result.error?.cause).toMatch(new RegExp(admin.username));
    const entered = statesEntered(result);
    for (const mutating of ['Revoke ACLs', 'Remove Credentials', 'Delete Topics', 'Finish Unfinished Runs'])
      expect(entered).not.toContain(mutating);
    expect(await mechanismsOf(admin.username)).toEqual(['SCRAM-SHA-512']);
  });

  it('refuses to offboard a SCRAM user created outside msk-flows, and leaves it intact', async () => {
    // Prepare
    const username = userName();
    await upsertScramUser({ username, password: 'made-by-hand-0123456789abcdef' });
    cleanUp.push(() => deleteScramUser(username));
    const { brokers } = await localKafka();

    // Act
    const result = await run('offboarding', {
      requestId: randomName('off-foreign'),
      cluster: { kind: 'self-managed', bootstrapServers: brokers },
      principal: username,
    });

    // Assess
    expectRefusedInPlan(result, new RegExp(`scram-user ${username}`));
    expect(await mechanismsOf(username)).toEqual(['SCRAM-SHA-512']);
  });

  it("does not delete another team's topic when offboarding with deleteTopics", async () => {
    // Prepare: team A onboards its topic; team B names it in its offboarding.
    const { request: teamA, consumed } = await randomRequest();
    cleanUp.push(() => offboard(teamA));
    expect((await run('onboarding', teamA)).status).toBe('SUCCEEDED');
    const teamB = {
      ...teamA,
      requestId: randomName('req'),
      principal: userName(),
      grants: [],
      deleteTopics: true,
    };

    // Act
    const result = await run('offboarding', teamB);

    // Assess
    expectRefusedInPlan(result, new RegExp(`topic ${consumed} \\(delete; owned by ${teamA.principal}\\)`));
    expect(await topicExists(consumed)).toBe(true);
  });

  it("refuses to rewrite a foreign topic's configs in Plan Changes; an explicit adopt takes it over", async () => {
    // Prepare: a topic made outside msk-flows, with its own retention.
    const topic = topicName();
    await asAdmin((admin) =>
      admin.createTopics({
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
        waitForLeaders: true,
      }),
    );
    cleanUp.push(() => asAdmin((admin) => admin.deleteTopics({ topics: [topic] })));
    const { brokers } = await localKafka();
    const request: Omit<TestRequest, 'grants'> & { grants: [] } = {
      requestId: randomName('req'),
      cluster: { kind: 'self-managed', bootstrapServers: brokers },
      principal: userName(),
      topics: [{ name: topic, partitions: 1, replicationFactor: 1, config: { 'retention.ms': '7200000' } }],
      grants: [],
    };
    cleanUp.push(() => offboard({ ...request, topics: [] } as unknown as TestRequest));

    // Act
    const refused = await run('onboarding', request);
    const retentionAfterRefusal = await topicConfig(topic, 'retention.ms');
    const adopted = await run('onboarding', {
      ...request,
      requestId: randomName('req'),
      adopt: [{ kind: 'topic', name: topic }],
    });

    // Assess
    expectRefusedInPlan(refused, new RegExp(`topic ${topic} \\(retention.ms 3600000 -> 7200000\\)`), /adopt/);
    expect(retentionAfterRefusal).toBe('3600000');
    expect(adopted.status).toBe('SUCCEEDED');
    expect(await topicConfig(topic, 'retention.ms')).toBe('7200000');
  });

  it('refuses a config change on a topic another principal owns, naming the owner', async () => {
    // Prepare
    const { request: owner, consumed } = await randomRequest();
    cleanUp.push(() => offboard(owner));
    expect((await run('onboarding', owner)).status).toBe('SUCCEEDED');
    const other = {
      ...owner,
      requestId: randomName('req'),
      principal: userName(),
      topics: [
        { name: consumed, partitions: 3, replicationFactor: 1, config: { 'retention.ms': '10800000' } },
      ],
      grants: [],
    };

    // Act
    const result = await run('onboarding', other);

    // Assess
    expectRefusedInPlan(result, new RegExp(`topic ${consumed} .*owned by ${owner.principal}`));
    expect(await topicConfig(consumed, 'retention.ms')).toBe('86400000');
  });
});
