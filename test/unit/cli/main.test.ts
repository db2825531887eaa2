import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';
import { repoRoot } from '../../../scripts/local/paths';
import { brokerState, NOTHING, randomRequest } from '../../workflows/helpers/onboarding';

/** A CliOutput that keeps every line. */
function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
}

describe('main', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-flows-cli-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns 2 and names every bad field on stderr when the request file is invalid', async () => {
    // Prepare
    const { out, err, output } = recorder();
    const file = join(repoRoot(), 'examples', 'invalid-request.json');

    // Act
    const code = await main(['onboard', '--request', file, '--local', '--json'], output);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe('request invalid:');
    const paths = err.slice(1).map((line) => line.trim().split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['requestId', 'cluster.arn', 'principal', 'password']));
    expect(err.join('\n')).not.toContain('hunter2');
  });

  it('reads a request file that starts with a UTF-8 byte order mark like one without', async () => {
    // Prepare
    const { err, output } = recorder();
    const invalid = readFileSync(join(repoRoot(), 'examples', 'invalid-request.json'), 'utf8');
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${invalid}`, 'utf8');

    // Act
    const code = await main(['onboard', '--request', file, '--local', '--json'], output);

    // Assess: validated field by field, so the JSON was read
    expect(code).toBe(2);
    const paths = err.slice(1).map((line) => line.trim().split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['requestId', 'cluster.arn', 'principal', 'password']));
  });

  it('returns 2 saying where a request file stops being JSON, without quoting it', async () => {
    // Prepare
    const { err, output } = recorder();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "requestId": "r-1",\n  "password": "hunter2",\n}');

    // Act
    const code = await main(['onboard', '--request', file, '--local'], output);

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('(request): not valid JSON (line 4, column 1)');
    expect(err.join('\n')).not.toContain('hunter2');
  });

  it('returns 2 naming the flag and touches nothing when the request file cannot be read', async () => {
    // Prepare
    const { out, err, output } = recorder();
    const file = join(dir, 'missing.json');

    // Act
    const code = await main(['onboard', '--request', file, '--local'], output);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`--request ${file}: cannot read the file (ENOENT)`);
  });

  it('returns 2 and prints the usage when the command line is wrong', async () => {
    // Prepare
    const { err, output } = recorder();

    // Act
    const code = await main(['onboard', '--local'], output);

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('--request FILE is required');
    expect(err.join('\n')).toContain('msk-flows onboard');
  });

  it('prints exactly one JSON line with status SUCCEEDED when --json onboards a valid local request', async () => {
    // Prepare
    const { request } = await randomRequest();
    const onboardFile = join(dir, 'onboard.json');
    const offboardFile = join(dir, 'offboard.json');
    writeFileSync(onboardFile, JSON.stringify(request));
    writeFileSync(
      offboardFile,
      JSON.stringify({ ...request, requestId: `${request.requestId}-off`, deleteTopics: true }),
    );
    const { out, err, output } = recorder();

    // Act
    const code = await main(['onboard', '--request', onboardFile, '--local', '--json'], output);

    // Assess
    try {
      expect({ code, err: code === 0 ? [] : err }).toEqual({ code: 0, err: [] });
      expect(out).toHaveLength(1);
      const summary = JSON.parse(out[0] ?? '') as { status: string; execution: string; changes: unknown[] };
      expect(summary.status).toBe('SUCCEEDED');
      expect(summary.execution).toBe(`local:onboarding:${request.requestId}`);
      expect(summary.changes.length).toBeGreaterThan(0);
    } finally {
      const cleanUp = recorder();
      const offboardCode = await main(
        ['offboard', '--request', offboardFile, '--local', '--json'],
        cleanUp.output,
      );
      expect({ offboardCode, err: offboardCode === 0 ? [] : cleanUp.err }).toEqual({
        offboardCode: 0,
        err: [],
      });
    }
    const topics = request.topics.map((t) => t.name);
    expect(await brokerState(request.principal, topics)).toEqual(NOTHING);
  });
});
