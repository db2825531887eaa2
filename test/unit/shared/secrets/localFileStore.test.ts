import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileSecretStore } from '../../../../tasks/shared/secrets/localFileStore';

describe('LocalFileSecretStore', () => {
  let root: string;
  let store: LocalFileSecretStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'msk-flows-store-'));
    store = new LocalFileSecretStore(join(root, 'secrets'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes <dir>/<name>.json readable by its owner only when a secret is put', async () => {
    // Act
    await store.put('team-a', '{"username":"team-a","password":"pw"}');

    // Assess
    const file = join(root, 'secrets', 'team-a.json');
    expect(store.pathOf('team-a')).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'secrets')).mode & 0o777).toBe(0o700);
    await expect(store.get('team-a')).resolves.toBe('{"username":"team-a","password":"pw"}');
  });

  it('replaces the value and keeps mode 0600 when a secret is put twice', async () => {
    // Prepare
    await store.put('team-a', 'one');

    // Act
    await store.put('team-a', 'two');

    // Assess
    await expect(store.get('team-a')).resolves.toBe('two');
    expect(statSync(store.pathOf('team-a')).mode & 0o777).toBe(0o600);
  });

  it('throws SecretNotFoundError when the secret was deleted, and deleting again is no error', async () => {
    // Prepare
    await store.put('team-a', 'value');

    // Act
    await store.delete('team-a');
    await store.delete('team-a');

    // Assess
    await expect(store.get('team-a')).rejects.toMatchObject({ name: 'SecretNotFoundError' });
  });

  it.each(['../escape', 'a/b', '', '.hidden'])(
    'refuses the name %j that could leave the directory',
    async (name) => {
      // Act
      const result = store.put(name, 'value');

      // Assess
      await expect(result).rejects.toMatchObject({ name: 'SecretError' });
    },
  );
});
