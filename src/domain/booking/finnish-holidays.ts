import { formatLocalDate, isoWeekdayOf, parseLocalDate } from './helsinki-time.js';

/**
 * Finnish public holidays plus the two eves that are de facto non-working days (juhannusaatto,
 * jouluaatto). Keys are stable identifiers for i18n (`holiday.<key>`), named in Finnish because
 * the holidays are Finnish; the labels come from the catalogs.
 *
 * Sources: Act on the calendar (Laki kalenterista / vuosilaki), the Church Act for the movable
 * feasts; juhannusaatto and jouluaatto are not statutory but International House and municipal
 * offices are closed on them.
 */
export const FINNISH_HOLIDAY_KEYS = [
  'uudenvuodenpaiva',
  'loppiainen',
  'pitkaperjantai',
  'paasiaispaiva',
  'toinen_paasiaispaiva',
  'vappu',
  'helatorstai',
  'helluntaipaiva',
  'juhannusaatto',
  'juhannuspaiva',
  'pyhainpaiva',
  'itsenaisyyspaiva',
  'jouluaatto',
  'joulupaiva',
  'tapaninpaiva',
] as const;
export type FinnishHolidayKey = (typeof FINNISH_HOLIDAY_KEYS)[number];

export interface FinnishHoliday {
  /** Helsinki local date `'YYYY-MM-DD'`. */
  readonly date: string;
  readonly key: FinnishHolidayKey;
}

const DAY_MS = 86_400_000;

/**
 * Easter Sunday (Gregorian) by the anonymous Meeus/Jones/Butcher algorithm, as a local date.
 * Worked example, 2026: a=12, b=20, c=26, d=5, e=0, f=1, g=6, h=(19·12+20−5−6+15) mod 30 = 12,
 * i=6, k=2, l=(32+0+12−12−2) mod 7 = 2, m=(12+132+44) div 451 = 0,
 * month=(12+2+114) div 31 = 4, day=((12+2+114) mod 31)+1 = 5 → 2026-04-05.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(Date.UTC(year, month - 1, day));
}

/** The first date on or after `year-month-day` that falls on `isoWeekday` (e.g. juhannuspäivä: Saturday from 20 June). */
function weekdayOnOrAfter(year: number, month: number, day: number, isoWeekday: number): string {
  const start = formatLocalDate(Date.UTC(year, month - 1, day));
  const shift = (isoWeekday - isoWeekdayOf(start) + 7) % 7;
  return formatLocalDate(Date.UTC(year, month - 1, day + shift));
}

const byYear = new Map<number, readonly FinnishHoliday[]>();

/**
 * Every Finnish public holiday (and de facto non-working eve) in `year`, sorted by date. Returned
 * arrays are frozen and memoized per year.
 *
 * 2026: pitkäperjantai 04-03, pääsiäispäivä 04-05, 2. pääsiäispäivä 04-06, helatorstai 05-14,
 * helluntaipäivä 05-24, juhannusaatto 06-19, juhannuspäivä 06-20, pyhäinpäivä 10-31.
 */
export function finnishPublicHolidays(year: number): readonly FinnishHoliday[] {
  const memo = byYear.get(year);
  if (memo) return memo;
  const easter = parseLocalDate(easterSunday(year));
  const fromEaster = (days: number): string => formatLocalDate(easter + days * DAY_MS);
  const fixed = (month: number, day: number): string => formatLocalDate(Date.UTC(year, month - 1, day));
  const holidays: FinnishHoliday[] = [
    { date: fixed(1, 1), key: 'uudenvuodenpaiva' },
    { date: fixed(1, 6), key: 'loppiainen' },
    { date: fromEaster(-2), key: 'pitkaperjantai' },
    { date: fromEaster(0), key: 'paasiaispaiva' },
    { date: fromEaster(1), key: 'toinen_paasiaispaiva' },
    { date: fixed(5, 1), key: 'vappu' },
    { date: fromEaster(39), key: 'helatorstai' },
    { date: fromEaster(49), key: 'helluntaipaiva' },
    { date: weekdayOnOrAfter(year, 6, 19, 5), key: 'juhannusaatto' }, // Friday 19–25 June
    { date: weekdayOnOrAfter(year, 6, 20, 6), key: 'juhannuspaiva' }, // Saturday 20–26 June
    { date: weekdayOnOrAfter(year, 10, 31, 6), key: 'pyhainpaiva' }, // Saturday 31 Oct – 6 Nov
    { date: fixed(12, 6), key: 'itsenaisyyspaiva' },
    { date: fixed(12, 24), key: 'jouluaatto' },
    { date: fixed(12, 25), key: 'joulupaiva' },
    { date: fixed(12, 26), key: 'tapaninpaiva' },
  ];
  // Easter-based dates can interleave with fixed ones (vappu vs helatorstai), so sort.
  holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const frozen = Object.freeze(holidays.map((holiday) => Object.freeze(holiday)));
  byYear.set(year, frozen);
  return frozen;
}

const holidayDatesByYear = new Map<number, ReadonlySet<string>>();

/** True when `localDate` is a Finnish public holiday (or de facto non-working eve), per the list above. */
export function isFinnishHoliday(localDate: string): boolean {
  const year = Number(localDate.slice(0, 4));
  let dates = holidayDatesByYear.get(year);
  if (!dates) {
    dates = new Set(finnishPublicHolidays(year).map((holiday) => holiday.date));
    holidayDatesByYear.set(year, dates);
  }
  return dates.has(localDate);
}

/**
 * No appointments on this Helsinki local date: Saturday, Sunday, or a holiday from
 * {@link finnishPublicHolidays}. `'2026-05-14'` (helatorstai) → true; `'2026-05-13'` → false.
 */
export function isNonWorkingDay(localDate: string): boolean {
  return isoWeekdayOf(localDate) >= 6 || isFinnishHoliday(localDate);
}
