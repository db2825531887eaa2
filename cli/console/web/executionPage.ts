import type { ExecutionRecord, RecordedHistoryEvent } from '../../../workflows/local/history/types';
import { layoutGraph } from '../graph/layout';
import { graphOf } from '../graph/model';
import { type ExecutionPicture, pictureOf, type StateStatus } from '../graph/status';
import { causeText, formatDuration, formatTime, h, prettyJson } from './dom';
import { type ExecutionDetail, followExecution, getExecution } from './executionsClient';
import { graphView, STATUS_TEXT } from './graphView';
import { timelineView } from './timeline';

function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge-status status-${status}`, 'data-testid': 'execution-status' }, status);
}

function legend(): HTMLElement {
  const statuses: StateStatus[] = ['succeeded', 'retried', 'caught', 'failed', 'running', 'not-reached'];
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'legend' },
    ...statuses.map((status) => h('li', { class: `status-${status}` }, h('i'), STATUS_TEXT[status])),
  );
}

function summary(record: ExecutionRecord): HTMLElement {
  const field = (label: string, value: Node | string) => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'dl',
    { class: 'summary' },
    ...field('Status', statusBadge(record.status)),
    ...field('Workflow', record.workflow),
    ...field('Request id', record.requestId ?? '–'),
    ...field('Execution', record.name),
    ...field('Started', formatTime(record.startDate)),
    ...field('Duration', formatDuration(record.durationMs)),
    ...(record.transitions !== undefined ? field('Transitions', String(record.transitions)) : []),
    ...(record.error ? field('Error', `${record.error}: ${causeText(record.cause)}`) : []),
  );
}

function changesView(record: ExecutionRecord): HTMLElement {
  const changes = record.changes ?? [];
  const title = record.dryRun ? 'Changes it would make (dry run)' : 'Changes';
  if (record.status === 'RUNNING')
    return h(
      'section',
      { class: 'changes' },
      h('h2', {}, title),
      h('p', {}, 'Known when the execution ends.'),
    );
  if (changes.length === 0)
    return h('section', { class: 'changes' }, h('h2', {}, title), h('p', {}, 'None reported.'));
  return h(
    'section',
    { class: 'changes' },
    h('h2', {}, title),
    h(
      'table',
      { 'aria-label': 'changes' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'action'), h('th', {}, 'kind'), h('th', {}, 'id'), h('th', {}, 'detail')),
      ),
      h(
        'tbody',
        {},
        ...changes.map((c) =>
          h(
            'tr',
            { class: `action-${c.action}` },
            h('td', {}, c.action),
            h('td', {}, c.kind),
            h('td', {}, c.id),
            h('td', {}, c.detail ?? ''),
          ),
        ),
      ),
    ),
  );
}

function stateDetail(name: string | undefined, picture: ExecutionPicture): HTMLElement {
  const panel = h('aside', { class: 'state-detail', 'aria-live': 'polite' });
  if (!name) {
    panel.append(h('p', { class: 'hint' }, 'Click a state to see its input and output.'));
    return panel;
  }
  const outcome = picture.states.get(name);
  const status = outcome?.status ?? 'not-reached';
  panel.append(
    h('h2', {}, name),
    h('p', {}, h('span', { class: `badge-status status-${status}` }, STATUS_TEXT[status])),
  );
  if (outcome?.retries) panel.append(h('p', {}, `Retried ${outcome.retries}×`));
  if (outcome && outcome.entered > 1) panel.append(h('p', {}, `Entered ${outcome.entered}×`));
  if (outcome?.error) {
    panel.append(
      h('h3', {}, 'Error'),
      h('pre', { class: 'error' }, `${outcome.error.error ?? ''}\n${causeText(outcome.error.cause)}`),
    );
  }
  if (outcome?.input !== undefined)
    panel.append(h('h3', {}, 'Input'), h('pre', { 'data-testid': 'state-input' }, prettyJson(outcome.input)));
  if (outcome?.output !== undefined)
    panel.append(
      h('h3', {}, 'Output'),
      h('pre', { 'data-testid': 'state-output' }, prettyJson(outcome.output)),
    );
  return panel;
}

/** One execution: summary, graph coloured by what happened, the selected state's I/O, timeline, changes; live while running. */
export async function executionPage(root: HTMLElement, id: string): Promise<() => void> {
  root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading execution…'));
  let detail: ExecutionDetail;
  try {
    detail = await getExecution(id);
  } catch (error) {
    root.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `Could not load the execution: ${(error as Error).message}`),
    );
    return () => {};
  }
  const model = graphOf(detail.definition);
  const layout = layoutGraph(model);
  let events: RecordedHistoryEvent[] = detail.events;
  let record = detail.execution;
  let selected: string | undefined;
  const render = () => {
    const picture = pictureOf(model, events);
    const total = record.durationMs ?? Math.max(0, Date.now() - Date.parse(record.startDate));
    const select = (state: string) => {
      selected = state;
      render();
    };
    root.replaceChildren(
      h('p', {}, h('a', { href: '#/' }, '← Executions')),
      h('h1', {}, `${record.workflow}: ${record.requestId ?? record.name}`),
      summary(record),
      h(
        'div',
        { class: 'execution-body' },
        h(
          'section',
          { class: 'graph-panel' },
          legend(),
          h('div', { class: 'graph-scroll' }, graphView(layout, picture, select, selected)),
        ),
        stateDetail(selected, picture),
      ),
      h('section', {}, h('h2', {}, 'Timeline'), timelineView(picture, total, select)),
      changesView(record),
    );
  };
  render();
  if (record.status !== 'RUNNING') return () => {};
  return followExecution(
    id,
    events.at(-1)?.id ?? 0,
    (more) => {
      events = [...events, ...more];
      render();
    },
    (latest) => {
      record = latest;
      render();
    },
  );
}
