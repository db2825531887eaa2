import { h } from './dom';
import {
  FlightDataApiError,
  type FlightDataConfig,
  type FlightFilters,
  type FlightRow,
  fetchFlightPage,
  loadConfig,
} from './flightDataClient';

const KEY_STORAGE = 'msk-flows.flightData.apiKey';

function field(label: string, input: HTMLElement): HTMLElement {
  return h('label', {}, h('span', {}, label), input);
}

function flightRow(row: FlightRow): HTMLElement {
  const time = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z') : '–');
  return h(
    'tr',
    { 'data-id': row.id },
    h('td', {}, row.flight),
    h('td', {}, `${row.origin} → ${row.destination}`),
    h('td', {}, time(row.departureTime)),
    h('td', {}, time(row.arrivalTime)),
    h('td', {}, h('span', { class: `flight-status ${row.status}` }, row.status)),
  );
}

/**
 * The flightData page: filters, a table of flights, keyset pagination forward and back (the cursors of
 * pages already seen are kept, so Previous goes back exactly), and clear loading, empty and error states.
 */
export async function flightDataPage(root: HTMLElement, given?: FlightDataConfig): Promise<void> {
  root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading configuration…'));
  let config: FlightDataConfig;
  try {
    config = given ?? (await loadConfig());
  } catch (error) {
    root.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `This page is not configured: ${(error as Error).message}`),
    );
    return;
  }
  const flight = h('input', { name: 'flight', placeholder: 'LH123', maxlength: 8, autocomplete: 'off' });
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const limit = h(
    'select',
    { name: 'limit' },
    ...[10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === 25 }, String(n))),
  );
  const apiKey = h('input', {
    name: 'apiKey',
    type: 'password',
    autocomplete: 'off',
    value: sessionStorage.getItem(KEY_STORAGE) ?? '',
  });
  const status = h('div', { class: 'page-state', 'aria-live': 'polite' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'flights', 'aria-label': 'flights' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Flight'),
        h('th', {}, 'Route'),
        h('th', {}, 'Departure (UTC)'),
        h('th', {}, 'Arrival (UTC)'),
        h('th', {}, 'Status'),
      ),
    ),
    body,
  );
  const previous = h('button', { type: 'button', disabled: true }, '← Previous');
  const next = h('button', { type: 'button', disabled: true }, 'Next →');
  const pageLabel = h('span', { class: 'page-number' }, '');
  // cursors[i] starts page i (undefined for the first); the next page's cursor is pushed when shown.
  let cursors: (string | undefined)[] = [undefined];
  let nextCursor: string | null = null;
  let filters: FlightFilters = { limit: 25 };
  let request = 0;

  const show = async () => {
    const mine = ++request;
    const page = cursors.length - 1;
    previous.disabled = true;
    next.disabled = true;
    table.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading flights…'));
    try {
      const key = config.apiKey ?? apiKey.value;
      const result = await fetchFlightPage(config, key, filters, cursors[page]);
      if (mine !== request) return;
      nextCursor = result.nextCursor;
      body.replaceChildren(...result.items.map(flightRow));
      status.replaceChildren(
        result.items.length === 0
          ? h('p', { class: 'empty', role: 'status' }, 'No flights match these filters.')
          : '',
      );
      pageLabel.textContent = `Page ${page + 1}`;
      previous.disabled = page === 0;
      next.disabled = nextCursor === null;
    } catch (error) {
      if (mine !== request) return;
      body.replaceChildren();
      const e = error as FlightDataApiError;
      const title = e.status ? `The flight data API answered ${e.status}: ${e.message}` : e.message;
      status.replaceChildren(
        h(
          'div',
          { class: 'error', role: 'alert' },
          h('p', {}, title),
          e instanceof FlightDataApiError && e.problems.length > 0
            ? h('ul', {}, ...e.problems.map((p) => h('li', {}, `${p.parameter}: ${p.reason}`)))
            : null,
          h('button', { type: 'button', onclick: () => void show() }, 'Try again'),
        ),
      );
      previous.disabled = page === 0;
    } finally {
      if (mine === request) table.removeAttribute('aria-busy');
    }
  };
  previous.addEventListener('click', () => {
    if (cursors.length > 1) cursors = cursors.slice(0, -1);
    void show();
  });
  next.addEventListener('click', () => {
    if (nextCursor) cursors = [...cursors, nextCursor];
    void show();
  });
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!config.apiKey) sessionStorage.setItem(KEY_STORAGE, apiKey.value);
        filters = {
          flight: flight.value || undefined,
          from: from.value || undefined,
          to: to.value || undefined,
          limit: Number(limit.value),
        };
        cursors = [undefined];
        void show();
      },
    },
    field('Flight', flight),
    field('Departure from (UTC day)', from),
    field('Departure to (UTC day, inclusive)', to),
    field('Rows per page', limit),
    config.apiKey ? null : field('API key', apiKey),
    h('button', { type: 'submit' }, 'Show flights'),
  );
  root.replaceChildren(
    h('h1', {}, 'Flight data'),
    form,
    status,
    table,
    h('nav', { class: 'pager', 'aria-label': 'pages' }, previous, pageLabel, next),
  );
  if (config.apiKey || apiKey.value) void show();
  else status.replaceChildren(h('p', { class: 'empty' }, 'Enter the API key to load flights.'));
}
