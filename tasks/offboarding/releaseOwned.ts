import type { RegistryView } from '../onboarding/registry/fold';
import type { Registry } from '../onboarding/registry/registry';
import { ticketOf } from '../onboarding/registry/registry';
import type { RegistryIdentity } from '../onboarding/registry/types';

/** Records in the registry that offboarding deleted these things: the principal holds them no more. */
export async function releaseOwned(
  registry: Registry,
  view: RegistryView,
  principal: string,
  identities: readonly RegistryIdentity[],
): Promise<void> {
  const tickets = identities.flatMap((identity) => {
    const ticket = ticketOf(view, identity);
    return ticket && ticket.owner.principal === principal ? [ticket] : [];
  });
  await registry.settle(
    tickets.map((ticket) => ({ ticket, state: 'released' as const, note: 'offboarded' })),
  );
}
