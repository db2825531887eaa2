import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { localConnectorDeps } from '../../../cli/local/connectorTasks';
import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import { ensureLocalStack, stopLocalStack } from '../../../scripts/local/index';
import { localPaths } from '../../../scripts/local/paths';
import { CDC_SERVICES } from '../../../scripts/local/services';
import { aclBindingsForRequest, describeBinding } from '../../../tasks/onboarding/acl/roleTemplates';
import { kafkaConnectApi } from '../../../tasks/onboarding/connectors/kafkaConnect/restClient';
import type { Change } from '../../../tasks/onboarding/contracts';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { createKafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { parseOnboardingRequest } from '../../../tasks/onboarding/request';
import { asAdmin } from '../../workflows/helpers/onboarding';
import { cdcRequest, dropReplica, mariadb, replicaRows, until, type WorkflowTaskDeps } from './support';

/** The ACLs the broker holds for a principal, in describeBinding's words. */
async function aclsOf(principal: string): Promise<string[]> {
  const name = (enumeration: object, value: number) =>
    Object.entries(enumeration).find(([, v]) => v === value)?.[0] ?? String(value);
  const described = await asAdmin((admin) =>
    admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${principal}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    }),
  );
  return described.resources
    .flatMap((r) =>
      r.acls.map(
        (a) =>
          `${a.principal} ${name(AclOperationTypes, a.operation)} ${name(AclResourceTypes, r.resourceType)}:${r.resourceName} (${name(ResourcePatternTypes, r.resourcePatternType)})`,
      ),
    )
    .sort();
}

describe('connectors on the local Kafka Connect (Debezium MariaDB → Kafka → PostgreSQL)', () => {
  let started: string[] = [];
  let deps: WorkflowTaskDeps;
  const connect = () => kafkaConnectApi('http://127.0.0.1:8083');
  const cleanUp: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    // Once per file: the Connect JVM is the heaviest part of the local stack.
    ({ startedServices: started } = await ensureLocalStack({
      services: CDC_SERVICES,
      log: (m) => process.stderr.write(`[local stack] ${m}\n`),
    }));
    const stackFile = localPaths().stackFile;
    const kafka = createKafkaTaskDeps({ localStackFile: stackFile });
    deps = { kafka, msk: mskCredentialsDeps, connectors: localConnectorDeps(stackFile, kafka.secrets) };
  }, 300_000);

  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step().catch(() => undefined);
  });

  afterAll(async () => {
    if (started.length > 0) await stopLocalStack({ services: started });
  });

  it('onboards a CDC source and a JDBC sink: inserts, updates and deletes in MariaDB reach PostgreSQL; ACLs are exactly the template; offboarding removes the connectors', async () => {
    // Prepare
    const { request, table, sinkTable, source, sink } = await cdcRequest();
    await mariadb(
      `CREATE TABLE ecommerce.${table} (id INT PRIMARY KEY, customer VARCHAR(100) NOT NULL, amount DECIMAL(10,2) NOT NULL, status VARCHAR(20) NOT NULL)`,
    );
    cleanUp.push(
      () => mariadb(`DROP TABLE IF EXISTS ecommerce.${table}`),
      () => dropReplica(sinkTable),
    );
    cleanUp.push(() =>
      runWorkflowLocally({
        workflow: 'offboarding',
        input: { ...request, requestId: `${request.requestId}-x`, deleteTopics: true },
        deps,
      }),
    );

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const changes = (result.output as { changes: Change[] }).changes;
    expect(changes.filter((c) => c.kind === 'connector').map((c) => [c.id, c.action])).toEqual([
      [`${source} (kafka-connect)`, 'create'],
      [`${sink} (kafka-connect)`, 'create'],
    ]);
    const template = aclBindingsForRequest(parseOnboardingRequest(request)).map(describeBinding).sort();
    expect(await aclsOf(request.principal)).toEqual(template);
    const stored = await connect().getConfig(source);
    expect(stored?.['producer.override.sasl.jaas.config']).toContain(`username="${request.principal}"`);
    expect(JSON.stringify(stored)).not.toMatch(/password="(?!\$\{)/);

    await mariadb(
      `INSERT INTO ecommerce.${table} VALUES (1, 'ada', 10.50, 'new'), (2, 'grace', 99.95, 'new')`,
    );
    const inserted = await until(
      () => replicaRows(sinkTable),
      (rows) => rows.length === 2,
    );
    expect(inserted).toEqual([
      { id: 1, customer: 'ada', amount: '10.50', status: 'new' },
      { id: 2, customer: 'grace', amount: '99.95', status: 'new' },
    ]);
    await mariadb(`UPDATE ecommerce.${table} SET status = 'shipped' WHERE id = 1`);
    await mariadb(`DELETE FROM ecommerce.${table} WHERE id = 2`);
    const changed = await until(
      () => replicaRows(sinkTable),
      (rows) => rows.length === 1 && rows[0]?.status === 'shipped',
    );
    expect(changed).toEqual([{ id: 1, customer: 'ada', amount: '10.50', status: 'shipped' }]);

    const offboarding = await runWorkflowLocally({
      workflow: 'offboarding',
      input: { ...request, requestId: `${request.requestId}-off`, deleteTopics: true },
      deps,
    });
    expect(offboarding.status).toBe('SUCCEEDED');
    expect(await connect().getConfig(source)).toBeUndefined();
    expect(await connect().getConfig(sink)).toBeUndefined();
    expect(await aclsOf(request.principal)).toEqual([]);
  }, 240_000);

  it('fails the execution when a connector fails to start and Undo Changes deletes the connectors it created', async () => {
    // Prepare
    const { request, table, source, sink } = await cdcRequest({ badSink: true });
    await mariadb(
      `CREATE TABLE ecommerce.${table} (id INT PRIMARY KEY, customer VARCHAR(100) NOT NULL, amount DECIMAL(10,2) NOT NULL, status VARCHAR(20) NOT NULL)`,
    );
    cleanUp.push(() => mariadb(`DROP TABLE IF EXISTS ecommerce.${table}`));

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('ConnectorFailedError');
    expect(result.error?.cause).toContain(sink);
    expect(await connect().getConfig(source)).toBeUndefined();
    expect(await connect().getConfig(sink)).toBeUndefined();
    expect(await aclsOf(request.principal)).toEqual([]);
    await asAdmin(async (admin) => {
      const topics = await admin.listTopics();
      expect(topics.filter((t) => request.topics.some((r) => r.name === t))).toEqual([]);
    });
  }, 240_000);
});
