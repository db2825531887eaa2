import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  DescribeClusterV2Command,
  type KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { CLUSTER_ARN, clusterInfo, KMS_KEY_ARN, notFound, PASSWORD, secretArnOf } from './msk';

/** The failure a test injects inside a task, right after AWS acted and before the task could record it. */
export class Crash extends Error {
  constructor(after: string) {
    super(`the task died after its ${after}`);
    this.name = 'Crash';
  }
}

interface FakeSecret {
  arn: string;
  name: string;
  tags: { Key: string; Value: string }[];
  value: string;
  deletedDate?: Date;
}

/** Which AWS call "succeeds" on AWS but crashes the task that sent it (once). */
export type CrashPoint = 'CreateSecret' | 'BatchAssociateScramSecret';

/**
 * Secrets Manager and MSK as state (secrets by name, the cluster's associated secret ARNs) behind the
 * mocked clients, so what a crashed run left, and what compensation removed, can be read back.
 */
export class MskWorld {
  readonly secrets = new Map<string, FakeSecret>();
  readonly associated = new Set<string>();
  private crashAt?: CrashPoint;

  constructor(secretsMock: AwsClientStub<SecretsManagerClient>, kafkaMock: AwsClientStub<KafkaClient>) {
    const find = (id: string | undefined) =>
      [...this.secrets.values()].find((s) => s.name === id || s.arn === id);
    secretsMock.on(DescribeSecretCommand).callsFake(async ({ SecretId }) => {
      const secret = find(SecretId);
      if (!secret) throw notFound();
      return {
        ARN: secret.arn,
        Name: secret.name,
        KmsKeyId: KMS_KEY_ARN,
        Tags: secret.tags,
        ...(secret.deletedDate ? { DeletedDate: secret.deletedDate } : {}),
      };
    });
    secretsMock.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsMock.on(GetSecretValueCommand).callsFake(async ({ SecretId }) => {
      const secret = find(SecretId);
      if (!secret || secret.deletedDate) throw notFound();
      return { ARN: secret.arn, SecretString: secret.value };
    });
    secretsMock.on(CreateSecretCommand).callsFake(async ({ Name, Tags, SecretString }) => {
      const name = Name as string;
      const arn = secretArnOf(name.slice('AmazonMSK_'.length));
      this.secrets.set(name, { arn, name, tags: Tags ?? [], value: SecretString ?? '' });
      this.crashAfter('CreateSecret');
      return { ARN: arn, Name: name };
    });
    secretsMock.on(DeleteSecretCommand).callsFake(async ({ SecretId, ForceDeleteWithoutRecovery }) => {
      const secret = find(SecretId);
      if (!secret) throw notFound();
      if (ForceDeleteWithoutRecovery) this.secrets.delete(secret.name);
      else secret.deletedDate = new Date('2030-01-08T00:00:00Z');
      return { ARN: secret.arn, Name: secret.name };
    });
    kafkaMock.on(DescribeClusterV2Command).resolves(clusterInfo('ACTIVE'));
    kafkaMock.on(ListScramSecretsCommand).callsFake(async () => ({ SecretArnList: [...this.associated] }));
    kafkaMock.on(BatchAssociateScramSecretCommand).callsFake(async ({ SecretArnList }) => {
      for (const arn of SecretArnList ?? []) this.associated.add(arn);
      this.crashAfter('BatchAssociateScramSecret');
      return { ClusterArn: CLUSTER_ARN, UnprocessedScramSecrets: [] };
    });
    kafkaMock.on(BatchDisassociateScramSecretCommand).callsFake(async ({ SecretArnList }) => {
      for (const arn of SecretArnList ?? []) this.associated.delete(arn);
      return { ClusterArn: CLUSTER_ARN, UnprocessedScramSecrets: [] };
    });
  }

  /** The next `point` call acts on AWS, then its task dies before it can record the outcome. */
  crashOnce(point: CrashPoint): void {
    this.crashAt = point;
  }

  private crashAfter(point: CrashPoint): void {
    if (this.crashAt !== point) return;
    this.crashAt = undefined;
    throw new Crash(point);
  }

  /** What lives in this world: live secret names, names scheduled for deletion, associated ARNs. */
  state(): { live: string[]; scheduled: string[]; associated: string[] } {
    const all = [...this.secrets.values()];
    return {
      live: all.filter((s) => !s.deletedDate).map((s) => s.name),
      scheduled: all.filter((s) => s.deletedDate).map((s) => s.name),
      associated: [...this.associated],
    };
  }
}
