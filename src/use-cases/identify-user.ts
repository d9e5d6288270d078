import type { StaffRepository } from './ports/repositories.js';

export type Audience = 'staff' | 'client';

/**
 * Decides whether the person in a conversation is staff or a client. Roles come only from our
 * database (never from a card or a token claim): anyone not registered as active staff in that
 * tenant is treated as a client.
 */
export async function identifyAudience(
  deps: { readonly staff: StaffRepository },
  who: { readonly tenantId: string; readonly entraObjectId: string | undefined },
): Promise<Audience> {
  if (!who.entraObjectId) return 'client';
  const member = await deps.staff.findByEntraId(who.tenantId, who.entraObjectId);
  return member?.active ? 'staff' : 'client';
}
