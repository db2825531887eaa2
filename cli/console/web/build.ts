import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';

const WEB = import.meta.dirname;

/** The files of a built page: name → content. */
export type BuiltFiles = Record<string, string | Uint8Array>;

// One bundle per page: ES2022 for current browsers, minified, no source maps (nothing to hide, less to ship).
const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'silent',
};

function bundle(entry: string): string {
  const result = buildSync({ ...common, entryPoints: [join(WEB, entry)] });
  return result.outputFiles?.[0]?.text ?? '';
}

function page(title: string): string {
  return readFileSync(join(WEB, 'index.html'), 'utf8').replaceAll('{{title}}', title);
}

/** The console's static files: `index.html`, `app.js`, `app.css`. */
export function buildConsoleAssets(): BuiltFiles {
  return {
    'index.html': page('msk-flows console'),
    'app.js': bundle('consoleApp.ts'),
    'app.css': readFileSync(join(WEB, 'styles.css'), 'utf8'),
  };
}

/**
 * The flightData page as a static site (`index.html`, `app.js`, `app.css`), to be served beside the
 * API: it reads `config.json` (`{ "apiUrl", "apiKey"? }`) from its own origin at start.
 */
export function buildFlightDataSite(): BuiltFiles {
  return {
    'index.html': page('Flight data'),
    'app.js': bundle('flightDataSite.ts'),
    'app.css': readFileSync(join(WEB, 'styles.css'), 'utf8'),
  };
}

/** Writes built files into `dir` (created if missing). */
export function writeBuiltFiles(files: BuiltFiles, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}
