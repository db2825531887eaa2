import type { ExecutionRecord } from '../../../workflows/local/history/types';
import { formatDuration, formatTime, h } from './dom';
import { listExecutions } from './executionsClient';

const REFRESH_MS = 2000;

function row(record: ExecutionRecord): HTMLElement {
  const href = `#/executions/${encodeURIComponent(record.id)}`;
  return h(
    'tr',
    { 'data-execution': record.id },
    h('td', {}, h('span', { class: `badge-status status-${record.status}` }, record.status)),
    h('td', {}, record.workflow),
    h('td', {}, h('a', { href }, record.requestId ?? record.name)),
    h('td', {}, formatTime(record.startDate)),
    h('td', { class: 'num' }, formatDuration(record.durationMs)),
    h('td', {}, record.dryRun ? 'dry run' : ''),
  );
}

/** Every local execution, newest first, refreshed every two seconds while shown. */
export function executionsPage(root: HTMLElement): () => void {
  const body = h('tbody');
  const state = h('p', { class: 'loading', role: 'status' }, 'Loading executions…');
  root.replaceChildren(
    h('h1', {}, 'Executions'),
    h(
      'p',
      { class: 'hint' },
      'Local runs of onboarding, offboarding and replay, recorded under .local/executions/.',
    ),
    state,
    h(
      'table',
      { class: 'executions', 'aria-label': 'executions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Status'),
          h('th', {}, 'Workflow'),
          h('th', {}, 'Request id'),
          h('th', {}, 'Started'),
          h('th', {}, 'Duration'),
          h('th', {}, ''),
        ),
      ),
      body,
    ),
  );
  const refresh = async () => {
    try {
      const executions = await listExecutions();
      body.replaceChildren(...executions.map(row));
      state.textContent =
        executions.length === 0
          ? 'No executions yet: run `npx msk-flows onboard --local --request examples/onboard-local.json`.'
          : '';
      state.className = executions.length === 0 ? 'empty' : 'loaded';
    } catch (error) {
      state.textContent = `Could not list executions: ${(error as Error).message}`;
      state.className = 'error';
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  return () => clearInterval(timer);
}
