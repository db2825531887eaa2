import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPlatformPolicy } from '../../../cli/local/platformPolicy';
import { DEFAULT_POLICY } from '../../../tasks/onboarding/guardRails';

describe('localPlatformPolicy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file --policy names, over the defaults', () => {
    // Prepare
    const file = join(dir, 'policy.json');
    writeFileSync(file, '\uFEFF{ "prefixes": { "minLength": 12 } }');

    // Act
    const { policy, source } = localPlatformPolicy(file);

    // Assess
    expect(source).toBe(file);
    expect(policy.prefixes.minLength).toBe(12);
    expect(policy.topicConfig).toEqual(DEFAULT_POLICY.topicConfig);
  });

  it('names the file and every bad field of a malformed policy', () => {
    // Prepare
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ partitions: { max: 0 }, topicConfig: { 'retention.ms': { min: '1h' } } }),
    );

    // Act
    const read = () => localPlatformPolicy(file);

    // Assess
    expect(read).toThrow(`platform policy ${file} is invalid: partitions.max:`);
    expect(read).toThrow('topicConfig["retention.ms"]');
  });

  it('says which file it cannot read', () => {
    // Act
    const read = () => localPlatformPolicy(join(dir, 'missing.json'));

    // Assess
    expect(read).toThrow(/--policy .*missing\.json: cannot read the file \(ENOENT\)/);
  });
});
