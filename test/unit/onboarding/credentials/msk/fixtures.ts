import { KafkaClient } from '@aws-sdk/client-kafka';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { jest } from '@jest/globals';
import type {
  MskCredentialsDeps,
  MskCredentialsRequest,
} from '../../../../../tasks/onboarding/credentials/msk/types';
import {
  type MemoryRegistryLog,
  memoryRegistryAccess,
  memoryRegistryLog,
} from '../../../../helpers/memoryRegistry';

/** ARNs of one partition, so every suite can run in `aws` and `aws-cn`. */
export interface PartitionFixture {
  partition: string;
  region: string;
  clusterArn: string;
  kmsKeyArn: string;
  secretArn: string;
}

const ACCOUNT = '111122223333';
const CLUSTER_ID = 'orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

function fixtureFor(partition: string, region: string): PartitionFixture {
  return {
    partition,
    region,
    clusterArn: `arn:${partition}:kafka:${region}:${ACCOUNT}:cluster/${CLUSTER_ID}`,
    kmsKeyArn: `arn:${partition}:kms:${region}:${ACCOUNT}:key/${KEY_ID}`,
    secretArn: `arn:${partition}:secretsmanager:${region}:${ACCOUNT}:secret:AmazonMSK_orders-analytics-AbCdEf`,
  };
}

export const CN = fixtureFor('aws-cn', 'cn-northwest-1');
export const COMMERCIAL = fixtureFor('aws', 'us-east-1');
export const PARTITIONS: PartitionFixture[] = [CN, COMMERCIAL];

export const PRINCIPAL = 'orders-analytics';
export const SECRET_NAME = 'AmazonMSK_orders-analytics';
export const KEY_ID_ONLY = KEY_ID;
/** What GetRandomPassword answers in tests; no output, log or error may ever contain it. */
export const PASSWORD = 'pw-4q7ZxT9mKc2L.vB8nR_3sYhJ6wFdG0aEuNpXo';

/** Another team's secrets already associated with the cluster. */
export function otherTeamsSecretArns(fixture: PartitionFixture, count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    fixture.secretArn.replace(
      'AmazonMSK_orders-analytics-AbCdEf',
      `AmazonMSK_team${index}-Zz${String(index).padStart(4, '0')}`,
    ),
  );
}

/** A request for the principal on the fixture's cluster. */
export function requestFor(fixture: PartitionFixture, tags?: Record<string, string>): MskCredentialsRequest {
  return {
    requestId: 'orders-analytics-001',
    principal: PRINCIPAL,
    cluster: { kind: 'msk', arn: fixture.clusterArn },
    ...(tags ? { tags } : {}),
  };
}

/** A logger whose calls tests can read back. */
export interface RecordingLogger {
  info: jest.Mock;
  warn: jest.Mock;
}

/**
 * Deps with real SDK clients (aws-sdk-client-mock intercepts their `send`), a recording logger and the
 * cluster's ownership registry in memory (`registry`, `log` to read back what the step recorded).
 */
export function depsFor(fixture: PartitionFixture, log: MemoryRegistryLog = memoryRegistryLog()) {
  const logger: RecordingLogger = { info: jest.fn(), warn: jest.fn() };
  const { access, registry } = memoryRegistryAccess(log);
  const deps: MskCredentialsDeps = {
    kafka: new KafkaClient({ region: fixture.region }),
    secretsManager: new SecretsManagerClient({ region: fixture.region }),
    logger,
    kmsKeyArn: fixture.kmsKeyArn,
    registry: access,
  };
  return { deps, logger, log, registry };
}

/** An AWS SDK-like service error, matched by name as the SDK's are. */
export function awsError(name: string, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $fault: fault, $metadata: {} });
}

/** Everything a task could leak a secret through: its result or error, and every log call. */
export function everythingSaid(result: unknown, logger: RecordingLogger): string {
  const error =
    result instanceof Error
      ? { ...result, name: result.name, message: result.message, stack: result.stack }
      : result;
  return JSON.stringify([error, logger.info.mock.calls, logger.warn.mock.calls]);
}
