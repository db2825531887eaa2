import { gzipSync } from 'node:zlib';
import { buildConsoleAssets, buildFlightDataSite } from '../../../cli/console/web/build';

const kib = (body: string | Uint8Array) => Buffer.byteLength(body) / 1024;

describe('browser bundles', () => {
  it('stay small: no framework, no runtime dependency beyond our own code', () => {
    // Act
    const consoleJs = buildConsoleAssets()['app.js'] as string;
    const siteJs = buildFlightDataSite()['app.js'] as string;

    // Assess: budgets with room to grow, far below any framework's weight (README states the measured sizes)
    expect(kib(consoleJs)).toBeLessThan(40);
    expect(kib(gzipSync(consoleJs))).toBeLessThan(16);
    expect(kib(siteJs)).toBeLessThan(10);
    expect(siteJs).not.toContain('EventSource'); // the standalone page carries no console code
  });
});
