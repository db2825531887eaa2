import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { requireTool } from './tools';

const run = promisify(execFile);

/** What to fetch: the dependencies of `pom`, resolved with `properties`, copied flat into `libsDir`. */
export interface MavenFetchRequest {
  pom: string;
  libsDir: string;
  properties: Record<string, string>;
  log?: (message: string) => void;
}

interface CompleteMarker {
  fingerprint: string;
  jars: string[];
}

function fingerprint(request: MavenFetchRequest): string {
  return createHash('sha256')
    .update(readFileSync(request.pom))
    .update(JSON.stringify(Object.entries(request.properties).sort()))
    .digest('hex');
}

function markerPath(libsDir: string): string {
  return join(dirname(libsDir), `${basename(libsDir)}.complete.json`);
}

/** True when `libsDir` holds every jar of a finished fetch of this exact pom and properties. */
export function isCacheComplete(request: MavenFetchRequest): boolean {
  const marker = markerPath(request.libsDir);
  if (!existsSync(marker)) return false;
  const done = JSON.parse(readFileSync(marker, 'utf8')) as CompleteMarker;
  return (
    done.fingerprint === fingerprint(request) &&
    done.jars.every((jar) => existsSync(join(request.libsDir, jar)))
  );
}

/** Copies the pom's runtime dependencies into `libsDir` with `mvn dependency:copy-dependencies`, unless cached. */
export async function fetchMavenJars(request: MavenFetchRequest): Promise<string> {
  if (isCacheComplete(request)) return request.libsDir;
  const mvn = requireTool('mvn');
  // Fetch into a temporary sibling and rename, so an interrupted download never looks complete.
  const staging = `${request.libsDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  request.log?.(`Fetching jars for ${request.pom} into ${request.libsDir}`);
  const args = ['-q', '-B', '-f', request.pom, 'dependency:copy-dependencies', '-DincludeScope=runtime'];
  args.push(`-DoutputDirectory=${staging}`);
  for (const [key, value] of Object.entries(request.properties)) args.push(`-D${key}=${value}`);
  try {
    await run(mvn, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`mvn failed to fetch the jars of ${request.pom}:\n${output.slice(-4000)}`, {
      cause: error,
    });
  }
  const jars = readdirSync(staging).filter((name) => name.endsWith('.jar'));
  rmSync(request.libsDir, { recursive: true, force: true });
  renameSync(staging, request.libsDir);
  const marker: CompleteMarker = { fingerprint: fingerprint(request), jars };
  writeFileSync(markerPath(request.libsDir), `${JSON.stringify(marker, null, 2)}\n`);
  return request.libsDir;
}
