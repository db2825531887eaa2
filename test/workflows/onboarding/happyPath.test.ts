import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import type { Change } from '../../../tasks/onboarding/contracts';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { KafkaAuthorizationError, toKafkaError } from '../../../tasks/shared/kafka/errors';
import { parseScramCredentials } from '../../../tasks/shared/secrets/scramCredentials';
import { consumeMessages } from '../../helpers/consume';
import { localKafkaClient } from '../../helpers/localStack';
import { topicName } from '../../helpers/names';
import {
  asAdmin,
  localSecrets,
  localWorkflowDeps,
  offboard,
  produce,
  randomRequest,
  type TestRequest,
} from '../helpers/onboarding';

describe('onboarding workflow on the local broker', () => {
  const cleanUp: { request: TestRequest; extraTopics: string[] }[] = [];

  afterEach(async () => {
    for (const { request, extraTopics } of cleanUp.splice(0)) {
      await offboard(request);
      if (extraTopics.length > 0) await asAdmin((admin) => admin.deleteTopics({ topics: extraTopics }));
    }
  });

  it('creates secret, SCRAM user, topics and ACLs that let the principal consume only what it was granted', async () => {
    // Prepare
    const { request, consumed, group } = await randomRequest();
    const other = topicName();
    cleanUp.push({ request, extraTopics: [other] });
    await asAdmin((admin) =>
      admin.createTopics({ topics: [{ topic: other, numPartitions: 1 }], waitForLeaders: true }),
    );
    const deps = localWorkflowDeps();

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const changes = (result.output as { changes: Change[] }).changes;
    const created = (kind: Change['kind']) => changes.filter((c) => c.kind === kind && c.action === 'create');
    expect(created('secret').map((c) => c.id)).toEqual([secretNameFor(request.principal)]);
    expect(created('scram-user').map((c) => c.id)).toEqual([request.principal]);
    expect(created('topic').map((c) => c.id)).toEqual(request.topics.map((t) => t.name));
    expect(created('acl').length).toBeGreaterThanOrEqual(5);

    await produce(consumed, ['a', 'b']);
    await produce(other, ['not yours']);
    const secretFile = localSecrets().pathOf(secretNameFor(request.principal));
    const asPrincipal = await localKafkaClient(secretFile);
    const messages = await consumeMessages(asPrincipal, { topic: consumed, groupId: group, count: 2 });
    expect(messages.map((m) => m.value?.toString()).sort()).toEqual(['a', 'b']);
    const denied = await consumeMessages(asPrincipal, {
      topic: other,
      groupId: group,
      timeoutMs: 15_000,
    }).then(
      () => undefined,
      (error: unknown) => toKafkaError(error),
    );
    expect(denied).toBeInstanceOf(KafkaAuthorizationError);
  });

  it('changes nothing and still succeeds when the same request runs again', async () => {
    // Prepare
    const { request } = await randomRequest();
    cleanUp.push({ request, extraTopics: [] });
    const deps = localWorkflowDeps();
    const first = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });
    expect(first.status).toBe('SUCCEEDED');

    // Act
    const rerun = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(rerun.status).toBe('SUCCEEDED');
    const changes = (rerun.output as { changes: Change[] }).changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.action !== 'none')).toEqual([]);
  });

  it('never puts the password in the output or any state input or output when it onboards', async () => {
    // Prepare
    const { request } = await randomRequest();
    cleanUp.push({ request, extraTopics: [] });
    const deps = localWorkflowDeps();

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const secretName = secretNameFor(request.principal);
    const { password } = parseScramCredentials(await localSecrets().get(secretName), secretName);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(result.output)).not.toContain(password);
    const said = result.events.map((e) => JSON.stringify([e.input, e.output, e.error]));
    expect(said.filter((text) => text.includes(password))).toEqual([]);
    expect(result.events.length).toBeGreaterThan(10);
  });
});
