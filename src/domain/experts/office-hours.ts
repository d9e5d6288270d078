import { finnishPublicHolidays as holidaysOfYear, isFinnishHoliday } from '../booking/finnish-holidays.js';
import { addLocalDays, instantAt, isoWeekdayOf, localDateOf, parseWallTime } from '../booking/helsinki-time.js';

/**
 * The experts' office time (issue 5's SLA): Helsinki wall hours on working days; Finnish public
 * holidays and the de facto days off (juhannusaatto, jouluaatto) are closed. An unclaimed
 * question's deadline counts office minutes only, so a question at 15:50 on Friday with 60
 * minutes is due at 08:50 on Monday, and the SLA job does nothing outside office time.
 *
 * Minutes are real elapsed minutes between instants. The wall clock ↔ instant conversion, and so
 * every DST question, is helsinki-time.ts's (`instantAt`, `localDateOf`); the holiday calendar is
 * the booking calendar's (finnish-holidays.ts), so the experts and the booking page agree on
 * which days are closed.
 */
export interface OfficeHours {
  /** Opening, `'HH:MM'` Helsinki wall time. */
  readonly start: string;
  /** Closing, `'HH:MM'` Helsinki wall time (`'24:00'` = midnight), later than `start`. */
  readonly end: string;
  /** Open ISO weekdays, 1 = Monday … 7 = Sunday; at least one. */
  readonly weekdays: readonly number[];
  /** More closed dates `'YYYY-MM-DD'` (e.g. a municipality's own days off). */
  readonly extraClosedDates?: readonly string[];
}

/** Monday–Friday 08:00–16:00 Helsinki, Finnish public holidays closed. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({ start: '08:00', end: '16:00', weekdays: Object.freeze([1, 2, 3, 4, 5]) });

/**
 * Finnish public holidays of `year` and the de facto days off (juhannusaatto, jouluaatto), as
 * `'YYYY-MM-DD'`, sorted, each date once. 2026: pitkäperjantai 04-03, pääsiäispäivä 04-05,
 * 2. pääsiäispäivä 04-06, helatorstai 05-14, helluntaipäivä 05-24, juhannusaatto 06-19,
 * juhannuspäivä 06-20, pyhäinpäivä 10-31 (Easter by the Gregorian computus). A date can hold two
 * holidays (helatorstai on vappu in 2008); it is listed once.
 */
export function finnishPublicHolidays(year: number): string[] {
  return [...new Set(holidaysOfYear(year).map((holiday) => holiday.date))];
}

/**
 * Throws a RangeError for hours that could never open: configuration is validated at start, so
 * this is a bug, and an endless search for an opening would be worse than failing.
 */
function checkHours(hours: OfficeHours): void {
  if (parseWallTime(hours.start) >= parseWallTime(hours.end)) throw new RangeError(`Office hours must close after they open: ${hours.start}–${hours.end}.`);
  if (hours.weekdays.length === 0 || !hours.weekdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new RangeError(`Office weekdays must be ISO weekdays 1 (Monday) … 7 (Sunday), at least one: ${JSON.stringify(hours.weekdays)}.`);
  }
}

function isOpenDay(date: string, hours: OfficeHours): boolean {
  return hours.weekdays.includes(isoWeekdayOf(date)) && !isFinnishHoliday(date) && !(hours.extraClosedDates ?? []).includes(date);
}

interface Period {
  readonly open: Date;
  readonly close: Date;
}

/** The office period of a Helsinki date as instants, or undefined on a closed day. */
function periodOn(date: string, hours: OfficeHours): Period | undefined {
  return isOpenDay(date, hours) ? { open: instantAt(date, hours.start), close: instantAt(date, hours.end) } : undefined;
}

/** Whether the office is open at `instant` (opening minute included, closing minute not). */
export function isOfficeTime(instant: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  checkHours(hours);
  const period = periodOn(localDateOf(instant), hours);
  return period !== undefined && instant >= period.open && instant < period.close;
}

/**
 * Closed for at most this many days in a row before we give up (a year of extra closed dates
 * is a configuration mistake, not a holiday).
 */
const MAX_CLOSED_DAYS = 366;

/** The office period that is open at `instant` or opens next, with the moment counting starts. */
function currentOrNextPeriod(instant: Date, hours: OfficeHours): Period & { readonly from: Date } {
  let date = localDateOf(instant);
  for (let i = 0; i <= MAX_CLOSED_DAYS; i += 1, date = addLocalDays(date, 1)) {
    const period = periodOn(date, hours);
    if (!period || instant >= period.close) continue;
    return { ...period, from: instant > period.open ? instant : period.open };
  }
  throw new RangeError(`The office does not open within ${MAX_CLOSED_DAYS} days of ${instant.toISOString()}: check the weekdays and closed dates.`);
}

/**
 * The next opening at or after `instant`: the instant itself while the office is open, else the
 * next working day's opening. Friday 16:30 → Monday 08:00; 23 Dec 17:00 → 28 Dec 08:00 (2026).
 */
export function nextOfficeOpening(instant: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  checkHours(hours);
  return currentOrNextPeriod(instant, hours).from;
}

/**
 * The instant after `minutes` of office time counted from `start` (a start outside office time
 * begins at the next opening). `minutes` >= 0; 0 → the start itself if in office time, else the
 * next opening. Used up exactly at closing time, the answer is the closing instant (16:00), not
 * the next morning. Examples (Helsinki): Friday 15:50 + 60 → Monday 08:50; Tuesday 03:00 + 15 →
 * Tuesday 08:15; Maundy Thursday 15:30 + 60 → the Tuesday after Easter 08:30.
 */
export function addOfficeMinutes(start: Date, minutes: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Office minutes must be a finite number, zero or more: ${minutes}.`);
  checkHours(hours);
  let period = currentOrNextPeriod(start, hours);
  let leftMs = minutes * 60_000;
  for (;;) {
    const available = period.close.getTime() - period.from.getTime();
    if (leftMs <= available) return new Date(period.from.getTime() + leftMs);
    leftMs -= available;
    period = currentOrNextPeriod(period.close, hours);
  }
}
