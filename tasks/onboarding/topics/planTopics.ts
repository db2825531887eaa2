import type { Admin } from '@platformatic/kafka';
import type { Change } from '../contracts';
import { TopicConfigDriftError } from '../errors';
import type { KafkaStepDeps } from '../kafka/types';
import { ForeignResourceError, type OwnershipProblem } from '../registry/errors';
import type { RegistryView } from '../registry/fold';
import { mayChange, type RunContext, runContextOf, standingOf } from '../registry/runContext';
import { withAdminAndRegistryView } from '../registry/viewSession';
import type { OnboardingRequest, TopicSpec } from '../request';
import { type ConfigDiff, describeConfigDiff, diffTopicConfig, isEmptyDiff } from './configDiff';
import { describeTopics, existingTopics, type TopicDescription } from './topicAdmin';

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

/** The request fields topic planning reads. */
export type TopicsRequest = Pick<OnboardingRequest, 'topics' | 'cluster' | 'principal' | 'requestId'> &
  Partial<Pick<OnboardingRequest, 'adopt'>>;

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

function reconcile(spec: TopicSpec, current: TopicDescription, cluster: string | undefined): TopicAction {
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
      { cluster },
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
 * Compares every requested topic with the cluster (read only; one listing, one Metadata, one
 * DescribeConfigs): create, raise partitions and/or set config keys, or nothing. Throws
 * TopicConfigDriftError for fewer partitions or another replication factor, before anything is changed.
 */
export async function analyzeTopics(
  request: Pick<OnboardingRequest, 'topics'>,
  admin: Admin,
  cluster?: string,
): Promise<TopicAction[]> {
  const names = request.topics.map((topic) => topic.name);
  const existing = await existingTopics(admin, names);
  const described = await describeTopics(
    admin,
    request.topics
      .filter((spec) => existing.has(spec.name))
      .map((spec) => ({ name: spec.name, configKeys: Object.keys(spec.config) })),
  );
  return request.topics.map((spec) => {
    const current = described.get(spec.name);
    return current ? reconcile(spec, current, cluster) : { kind: 'create', spec };
  });
}

/**
 * Refuses, naming each, changes to existing topics this principal does not own: foreign ones (not in
 * the registry and not adopted) and ones another principal owns. Nothing has been changed yet.
 */
export function assertTopicsChangeable(actions: TopicAction[], view: RegistryView, ctx: RunContext): void {
  const problems: OwnershipProblem[] = [];
  for (const action of actions) {
    if (action.kind !== 'reconcile') continue;
    const { standing, holder } = standingOf(view, { kind: 'topic', id: action.topic }, ctx);
    if (mayChange(standing)) continue;
    problems.push({
      kind: 'topic',
      id: action.topic,
      action: action.changes.map((c) => c.detail ?? c.kind).join(', '),
      ownedBy: holder?.principal,
    });
  }
  if (problems.length > 0) throw new ForeignResourceError(ctx.owner.principal, problems);
}

/** What Ensure Topics would change, touching nothing (dry run / Plan Changes); refuses foreign topics. */
export async function planTopics(request: TopicsRequest, deps: KafkaStepDeps): Promise<Change[]> {
  if (request.topics.length === 0) return [];
  const connection = await deps.connect(request.cluster);
  const ctx = runContextOf(request);
  const actions = await withAdminAndRegistryView(connection, 'planTopics', async (admin, registry) => {
    const [view, analyzed] = await Promise.all([
      registry.view(),
      analyzeTopics(request, admin, connection.cluster),
    ]);
    assertTopicsChangeable(analyzed, view, ctx);
    return analyzed;
  });
  return actions.flatMap(topicActionChanges);
}
