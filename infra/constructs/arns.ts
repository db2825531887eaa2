import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * ARN patterns built with the stack's partition/region/account tokens (never a hand-written partition), so
 * the same template deploys to `aws` and `aws-cn`.
 */
export class ArnPatterns {
  private readonly stack: Stack;

  constructor(scope: Construct) {
    this.stack = Stack.of(scope);
  }

  /** Every MSK cluster of the account/region (`cluster/<name>/<uuid>`). */
  mskClusters(): string {
    return `arn:${this.stack.partition}:kafka:${this.stack.region}:${this.stack.account}:cluster/*/*`;
  }

  /** Kafka-level resources of MSK IAM access control: topics, groups, transactional ids of any cluster. */
  mskKafkaResources(kind: 'topic' | 'group' | 'transactional-id'): string {
    return `arn:${this.stack.partition}:kafka:${this.stack.region}:${this.stack.account}:${kind}/*/*/*`;
  }

  /** One topic, by name, of any MSK cluster of the account (MSK IAM access control). */
  mskTopicNamed(name: string): string {
    return `arn:${this.stack.partition}:kafka:${this.stack.region}:${this.stack.account}:topic/*/*/${name}`;
  }

  /** MSK configurations (any name, any revision), where a cluster's server.properties live. */
  mskConfigurations(): string {
    return `arn:${this.stack.partition}:kafka:${this.stack.region}:${this.stack.account}:configuration/*/*`;
  }

  /** Secrets Manager secrets whose name starts with `prefix` (the 6-char random suffix included). */
  secretsNamed(prefix: string): string {
    return `arn:${this.stack.partition}:secretsmanager:${this.stack.region}:${this.stack.account}:secret:${prefix}*`;
  }
}
