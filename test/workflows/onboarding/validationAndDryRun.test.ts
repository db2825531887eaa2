import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import { repoRoot } from '../../../scripts/local/paths';
import type { Change } from '../../../tasks/onboarding/contracts';
import { toKafkaError } from '../../../tasks/shared/kafka/errors';
import { localKafkaClient } from '../../helpers/localStack';
import { brokerState, localWorkflowDeps, NOTHING, offboard, randomRequest } from '../helpers/onboarding';

const invalidRequest = () =>
  JSON.parse(readFileSync(join(repoRoot(), 'examples', 'invalid-request.json'), 'utf8')) as unknown;

describe('onboarding workflow validation and dry run', () => {
  it('fails in Validate Request with every bad field and runs no other task when the request is invalid', async () => {
    // Prepare
    const input = invalidRequest();

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input, deps: localWorkflowDeps() });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('RequestValidationError');
    for (const path of [
      'requestId',
      'cluster.arn',
      'principal',
      'password',
      'topics[0].partitions',
      'grants[0]',
    ]) {
      expect(result.error?.cause).toContain(path);
    }
    expect(result.error?.cause).not.toContain('hunter2');
    const tasksEntered = result.events
      .filter((e) => e.type === 'StateEntered' && e.stateType === 'Task')
      .map((e) => e.state);
    expect(tasksEntered).toEqual(['Validate Request']);
  });

  it('plans creates and changes nothing on the broker when dryRun is true', async () => {
    // Prepare
    const { request } = await randomRequest();
    const topics = request.topics.map((t) => t.name);

    // Act
    const result = await runWorkflowLocally({
      workflow: 'onboarding',
      input: { ...request, dryRun: true },
      deps: localWorkflowDeps(),
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as { dryRun: boolean; changes: Change[] };
    expect(output.dryRun).toBe(true);
    expect(output.changes.map((c) => c.action)).toEqual(output.changes.map(() => 'create'));
    expect(new Set(output.changes.map((c) => c.kind))).toEqual(
      new Set(['secret', 'scram-user', 'topic', 'acl']),
    );
    expect(await brokerState(request.principal, topics)).toEqual(NOTHING);
    const dir = mkdtempSync(join(tmpdir(), 'msk-flows-dry-run-'));
    try {
      const file = join(dir, 'principal.json');
      writeFileSync(
        file,
        JSON.stringify({ username: request.principal, password: 'not-a-real-password-1234' }),
        {
          mode: 0o600,
        },
      );
      const admin = (await localKafkaClient(file)).admin();
      const login = await admin.connect().then(
        () => admin.disconnect().then(() => 'logged in'),
        (error: unknown) => toKafkaError(error).name,
      );
      expect(login).toBe('KafkaAuthenticationError');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await offboard(request);
    }
  });
});
