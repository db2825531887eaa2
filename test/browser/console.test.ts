import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type ConsoleServer, startConsoleServer } from '../../cli/console/server';
import { runWorkflowLocally, synthesizedWorkflow } from '../../cli/local/runWorkflowLocally';
import { ExecutionHistoryStore } from '../../workflows/local/history';
import {
  localWorkflowDeps,
  offboard,
  randomRequest,
  removeFromBroker,
  statesEntered,
  type TestRequest,
} from '../workflows/helpers/onboarding';
import { launchChromium, screenshot } from './support/browser';
import { dryRunBranch } from './support/definition';

let root: string;
let store: ExecutionHistoryStore;
let server: ConsoleServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'msk-flows-console-'));
  store = new ExecutionHistoryStore(root);
  server = await startConsoleServer({ store, port: 0 });
  browser = await launchChromium();
  // Synthesizing the CDK app is the slow part (tens of seconds on two busy cores): once, up front.
  synthesizedWorkflow('onboarding');
}, 180_000);
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(5000);
});
afterEach(() => page.close());
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Onboards `request` with the synthesized state machine on the local broker, recorded in the test's store. */
function onboard(request: TestRequest) {
  return runWorkflowLocally({
    workflow: 'onboarding',
    input: request,
    executionName: request.requestId,
    deps: localWorkflowDeps(),
    history: store,
  });
}

const statusOfState = (name: string) =>
  page.locator(`svg.graph [data-state="${name}"]`).getAttribute('data-status');

async function openExecution(requestId: string): Promise<void> {
  await page.goto(server.url);
  const row = page.locator('table.executions tr', { hasText: requestId });
  await row.getByRole('link').click();
  await page.locator('svg.graph').waitFor();
}

describe('msk-flows console in a real browser', () => {
  it('lists a real local onboarding run and draws its executed states succeeded, the dry-run branch not reached', async () => {
    // Prepare
    const { request, consumed } = await randomRequest();
    const result = await onboard(request);
    expect(result.status).toBe('SUCCEEDED');

    try {
      // Act
      await page.goto(server.url);
      const row = page.locator('table.executions tr', { hasText: request.requestId });

      // Assess: the list
      await expect(row.locator('.badge-status').textContent()).resolves.toBe('SUCCEEDED');
      await expect(row.locator('td').nth(1).textContent()).resolves.toBe('onboarding');
      await screenshot(page, 'console-executions-one');

      // Act: open it
      await openExecution(request.requestId);

      // Assess: every state the run entered is succeeded, the dry-run branch not reached
      const executed = [...new Set(statesEntered(result))];
      expect(executed).toContain('Grant ACLs');
      for (const state of executed) expect(await statusOfState(state)).toBe('succeeded');
      const dryRun = dryRunBranch(synthesizedWorkflow('onboarding').definition);
      expect(dryRun.length).toBeGreaterThan(0);
      for (const state of dryRun) expect(await statusOfState(state)).toBe('not-reached');
      await expect(page.getByTestId('execution-status').textContent()).resolves.toBe('SUCCEEDED');
      await expect(page.locator('.changes tbody').textContent()).resolves.toContain(consumed);

      // Act: a state's input and output on click
      await page.locator('svg.graph [data-state="Ensure Topics"]').click();

      // Assess
      await expect(page.getByTestId('state-output').textContent()).resolves.toContain(consumed);
      await screenshot(page, 'console-execution-succeeded');
    } finally {
      await offboard(request);
    }
  }, 90_000);

  it('shows a failing onboarding: the failed state caught, the compensation path taken, the run failed', async () => {
    // Prepare: two compaction lags each within the platform policy but conflicting (min > max): the broker
    // refuses the topic, so Ensure Topics fails for real after the plan accepted the request.
    const { request } = await randomRequest();
    const impossible = {
      ...request,
      topics: request.topics.map((t) => ({
        ...t,
        config: { ...t.config, 'min.compaction.lag.ms': '7200000', 'max.compaction.lag.ms': '3600000' },
      })),
    };
    const result = await onboard(impossible);
    expect(result.status).toBe('FAILED');

    try {
      // Act
      await openExecution(request.requestId);

      // Assess
      expect(await statusOfState('Upsert Scram User')).toBe('succeeded');
      expect(await statusOfState('Ensure Topics')).toBe('caught');
      expect(await statusOfState('Undo Changes')).toBe('succeeded');
      expect(await statusOfState('Onboarding Failed')).toBe('failed');
      expect(await statusOfState('Grant ACLs')).toBe('not-reached');
      const catchEdge = page.locator('svg.graph .edge-catch.taken[data-from="Ensure Topics"]');
      await expect(catchEdge.getAttribute('data-to')).resolves.toBe('Undo Changes');
      await expect(page.getByTestId('execution-status').textContent()).resolves.toBe('FAILED');
      await expect(page.locator('dl.summary').textContent()).resolves.toContain('INVALID_CONFIG');

      // Act: the failed state's error on click
      await page.locator('svg.graph [data-state="Ensure Topics"]').click();

      // Assess
      await expect(page.locator('.state-detail pre.error').textContent()).resolves.toContain(
        'KafkaOperationError',
      );
      await screenshot(page, 'console-execution-failed');
      await screenshot(page, 'console-execution', page.locator('.graph-panel'));
    } finally {
      await removeFromBroker(
        request.principal,
        request.topics.map((t) => t.name),
      );
    }
  });

  it('updates a running execution live as its recorder writes events, until it ends', async () => {
    // Prepare: an onboarding execution being recorded, its first state entered
    const { definition } = synthesizedWorkflow('onboarding');
    const requestId = `live-${Date.now()}`;
    const recorder = store.begin({
      workflow: 'onboarding',
      name: requestId,
      input: { requestId },
      definition,
    });
    const state = (type: 'StateEntered' | 'StateExited', name: string, at: number) =>
      recorder.onEvent({ type, at, state: name, stateType: 'Task', execution: 0, input: {}, output: {} });
    state('StateEntered', 'Validate Request', 0);
    await openExecution(requestId);
    const before = await statusOfState('Validate Request');

    // Act
    state('StateExited', 'Validate Request', 5);
    state('StateEntered', 'Plan Changes', 6);
    await page.locator('svg.graph [data-state="Plan Changes"][data-status="running"]').waitFor();
    const during = await statusOfState('Validate Request');
    recorder.finish({ status: 'ABORTED', transitions: 2, events: [], durationMs: 10 });
    await page.getByTestId('execution-status').filter({ hasText: 'ABORTED' }).waitFor();

    // Assess
    expect(before).toBe('running');
    expect(during).toBe('succeeded');
    expect(await statusOfState('Plan Changes')).toBe('failed');
    await page.goto(server.url);
    await page.locator('table.executions tbody tr').nth(2).waitFor();
    await screenshot(page, 'console-executions', page.locator('main'));
  });
});
