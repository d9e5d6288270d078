import type { AdviserAbsence, Repositories } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

/** Most absences one card lists: the next few are what an adviser manages from a chat. */
export const MAX_LISTED_ABSENCES = 20;

export type ListAbsencesResult =
  | { readonly ok: true; readonly adviserId: string; readonly absences: readonly AdviserAbsence[] }
  | { readonly ok: false; readonly reason: 'not_adviser' };

/** The calling adviser's absences that are not over yet (ongoing ones included), earliest first. */
export async function listAbsences(
  deps: { readonly uow: Pick<Repositories, 'staff' | 'schedules'>; readonly clock: () => Date },
  input: { readonly actor: StaffIdentity },
): Promise<ListAbsencesResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser) return { ok: false, reason: 'not_adviser' };
  const now = deps.clock();
  // "Not over yet" = overlaps [now, far future); absences are capped at about a year on entry.
  const farFuture = new Date(now.getTime() + 20 * 366 * 86_400_000);
  const absences = await deps.uow.schedules.listAbsences(adviser.id, { start: now, end: farFuture });
  return { ok: true, adviserId: adviser.id, absences: absences.slice(0, MAX_LISTED_ABSENCES) };
}
