import { Arn, ArnFormat } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ClusterSpec } from '../../tasks/onboarding/request/schema';
import type { ReplayFunctions } from '../../workflows/dlq-replay/functions';
import { LOCK_PREFIX, PARKING_PREFIX } from './replayParking';

/** Everything a deployment's replays may touch; the roles get exactly these, nothing by pattern. */
export interface ReplayResources {
  /** Dead-letter queues replays read (and delete from). */
  sources: IQueue[];
  /** Queues replays may re-send to (e.g. the IoT batcher's source queue). */
  queueTargets: IQueue[];
  /** Functions replays may invoke. */
  functionTargets: IFunction[];
  /** Streams Kinesis on-failure records are read back from. */
  streams: IStream[];
  /** Claim-check locations of our DLQ envelopes. */
  claimChecks: { bucket: IBucket; prefix: string }[];
  parking: { bucket: IBucket; key: IKey };
  /** The cluster replays produce to (and read on-failure ranges from), and the topics involved. */
  kafka: { cluster: ClusterSpec; writeTopics: string[]; readTopics: string[] };
}

function allow(fn: IGrantable, actions: string[], resources: string[]): void {
  fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

function keysOf(queues: IQueue[]): string[] {
  return queues.flatMap((q) => (q.encryptionMasterKey ? [q.encryptionMasterKey.keyArn] : []));
}

/** MSK IAM access control resources of a cluster: `arn:<p>:kafka:<r>:<a>:topic/<name>/<uuid>/<topic>`. */
function mskTopicArn(clusterArn: string, topic: string): string {
  const cluster = Arn.split(clusterArn, ArnFormat.SLASH_RESOURCE_NAME);
  return Arn.format({
    ...cluster,
    resource: 'topic',
    resourceName: `${cluster.resourceName}/${topic}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

function grantKafka(fn: IFunction, kafka: ReplayResources['kafka']): void {
  const { cluster } = kafka;
  if (cluster.adminSecretArn) allow(fn, ['secretsmanager:GetSecretValue'], [cluster.adminSecretArn]);
  if (cluster.kind !== 'msk') return;
  allow(fn, ['kafka:GetBootstrapBrokers'], [cluster.arn]);
  if (cluster.adminSecretArn) return;
  // MSK IAM access control: https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html
  allow(fn, ['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently'], [cluster.arn]);
  if (kafka.writeTopics.length > 0) {
    allow(
      fn,
      ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      kafka.writeTopics.map((t) => mskTopicArn(cluster.arn, t)),
    );
  }
  if (kafka.readTopics.length > 0) {
    allow(
      fn,
      ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
      kafka.readTopics.map((t) => mskTopicArn(cluster.arn, t)),
    );
  }
}

/** Grants each replay task exactly the API actions its code calls, on the deployment's resources. */
export function grantReplayPermissions(fns: ReplayFunctions, resources: ReplayResources): void {
  const { parking } = resources;
  const sourceArns = resources.sources.map((q) => q.queueArn);
  const sourceKeys = keysOf(resources.sources);

  // Survey Queue (dry run): receive, release, count. Never deletes.
  allow(
    fns.surveyQueue,
    ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
    sourceArns,
  );
  if (sourceKeys.length > 0) allow(fns.surveyQueue, ['kms:Decrypt'], sourceKeys);

  // Locks: a conditional put and a read to take one; a read and a conditional delete to release it.
  const locks = parking.bucket.arnForObjects(`${LOCK_PREFIX}*`);
  allow(fns.acquireLock, ['s3:PutObject', 's3:GetObject'], [locks]);
  allow(fns.acquireLock, ['kms:GenerateDataKey', 'kms:Decrypt'], [parking.key.keyArn]);
  allow(fns.releaseLock, ['s3:DeleteObject', 's3:GetObject'], [locks]);
  allow(fns.releaseLock, ['kms:Decrypt'], [parking.key.keyArn]);

  // Replay Batch: the dead letters, what they point at, where records go, where poison is parked.
  const batch = fns.replayBatch;
  allow(
    batch,
    ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
    sourceArns,
  );
  if (sourceKeys.length > 0) allow(batch, ['kms:Decrypt'], sourceKeys);
  allow(batch, ['s3:PutObject'], [parking.bucket.arnForObjects(`${PARKING_PREFIX}*`)]);
  allow(batch, ['kms:GenerateDataKey'], [parking.key.keyArn]);
  for (const { bucket, prefix } of resources.claimChecks) {
    allow(batch, ['s3:GetObject'], [bucket.arnForObjects(`${prefix}*`)]);
    if (bucket.encryptionKey) allow(batch, ['kms:Decrypt'], [bucket.encryptionKey.keyArn]);
  }
  if (resources.streams.length > 0) {
    allow(
      batch,
      ['kinesis:GetShardIterator', 'kinesis:GetRecords'],
      resources.streams.map((s) => s.streamArn),
    );
    const streamKeys = resources.streams.flatMap((s) => (s.encryptionKey ? [s.encryptionKey.keyArn] : []));
    if (streamKeys.length > 0) allow(batch, ['kms:Decrypt'], streamKeys);
  }
  if (resources.queueTargets.length > 0) {
    allow(
      batch,
      ['sqs:SendMessage'],
      resources.queueTargets.map((q) => q.queueArn),
    );
    const targetKeys = keysOf(resources.queueTargets);
    if (targetKeys.length > 0) allow(batch, ['kms:GenerateDataKey', 'kms:Decrypt'], targetKeys);
  }
  if (resources.functionTargets.length > 0) {
    allow(
      batch,
      ['lambda:InvokeFunction'],
      resources.functionTargets.map((f) => f.functionArn),
    );
  }
  grantKafka(batch, resources.kafka);
}
