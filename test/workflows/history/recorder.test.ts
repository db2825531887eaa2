import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fail, Pass, Succeed } from 'aws-cdk-lib/aws-stepfunctions';
import { extractStateMachineDefinition, type LocalTaskHandler, runLocally } from '../../../workflows/local';
import { ExecutionHistoryStore, recordRun } from '../../../workflows/local/history';
import { FooRetriableError, ScramSecretNotYetVisibleError } from '../engine/errors';
import { buildMachine, invoke } from '../engine/machines';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'msk-flows-history-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Start → Flaky Step (retries FooRetriableError, catches the rest into Undo) → Done; Undo → Failed. */
function flakyMachine() {
  const { stack, stateMachine } = buildMachine((scope) => {
    const undo = new Pass(scope, 'Undo').next(new Fail(scope, 'Failed', { error: 'StepFailed' }));
    return invoke(scope, 'Flaky Step', { retryOnServiceExceptions: false, resultPath: '$.step' })
      .addRetry({ errors: ['FooRetriableError'], maxAttempts: 2 })
      .addCatch(undo, { resultPath: '$.error' })
      .next(new Succeed(scope, 'Done'));
  });
  return extractStateMachineDefinition(stack, stateMachine).definition;
}

async function recordedRun(store: ExecutionHistoryStore, input: unknown, handler: LocalTaskHandler) {
  const definition = flakyMachine();
  const recording = recordRun(store, { workflow: 'test', name: 'exec-1', input, definition });
  const result = await recording.settle(
    runLocally({ definition, handlers: { 'Flaky Step': handler }, input, onEvent: recording.tap() }),
    () => ({ changes: [{ kind: 'topic', id: 'orders', action: 'create' }] }),
  );
  return { result, id: recording.id as string };
}

const typesOf = (store: ExecutionHistoryStore, id: string) => store.events(id).map((e) => e.type);

describe('ExecutionHistoryStore with recordRun', () => {
  it('records a retried task as TaskFailed then TaskScheduled again, in GetExecutionHistory shape', async () => {
    // Prepare
    const store = new ExecutionHistoryStore(root);
    let calls = 0;

    // Act
    const { result, id } = await recordedRun(store, { requestId: 'req-1' }, async () => {
      if (++calls === 1) throw new FooRetriableError('not yet');
      return { ok: true };
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(store, id)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const events = store.events(id);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[4]?.taskFailedEventDetails?.error).toBe('FooRetriableError');
    // The Lambda error document as Cause, its stack trace left out (it repeats the message, names paths)
    expect(JSON.parse(events[4]?.taskFailedEventDetails?.cause ?? '')).toEqual({
      errorType: 'FooRetriableError',
      errorMessage: 'not yet',
      trace: '***',
    });
    expect(JSON.parse(events[8]?.stateExitedEventDetails?.output ?? '')).toEqual({
      requestId: 'req-1',
      step: { ok: true },
    });
    const record = store.record(id);
    expect(record).toMatchObject({
      workflow: 'test',
      name: 'exec-1',
      requestId: 'req-1',
      status: 'SUCCEEDED',
      changes: [{ kind: 'topic', id: 'orders', action: 'create' }],
    });
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('records a caught failure as TaskFailed then TaskStateExited, and the execution failing in the Fail state', async () => {
    // Prepare
    const store = new ExecutionHistoryStore(root);

    // Act
    const { result, id } = await recordedRun(store, {}, async () => {
      throw new ScramSecretNotYetVisibleError('gone');
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(typesOf(store, id)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(store.record(id)).toMatchObject({ status: 'FAILED', error: 'StepFailed' });
  });

  it('never writes a credential: secret-named keys and credential-looking text are redacted', async () => {
    // Prepare
    const store = new ExecutionHistoryStore(root);
    const input = {
      requestId: 'req-2',
      password: 'hunter2-input',
      nested: { apiKey: 'key-in-input', secretName: 'AmazonMSK_team' },
      jaas: 'ScramLoginModule required username="u" password="jaas-pass";',
      url: 'https://user:url-pass@example.com/',
    };

    // Act
    const { id } = await recordedRun(store, input, async () => {
      throw new ScramSecretNotYetVisibleError('SecretString: cause-pass');
    });

    // Assess
    const files = ['execution.json', 'history.ndjson'].map((f) => readFileSync(join(root, id, f), 'utf8'));
    for (const secret of ['hunter2-input', 'key-in-input', 'jaas-pass', 'url-pass', 'cause-pass']) {
      expect(files.join('\n')).not.toContain(secret);
    }
    expect(files[1]).toContain('AmazonMSK_team');
  });

  it('lists executions newest first, reads history after an event id, and reports a dead runner as ABORTED', async () => {
    // Prepare
    const store = new ExecutionHistoryStore(root);
    const first = await recordedRun(store, {}, async () => ({}));
    const second = await recordedRun(store, {}, async () => ({}));
    const file = join(root, first.id, 'execution.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...record, status: 'RUNNING', pid: 2 ** 31 - 2 }));

    // Act
    const listed = store.list();

    // Assess
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(listed[1]?.status).toBe('ABORTED');
    expect(store.events(second.id, 7).map((e) => e.id)).toEqual([8, 9]);
    expect(store.read('../etc')).toBeUndefined();
    expect(store.read(second.id)?.definition.StartAt).toBe('Flaky Step');
  });

  it('keeps only the newest executions it is told to keep', async () => {
    // Prepare
    const store = new ExecutionHistoryStore(root, 2);

    // Act
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await recordedRun(store, {}, async () => ({}))).id);

    // Assess
    expect(store.list().map((r) => r.id)).toEqual(ids.slice(2).reverse());
  });
});
