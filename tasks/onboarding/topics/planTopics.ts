import type { Admin } from '@platformatic/kafka';
import type { Change } from '../contracts';
import { TopicConfigDriftError } from '../errors';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest, TopicSpec } from '../request';
import { type ConfigDiff, describeConfigDiff, diffTopicConfig, isEmptyDiff } from './configDiff';
import { describeTopic, existingTopics } from './topicAdmin';

/** What Ensure Topics does to one requested topic. */
export type TopicAction =
  | { kind: 'create'; spec: TopicSpec }
  | {
      kind: 'reconcile';
      topic: string;
      /** Partition count to raise to (irreversible), when the request asks for more. */
      partitions?: { from: number; to: number };
      /** Config keys to set, with their previous values for undo. */
      config?: ConfigDiff;
      changes: Change[];
    }
  | { kind: 'none'; topic: string };

function createDetail(spec: TopicSpec): string {
  const config = Object.entries(spec.config).map(([key, value]) => `${key}=${value}`);
  const rf = spec.replicationFactor ?? 'broker default';
  return [`partitions ${spec.partitions}`, `replication factor ${rf}`, ...config].join(', ');
}

/** The Change lines of an action. */
export function topicActionChanges(action: TopicAction): Change[] {
  if (action.kind === 'create') {
    return [{ kind: 'topic', id: action.spec.name, action: 'create', detail: createDetail(action.spec) }];
  }
  if (action.kind === 'none') return [{ kind: 'topic', id: action.topic, action: 'none' }];
  return action.changes;
}

async function reconcile(admin: Admin, spec: TopicSpec, cluster: string | undefined): Promise<TopicAction> {
  const current = await describeTopic(admin, spec.name, Object.keys(spec.config));
  if (spec.partitions < current.partitions) {
    throw new TopicConfigDriftError(spec.name, 'partitions', current.partitions, spec.partitions, {
      cluster,
    });
  }
  if (spec.replicationFactor !== undefined && spec.replicationFactor !== current.replicationFactor) {
    throw new TopicConfigDriftError(
      spec.name,
      'replicationFactor',
      current.replicationFactor,
      spec.replicationFactor,
      {
        cluster,
      },
    );
  }
  const changes: Change[] = [];
  const partitions =
    spec.partitions > current.partitions ? { from: current.partitions, to: spec.partitions } : undefined;
  if (partitions) {
    const detail = `partitions ${partitions.from} -> ${partitions.to}`;
    changes.push({ kind: 'topic-partitions', id: spec.name, action: 'update', detail });
  }
  const diff = diffTopicConfig(spec.config, current.config);
  const config = isEmptyDiff(diff) ? undefined : diff;
  if (config) {
    changes.push({
      kind: 'topic-config',
      id: spec.name,
      action: 'update',
      detail: describeConfigDiff(config, current.config),
    });
  }
  if (changes.length === 0) return { kind: 'none', topic: spec.name };
  return { kind: 'reconcile', topic: spec.name, partitions, config, changes };
}

/**
 * Compares every requested topic with the cluster (read only): create, raise partitions and/or set
 * config keys, or nothing. Throws TopicConfigDriftError for fewer partitions or another replication
 * factor, before anything is changed.
 */
export async function analyzeTopics(
  request: Pick<OnboardingRequest, 'topics'>,
  admin: Admin,
  cluster?: string,
): Promise<TopicAction[]> {
  const existing = await existingTopics(
    admin,
    request.topics.map((topic) => topic.name),
  );
  const actions: TopicAction[] = [];
  for (const spec of request.topics) {
    actions.push(existing.has(spec.name) ? await reconcile(admin, spec, cluster) : { kind: 'create', spec });
  }
  return actions;
}

/** What Ensure Topics would change, touching nothing (dry run / Plan Changes). */
export async function planTopics(
  request: Pick<OnboardingRequest, 'topics' | 'cluster'>,
  deps: KafkaStepDeps,
): Promise<Change[]> {
  if (request.topics.length === 0) return [];
  const connection = await deps.connect(request.cluster);
  const actions = await withPlatformaticAdmin(connection, 'planTopics', (admin) =>
    analyzeTopics(request, admin, connection.cluster),
  );
  return actions.flatMap(topicActionChanges);
}
