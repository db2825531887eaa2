import { setTimeout } from 'node:timers/promises';
import {
  type Admin,
  ConfigResourceTypes,
  ConfigSources,
  createTopicsV5,
  IncrementalAlterConfigOperationTypes,
} from '@platformatic/kafka';
import { KafkaOperationError, KafkaRetriableError } from '../../shared/kafka/errors';
import { controllerConnection } from '../kafka/platformaticAdmin';
import type { TopicSpec } from '../request';
import type { CurrentConfigValue } from './configDiff';

/**
 * Topic admin calls, each ONE request for all the topics of a step (Kafka's admin APIs take lists:
 * 50 topics in one DeleteTopics take ~30 ms locally, one by one 1.5 s).
 */

type IncrementalConfig = Parameters<
  Admin['incrementalAlterConfigs']
>[0]['resources'][number]['configs'][number];

/** An existing topic as the workflow compares it with a request. */
export interface TopicDescription {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Only the keys asked for. */
  config: Map<string, CurrentConfigValue>;
}

const TOPIC_ALREADY_EXISTS = 36;

/** Kafka's names of the errors CreateTopics answers per topic (the protocol's error codes). */
const CREATE_TOPICS_ERRORS: Readonly<Record<number, string>> = {
  7: 'REQUEST_TIMED_OUT',
  17: 'INVALID_TOPIC_EXCEPTION',
  29: 'TOPIC_AUTHORIZATION_FAILED',
  31: 'CLUSTER_AUTHORIZATION_FAILED',
  37: 'INVALID_PARTITIONS',
  38: 'INVALID_REPLICATION_FACTOR',
  39: 'INVALID_REPLICA_ASSIGNMENT',
  40: 'INVALID_CONFIG',
  41: 'NOT_CONTROLLER',
  44: 'POLICY_VIOLATION',
  89: 'THROTTLING_QUOTA_EXCEEDED',
};

/** `INVALID_CONFIG (40)`: what a person can look up, with the code for the rest. */
const createTopicsError = (code: number | undefined) =>
  `${(code !== undefined && CREATE_TOPICS_ERRORS[code]) || 'error'} (${code})`;

/** Per-topic error codes of a CreateTopics answer (0 = created), from its response or its ResponseError. */
function createTopicsOutcome(resultOrError: unknown): Map<string, number> {
  const response = (resultOrError as { response?: unknown })?.response ?? resultOrError;
  const topics = (response as { topics?: { name: string; errorCode: number }[] } | undefined)?.topics;
  return new Map((topics ?? []).map((t) => [t.name, t.errorCode]));
}

/** Sends one CreateTopics v5 to the controller; per-topic error codes come back, other failures throw. */
async function createTopicsRaw(
  admin: Admin,
  topics: Parameters<typeof createTopicsV5.api.async>[1],
  validateOnly: boolean,
): Promise<Map<string, number>> {
  try {
    return createTopicsOutcome(
      await createTopicsV5.api.async(await controllerConnection(admin), topics, 30_000, validateOnly),
    );
  } catch (error) {
    const outcome = createTopicsOutcome(error);
    if (outcome.size === 0) throw error;
    return outcome;
  }
}

/**
 * Which of `names` exist: the listing, and for the unlisted ones one validate-only CreateTopics to the
 * controller (TOPIC_ALREADY_EXISTS is authoritative where a broker's metadata may lag a just-made topic).
 */
export async function existingTopics(admin: Admin, names: readonly string[]): Promise<Set<string>> {
  const listed = new Set(await admin.listTopics({ includeInternals: false }));
  const existing = new Set(names.filter((name) => listed.has(name)));
  const unlisted = [...new Set(names.filter((name) => !listed.has(name)))];
  if (unlisted.length === 0) return existing;
  const probes = unlisted.map((name) => ({
    name,
    numPartitions: -1,
    replicationFactor: -1,
    assignments: [],
    configs: [],
  }));
  const outcome = await createTopicsRaw(admin, probes, true);
  for (const name of unlisted) if (outcome.get(name) === TOPIC_ALREADY_EXISTS) existing.add(name);
  return existing;
}

/** Metadata of `names`, waiting up to `timeoutMs` for topics the controller knows to reach the broker. */
async function visibleMetadata(admin: Admin, names: readonly string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.metadata({ topics: [...names], forceUpdate: true });
      if (names.every((name) => (topics.get(name)?.partitionsCount ?? 0) > 0)) return topics;
    } catch (error) {
      // @platformatic/kafka reports a topic missing from the metadata as a UserError "Unknown topic".
      if ((error as { code?: string }).code !== 'PLT_KFK_USER' || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      throw new KafkaRetriableError(`topics ${names.join(', ')} exist but are not in the metadata yet`, {
        context: { topic: names[0] },
      });
    }
    await setTimeout(100);
  }
}

/** Partitions, replication factor and the asked config keys of existing topics: one Metadata, one DescribeConfigs. */
export async function describeTopics(
  admin: Admin,
  specs: readonly { name: string; configKeys: readonly string[] }[],
): Promise<Map<string, TopicDescription>> {
  const out = new Map<string, TopicDescription>();
  if (specs.length === 0) return out;
  const metadata = await visibleMetadata(
    admin,
    specs.map((s) => s.name),
  );
  for (const { name } of specs) {
    const topic = metadata.get(name);
    const replicationFactor = Math.max(0, ...(topic?.partitions ?? []).map((p) => p.replicas.length));
    out.set(name, { name, partitions: topic?.partitionsCount ?? 0, replicationFactor, config: new Map() });
  }
  const withKeys = specs.filter((s) => s.configKeys.length > 0);
  if (withKeys.length === 0) return out;
  const described = await admin.describeConfigs({
    resources: withKeys.map((s) => ({
      resourceType: ConfigResourceTypes.TOPIC,
      resourceName: s.name,
      configurationKeys: [...s.configKeys],
    })),
  });
  for (const resource of described) {
    const config = out.get(resource.resourceName)?.config;
    for (const entry of resource.configs) {
      config?.set(entry.name, {
        value: entry.value ?? null,
        setOnTopic: entry.configSource === ConfigSources.DYNAMIC_TOPIC_CONFIG,
      });
    }
  }
  return out;
}

/** One existing topic's description (see describeTopics). */
export async function describeTopic(
  admin: Admin,
  name: string,
  configKeys: readonly string[],
): Promise<TopicDescription> {
  const described = (await describeTopics(admin, [{ name, configKeys }])).get(name);
  if (!described) throw new KafkaRetriableError(`topic ${name} not described`, { context: { topic: name } });
  return described;
}

/**
 * Creates the topics in one CreateTopics (each with its partitions, replication factor or the broker
 * default, and config). Returns the names created and the names that already existed; any other
 * per-topic failure throws, after the ones that were created are known to the caller via `created`.
 */
export async function createTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  created: Set<string> = new Set(),
): Promise<{ created: Set<string>; alreadyExisted: Set<string> }> {
  const alreadyExisted = new Set<string>();
  if (specs.length === 0) return { created, alreadyExisted };
  const outcome = await createTopicsRaw(
    admin,
    specs.map((spec) => ({
      name: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: spec.replicationFactor ?? -1,
      assignments: [],
      configs: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
    })),
    false,
  );
  const failed: string[] = [];
  for (const spec of specs) {
    const code = outcome.get(spec.name);
    if (code === 0) created.add(spec.name);
    else if (code === TOPIC_ALREADY_EXISTS) alreadyExisted.add(spec.name);
    else failed.push(`${spec.name}: ${createTopicsError(code)}`);
  }
  if (failed.length > 0) {
    throw new KafkaOperationError(`CreateTopics failed for ${failed.join(', ')}`, {
      context: { operation: 'createTopics' },
    });
  }
  return { created, alreadyExisted };
}

/** Raises partition counts (irreversible in Kafka), all topics in one CreatePartitions. */
export async function addPartitions(admin: Admin, raises: readonly { topic: string; count: number }[]) {
  if (raises.length === 0) return;
  await admin.createPartitions({ topics: raises.map(({ topic, count }) => ({ name: topic, count })) });
}

/**
 * Sets only the named keys with KIP-339 IncrementalAlterConfigs (never the legacy AlterConfigs, which
 * replaces every dynamic key), all topics in one request; a `null` value deletes the key (its default).
 */
export async function alterTopicConfigs(
  admin: Admin,
  changes: readonly { topic: string; values: Record<string, string | null> }[],
): Promise<void> {
  const resources = changes
    .map(({ topic, values }) => ({
      resourceType: ConfigResourceTypes.TOPIC,
      resourceName: topic,
      configs: Object.entries(values).map(
        ([name, value]): IncrementalConfig =>
          value === null
            ? { name, configOperation: IncrementalAlterConfigOperationTypes.DELETE }
            : { name, configOperation: IncrementalAlterConfigOperationTypes.SET, value },
      ),
    }))
    .filter((resource) => resource.configs.length > 0);
  if (resources.length === 0) return;
  await admin.incrementalAlterConfigs({ resources });
}

/** Deletes whichever of `topics` exist, in one DeleteTopics; returns the names deleted. */
export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<Set<string>> {
  const existing = await existingTopics(admin, topics);
  const names = topics.filter((t) => existing.has(t));
  if (names.length > 0) await admin.deleteTopics({ topics: names });
  return new Set(names);
}
