import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jest } from '@jest/globals';
import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  ResourcePatternTypes,
  ResourceTypes,
} from '@platformatic/kafka';
import type { WorkflowTaskDeps, WorkflowTaskKey } from '../../../cli/local/onboardingTasks';
import { brokerStackEntry } from '../../../scripts/local/kafka/broker';
import type { Change } from '../../../tasks/onboarding/contracts';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { scramMechanismsOf } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { createKafkaTaskDeps, type KafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { ownerOf, type RegistryView } from '../../../tasks/onboarding/registry/fold';
import { reconcile } from '../../../tasks/onboarding/registry/reconcile';
import { Registry } from '../../../tasks/onboarding/registry/registry';
import { REGISTRY_TOPIC } from '../../../tasks/onboarding/registry/registryTopic';
import { isCommitted } from '../../../tasks/onboarding/registry/runContext';
import { withAdminAndRegistry } from '../../../tasks/onboarding/registry/session';
import type { RegistryIdentity } from '../../../tasks/onboarding/registry/types';
import { scramUserIdentity, secretIdentity, topicIdentity } from '../../../tasks/onboarding/registryIdentity';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import type { LocalTaskHandler, RunResult } from '../../../workflows/local';
import { killBroker, restartBroker } from '../../helpers/brokerFaults';
import { groupName, randomName, userName } from '../../helpers/names';
import { type PrivateBroker, privateBroker } from '../../helpers/privateBroker';
import { runWithTasks, statesEntered, type TestRequest } from '../helpers/onboarding';

/**
 * Issue 7, case 6: the broker is SIGKILLed at several points of an onboarding (each kill hooked into the
 * step it interrupts, never timed). After the broker is restarted on its data, a rerun, an offboarding or
 * `reconcile` must leave zero orphans: every SCRAM user, secret, topic and ACL of the test's principal and
 * topic prefix is either owned in the registry by a run that succeeded, or gone.
 */

const START_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 300_000;

type Tasks = Record<WorkflowTaskKey, LocalTaskHandler>;
type Recovery = 'rerun' | 'offboard' | 'reconcile';

let broker: PrivateBroker;
let kafka: KafkaTaskDeps;
/** Where local runs against the private broker keep `AmazonMSK_<principal>` (what createKafkaTaskDeps uses). */
const secretStore = () => new LocalFileSecretStore(join(dirname(broker.layout.stackFile), 'secrets'));
const deps = (): WorkflowTaskDeps => ({ kafka, msk: mskCredentialsDeps });
let killed = false;
/** Kills the broker the first time a case's hook fires (a retried step fires it again, the broker is down). */
const kill = async (): Promise<void> => {
  if (killed) return;
  killed = true;
  await killBroker(broker.service);
};

class InjectedFailure extends Error {
  constructor(step: string) {
    super(`injected failure in ${step}`);
    this.name = 'InjectedFailure';
  }
}

/** Runs `fn` with `method` of `prototype` replaced by what `hook` makes of the original; restored after. */
async function hooked<P extends object, K extends keyof P & string>(
  prototype: P,
  method: K,
  hook: (original: P[K]) => P[K],
  fn: () => unknown,
): Promise<unknown> {
  const original = prototype[method];
  const spy = jest.spyOn(prototype, method as never).mockImplementation(hook(original) as never);
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}

/** Where the broker dies, as task overrides for the run that is interrupted. */
interface KillPoint {
  point: string;
  /** The state the kill happens in (or right after). */
  state: string;
  recovery: Recovery;
  /** What the crashed run left on the broker (kinds), before the recovery. */
  left: string[];
  wrap: (real: Tasks) => Partial<Tasks>;
}

const killPoints: KillPoint[] = [
  {
    point: 'right after Upsert Scram User',
    state: 'Upsert Scram User',
    recovery: 'rerun',
    left: ['scram-user', 'secret'],
    wrap: (real) => ({
      upsertScramUser: async (event, context) => {
        const out = await real.upsertScramUser(event, context);
        await kill();
        return out;
      },
    }),
  },
  {
    point: 'inside Ensure Topics after CreateTopics, before the outcome is recorded',
    state: 'Ensure Topics',
    recovery: 'offboard',
    left: ['scram-user', 'secret', 'topic'],
    wrap: (real) => ({
      ensureTopics: (event, context) =>
        hooked(
          Registry.prototype,
          'settle',
          (settle) =>
            async function (this: Registry, outcomes) {
              if (outcomes.length > 0) await kill();
              return settle.call(this, outcomes);
            },
          () => real.ensureTopics(event, context),
        ),
    }),
  },
  {
    point: 'inside Grant ACLs right after CreateAcls',
    state: 'Grant ACLs',
    recovery: 'rerun',
    left: ['acl', 'scram-user', 'secret', 'topic'],
    wrap: (real) => ({
      grantAcls: (event, context) =>
        hooked(
          Admin.prototype,
          'createAcls',
          (createAcls) =>
            async function (this: Admin, options) {
              await (createAcls as (o: typeof options) => Promise<void>).call(this, options);
              // The registry topic's own ACLs (made once, on first use) are not Grant ACLs' call.
              if (!options.creations.every((acl) => acl.resourceName === REGISTRY_TOPIC)) await kill();
            } as Admin['createAcls'],
          () => real.grantAcls(event, context),
        ),
    }),
  },
  {
    point: 'during Undo Changes, right after its DeleteAcls (Verify Access failed)',
    state: 'Undo Changes',
    recovery: 'reconcile',
    left: ['scram-user', 'secret', 'topic'],
    wrap: (real) => ({
      verifyAccess: async () => {
        throw new InjectedFailure('verifyAccess');
      },
      undoChanges: (event, context) =>
        hooked(
          Admin.prototype,
          'deleteAcls',
          (deleteAcls) =>
            async function (this: Admin, options) {
              const deleted = await (deleteAcls as (o: typeof options) => Promise<unknown>).call(
                this,
                options,
              );
              await kill();
              return deleted;
            } as Admin['deleteAcls'],
          () => real.undoChanges(event, context),
        ),
    }),
  },
];

/** A request whose every name carries one random prefix (topics, groups) or the random principal. */
function requestFor(prefix: string): TestRequest {
  const consumed = `${prefix}.in`;
  return {
    requestId: randomName('req'),
    cluster: { kind: 'self-managed', bootstrapServers: brokerStackEntry(broker.layout).bootstrapServers },
    principal: userName(),
    topics: [
      { name: consumed, partitions: 2, replicationFactor: 1, config: { 'retention.ms': '86400000' } },
      { name: `${prefix}.out.daily`, partitions: 2, replicationFactor: 1 },
    ],
    grants: [
      { role: 'consumer', topic: consumed, group: groupName() },
      { role: 'producer', topic: `${prefix}.out.`, patternType: 'prefixed' },
    ],
  };
}

const nameOf = (table: Record<string, unknown>, value: unknown): string =>
  Object.entries(table).find(([, v]) => v === value)?.[0] ?? String(value);

/** Every thing on the broker (and in the local secret store) that carries the request's principal or prefix. */
async function thingsOf(admin: Admin, request: TestRequest, prefix: string): Promise<RegistryIdentity[]> {
  const principal = `User:${request.principal}`;
  const topics = (await admin.listTopics({ includeInternals: false })).filter((t) => t.startsWith(prefix));
  const resources = await admin.describeAcls({
    filter: {
      resourceType: ResourceTypes.ANY,
      resourceName: null,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal,
      host: null,
      operation: AclOperations.ANY,
      permissionType: AclPermissionTypes.ANY,
    },
  });
  const acls = resources.flatMap((resource) =>
    resource.acls.map((acl) => ({
      kind: 'acl',
      id: `${principal} ${nameOf(AclOperations, acl.operation)} ${nameOf(ResourceTypes, resource.resourceType)}:${resource.resourceName} (${nameOf(ResourcePatternTypes, resource.resourcePatternType)})`,
    })),
  );
  const user = (await scramMechanismsOf(admin, request.principal)).length > 0;
  const secretName = secretNameFor(request.principal);
  const secret = existsSync(secretStore().pathOf(secretName));
  return [
    ...topics.map(topicIdentity),
    ...acls,
    ...(user ? [scramUserIdentity(request.principal)] : []),
    ...(secret ? [secretIdentity(secretName)] : []),
  ];
}

/** The things of `thingsOf` that no succeeded run of the principal owns in the registry, described. */
function orphansIn(view: RegistryView, things: RegistryIdentity[], principal: string): string[] {
  return things.flatMap((thing) => {
    const owner = ownerOf(view, thing);
    const ok =
      owner?.principal === principal && owner.record.state === 'owned' && isCommitted(view, owner.record.run);
    if (ok) return [];
    const held = owner
      ? `${owner.record.state} by ${owner.principal} in run ${owner.record.run}${isCommitted(view, owner.record.run) ? '' : ' (not committed)'}`
      : 'not in the registry';
    return [`${thing.kind} ${thing.id}: ${held}`];
  });
}

/** What the broker holds for the request, and which of it is orphaned. */
async function inspect(request: TestRequest, prefix: string) {
  const connection = await kafka.connect(request.cluster);
  return withAdminAndRegistry(connection, 'fault test', async (admin, registry) => {
    const things = await thingsOf(admin, request, prefix);
    const view = await registry.view();
    return {
      kinds: [...new Set(things.map((t) => t.kind))].sort(),
      orphans: orphansIn(view, things, request.principal),
    };
  });
}

/** Changes reporting a thing of the principal or prefix as untouched (`none`): only true for what existed before. */
const reportedUntouched = (changes: Change[], request: TestRequest, prefix: string): Change[] =>
  changes.filter(
    (c) =>
      c.action === 'none' &&
      ['topic', 'acl', 'scram-user', 'secret'].includes(c.kind) &&
      (c.id.includes(prefix) || c.id.includes(request.principal)),
  );

describe('an onboarding whose broker is killed midway', () => {
  beforeAll(async () => {
    broker = await privateBroker();
    await broker.service.up(broker.log);
    kafka = createKafkaTaskDeps({ localStackFile: broker.layout.stackFile });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await broker?.dispose();
  });

  it.each(killPoints)(
    'leaves zero orphans when the broker dies $point and the request is then finished by $recovery',
    async ({ state, recovery, left: leftKinds, wrap }) => {
      // Prepare
      killed = false;
      const prefix = randomName('t');
      const request = requestFor(prefix);

      // Act
      const crashed = await runWithTasks('onboarding', request, deps(), wrap);
      await restartBroker(broker.service, broker.log);
      const left = await inspect(request, prefix);
      let rerun: RunResult | undefined;
      if (recovery === 'rerun') rerun = await runWithTasks('onboarding', request, deps());
      if (recovery === 'offboard') {
        const off = { ...request, requestId: `${request.requestId}-off`, deleteTopics: true };
        const offboarded = await runWithTasks('offboarding', off, deps());
        expect(offboarded.status).toBe('SUCCEEDED');
        expect(statesEntered(offboarded)).toContain('Finish Unfinished Runs');
      }
      if (recovery === 'reconcile') {
        const report = await reconcile(request.cluster, { requestId: request.requestId }, kafka);
        expect(report.runs.length).toBeGreaterThan(0);
        expect(report.leftovers).toEqual([]);
      }
      const after = await inspect(request, prefix);
      const closing = await reconcile(request.cluster, { requestId: request.requestId }, kafka);
      const settled = await inspect(request, prefix);

      // Assess
      expect(crashed.status).toBe('FAILED');
      expect(statesEntered(crashed)).toContain(state);
      expect(crashed.error?.name).toBe('CompensationIncompleteError');
      expect(statesEntered(crashed)).not.toContain('Report Changes');
      expect(left.kinds).toEqual(leftKinds);
      expect(left.orphans.length).toBeGreaterThan(0); // none of it belongs to a succeeded run yet
      expect(after.orphans).toEqual([]);
      expect(closing.changes).toEqual([]);
      expect(closing.leftovers).toEqual([]);
      expect(settled).toEqual(after);
      if (rerun) {
        expect(rerun.status).toBe('SUCCEEDED');
        const changes = (rerun.output as { changes: Change[] }).changes;
        expect(reportedUntouched(changes, request, prefix)).toEqual([]);
        expect(after.kinds).toEqual(['acl', 'scram-user', 'secret', 'topic']);
      } else {
        expect(after.kinds).toEqual([]);
      }
    },
    CASE_TIMEOUT_MS,
  );
});
