import type { Pool } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { type ConsoleServer, startConsoleServer } from '../../cli/console/server';
import { buildFlightDataSite } from '../../cli/console/web/build';
import {
  dropFlightData,
  insertFlightRows,
  migrateFlightData,
  type TableRef,
} from '../../tasks/ingest/flightData/schema';
import { syntheticFlightRows } from '../../tasks/ingest/flightData/seed';
import { ExecutionHistoryStore } from '../../workflows/local/history';
import { closedPort, localPool, uniqueTable } from '../integration/flightData/support';
import { launchChromium, screenshot } from './support/browser';
import { serveStatic } from './support/staticSite';

const ROWS = 23;

let pool: Pool;
let table: TableRef;
let site: Awaited<ReturnType<typeof serveStatic>> | undefined;
let api: ConsoleServer | undefined;
let browser: Browser;
let page: Page;
/** Every seeded row's id in the API's order: (departure_time, id). */
let ordered: string[];

beforeAll(async () => {
  pool = localPool();
  table = uniqueTable();
  await migrateFlightData(pool, table);
  await insertFlightRows(pool, table, syntheticFlightRows(ROWS));
  const { rows } = await pool.query(`SELECT id::text AS key FROM ${table.sql} ORDER BY departure_time, id`);
  ordered = rows.map((r: { key: string }) => r.key);
  browser = await launchChromium();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  page.setDefaultTimeout(10_000);
});
afterEach(async () => {
  await page.close();
  await site?.close();
  await api?.close();
  site = undefined;
  api = undefined;
});
afterAll(async () => {
  await browser?.close();
  await dropFlightData(pool, table);
  await pool.end();
});

/**
 * The console's API (the flightData handler behind an API key and CORS), and the deployable static
 * page served from another origin with its config.json pointing at that API, as after a deploy.
 */
async function deployLocally(env: Record<string, string> = {}): Promise<void> {
  site = await serveStatic({});
  const origin = site.origin;
  await site.close();
  api = await startConsoleServer({
    store: new ExecutionHistoryStore('/nonexistent'),
    port: 0,
    extraOrigins: [origin],
    flightDataEnv: { FLIGHT_DATA_TABLE: table.name, ...env },
  });
  const config = JSON.stringify({ apiUrl: `${api.url}flightData`, apiKey: api.apiKey });
  site = await serveStatic({ ...buildFlightDataSite(), 'config.json': config }, Number(new URL(origin).port));
}

const shownIds = () =>
  page.locator('table.flights tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

async function showRows(limit: string, flight = ''): Promise<void> {
  await page.locator('input[name=flight]').fill(flight);
  await page.locator('select[name=limit]').selectOption(limit);
  await page.getByRole('button', { name: 'Show flights' }).click();
}

describe('flightData page in a real browser', () => {
  it('pages through the rows seeded in PostgreSQL forward and back, across origins as deployed', async () => {
    // Prepare
    await deployLocally();
    await page.goto(`${site?.origin}/`);

    // Act
    await showRows('10');
    await page.locator('.page-number', { hasText: 'Page 1' }).waitFor();
    const first = await shownIds();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.locator('.page-number', { hasText: 'Page 2' }).waitFor();
    const second = await shownIds();
    await screenshot(page, 'flight-data', page.locator('main'));
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.locator('.page-number', { hasText: 'Page 3' }).waitFor();
    const third = await shownIds();
    const nextOnLast = await page.getByRole('button', { name: 'Next →' }).isDisabled();
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.locator('.page-number', { hasText: 'Page 2' }).waitFor();
    const backToSecond = await shownIds();

    // Assess
    expect(first).toEqual(ordered.slice(0, 10));
    expect(second).toEqual(ordered.slice(10, 20));
    expect(third).toEqual(ordered.slice(20));
    expect(nextOnLast).toBe(true);
    expect(backToSecond).toEqual(second);
  });

  it('filters by flight and says so when nothing matches', async () => {
    // Prepare
    await deployLocally();
    await page.goto(`${site?.origin}/`);
    const { rows } = await pool.query(
      `SELECT id::text AS key FROM ${table.sql} WHERE flight = 'LH123' ORDER BY departure_time, id`,
    );

    // Act
    await showRows('25', 'lh123');
    await page.locator('.page-number', { hasText: 'Page 1' }).waitFor();
    const filtered = await shownIds();
    await showRows('25', 'ZZ999');
    const empty = await page.getByRole('status').filter({ hasText: 'No flights match' }).textContent();

    // Assess
    expect(filtered).toEqual(rows.map((r: { key: string }) => r.key));
    expect(empty).toBe('No flights match these filters.');
    expect(await shownIds()).toEqual([]);
  });

  it('shows the error when the API answers 503 (database unreachable), without rows', async () => {
    // Prepare: the same handler, its database on a port where nothing listens
    await deployLocally({ PGPORT: String(await closedPort()) });

    // Act
    await page.goto(`${site?.origin}/`);
    const alert = await page.getByRole('alert').textContent();

    // Assess
    expect(alert).toContain(
      'The flight data API answered 503: flight data is temporarily unavailable, retry later',
    );
    expect(await shownIds()).toEqual([]);
    await screenshot(page, 'flight-data-503');
  });
});
