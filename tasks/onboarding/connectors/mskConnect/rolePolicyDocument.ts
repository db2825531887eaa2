import type { ConnectorSpec } from '../../request/connectorsSchema';
import { connectorGroupFor } from '../../request/names';
import { ConnectorPreflightError } from '../errors';
import { keepsSchemaHistory, schemaHistoryGroupFor, schemaHistoryTopicFor } from '../names';

/**
 * The inline policy msk-flows puts on a connector's service execution role: `kafka-cluster:*` on exactly the
 * connector's own topics and groups and MSK Connect's internal ones, as MSK Connect's guide lists them
 * (https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-service-execution-role.html), with
 * resource ARNs built from the cluster ARN (https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html).
 */

export interface PolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The inline policy's name on the role: `msk-flows-connector-<connector>` (IAM allows 128 characters). */
export const rolePolicyNameFor = (connector: string): string =>
  `msk-flows-connector-${connector}`.slice(0, 128);

/** The role name of a role ARN (`arn:<partition>:iam::<account>:role/<path/>name`): IAM's calls take the name. */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** MSK Connect's internal topics and groups (offsets, configs, status) are named `__amazon_msk_connect_*`. */
const MSK_CONNECT_INTERNAL = '__amazon_msk_connect_*';

/** `arn:<partition>:kafka:<region>:<account>:<kind>/<cluster name>/<cluster uuid>/<name>` from the cluster ARN. */
function kafkaResource(clusterArn: string, kind: 'topic' | 'group', name: string): string {
  return clusterArn.replace(/:cluster\//, `:${kind}/`).concat(`/${name}`);
}

/**
 * The connector's own topics: a sink's `topics` list; a (Debezium) source's `topic.prefix` itself (its schema
 * change topic) and everything under `<prefix>.`. A sink by `topics.regex` or a source without `topic.prefix`
 * cannot be scoped and fails preflight naming the key.
 */
export function ownTopicsOf(spec: ConnectorSpec): string[] {
  if (spec.kind === 'sink') {
    const topics = (spec.config.topics ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (topics.length === 0)
      throw new ConnectorPreflightError(
        spec.name,
        'config.topics',
        'an MSK Connect sink must list its topics in "topics" (the service execution role is scoped to them; topics.regex is not supported)',
      );
    return topics;
  }
  const prefix = spec.config['topic.prefix']?.trim();
  if (!prefix)
    throw new ConnectorPreflightError(
      spec.name,
      'config.topic.prefix',
      'an MSK Connect source must set "topic.prefix" (the service execution role is scoped to <prefix> and <prefix>.*)',
    );
  return [prefix, `${prefix}.*`];
}

/** The policy document for `spec` on the cluster `clusterArn`, statements in a fixed order. */
export function rolePolicyDocumentFor(spec: ConnectorSpec, clusterArn: string): PolicyDocument {
  const topic = (name: string) => kafkaResource(clusterArn, 'topic', name);
  const group = (name: string) => kafkaResource(clusterArn, 'group', name);
  const own = ownTopicsOf(spec).map(topic);
  const statements: PolicyStatement[] = [
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
      Resource: [clusterArn],
    },
    spec.kind === 'sink'
      ? { Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Resource: own }
      : {
          // Debezium writes one topic per captured table: the worker creates them (topic.creation) when missing.
          Effect: 'Allow',
          Action: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
          Resource: own,
        },
    {
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      Resource: [topic(MSK_CONNECT_INTERNAL)],
    },
  ];
  const groups = [group(MSK_CONNECT_INTERNAL), group(connectorGroupFor(spec.name))];
  if (spec.kind === 'source' && keepsSchemaHistory(spec)) {
    statements.push({
      // Debezium's schema history creates its topic and checks its retention (DescribeConfigs).
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      Resource: [topic(schemaHistoryTopicFor(spec.name))],
    });
    groups.push(group(schemaHistoryGroupFor(spec.name)));
  }
  statements.push({
    Effect: 'Allow',
    Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
    Resource: groups,
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** The canonical JSON of a document (as msk-flows writes it), for comparing with what IAM returns. */
export const policyJson = (document: unknown): string => JSON.stringify(document);
