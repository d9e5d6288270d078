import type { Repositories } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

/** An adviser as the coordinator's mailbox card lists them (staff data, not client data). */
export interface AdviserMailbox {
  readonly adviserId: string;
  readonly displayName: string;
  readonly mailbox: string | null;
}

export type ListAdviserMailboxesResult =
  | { readonly ok: true; readonly advisers: readonly AdviserMailbox[] }
  | { readonly ok: false; readonly reason: 'not_coordinator' };

/** For a coordinator: the active advisers of their tenant with their current mailbox, by name. */
export async function listAdviserMailboxes(
  deps: { readonly uow: Pick<Repositories, 'staff' | 'schedules'>; readonly clock: () => Date },
  input: { readonly actor: StaffIdentity },
): Promise<ListAdviserMailboxesResult> {
  const coordinator = await findActingStaff(deps.uow.staff, input.actor, 'coordinator');
  if (!coordinator) return { ok: false, reason: 'not_coordinator' };
  const now = deps.clock();
  const [members, profiles] = await Promise.all([
    deps.uow.staff.listByRole('adviser'),
    deps.uow.schedules.getProfiles({ absencesOverlapping: { start: now, end: now } }),
  ]);
  const mailboxes = new Map(profiles.map((p) => [p.adviserId, p.mailbox]));
  const advisers = members
    .filter((m) => m.active && m.tenantId === coordinator.tenantId)
    .map((m) => ({ adviserId: m.id, displayName: m.displayName, mailbox: mailboxes.get(m.id) ?? null }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
  return { ok: true, advisers };
}
