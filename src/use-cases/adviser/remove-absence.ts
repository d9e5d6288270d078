import type { UnitOfWork } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

export type RemoveAbsenceResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'not_adviser' | 'not_found' };

/**
 * Removes one of the calling adviser's own absences. The absence id comes from a card and is
 * forgeable: another adviser's absence is answered exactly like an unknown one (`not_found`) and
 * nothing changes, because the repository only deletes within the caller's own rows.
 */
export async function removeAbsence(
  deps: { readonly uow: UnitOfWork; readonly clock: () => Date },
  input: { readonly actor: StaffIdentity; readonly absenceId: string },
): Promise<RemoveAbsenceResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser || !input.actor.entraObjectId) return { ok: false, reason: 'not_adviser' };
  const actorId = input.actor.entraObjectId;
  const now = deps.clock();
  return deps.uow.transaction(async (tx) => {
    if (!(await tx.schedules.removeAbsence(adviser.id, input.absenceId))) return { ok: false, reason: 'not_found' } as const;
    await tx.audit.append({
      at: now,
      actorId,
      actorTenantId: input.actor.tenantId,
      action: 'adviser_absence.delete',
      clientId: null,
      entityType: 'adviser_absence',
      entityId: input.absenceId,
      fields: ['start', 'end'],
      channel: 'bot',
      outcome: 'ok',
    });
    return { ok: true } as const;
  });
}
