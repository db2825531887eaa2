import { ConfigResourceTypes } from '@platformatic/kafka';
import { DEFAULT_POLICY } from '../../../tasks/onboarding/guardRails/defaults';
import { withPlatformaticAdmin } from '../../../tasks/onboarding/kafka/platformaticAdmin';
import { createAclsFor } from '../../helpers/guardRailFixtures';
import { localKafka, localKafkaConfig } from '../../helpers/localStack';
import { groupName, randomName, topicName, userName } from '../../helpers/names';
import {
  asAdmin,
  brokerState,
  localWorkflowDeps,
  NOTHING,
  removeFromBroker,
  runWithTasks,
  statesEntered,
} from '../../workflows/helpers/onboarding';

/**
 * Issue 7, cases 1, 2, 4 and 5, on the real local broker through the synthesized workflows: each unsafe
 * request is refused before any mutating state, naming the field and why, and what it aimed at is unchanged.
 * (Other test files share the broker, so each test compares only the resources it names.)
 */

const MUTATING_ONBOARDING = ['Upsert Scram User', 'Ensure Topics', 'Grant ACLs', 'Undo Changes'];
const MUTATING_OFFBOARDING = ['Revoke ACLs', 'Remove Credentials', 'Delete Topics'];

async function onboardingRequest(overrides: Record<string, unknown>) {
  const { brokers } = await localKafka();
  return {
    requestId: randomName('req'),
    cluster: { kind: 'self-managed', bootstrapServers: brokers },
    principal: userName(),
    topics: [],
    grants: [],
    ...overrides,
  };
}

async function topicConfig(topic: string, keys: string[]) {
  return withPlatformaticAdmin(await localKafkaConfig(), 'test', async (admin) => {
    const [described] = await admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: keys }],
    });
    return Object.fromEntries((described?.configs ?? []).map((c) => [c.name, c.value]));
  });
}

/** The refusal's message (a local run reports the Lambda-style `{ errorType, errorMessage }` as cause). */
const messageOf = (result: Awaited<ReturnType<typeof runWithTasks>>): string =>
  (JSON.parse(result.error?.cause ?? '{}') as { errorMessage?: string }).errorMessage ?? '';

/** Another team's resources a test created, removed after it whatever happened. */
const created: { principal: string; topics: string[] }[] = [];
afterEach(async () => {
  for (const { principal, topics } of created.splice(0)) await removeFromBroker(principal, topics);
});

const mutatingStates = (result: Awaited<ReturnType<typeof runWithTasks>>, mutating: string[]) =>
  statesEntered(result).filter((state) => mutating.includes(state));

describe('guard rails on the local broker', () => {
  it('refuses onboarding a broker super user (controller) in Plan Changes and creates no credential (case 1)', async () => {
    // Prepare
    const request = await onboardingRequest({ principal: 'controller' });

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    expect(messageOf(result)).toContain(
      'principal: "controller" is a super user of the brokers (super.users)',
    );
    expect(mutatingStates(result, MUTATING_ONBOARDING)).toEqual([]);
    expect(await brokerState('controller', [])).toEqual(NOTHING);
  });

  it('refuses onboarding the platform admin, naming it as the admin and as a super user', async () => {
    // Prepare
    const request = await onboardingRequest({ principal: 'admin' });
    const before = await brokerState('admin', []);

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    expect(messageOf(result)).toContain('"admin" is the platform admin');
    expect(messageOf(result)).toContain('"admin" is a super user of the brokers');
    expect(await brokerState('admin', [])).toEqual(before);
  });

  it('refuses offboarding the admin before any step removes anything; the admin still works (case 2)', async () => {
    // Prepare
    const request = await onboardingRequest({ principal: 'admin' });
    const before = await brokerState('admin', []);

    // Act
    const result = await runWithTasks('offboarding', request, localWorkflowDeps());

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    expect(messageOf(result)).toContain('principal: "admin" is the platform admin');
    expect(mutatingStates(result, MUTATING_OFFBOARDING)).toEqual([]);
    expect(before.scramMechanisms).toEqual(['SCRAM-SHA-512']);
    expect(await brokerState('admin', [])).toEqual(before);
    expect(await asAdmin(async (admin) => (await admin.describeCluster()).brokers.length)).toBe(1);
  });

  it('refuses offboarding a principal the policy reserves, in Validate Request', async () => {
    // Prepare
    const principal = userName();
    const request = await onboardingRequest({ principal });
    const deps = { ...localWorkflowDeps(), policy: { ...DEFAULT_POLICY, reservedPrincipals: [principal] } };

    // Act
    const result = await runWithTasks('offboarding', request, deps);

    // Assess
    expect(result.error?.name).toBe('RequestValidationError');
    expect(messageOf(result)).toContain(`principal: "${principal}" is reserved by the platform policy`);
    expect(statesEntered(result)).toEqual(['Validate Request']);
  });

  it('refuses every unsafe topic config with its field, leaving another team’s topic as it was (case 4)', async () => {
    // Prepare: another team's topic, onboarded normally.
    const topic = topicName();
    const owner = await onboardingRequest({
      topics: [{ name: topic, partitions: 1, config: { 'retention.ms': '86400000' } }],
    });
    created.push({ principal: owner.principal, topics: [topic] });
    expect((await runWithTasks('onboarding', owner, localWorkflowDeps())).status).toBe('SUCCEEDED');
    const keys = ['max.message.bytes', 'retention.ms', 'segment.bytes', 'min.insync.replicas'];
    const configBefore = await topicConfig(topic, keys);
    const fresh = topicName();
    const request = await onboardingRequest({
      topics: [
        {
          name: topic,
          partitions: 1,
          config: { 'max.message.bytes': '1', 'retention.ms': '1', 'segment.bytes': '14' },
        },
        { name: fresh, partitions: 1, config: { 'retention.ms': '-1', 'min.insync.replicas': '2' } },
      ],
    });

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    const cause = messageOf(result);
    expect(cause).toContain('topics[0].config["max.message.bytes"]: must be at least 1024 (1 KiB), got 1:');
    expect(cause).toContain('topics[0].config["retention.ms"]: must be at least 3600000 (1 h), got 1:');
    expect(cause).toContain('topics[0].config["segment.bytes"]: must be at least 1048576 (1 MiB), got 14:');
    expect(cause).toContain(
      'topics[1].config["retention.ms"]: -1 (no limit) is not allowed by the platform policy',
    );
    expect(cause).toContain(
      `topics[1].config["min.insync.replicas"]: must be less than the replication factor 1 (the brokers' default.replication.factor), got 2`,
    );
    expect(mutatingStates(result, MUTATING_ONBOARDING)).toEqual([]);
    expect(await topicConfig(topic, keys)).toEqual(configBefore);
    expect(await brokerState(request.principal, [fresh])).toEqual(NOTHING);
  });

  it('refuses a max.message.bytes above the limit the broker reports', async () => {
    // Prepare
    const request = await onboardingRequest({
      topics: [{ name: topicName(), partitions: 1, config: { 'max.message.bytes': '2000000' } }],
    });

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(messageOf(result)).toContain(
      `topics[0].config["max.message.bytes"]: must be at most the brokers' message.max.bytes 1048588, got 2000000`,
    );
    expect(await brokerState(request.principal, [])).toEqual(NOTHING);
  });

  it('refuses three-character prefixes that reach into another team’s topic and group (case 5)', async () => {
    // Prepare: team B's topic d0.<x> and group d0-<x>, with the ACLs msk-flows would grant it.
    const stem = randomName('x');
    const [other, theirTopic, theirGroup] = [userName(), `d0.${stem}`, `d0-${stem}`];
    created.push({ principal: other, topics: [theirTopic] });
    await createAclsFor(other, theirTopic, theirGroup);
    const before = await brokerState(other, [theirTopic]);
    const grant = { role: 'consumer', topic: 'd0.', patternType: 'prefixed', group: 'd0-' };
    const request = await onboardingRequest({ grants: [{ ...grant, groupPatternType: 'prefixed' }] });

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(result.error?.name).toBe('PlatformPolicyViolationError');
    const cause = messageOf(result);
    expect(cause).toContain(
      'grants[0].topic: a prefix must be at least 6 characters (platform policy), "d0." has 3',
    );
    expect(cause).toContain('grants[0].group: a prefix must be at least 6 characters');
    expect(cause).toMatch(
      new RegExp(
        `grants\\[0\\]\\.topic: prefix "d0\\." covers [^;]*topic "${theirTopic}" \\(held by ${other}\\)`,
      ),
    );
    expect(cause).toMatch(
      new RegExp(
        `grants\\[0\\]\\.group: prefix "d0-" covers [^;]*group "${theirGroup}" \\(held by ${other}\\)`,
      ),
    );
    expect(mutatingStates(result, MUTATING_ONBOARDING)).toEqual([]);
    expect(before).toEqual({ topics: [theirTopic], acls: 3, scramMechanisms: [], secretFile: false });
    expect(await brokerState(other, [theirTopic])).toEqual(before);
    expect(await brokerState(request.principal, [])).toEqual(NOTHING);
  });

  it('refuses a long, well-shaped prefix that still covers another team’s topic', async () => {
    // Prepare
    const stem = topicName();
    const [other, theirTopic] = [userName(), `${stem}.orders.events`];
    created.push({ principal: other, topics: [theirTopic] });
    await createAclsFor(other, theirTopic, groupName());
    const request = await onboardingRequest({
      grants: [{ role: 'producer', topic: `${stem}.`, patternType: 'prefixed' }],
    });

    // Act
    const result = await runWithTasks('onboarding', request, localWorkflowDeps());

    // Assess
    expect(messageOf(result)).toBe(
      `refused by the platform policy: grants[0].topic: prefix "${stem}." covers topic "${theirTopic}" (held by ${other}), which another principal holds ACLs on: name a narrower prefix or the topics themselves`,
    );
    expect(await brokerState(request.principal, [])).toEqual(NOTHING);
  });
});
