import { revokeAcls } from '../../../tasks/offboarding/revokeAcls';
import { createAcls, existingBindings } from '../../../tasks/onboarding/acl/aclAdmin';
import { grantAcls } from '../../../tasks/onboarding/acl/grantAcls';
import { planAcls } from '../../../tasks/onboarding/acl/planAcls';
import { aclBindingsForRequest, describeBinding } from '../../../tasks/onboarding/acl/roleTemplates';
import type { AclBinding } from '../../../tasks/onboarding/contracts';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { undoChanges } from '../../../tasks/onboarding/undoChanges';
import { groupName, topicName, userName } from '../../helpers/names';
import {
  asPlatformaticAdmin,
  cleanUpKafka,
  journal,
  type LocalDeps,
  localDeps,
  localRequest,
} from './fixtures';

/** Which of `bindings` exist on the broker, by their readable id. */
async function existing(bindings: AclBinding[]): Promise<string[]> {
  const found = await asPlatformaticAdmin((admin) => existingBindings(admin, bindings));
  return bindings.map(describeBinding).filter((id) => found.has(id));
}

describe('ACLs', () => {
  let deps: LocalDeps;
  const principals: string[] = [];

  beforeEach(() => {
    deps = localDeps();
  });

  afterEach(async () => {
    await cleanUpKafka(principals.splice(0), []);
    deps.cleanUp();
  });

  async function consumerAndProducerRequest() {
    const principal = userName();
    principals.push(principal);
    return localRequest({
      principal,
      grants: [
        { role: 'consumer', topic: topicName(), group: groupName() },
        { role: 'producer', topic: `${topicName()}.`, patternType: 'prefixed' },
      ],
    });
  }

  it('grants every binding of the role templates, journals each, and lists them on the broker', async () => {
    // Prepare
    const request = await consumerAndProducerRequest();
    const bindings = aclBindingsForRequest(request);

    // Act
    const plan = await planAcls(request, deps);
    const out = await grantAcls({ request, journal: journal() }, deps);

    // Assess
    expect(bindings).toHaveLength(6);
    const ids = bindings.map(describeBinding);
    expect(plan).toEqual(ids.map((id) => ({ kind: 'acl', id, action: 'create' })));
    expect(out.changes).toEqual(ids.map((id) => ({ kind: 'acl', id, action: 'create' })));
    expect(out.ledger).toEqual(bindings.map((binding) => ({ kind: 'acl', binding })));
    expect(await existing(bindings)).toEqual(ids);
  });

  it('reports every binding as none and journals nothing when run again', async () => {
    // Prepare
    const request = await consumerAndProducerRequest();
    await grantAcls({ request, journal: journal() }, deps);

    // Act
    const plan = await planAcls(request, deps);
    const second = await grantAcls({ request, journal: journal() }, deps);

    // Assess
    expect(plan.every((change) => change.action === 'none')).toBe(true);
    expect(second.changes.map((change) => change.action)).toEqual(Array(6).fill('none'));
    expect(second.ledger).toEqual([]);
  });

  it('journals only the bindings it created when some already existed', async () => {
    // Prepare
    const request = await consumerAndProducerRequest();
    const [first, ...rest] = aclBindingsForRequest(request);
    if (!first) throw new Error('expected bindings');
    await asPlatformaticAdmin((admin) => createAcls(admin, [first]));

    // Act
    const out = await grantAcls({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes[0]).toEqual({ kind: 'acl', id: describeBinding(first), action: 'none' });
    expect(out.ledger).toEqual(rest.map((binding) => ({ kind: 'acl', binding })));
  });

  it('undo deletes exactly its binding and leaves the same ACL of another principal alone', async () => {
    // Prepare
    const request = await consumerAndProducerRequest();
    const out = await grantAcls({ request, journal: journal() }, deps);
    const entry = out.ledger[0];
    if (entry?.kind !== 'acl') throw new Error('expected an acl ledger entry');
    const neighbour = userName();
    principals.push(neighbour);
    const neighbourBinding: AclBinding = { ...entry.binding, principal: `User:${neighbour}` };
    await asPlatformaticAdmin((admin) => createAcls(admin, [neighbourBinding]));

    // Act
    const undo = () =>
      undoChanges({ request, ledger: [entry], run: 'another-run' }, { kafka: deps, msk: mskCredentialsDeps });
    const change = await undo();
    const again = await undo();

    // Assess
    expect(change.changes).toEqual([{ kind: 'acl', id: describeBinding(entry.binding), action: 'delete' }]);
    expect(again.changes).toEqual([expect.objectContaining({ action: 'none' })]);
    const remaining = aclBindingsForRequest(request).slice(1);
    expect(await existing([entry.binding, neighbourBinding, ...remaining])).toEqual([
      describeBinding(neighbourBinding),
      ...remaining.map(describeBinding),
    ]);
  });

  it('revokes the role templates bindings when offboarding, and reports none the second time', async () => {
    // Prepare
    const request = await consumerAndProducerRequest();
    await grantAcls({ request, journal: journal() }, deps);
    const bindings = aclBindingsForRequest(request);

    // Act
    const first = await revokeAcls({ request, journal: journal() }, deps);
    const second = await revokeAcls({ request, journal: journal() }, deps);

    // Assess
    expect(first.changes).toEqual(
      bindings.map((b) => ({ kind: 'acl', id: describeBinding(b), action: 'delete' })),
    );
    expect(second.changes.map((change) => change.action)).toEqual(Array(6).fill('none'));
    expect(await existing(bindings)).toEqual([]);
  });
});
