import { isFinnishHoliday } from '../booking/finnish-holidays.js';
import { addLocalDays, instantAt, isoWeekdayOf, localDateOf } from '../booking/helsinki-time.js';

/**
 * The experts' office time (issue 5's SLA): Helsinki wall hours on working days, with Finnish
 * public holidays and the de facto days off (juhannusaatto, jouluaatto) closed (the booking
 * calendar's own list, finnish-holidays.ts). An unclaimed
 * question's deadline is counted in office minutes only, so a question at 15:50 on Friday with
 * 60 minutes is due at 08:50 on Monday. DST is handled by helsinki-time.ts (office hours never
 * start inside the spring-forward gap at 03:00–04:00).
 */
export interface OfficeHours {
  /** 'HH:MM' Helsinki. */
  readonly start: string;
  readonly end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  /** More closed dates 'YYYY-MM-DD' (a municipality's own days off). */
  readonly extraClosedDates?: readonly string[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({ start: '08:00', end: '16:00', weekdays: Object.freeze([1, 2, 3, 4, 5]) });

function isWorkingDay(date: string, hours: OfficeHours): boolean {
  return hours.weekdays.includes(isoWeekdayOf(date)) && !isFinnishHoliday(date) && !(hours.extraClosedDates ?? []).includes(date);
}

/** The day's office period as instants, or undefined on a closed day. */
function periodOn(date: string, hours: OfficeHours): { readonly open: Date; readonly close: Date } | undefined {
  return isWorkingDay(date, hours) ? { open: instantAt(date, hours.start), close: instantAt(date, hours.end) } : undefined;
}

/** Whether the experts' office is open at `instant`. */
export function isOfficeTime(instant: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  const period = periodOn(localDateOf(instant), hours);
  return period !== undefined && instant >= period.open && instant < period.close;
}

/** Closed for at most this many days in a row (a misconfigured weekday list cannot loop forever). */
const MAX_CLOSED_DAYS = 366;

/** The next opening at or after `instant` (the instant itself when the office is open). */
export function nextOfficeOpening(instant: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  let date = localDateOf(instant);
  for (let i = 0; i <= MAX_CLOSED_DAYS; i += 1, date = addLocalDays(date, 1)) {
    const period = periodOn(date, hours);
    if (!period || instant >= period.close) continue;
    return instant > period.open ? instant : period.open;
  }
  throw new RangeError('The office hours never open: check the weekdays and closed dates.');
}

/**
 * The instant after `minutes` of office time counted from `start`; a start outside office time
 * begins at the next opening (0 minutes → that opening). Friday 15:50 + 60 → Monday 08:50.
 */
export function addOfficeMinutes(start: Date, minutes: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('Office minutes must be zero or more.');
  let at = nextOfficeOpening(start, hours);
  let leftMs = minutes * 60_000;
  for (;;) {
    const period = periodOn(localDateOf(at), hours)!;
    const available = period.close.getTime() - at.getTime();
    if (leftMs < available || (leftMs === available && leftMs > 0)) return new Date(at.getTime() + leftMs);
    leftMs -= available;
    at = nextOfficeOpening(period.close, hours);
  }
}
