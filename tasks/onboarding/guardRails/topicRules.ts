import type { RequestIssue } from '../errors';
import { formatPath } from '../request/formatPath';
import type { TopicSpec } from '../request/schema';
import {
  type ConfigRule,
  type IntegerRule,
  isListRule,
  type ListRule,
  type PlatformPolicy,
} from './defaults';
import type { ClusterFacts } from './facts';

/** `3600000` → `3600000 (1 h)` for a `.ms` key, `1048576 (1 MiB)` for a bytes key; else the number. */
export function describeValue(key: string, n: number): string {
  const units: [number, string][] = key.endsWith('.ms')
    ? [
        [86_400_000, 'd'],
        [3_600_000, 'h'],
        [60_000, 'min'],
        [1_000, 's'],
      ]
    : key.endsWith('bytes')
      ? [
          [1_073_741_824, 'GiB'],
          [1_048_576, 'MiB'],
          [1_024, 'KiB'],
        ]
      : [];
  const unit = units.find(([size]) => n >= size && n % size === 0);
  return unit ? `${n} (${n / unit[0]} ${unit[1]})` : String(n);
}

const because = (rule: ConfigRule) => (rule.why ? `: ${rule.why}` : '');

function integerProblem(key: string, value: string, rule: IntegerRule): string | undefined {
  if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    return `must be a whole number, got ${JSON.stringify(value)}`;
  }
  const n = Number(value);
  if (n === -1 && rule.allowMinusOne) return undefined;
  if (n === -1) return `-1 (no limit) is not allowed by the platform policy${because(rule)}`;
  if (rule.min !== undefined && n < rule.min) {
    return `must be at least ${describeValue(key, rule.min)}, got ${describeValue(key, n)}${because(rule)}`;
  }
  if (rule.max !== undefined && n > rule.max) {
    return `must be at most ${describeValue(key, rule.max)}, got ${describeValue(key, n)}${because(rule)}`;
  }
  return undefined;
}

function listProblem(value: string, rule: ListRule): string | undefined {
  const parts = rule.multiple ? value.split(',').map((p) => p.trim()) : [value];
  const unknown = parts.filter((p) => !rule.values.includes(p));
  const repeated = parts.length !== new Set(parts).size;
  if (unknown.length === 0 && !repeated) return undefined;
  const expected = rule.values.map((v) => JSON.stringify(v)).join(', ');
  return rule.multiple
    ? `must be one or more of ${expected}, comma-separated, each once; got ${JSON.stringify(value)}`
    : `must be one of ${expected}, got ${JSON.stringify(value)}`;
}

/** The replication factor the topic will have, and where it comes from; undefined when unknown. */
export function effectiveReplicationFactor(
  topic: TopicSpec,
  facts: ClusterFacts,
): { value: number; source: string } | undefined {
  if (topic.replicationFactor !== undefined) return { value: topic.replicationFactor, source: 'requested' };
  const existing = facts.existingReplicationFactors[topic.name];
  if (existing !== undefined) return { value: existing, source: 'of the existing topic' };
  if (facts.defaultReplicationFactor !== undefined) {
    return { value: facts.defaultReplicationFactor, source: "the brokers' default.replication.factor" };
  }
  return undefined;
}

/** Bounds that depend on the cluster: message.max.bytes, and min.insync.replicas below the replication factor. */
function clusterProblem(key: string, value: string, topic: TopicSpec, facts: ClusterFacts) {
  const n = Number(value);
  if (key === 'max.message.bytes' && facts.messageMaxBytes !== undefined && n > facts.messageMaxBytes) {
    return `must be at most the brokers' message.max.bytes ${describeValue(key, facts.messageMaxBytes)}, got ${describeValue(key, n)}: larger records are accepted by no broker's replication or consumer fetch defaults`;
  }
  if (key === 'min.insync.replicas' && n > 1) {
    const rf = effectiveReplicationFactor(topic, facts);
    if (!rf)
      return 'cannot be checked: the cluster did not report its default.replication.factor; give replicationFactor';
    if (n >= rf.value) {
      const why =
        n > rf.value
          ? 'more in-sync replicas than the topic has, so no acks=all write can ever succeed'
          : 'with every replica required, one broker down stops every acks=all write';
      return `must be less than the replication factor ${rf.value} (${rf.source}), got ${n}: ${why}`;
    }
  }
  return undefined;
}

/** Every bound a requested topic breaks: partitions, replication factor, each config key and value. */
export function topicIssues(
  topic: TopicSpec,
  index: number,
  policy: PlatformPolicy,
  facts: ClusterFacts,
): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const at = (...path: PropertyKey[]) => formatPath(['topics', index, ...path]);
  const { partitions, replicationFactor: rfBounds } = policy;
  if (topic.partitions < partitions.min || topic.partitions > partitions.max) {
    issues.push({
      path: at('partitions'),
      message: `must be ${partitions.min}–${partitions.max} (platform policy), got ${topic.partitions}`,
    });
  }
  const rf = topic.replicationFactor;
  if (rf !== undefined) {
    if (rf < rfBounds.min || (rfBounds.max !== undefined && rf > rfBounds.max)) {
      const bounds =
        rfBounds.max === undefined ? `at least ${rfBounds.min}` : `${rfBounds.min}–${rfBounds.max}`;
      issues.push({
        path: at('replicationFactor'),
        message: `must be ${bounds} (platform policy), got ${rf}`,
      });
    } else if (facts.brokerCount !== undefined && rf > facts.brokerCount) {
      const message = `must be at most the ${facts.brokerCount} broker(s) of the cluster, got ${rf}`;
      issues.push({ path: at('replicationFactor'), message });
    }
  }
  for (const [key, value] of Object.entries(topic.config)) {
    const rule = Object.hasOwn(policy.topicConfig, key) ? policy.topicConfig[key] : undefined;
    if (!rule) {
      const allowed = Object.keys(policy.topicConfig).sort().join(', ');
      issues.push({
        path: at('config', key),
        message: `not a topic config the platform allows (allowed: ${allowed})`,
      });
      continue;
    }
    const problem = isListRule(rule)
      ? listProblem(value, rule)
      : (integerProblem(key, value, rule) ?? clusterProblem(key, value, topic, facts));
    if (problem) issues.push({ path: at('config', key), message: problem });
  }
  return issues;
}
