import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Admin as PlatformaticAdmin } from '@platformatic/kafka';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import { localPaths } from '../../../scripts/local/paths';
import { emptyJournal, type Journal } from '../../../tasks/onboarding/contracts';
import { deleteScramCredential } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { createKafkaTaskDeps, type KafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { withPlatformaticAdmin } from '../../../tasks/onboarding/kafka/platformaticAdmin';
import type { TaskLogger } from '../../../tasks/onboarding/kafka/types';
import {
  type OnboardingRequest,
  type OnboardingRequestInput,
  parseOnboardingRequest,
} from '../../../tasks/onboarding/request';
import type { KafkaConnectionConfig } from '../../../tasks/shared/kafka/config';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import { localKafka, localKafkaClient, localKafkaConfig } from '../../helpers/localStack';

/** A logger that keeps what it was told, so tests can also check that no password was logged. */
export function recordingLogger(): TaskLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(JSON.stringify(args));
  };
  return { lines, info: record, warn: record };
}

/** Deps of the Kafka-side cores against the local stack, as the CLI builds them, with a private secrets dir. */
export interface LocalDeps extends KafkaTaskDeps {
  secrets: LocalFileSecretStore;
  logger: ReturnType<typeof recordingLogger>;
  cleanUp: () => void;
}

/** The production deps builder pointed at the local stack; secrets in a fresh temp dir removed by cleanUp(). */
export function localDeps(): LocalDeps {
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-onboarding-'));
  const deps = createKafkaTaskDeps({ localStackFile: localPaths().stackFile, localSecretsDir: dir });
  return {
    ...deps,
    secrets: new LocalFileSecretStore(dir),
    logger: recordingLogger(),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A validated request for the local broker (self-managed, the local bootstrap servers). */
export async function localRequest(
  fields: Omit<OnboardingRequestInput, 'cluster' | 'requestId'>,
): Promise<OnboardingRequest> {
  const { brokers } = await localKafka();
  return parseOnboardingRequest({
    requestId: `it-${fields.principal}`,
    cluster: { kind: 'self-managed', bootstrapServers: brokers },
    ...fields,
  });
}

/** A fresh, empty journal. */
export const journal = (): Journal => emptyJournal();

/** Runs `fn` with the local admin's kafkajs Admin. */
export async function asAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = (await localKafkaClient()).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Runs `fn` with the local admin's @platformatic/kafka Admin. */
export async function asPlatformaticAdmin<T>(fn: (admin: PlatformaticAdmin) => Promise<T>): Promise<T> {
  const config: KafkaConnectionConfig = await localKafkaConfig();
  return withPlatformaticAdmin(config, 'test', fn);
}

/** Removes whatever a test may have left for these principals and topics (ACLs of any kind, SCRAM users). */
export async function cleanUpKafka(principals: string[], topics: string[]): Promise<void> {
  await asAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const toDelete = topics.filter((topic) => existing.has(topic));
    if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete });
    if (principals.length === 0) return;
    await admin.deleteAcls({
      filters: principals.map((principal) => ({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${principal}`,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      })),
    });
  });
  await asPlatformaticAdmin(async (admin) => {
    for (const principal of principals) await deleteScramCredential(admin, principal);
  });
}

/**
 * Polls `read` until it equals `expected` (or 10 s pass) and returns the last value: KRaft brokers apply
 * a committed change to their metadata image a moment after the admin call returns.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDeepStrictEqual(value, expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
