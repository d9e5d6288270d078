import type { IsoWeekday, WeeklyHours } from '../../domain/booking/booking.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

export interface SetWorkingHoursDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/**
 * Most working periods on one weekday. Two cover a day with a long lunch break; three leave room
 * for a split evening shift. More is almost certainly a typing mistake.
 */
export const MAX_PERIODS_PER_DAY = 3;

/** One period as given (from a card): not yet trusted. */
export interface WorkingHoursInput {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
}

export type WorkingHoursProblem = 'weekday' | 'time_format' | 'start_not_before_end' | 'overlap' | 'too_many_periods';

/** What is wrong with one period; `index` is its position in the input array. */
export interface WorkingHoursError {
  readonly index: number;
  readonly problem: WorkingHoursProblem;
}

export type WorkingHoursValidation =
  | { readonly ok: true; readonly hours: readonly WeeklyHours[] }
  | { readonly ok: false; readonly errors: readonly WorkingHoursError[] };

export type SetWorkingHoursResult =
  | { readonly ok: true; readonly adviserId: string; readonly hours: readonly WeeklyHours[] }
  | { readonly ok: false; readonly reason: 'not_adviser' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly WorkingHoursError[] };

/** 24-hour "HH:MM", 00:00–23:59 (what Input.Time sends). */
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks a full week of working hours (Helsinki wall clock): weekday 1..7, "HH:MM" 24 h times
 * ("24:00" allowed as an end, as the slot rules read it), start before end, periods of one weekday
 * not overlapping (touching is fine: 08:00–12:00 and 12:00–16:00), at most
 * {@link MAX_PERIODS_PER_DAY} per weekday. An empty week is valid: the adviser takes no bookings.
 * Returns the hours sorted by weekday and start. Pure.
 */
export function validateWorkingHours(input: readonly WorkingHoursInput[]): WorkingHoursValidation {
  const errors: WorkingHoursError[] = [];
  const valid: { index: number; hours: WeeklyHours }[] = [];
  input.forEach((period, index) => {
    if (!Number.isInteger(period.weekday) || period.weekday < 1 || period.weekday > 7) errors.push({ index, problem: 'weekday' });
    else if (!WALL_TIME.test(period.start) || !(WALL_TIME.test(period.end) || period.end === '24:00')) errors.push({ index, problem: 'time_format' });
    // "HH:MM" strings compare like the times they are.
    else if (!(period.start < period.end)) errors.push({ index, problem: 'start_not_before_end' });
    else valid.push({ index, hours: { weekday: period.weekday as IsoWeekday, start: period.start, end: period.end } });
  });
  for (let weekday = 1; weekday <= 7; weekday++) {
    const sameDay = valid.filter((v) => v.hours.weekday === weekday);
    // Count every period the person gave for the day, valid or not: the card shows the extras.
    const given = input.map((p, index) => ({ p, index })).filter(({ p }) => p.weekday === weekday);
    for (const extra of given.slice(MAX_PERIODS_PER_DAY)) errors.push({ index: extra.index, problem: 'too_many_periods' });
    const sorted = [...sameDay].sort((a, b) => (a.hours.start < b.hours.start ? -1 : a.hours.start > b.hours.start ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && current.hours.start < previous.hours.end) errors.push({ index: current.index, problem: 'overlap' });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.index - b.index) };
  const hours = valid.map((v) => v.hours).sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { ok: true, hours };
}

/**
 * Replaces the calling adviser's weekly working hours. Only an active adviser may, and only their
 * own (the adviser is the caller, never an id from the card). Invalid input writes nothing and
 * comes back with one error per bad period. Working hours are not client data: the audit row has
 * no client, only the schedule that changed.
 */
export async function setWorkingHours(
  deps: SetWorkingHoursDeps,
  input: { readonly actor: StaffIdentity; readonly hours: readonly WorkingHoursInput[] },
): Promise<SetWorkingHoursResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser || !input.actor.entraObjectId) return { ok: false, reason: 'not_adviser' };
  const checked = validateWorkingHours(input.hours);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const actorId = input.actor.entraObjectId;
  const now = deps.clock();
  await deps.uow.transaction(async (tx) => {
    await tx.schedules.setWeeklyHours(adviser.id, checked.hours);
    await tx.audit.append({
      at: now,
      actorId,
      actorTenantId: input.actor.tenantId,
      action: 'adviser_schedule.update',
      clientId: null,
      entityType: 'adviser_schedule',
      entityId: adviser.id,
      fields: ['weeklyHours'],
      channel: 'bot',
      outcome: 'ok',
    });
  });
  return { ok: true, adviserId: adviser.id, hours: checked.hours };
}
