import { setTimeout } from 'node:timers/promises';
import {
  type Admin,
  ConfigResourceTypes,
  ConfigSources,
  createTopicsV5,
  IncrementalAlterConfigOperationTypes,
} from '@platformatic/kafka';
import { KafkaRetriableError } from '../../shared/kafka/errors';
import { controllerConnection } from '../kafka/platformaticAdmin';
import { onlyProtocolErrors } from '../kafka/platformaticErrors';
import type { TopicSpec } from '../request';
import type { CurrentConfigValue } from './configDiff';

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

/**
 * Whether the controller knows the topic: a validate-only CreateTopics answers TOPIC_ALREADY_EXISTS.
 * Authoritative where listings are not: brokers apply a just-committed topic to their metadata a moment
 * after the call that created it returned. (CreateTopics v5: Kafka ≥ 2.4.)
 */
async function controllerKnowsTopic(admin: Admin, name: string): Promise<boolean> {
  const probe = { name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] };
  try {
    await createTopicsV5.api.async(await controllerConnection(admin), [probe], 30_000, true);
    return false;
  } catch (error) {
    if (onlyProtocolErrors(error, 'TOPIC_ALREADY_EXISTS')) return true;
    throw error;
  }
}

/** Which of `names` exist on the cluster (the listing, confirmed with the controller for unlisted ones). */
export async function existingTopics(admin: Admin, names: readonly string[]): Promise<Set<string>> {
  const listed = new Set(await admin.listTopics({ includeInternals: false }));
  const existing = new Set(names.filter((name) => listed.has(name)));
  for (const name of names) {
    if (!listed.has(name) && (await controllerKnowsTopic(admin, name))) existing.add(name);
  }
  return existing;
}

/** Topic metadata, waiting up to `timeoutMs` for a topic the controller knows to reach the broker's metadata. */
async function visibleMetadata(admin: Admin, name: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const topic = (await admin.metadata({ topics: [name], forceUpdate: true })).topics.get(name);
      if (topic && topic.partitionsCount > 0) return topic;
    } catch (error) {
      // @platformatic/kafka reports a topic missing from the metadata as a UserError "Unknown topic".
      if ((error as { code?: string }).code !== 'PLT_KFK_USER' || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      throw new KafkaRetriableError(`topic ${name} exists but is not in the metadata yet`, {
        context: { topic: name },
      });
    }
    await setTimeout(250);
  }
}

/** Partitions, replication factor and the `configKeys` of an existing topic (fresh metadata, not cached). */
export async function describeTopic(
  admin: Admin,
  name: string,
  configKeys: readonly string[],
): Promise<TopicDescription> {
  const topic = await visibleMetadata(admin, name);
  const partitions = topic.partitionsCount;
  const replicationFactor = Math.max(0, ...topic.partitions.map((partition) => partition.replicas.length));
  const config = new Map<string, CurrentConfigValue>();
  if (configKeys.length > 0) {
    const [described] = await admin.describeConfigs({
      resources: [
        { resourceType: ConfigResourceTypes.TOPIC, resourceName: name, configurationKeys: [...configKeys] },
      ],
    });
    for (const entry of described?.configs ?? []) {
      config.set(entry.name, {
        value: entry.value ?? null,
        setOnTopic: entry.configSource === ConfigSources.DYNAMIC_TOPIC_CONFIG,
      });
    }
  }
  return { name, partitions, replicationFactor, config };
}

/** Creates the topic with its partitions, replication factor (absent: the broker default) and config. */
export async function createTopic(admin: Admin, spec: TopicSpec): Promise<void> {
  await admin.createTopics({
    topics: [spec.name],
    partitions: spec.partitions,
    replicas: spec.replicationFactor ?? -1,
    configs: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
  });
}

/** Raises the topic's partition count to `count` (irreversible in Kafka). */
export async function addPartitions(admin: Admin, topic: string, count: number): Promise<void> {
  await admin.createPartitions({ topics: [{ name: topic, count }] });
}

/**
 * Sets only the named keys with KIP-339 IncrementalAlterConfigs (never the legacy AlterConfigs, which
 * replaces every dynamic key); a `null` value deletes the key from the topic, back to its default.
 */
export async function alterTopicConfig(
  admin: Admin,
  topic: string,
  values: Record<string, string | null>,
): Promise<void> {
  const configs: IncrementalConfig[] = Object.entries(values).map(([name, value]) =>
    value === null
      ? { name, configOperation: IncrementalAlterConfigOperationTypes.DELETE }
      : { name, configOperation: IncrementalAlterConfigOperationTypes.SET, value },
  );
  if (configs.length === 0) return;
  await admin.incrementalAlterConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configs }],
  });
}

/** Deletes the topic; false when it did not exist. */
export async function deleteTopic(admin: Admin, topic: string): Promise<boolean> {
  try {
    await admin.deleteTopics({ topics: [topic] });
    return true;
  } catch (error) {
    if (onlyProtocolErrors(error, 'UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID')) return false;
    throw error;
  }
}
