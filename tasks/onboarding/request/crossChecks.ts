import type * as z from 'zod';
import { MSK_CLUSTER_ARN, parseArn, SECRET_ARN, secretNameOfArn } from './arns';
import { MSK_SCRAM_SECRET_PREFIX } from './names';
import { PREFIX_MIN, RESOURCE_ID, TAGS_MAX, TOPIC_NAME } from './patterns';

/**
 * Checks that look at several fields at once. They run even when other fields already failed (so
 * one validation reports everything), hence they receive possibly invalid input and check each
 * value's type before using it, and stay silent about fields whose own rule already failed.
 */

type Ctx = z.RefinementCtx<unknown>;
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function fail(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

/** An MSK admin secret must be an `AmazonMSK_` secret in the cluster's own account and Region. */
export function clusterIssues(cluster: unknown, ctx: Ctx): void {
  if (!isObj(cluster) || cluster.kind !== 'msk') return;
  const clusterArn = str(cluster.arn);
  const secretArn = str(cluster.adminSecretArn);
  if (!secretArn || !SECRET_ARN.test(secretArn)) return;
  if (!secretNameOfArn(secretArn).startsWith(MSK_SCRAM_SECRET_PREFIX)) {
    fail(ctx, ['adminSecretArn'], `MSK only accepts SCRAM secrets named ${MSK_SCRAM_SECRET_PREFIX}…`);
  }
  if (!clusterArn || !MSK_CLUSTER_ARN.test(clusterArn)) return;
  const [c, s] = [parseArn(clusterArn), parseArn(secretArn)];
  if (c?.account !== s?.account || c?.region !== s?.region) {
    fail(ctx, ['adminSecretArn'], `must be in the cluster's account ${c?.account} and Region ${c?.region}`);
  }
}

/** A prefixed pattern that is too short, and a transactionalIdPatternType without its id. */
export function grantIssues(grant: unknown, ctx: Ctx): void {
  if (!isObj(grant)) return;
  const pairs: [string, string, RegExp][] = [
    ['topic', 'patternType', TOPIC_NAME],
    ['group', 'groupPatternType', RESOURCE_ID],
    ['transactionalId', 'transactionalIdPatternType', RESOURCE_ID],
  ];
  for (const [field, patternField, pattern] of pairs) {
    const name = str(grant[field]);
    if (grant[patternField] === 'prefixed' && name && pattern.test(name) && name.length < PREFIX_MIN) {
      fail(
        ctx,
        [field],
        `a prefix must be at least ${PREFIX_MIN} characters: "${name}" would match too much`,
      );
    }
  }
  if (grant.transactionalIdPatternType !== undefined && grant.transactionalId === undefined) {
    fail(ctx, ['transactionalIdPatternType'], 'only allowed together with transactionalId');
  }
}

/** Duplicate or colliding topics, min.insync.replicas above the replication factor, too many tags. */
export function requestIssues(request: unknown, ctx: Ctx): void {
  if (!isObj(request)) return;
  const topics = Array.isArray(request.topics) ? request.topics : [];
  const seen = new Map<string, { index: number; name: string }>();
  topics.forEach((topic: unknown, index) => {
    if (!isObj(topic)) return;
    const name = str(topic.name);
    if (name && TOPIC_NAME.test(name)) {
      // Kafka refuses topics whose names differ only in '.' vs '_': both map to the same metric name.
      const key = name.replaceAll('.', '_');
      const first = seen.get(key);
      if (!first) seen.set(key, { index, name });
      else if (first.name === name)
        fail(ctx, ['topics', index, 'name'], `duplicates topics[${first.index}].name`);
      else {
        const why = `Kafka treats '.' and '_' alike in metric names and refuses the second`;
        fail(
          ctx,
          ['topics', index, 'name'],
          `collides with topics[${first.index}].name "${first.name}": ${why}`,
        );
      }
    }
    const minIsr = isObj(topic.config) ? Number(str(topic.config['min.insync.replicas'])) : Number.NaN;
    const rf = topic.replicationFactor;
    if (typeof rf === 'number' && Number.isInteger(minIsr) && minIsr > rf) {
      const path = ['topics', index, 'config', 'min.insync.replicas'];
      fail(ctx, path, `${minIsr} exceeds replicationFactor ${rf}: every acks=all write would be rejected`);
    }
  });
  if (isObj(request.tags) && Object.keys(request.tags).length > TAGS_MAX) {
    fail(ctx, ['tags'], `at most ${TAGS_MAX} tags, got ${Object.keys(request.tags).length}`);
  }
}
