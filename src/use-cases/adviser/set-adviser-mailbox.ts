import type { UnitOfWork } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

/** Entra ID caps a user principal name at 113 characters (64 before the @, 48 after). */
export const MAX_UPN_LENGTH = 113;

/**
 * The characters Entra ID allows in a UPN: letters, digits and ' . - _ ! # ^ ~ + before the @ (no
 * leading, trailing or double dot), a dotted domain after it. Stricter than e-mail, on purpose: the
 * value goes into Graph `getSchedule` requests.
 */
const UPN = /^(?!\.)(?!.*\.\.)[A-Za-z0-9'._!#^~+-]{1,64}(?<!\.)@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export type SetAdviserMailboxResult =
  | { readonly ok: true; readonly adviserId: string; readonly mailbox: string | null }
  | { readonly ok: false; readonly reason: 'not_coordinator' | 'not_found' | 'invalid' };

/** A trimmed UPN, `null` for "clear it" (empty), or `undefined` when it is not UPN-shaped. */
export function normalizeMailbox(raw: string | null): string | null | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  return value.length <= MAX_UPN_LENGTH && UPN.test(value) ? value : undefined;
}

/**
 * Sets (or with `null` / empty, clears) the Exchange mailbox whose Outlook busy time blocks an
 * adviser's slots (docs/booking.md). Only an active coordinator may, role from our database;
 * the adviser must be an active adviser of the coordinator's own tenant — any other id from the
 * card is `not_found`, whether it exists or not.
 */
export async function setAdviserMailbox(
  deps: { readonly uow: UnitOfWork; readonly clock: () => Date },
  input: { readonly actor: StaffIdentity; readonly adviserId: string; readonly mailbox: string | null },
): Promise<SetAdviserMailboxResult> {
  const coordinator = await findActingStaff(deps.uow.staff, input.actor, 'coordinator');
  if (!coordinator || !input.actor.entraObjectId) return { ok: false, reason: 'not_coordinator' };
  const mailbox = normalizeMailbox(input.mailbox);
  if (mailbox === undefined) return { ok: false, reason: 'invalid' };
  const adviser = await deps.uow.staff.get(input.adviserId);
  if (!adviser || !adviser.active || !adviser.roles.includes('adviser') || adviser.tenantId !== coordinator.tenantId) return { ok: false, reason: 'not_found' };
  const actorId = input.actor.entraObjectId;
  const now = deps.clock();
  await deps.uow.transaction(async (tx) => {
    await tx.schedules.setMailbox(adviser.id, mailbox);
    await tx.audit.append({
      at: now,
      actorId,
      actorTenantId: input.actor.tenantId,
      action: 'staff.update',
      clientId: null,
      entityType: 'staff',
      entityId: adviser.id,
      fields: ['mailbox'],
      channel: 'bot',
      outcome: 'ok',
    });
  });
  return { ok: true, adviserId: adviser.id, mailbox };
}
