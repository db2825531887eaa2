import type { Admin } from '@platformatic/kafka';
import type { Change, ClusterRef, LedgerEntry } from '../contracts';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../kafka/types';
import { alterTopicConfig, deleteTopic, existingTopics } from './topicAdmin';

type TopicEntry = Extract<LedgerEntry, { kind: 'topic' }>;
type TopicConfigEntry = Extract<LedgerEntry, { kind: 'topic-config' }>;

/** Deletes a topic this execution created, with an open admin; already gone → 'none'. */
export async function undoTopicWith(admin: Admin, entry: TopicEntry): Promise<Change> {
  const deleted = await deleteTopic(admin, entry.topic);
  return {
    kind: 'topic',
    id: entry.topic,
    action: deleted ? 'delete' : 'none',
    detail: deleted ? undefined : 'already gone',
  };
}

/** Restores the config keys this execution set, with an open admin: old values back, defaults deleted. */
export async function undoTopicConfigWith(admin: Admin, entry: TopicConfigEntry): Promise<Change> {
  if (!(await existingTopics(admin, [entry.topic])).has(entry.topic)) {
    return { kind: 'topic-config', id: entry.topic, action: 'none', detail: 'topic gone' };
  }
  await alterTopicConfig(admin, entry.topic, entry.previous);
  const detail = Object.entries(entry.previous)
    .map(([key, value]) => `${key} -> ${value ?? '(default)'}`)
    .join(', ');
  return { kind: 'topic-config', id: entry.topic, action: 'update', detail: `restored ${detail}` };
}

/** Compensation: deletes a topic THIS execution created. */
export async function undoTopic(
  entry: TopicEntry,
  cluster: ClusterRef,
  deps: KafkaStepDeps,
): Promise<Change> {
  const connection = await deps.connect(cluster);
  const change = await withPlatformaticAdmin(connection, 'undoTopic', (admin) => undoTopicWith(admin, entry));
  deps.logger.info('topic undone', { topic: entry.topic, action: change.action });
  return change;
}

/** Compensation: restores the config keys THIS execution changed on an existing topic, exactly. */
export async function undoTopicConfig(
  entry: TopicConfigEntry,
  cluster: ClusterRef,
  deps: KafkaStepDeps,
): Promise<Change> {
  const connection = await deps.connect(cluster);
  const change = await withPlatformaticAdmin(connection, 'undoTopicConfig', (admin) =>
    undoTopicConfigWith(admin, entry),
  );
  deps.logger.info('topic config undone', { topic: entry.topic, action: change.action });
  return change;
}
