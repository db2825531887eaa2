import { type Duration, Fn, type RemovalPolicy, Token } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { AuthenticationMethod } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ScramSecretKeyRef } from './scramSecretAccess';
/**
 * Where the records come from.
 * - `msk`: an MSK cluster. Same account: `clusterArn` only. Cross-account (the cluster lives in the producer
 *   account): also `vpcConnectionArn`, the managed VPC connection of multi-VPC private connectivity in this
 *   account, which the mapping reads through; `clusterArn` still names the cluster for IAM access control.
 *   https://docs.aws.amazon.com/lambda/latest/dg/msk-cross-account.html
 * - `self-managed`: any Apache Kafka reachable at `bootstrapServers` (SASL/SCRAM by default), in `network`
 *   when the brokers are only reachable from a VPC.
 */
export type KafkaToS3Source =
  | {
      kind: 'msk';
      clusterArn: string;
      vpcConnectionArn?: string;
      /**
       * IAM access control, or SASL/SCRAM with an `AmazonMSK_…` secret the cluster has associated and the
       * customer-managed key it is encrypted with.
       */
      auth: { kind: 'iam' } | { kind: 'scram'; secret: ISecret; key?: ScramSecretKeyRef };
    }
  | {
      kind: 'self-managed';
      bootstrapServers: string[];
      secret: ISecret;
      /** The secret's customer-managed key, if it has one. */
      key?: ScramSecretKeyRef;
      /** Default SASL/SCRAM-SHA-512. */
      authenticationMethod?: AuthenticationMethod;
      network?: { vpc: IVpc; vpcSubnets: SubnetSelection; securityGroup: ISecurityGroup };
      /** The brokers' private CA certificate, when they use one. */
      rootCaCertificate?: ISecret;
    };

export interface KafkaToS3ConsumerProps {
  source: KafkaToS3Source;
  topic: string;
  /** The mapping's consumer group: 1–200 of `[a-zA-Z0-9-/*:_+=.@]`, and immutable once deployed. */
  consumerGroupId: string;
  /** Records per invocation, 1–10,000 (default 1,000). */
  batchSize?: number;
  /** How long Lambda gathers a batch, ≤ 300 s (default 1 s). */
  maxBatchingWindow?: Duration;
  /** Where a new consumer group starts (default TRIM_HORIZON). */
  startingPosition?: StartingPosition;
  /** Retries of a failing batch before it goes to the on-failure queue (default 10, Lambda's cap with a destination). */
  retryAttempts?: number;
  /** Records older than this go to the on-failure queue unprocessed (default: never). */
  maxRecordAge?: Duration;
  /**
   * Provisioned pollers. Kafka's error handling controls (partial batch response, retries, on-failure
   * destination) need provisioned mode, so the mapping always has them (default 1–2 pollers).
   */
  pollers?: { minimum: number; maximum: number };
  /** `PREFIX` of the objects (default `topics`). */
  prefix?: string;
  /** `PAYLOAD_ENCODING` (default `base64`). */
  payloadEncoding?: 'base64' | 'utf8' | 'json';
  /** What happens to the landing bucket and its key on stack deletion (default RETAIN: it holds data). */
  removalPolicy?: RemovalPolicy;
}

const CONSUMER_GROUP_PATTERN = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/;
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()\-=]+(\/[A-Za-z0-9!_.*'()\-=]+)*$/;

/** Throws one error naming every prop a deploy would reject. */
export function validateKafkaToS3ConsumerProps(props: KafkaToS3ConsumerProps): void {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.consumerGroupId) && !CONSUMER_GROUP_PATTERN.test(props.consumerGroupId)) {
    problems.push('consumerGroupId: 1–200 characters of [a-zA-Z0-9-/*:_+=.@]');
  }
  const batchSize = props.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    problems.push('batchSize: 1–10,000');
  if ((props.maxBatchingWindow?.toSeconds() ?? 1) > 300)
    problems.push('maxBatchingWindow: at most 300 seconds');
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(props.topic)) problems.push('topic: a Kafka topic name');
  if (props.prefix !== undefined && !PREFIX_PATTERN.test(props.prefix))
    problems.push('prefix: an S3 key prefix');
  if (props.source.kind === 'self-managed' && props.source.bootstrapServers.length === 0) {
    problems.push('source.bootstrapServers: at least one host:port');
  }
  if (problems.length > 0) throw new Error(`Invalid KafkaToS3Consumer props: ${problems.join('; ')}`);
}

/** `arn:…:kafka:…:cluster/<name>/<uuid>` → the ARN of a topic or group of that cluster (IAM access control). */
export function clusterResourceArn(clusterArn: string, kind: 'topic' | 'group', name: string): string {
  if (!Token.isUnresolved(clusterArn)) return `${clusterArn.replace(':cluster/', `:${kind}/`)}/${name}`;
  const parts = Fn.split(':cluster/', clusterArn, 2);
  return Fn.join('', [Fn.select(0, parts), `:${kind}/`, Fn.select(1, parts), `/${name}`]);
}
