import { existsSync } from 'node:fs';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import {
  type WorkflowTaskDeps,
  type WorkflowTaskKey,
  workflowTasks,
} from '../../../cli/local/onboardingTasks';
import { synthesizedWorkflow, type WorkflowName } from '../../../cli/local/runWorkflowLocally';
import { localPaths } from '../../../scripts/local/paths';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { scramMechanismsOf } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { createKafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { withPlatformaticAdmin } from '../../../tasks/onboarding/kafka/platformaticAdmin';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import { type LocalTaskHandler, type RunEvent, type RunResult, runLocally } from '../../../workflows/local';
import { localKafka, localKafkaClient, localKafkaConfig } from '../../helpers/localStack';
import { groupName, randomName, topicName, userName } from '../../helpers/names';

/** The secrets dir the CLI's local runs use (`.local/secrets`), where onboarding writes `AmazonMSK_<principal>.json`. */
export const localSecrets = (): LocalFileSecretStore => new LocalFileSecretStore(localPaths().secrets);

/** Deps as `msk-flows --local` builds them: the local broker, `.local/secrets`, the module-scope MSK clients. */
export function localWorkflowDeps(): WorkflowTaskDeps {
  return {
    kafka: createKafkaTaskDeps({ localStackFile: localPaths().stackFile }),
    msk: mskCredentialsDeps,
  };
}

/** A random onboarding request shaped like examples/onboard-local.json, on the local broker. */
export interface TestRequest {
  requestId: string;
  cluster: { kind: 'self-managed'; bootstrapServers: string[] };
  principal: string;
  topics: { name: string; partitions: number; replicationFactor: number; config?: Record<string, string> }[];
  grants: (
    | { role: 'consumer'; topic: string; group: string }
    | { role: 'producer'; topic: string; patternType: 'prefixed' }
  )[];
}

/** A fresh request: a consumed topic (with group), a produced prefix and its topic, random names throughout. */
export async function randomRequest(): Promise<{
  request: TestRequest;
  consumed: string;
  produced: string;
  group: string;
}> {
  const { brokers } = await localKafka();
  const [principal, consumed, group] = [userName(), topicName(), groupName()];
  const prefix = `${topicName()}.out.`;
  const produced = `${prefix}daily`;
  const request: TestRequest = {
    requestId: randomName('req'),
    cluster: { kind: 'self-managed', bootstrapServers: brokers },
    principal,
    topics: [
      { name: consumed, partitions: 3, replicationFactor: 1, config: { 'retention.ms': '86400000' } },
      { name: produced, partitions: 3, replicationFactor: 1 },
    ],
    grants: [
      { role: 'consumer', topic: consumed, group },
      { role: 'producer', topic: prefix, patternType: 'prefixed' },
    ],
  };
  return { request, consumed, produced, group };
}

/** Replaces some of the workflow's task handlers (by task key) and runs the synthesized definition locally. */
export async function runWithTasks(
  workflow: WorkflowName,
  input: unknown,
  deps: WorkflowTaskDeps,
  override: (
    tasks: Record<WorkflowTaskKey, LocalTaskHandler>,
  ) => Partial<Record<WorkflowTaskKey, LocalTaskHandler>> = () => ({}),
  onEvent?: (event: RunEvent) => void,
): Promise<RunResult> {
  const synthesized = synthesizedWorkflow(workflow);
  const real = workflowTasks(deps);
  const tasks = { ...real, ...override(real) };
  return runLocally({
    definition: synthesized.definition,
    taskResources: synthesized.taskResources,
    handlers: (task) => {
      const key = task.functionLogicalId ? synthesized.taskOfFunction.get(task.functionLogicalId) : undefined;
      return key ? tasks[key] : undefined;
    },
    input,
    onEvent,
    waitTimeOverride: 0,
    retryIntervalOverride: 0,
  });
}

/** Offboards the request (deleteTopics) through the offboarding workflow; returns the run. */
export async function offboard(
  request: TestRequest,
  deps: WorkflowTaskDeps = localWorkflowDeps(),
): Promise<RunResult> {
  return runWithTasks(
    'offboarding',
    { ...request, requestId: `${request.requestId}-off`, deleteTopics: true },
    deps,
  );
}

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

/** Test cleanup: deletes whichever of `topics` exist and every ACL naming the principal. */
export async function removeFromBroker(principal: string, topics: string[]): Promise<void> {
  await asAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const toDelete = topics.filter((t) => existing.has(t));
    if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete });
    await admin.deleteAcls({
      filters: [
        {
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          principal: `User:${principal}`,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      ],
    });
  });
}

/** What the broker and the local secret store hold for a principal and its topics. */
export interface BrokerState {
  topics: string[];
  acls: number;
  scramMechanisms: string[];
  secretFile: boolean;
}

/** Reads which of `topics` exist, how many ACLs name the principal, its SCRAM mechanisms and its secret file. */
export async function brokerState(principal: string, topics: string[]): Promise<BrokerState> {
  const { existing, acls } = await asAdmin(async (admin) => {
    const all = new Set(await admin.listTopics());
    const described = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${principal}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return {
      existing: topics.filter((topic) => all.has(topic)),
      acls: described.resources.reduce((sum, resource) => sum + resource.acls.length, 0),
    };
  });
  const scramMechanisms = await withPlatformaticAdmin(await localKafkaConfig(), 'test', (admin) =>
    scramMechanismsOf(admin, principal),
  );
  const secretFile = existsSync(localSecrets().pathOf(secretNameFor(principal)));
  return { topics: existing, acls, scramMechanisms, secretFile };
}

/** The state of a principal that was never onboarded. */
export const NOTHING: BrokerState = { topics: [], acls: 0, scramMechanisms: [], secretFile: false };

/** Polls `read` until it equals `expected` or 10 s pass (KRaft applies metadata a moment after the call). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Names of the Task states entered during a run, in order. */
export function statesEntered(result: RunResult): string[] {
  return result.events.filter((e) => e.type === 'StateEntered' && e.state).map((e) => e.state as string);
}

/** Produces `values` to `topic` as the local admin. */
export async function produce(topic: string, values: string[]): Promise<void> {
  const producer = (await localKafkaClient()).producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
}
