import { jest } from '@jest/globals';
import { localTaskObservability } from '../../../cli/local/localTaskObservability';
import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import { CHANGES_MADE_METRIC } from '../../../tasks/onboarding/observability';
import { localWorkflowDeps, offboard, randomRequest, type TestRequest } from '../helpers/onboarding';

/** The EMF documents of a metric `name` among the collected ones. */
const documentsOf = (published: Record<string, unknown>[], name: string) =>
  published.filter((emf) => name in emf);

/** The lines `act` writes to stdout (kept from the terminal). */
async function stdoutOf(act: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return lines;
}

describe('a local run of the onboarding workflow', () => {
  const cleanUp: TestRequest[] = [];

  afterEach(async () => {
    for (const request of cleanUp.splice(0)) await offboard(request);
  });

  it('invokes the Lambda handlers: their middlewares count the changes and add the Lambda context to the logs, and no EMF is printed', async () => {
    // Prepare
    const { request } = await randomRequest();
    cleanUp.push(request);
    const observability = localTaskObservability();
    const deps = { ...localWorkflowDeps(), observability };

    // Act
    let status: string | undefined;
    const stdout = await stdoutOf(async () => {
      ({ status } = await runWorkflowLocally({
        workflow: 'onboarding',
        input: request,
        deps,
        history: false,
      }));
    });

    // Assess: only the handlers' middleware (countChanges) puts these metrics anywhere.
    expect(status).toBe('SUCCEEDED');
    const published = observability.metrics.published as unknown as Record<string, unknown>[];
    const changes = documentsOf(published, CHANGES_MADE_METRIC).map((emf) => ({
      kind: emf.kind,
      action: emf.action,
      count: emf[CHANGES_MADE_METRIC],
    }));
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'scram-user', action: 'create', count: 1 },
        { kind: 'topic', action: 'create', count: 2 },
        { kind: 'acl', action: 'create', count: 6 },
      ]),
    );
    // The logger's Lambda context (injectLambdaContext): the name of the function the engine invoked.
    const logged = stdout.filter((line) => line.startsWith('{"level"')).map((line) => JSON.parse(line));
    const ensured = logged.find((entry) => entry.message === 'topics ensured');
    expect(ensured?.function_name).toMatch(/^TasksEnsureTopics/);
    expect(stdout.filter((line) => line.includes('"_aws"'))).toEqual([]);
  });
});
