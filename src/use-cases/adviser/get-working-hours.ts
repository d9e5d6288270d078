import type { WeeklyHours } from '../../domain/booking/booking.js';
import type { Repositories } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

export type GetWorkingHoursResult =
  | { readonly ok: true; readonly adviserId: string; readonly hours: readonly WeeklyHours[] }
  | { readonly ok: false; readonly reason: 'not_adviser' };

/** The calling adviser's weekly hours (by weekday, then start), to prefill the working-hours card. */
export async function getWorkingHours(
  deps: { readonly uow: Pick<Repositories, 'staff' | 'schedules'>; readonly clock: () => Date },
  input: { readonly actor: StaffIdentity },
): Promise<GetWorkingHoursResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser) return { ok: false, reason: 'not_adviser' };
  // The port has no single-adviser read; narrowing absences to an empty instant keeps the rows small.
  const now = deps.clock();
  const profiles = await deps.uow.schedules.getProfiles({ absencesOverlapping: { start: now, end: now } });
  const profile = profiles.find((p) => p.adviserId === adviser.id);
  return { ok: true, adviserId: adviser.id, hours: profile?.weeklyHours ?? [] };
}
