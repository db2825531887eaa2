import { readFileSync, statSync } from 'node:fs';
import { planScramUser } from '../../../tasks/onboarding/credentials/selfManaged/planScramUser';
import { removeScramUser } from '../../../tasks/onboarding/credentials/selfManaged/removeScramUser';
import { scramMechanismsOf } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { undoScramUser } from '../../../tasks/onboarding/credentials/selfManaged/undoScramUser';
import { upsertScramUser } from '../../../tasks/onboarding/credentials/selfManaged/upsertScramUser';
import { ScramUserConflictError } from '../../../tasks/onboarding/errors';
import { secretNameFor } from '../../../tasks/onboarding/request';
import { withAdmin } from '../../../tasks/shared/kafka/client';
import { KafkaAuthenticationError, toKafkaError } from '../../../tasks/shared/kafka/errors';
import { localKafkaClient } from '../../helpers/localStack';
import { userName } from '../../helpers/names';
import { upsertScramUser as upsertScramUserOutOfBand } from '../../helpers/scramUsers';
import {
  asPlatformaticAdmin,
  cleanUpKafka,
  journal,
  type LocalDeps,
  localDeps,
  localRequest,
} from './fixtures';

/** Logs in with the credentials in `secretFile` and describes the cluster; throws our typed error on failure. */
async function login(secretFile: string): Promise<void> {
  try {
    await withAdmin(await localKafkaClient(secretFile), (admin) => admin.describeCluster());
  } catch (error) {
    throw toKafkaError(error);
  }
}

describe('self-managed SCRAM user', () => {
  let deps: LocalDeps;
  const principals: string[] = [];

  beforeEach(() => {
    deps = localDeps();
  });

  afterEach(async () => {
    await cleanUpKafka(principals.splice(0), []);
    deps.cleanUp();
  });

  async function newRequest() {
    const principal = userName();
    principals.push(principal);
    return localRequest({ principal });
  }

  it('creates the user and a 0600 secret the user can log in with, and journals it', async () => {
    // Prepare
    const request = await newRequest();
    const secretName = secretNameFor(request.principal);

    // Act
    const out = await upsertScramUser({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes).toEqual([
      { kind: 'secret', id: secretName, action: 'create' },
      { kind: 'scram-user', id: request.principal, action: 'create', detail: 'SCRAM-SHA-512' },
    ]);
    expect(out.ledger).toEqual([
      { kind: 'scram-user', user: request.principal, secretName, secretCreated: true },
    ]);
    const file = deps.secrets.pathOf(secretName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string };
    expect(stored.username).toBe(request.principal);
    expect(stored.password).toMatch(/^[A-Za-z0-9._-]{40}$/);
    await expect(login(file)).resolves.toBeUndefined();
    expect(deps.logger.lines.join('\n')).not.toContain(stored.password);
  });

  it('changes nothing and keeps the password when run again', async () => {
    // Prepare
    const request = await newRequest();
    const first = await upsertScramUser({ request, journal: journal() }, deps);
    const file = deps.secrets.pathOf(secretNameFor(request.principal));
    const before = readFileSync(file, 'utf8');

    // Act
    const plan = await planScramUser(request, deps);
    const second = await upsertScramUser({ request, journal: first }, deps);

    // Assess
    const none = [
      { kind: 'secret', id: secretNameFor(request.principal), action: 'none' },
      { kind: 'scram-user', id: request.principal, action: 'none' },
    ];
    expect(plan).toEqual(none);
    expect(second.changes.slice(first.changes.length)).toEqual(none);
    expect(second.ledger).toEqual(first.ledger);
    expect(readFileSync(file, 'utf8')).toBe(before);
    await expect(login(file)).resolves.toBeUndefined();
  });

  it('plans a create of secret and user when neither exists, without creating anything', async () => {
    // Prepare
    const request = await newRequest();

    // Act
    const plan = await planScramUser(request, deps);

    // Assess
    expect(plan.map((c) => [c.kind, c.action])).toEqual([
      ['secret', 'create'],
      ['scram-user', 'create'],
    ]);
    await expect(deps.secrets.get(secretNameFor(request.principal))).rejects.toThrow('Secret not found');
    expect(await asPlatformaticAdmin((admin) => scramMechanismsOf(admin, request.principal))).toEqual([]);
  });

  it('removes the user and its secret on undo, so the login fails', async () => {
    // Prepare
    const request = await newRequest();
    const out = await upsertScramUser({ request, journal: journal() }, deps);
    const file = deps.secrets.pathOf(secretNameFor(request.principal));
    // Keep the credentials aside to try them after the undo.
    const copyName = `${secretNameFor(request.principal)}.copy`;
    await deps.secrets.put(copyName, readFileSync(file, 'utf8'));
    const copy = deps.secrets.pathOf(copyName);
    const entry = out.ledger[0];
    if (entry?.kind !== 'scram-user') throw new Error('expected a scram-user ledger entry');

    // Act
    const change = await undoScramUser(entry, request.cluster, deps);
    const again = await undoScramUser(entry, request.cluster, deps);

    // Assess
    expect(change).toMatchObject({ kind: 'scram-user', id: request.principal, action: 'delete' });
    expect(again).toMatchObject({ action: 'none' });
    await expect(deps.secrets.get(secretNameFor(request.principal))).rejects.toThrow('Secret not found');
    await expect(login(copy)).rejects.toBeInstanceOf(KafkaAuthenticationError);
  });

  it('keeps a stored secret that predates the run when undoing the user it created from it', async () => {
    // Prepare: the secret exists (an earlier run stored it), the user does not
    const request = await newRequest();
    const secretName = secretNameFor(request.principal);
    await deps.secrets.put(
      secretName,
      JSON.stringify({ username: request.principal, password: 'pre-existing-pass-1' }),
    );
    const out = await upsertScramUser({ request, journal: journal() }, deps);
    const entry = out.ledger[0];
    if (entry?.kind !== 'scram-user') throw new Error('expected a scram-user ledger entry');

    // Act
    const change = await undoScramUser(entry, request.cluster, deps);

    // Assess
    expect(entry.secretCreated).toBe(false);
    expect(change).toMatchObject({ action: 'delete', detail: 'secret kept: it predates this run' });
    expect(JSON.parse(await deps.secrets.get(secretName))).toEqual({
      username: request.principal,
      password: 'pre-existing-pass-1',
    });
    expect(await asPlatformaticAdmin((admin) => scramMechanismsOf(admin, request.principal))).toEqual([]);
  });

  it('refuses to reset the password of a user that exists without our secret', async () => {
    // Prepare
    const request = await newRequest();
    await upsertScramUserOutOfBand({ username: request.principal, password: 'someone-elses-password' });

    // Act
    const run = upsertScramUser({ request, journal: journal() }, deps);

    // Assess
    await expect(run).rejects.toBeInstanceOf(ScramUserConflictError);
    await expect(planScramUser(request, deps)).rejects.toBeInstanceOf(ScramUserConflictError);
    await expect(deps.secrets.get(secretNameFor(request.principal))).rejects.toThrow('Secret not found');
  });

  it('creates the user with the stored password when only the secret exists', async () => {
    // Prepare
    const request = await newRequest();
    const secretName = secretNameFor(request.principal);
    const password = 'stored-by-an-earlier-run-0123456789abcdef';
    await deps.secrets.put(secretName, JSON.stringify({ username: request.principal, password }));

    // Act
    const out = await upsertScramUser({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes.map((c) => [c.kind, c.action])).toEqual([
      ['secret', 'none'],
      ['scram-user', 'create'],
    ]);
    expect(JSON.parse(await deps.secrets.get(secretName))).toEqual({ username: request.principal, password });
    await expect(login(deps.secrets.pathOf(secretName))).resolves.toBeUndefined();
  });

  it('removes user and secret when offboarding, and reports none the second time', async () => {
    // Prepare
    const request = await newRequest();
    await upsertScramUser({ request, journal: journal() }, deps);

    // Act
    const first = await removeScramUser({ request, journal: journal() }, deps);
    const second = await removeScramUser({ request, journal: journal() }, deps);

    // Assess
    const secretName = secretNameFor(request.principal);
    expect(first.changes).toEqual([
      { kind: 'scram-user', id: request.principal, action: 'delete' },
      { kind: 'secret', id: secretName, action: 'delete' },
    ]);
    expect(second.changes.map((c) => c.action)).toEqual(['none', 'none']);
    expect(first.ledger).toEqual([]);
    expect(await asPlatformaticAdmin((admin) => scramMechanismsOf(admin, request.principal))).toEqual([]);
  });
});
