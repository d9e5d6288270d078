import { addLocalDays, instantAt, localDateOf, parseLocalDate } from '../../domain/booking/helsinki-time.js';
import type { AdviserAbsence, UnitOfWork } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

export interface AddAbsenceDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/**
 * Longest absence, in calendar days: a whole year, leap day included (e.g. a study leave of
 * 1 Jan – 31 Dec 2028). Longer is almost certainly a typing mistake in the year.
 */
export const MAX_ABSENCE_DAYS = 366;

/** What the form sends: Helsinki dates and optional wall times. Not yet trusted. */
export interface AbsenceInput {
  readonly fromDate: string;
  /** Last day of the absence; default `fromDate`. */
  readonly toDate?: string;
  /** Start time on `fromDate`; default the start of that day. */
  readonly fromTime?: string;
  /** End time on `toDate`; default the end of that day. */
  readonly toTime?: string;
}

export type AbsenceField = 'fromDate' | 'toDate' | 'fromTime' | 'toTime';
export type AbsenceProblem = 'required' | 'format' | 'end_not_after_start' | 'in_past' | 'too_long';
export interface AbsenceError {
  readonly field: AbsenceField;
  readonly problem: AbsenceProblem;
}

export type AbsenceValidation =
  | { readonly ok: true; readonly start: Date; readonly end: Date }
  | { readonly ok: false; readonly errors: readonly AbsenceError[] };

export type AddAbsenceResult =
  | { readonly ok: true; readonly absence: AdviserAbsence; readonly overlappingBookings: number }
  | { readonly ok: false; readonly reason: 'not_adviser' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly AbsenceError[] };

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Turns the form into an interval [start, end) of instants (Helsinki rules):
 * - no times: whole days, `fromDate` 00:00 to the day after `toDate` 00:00;
 *   e.g. 2026-03-29 alone (the spring DST day) → 2026-03-28T22:00Z – 2026-03-29T21:00Z (23 h);
 * - `fromTime` only: from that time to the end of `toDate`; `toTime` only: from the start of
 *   `fromDate` to that time; both: `fromDate fromTime` – `toDate toTime`.
 * Rules: the end after the start; the absence may start earlier today (sick since the morning) but
 * not on an earlier day, and must not already be over; at most {@link MAX_ABSENCE_DAYS} calendar
 * days long. Pure: `now` is given.
 */
export function validateAbsence(input: AbsenceInput, now: Date): AbsenceValidation {
  const errors: AbsenceError[] = [];
  const fromDate = input.fromDate.trim();
  const givenToDate = input.toDate?.trim() || undefined;
  const toDate = givenToDate ?? fromDate;
  const fromTime = input.fromTime?.trim() || undefined;
  const toTime = input.toTime?.trim() || undefined;
  if (fromDate === '') errors.push({ field: 'fromDate', problem: 'required' });
  else if (!isLocalDate(fromDate)) errors.push({ field: 'fromDate', problem: 'format' });
  if (givenToDate !== undefined && !isLocalDate(givenToDate)) errors.push({ field: 'toDate', problem: 'format' });
  if (fromTime !== undefined && !WALL_TIME.test(fromTime)) errors.push({ field: 'fromTime', problem: 'format' });
  if (toTime !== undefined && !WALL_TIME.test(toTime)) errors.push({ field: 'toTime', problem: 'format' });
  if (errors.length > 0) return { ok: false, errors };

  const start = instantAt(fromDate, fromTime ?? '00:00');
  const end = toTime === undefined ? instantAt(addLocalDays(toDate, 1), '00:00') : instantAt(toDate, toTime);
  // Length in wall-clock days, so a DST change inside the absence does not shift the limit by an hour.
  const wallStart = parseLocalDate(fromDate) + minutesOf(fromTime ?? '00:00') * MINUTE_MS;
  const wallEnd = toTime === undefined ? parseLocalDate(toDate) + DAY_MS : parseLocalDate(toDate) + minutesOf(toTime) * MINUTE_MS;
  if (!(start < end)) errors.push({ field: toTime === undefined ? 'toDate' : 'toTime', problem: 'end_not_after_start' });
  else if (wallEnd - wallStart > MAX_ABSENCE_DAYS * DAY_MS) errors.push({ field: 'toDate', problem: 'too_long' });
  if (fromDate < localDateOf(now)) errors.push({ field: 'fromDate', problem: 'in_past' });
  else if (start < end && end <= now) errors.push({ field: toTime === undefined ? 'toDate' : 'toTime', problem: 'in_past' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, start, end };
}

/**
 * Adds an absence for the calling adviser (never an adviser id from the card): no slots are
 * offered inside it from now on. Appointments already booked in that time are NOT moved or
 * cancelled; their number comes back so the card can tell the adviser to arrange them.
 */
export async function addAbsence(deps: AddAbsenceDeps, input: { readonly actor: StaffIdentity; readonly absence: AbsenceInput }): Promise<AddAbsenceResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser || !input.actor.entraObjectId) return { ok: false, reason: 'not_adviser' };
  const now = deps.clock();
  const checked = validateAbsence(input.absence, now);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const actorId = input.actor.entraObjectId;
  return deps.uow.transaction(async (tx) => {
    const absence = await tx.schedules.addAbsence(adviser.id, { start: checked.start, end: checked.end });
    const overlapping = await tx.bookings.listForAdviser(adviser.id, { start: checked.start, end: checked.end });
    await tx.audit.append({
      at: now,
      actorId,
      actorTenantId: input.actor.tenantId,
      action: 'adviser_absence.create',
      clientId: null,
      entityType: 'adviser_absence',
      entityId: absence.id,
      fields: ['start', 'end'],
      channel: 'bot',
      outcome: 'ok',
    });
    return { ok: true, absence, overlappingBookings: overlapping.filter((b) => b.status !== 'cancelled').length } as const;
  });
}

function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false; // e.g. 2026-02-30
  }
}

function minutesOf(wallTime: string): number {
  return Number(wallTime.slice(0, 2)) * 60 + Number(wallTime.slice(3, 5));
}
