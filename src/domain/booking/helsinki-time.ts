import { BookingRuleError } from './booking-rule-error.js';

/**
 * Europe/Helsinki wall clock ↔ UTC instants, with nothing but `Intl.DateTimeFormat` (no date
 * library, no reliance on the process time zone: tests run under TZ=UTC, servers may not).
 *
 * Vocabulary used across domain/booking:
 * - an *instant* is a UTC `Date` (or its epoch milliseconds);
 * - a *local date* is a Helsinki calendar date as `'YYYY-MM-DD'`;
 * - a *wall time* is a Helsinki clock reading `'HH:MM'` (`'24:00'` allowed as an end of day);
 * - *wall milliseconds* are the wall clock's fields read as if they were UTC
 *   (`Date.UTC(y, m - 1, d, h, min)`) — a cheap, time-zone-free way to do calendar arithmetic.
 *
 * Finland follows the EU rule: clocks change at 01:00 UTC on the last Sunday of March
 * (EET +02:00 → EEST +03:00, wall 03:00 jumps to 04:00) and the last Sunday of October
 * (EEST +03:00 → EET +02:00, wall 04:00 falls back to 03:00). We do not hard-code that rule;
 * the offsets come from the runtime's time-zone data, so a future change of law is picked up
 * with an ICU update.
 */

const HELSINKI = 'Europe/Helsinki';
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** One formatter, created once: constructing `Intl.DateTimeFormat` costs far more than using it. */
const helsinkiParts = new Intl.DateTimeFormat('en-US', {
  timeZone: HELSINKI,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * Offset memo, keyed by UTC hour. Helsinki's offset only ever changes on a whole UTC hour
 * (01:00 UTC), so one entry per hour is exact. Bounded so a long-running process cannot grow it
 * forever (≈ 11 years of distinct hours before it is cleared); clearing only costs recomputation.
 */
const offsetByUtcHour = new Map<number, number>();
const OFFSET_MEMO_LIMIT = 100_000;

/** Helsinki's UTC offset in milliseconds at `instantMs` (+2 h in winter, +3 h in summer). */
export function helsinkiOffsetMs(instantMs: number): number {
  const hour = Math.floor(instantMs / HOUR_MS);
  const memo = offsetByUtcHour.get(hour);
  if (memo !== undefined) return memo;
  const probe = hour * HOUR_MS;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const part of helsinkiParts.formatToParts(probe)) {
    switch (part.type) {
      case 'year':
        y = Number(part.value);
        break;
      case 'month':
        mo = Number(part.value);
        break;
      case 'day':
        d = Number(part.value);
        break;
      case 'hour':
        h = Number(part.value);
        break;
      case 'minute':
        mi = Number(part.value);
        break;
      case 'second':
        s = Number(part.value);
        break;
    }
  }
  const offset = Date.UTC(y, mo - 1, d, h, mi, s) - probe;
  if (offsetByUtcHour.size >= OFFSET_MEMO_LIMIT) offsetByUtcHour.clear();
  offsetByUtcHour.set(hour, offset);
  return offset;
}

/**
 * The instant (epoch ms) at which Helsinki clocks show `wallMs` (wall fields read as UTC).
 *
 * DST rules, chosen so that a working hour is never silently lost or doubled:
 * - a wall time that does not exist (spring-forward gap) maps FORWARD by one hour, i.e. it is read
 *   with the winter offset. Example: 2026-03-29 03:30 does not exist in Helsinki (03:00 → 04:00);
 *   03:30 read as +02:00 is 01:30Z, which the clocks show as 04:30 EEST.
 * - a wall time that occurs twice (fall-back overlap) takes the FIRST occurrence (summer, +03:00).
 *   Example: 2026-10-25 03:30 happens at 00:30Z (EEST) and again at 01:30Z (EET); we return 00:30Z.
 * Everywhere else there is exactly one answer: 2026-04-14 08:00 → 05:00Z; 2026-01-14 08:00 → 06:00Z.
 */
export function wallToInstantMs(wallMs: number): number {
  // The offsets a day either side cover every possible reading: a transition is at most once a day.
  const before = helsinkiOffsetMs(wallMs - DAY_MS);
  const after = helsinkiOffsetMs(wallMs + DAY_MS);
  const withBefore = wallMs - before;
  if (before === after) return withBefore;
  const beforeValid = helsinkiOffsetMs(withBefore) === before;
  const withAfter = wallMs - after;
  const afterValid = helsinkiOffsetMs(withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter); // overlap: first occurrence
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  return withBefore; // gap: read with the pre-transition offset, which lands one hour later on the clock
}

/** Helsinki wall milliseconds at `instantMs` (the inverse of {@link wallToInstantMs} outside gaps). */
export function instantToWallMs(instantMs: number): number {
  return instantMs + helsinkiOffsetMs(instantMs);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `'YYYY-MM-DD'` of wall (or UTC) milliseconds, read through the UTC getters. */
export function formatLocalDate(wallMs: number): string {
  const date = new Date(wallMs);
  const y = date.getUTCFullYear();
  const year = y >= 0 && y < 10_000 ? String(y).padStart(4, '0') : String(y);
  return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Wall milliseconds of local midnight for a `'YYYY-MM-DD'` string. Throws {@link BookingRuleError} on a
 * malformed or impossible date (e.g. `'2026-02-30'`): local dates are produced by this module or validated
 * configuration, so a bad one is a bug.
 */
export function parseLocalDate(localDate: string): number {
  const m = LOCAL_DATE.exec(localDate);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms;
  }
  throw new BookingRuleError('invalid_local_date', `Not a local date 'YYYY-MM-DD': ${JSON.stringify(localDate)}. Use an existing calendar date, e.g. '2026-03-29'.`);
}

/**
 * Minutes after midnight for a wall time `'HH:MM'`; `'24:00'` (= 1440) is accepted as the end of a
 * working day. Throws {@link BookingRuleError} on anything else (configuration is validated before it reaches the domain).
 */
export function parseWallTime(wallTime: string): number {
  const m = WALL_TIME.exec(wallTime);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    if ((h < 24 && min < 60) || (h === 24 && min === 0)) return h * 60 + min;
  }
  throw new BookingRuleError('invalid_wall_time', `Not a wall time 'HH:MM': ${JSON.stringify(wallTime)}. Use 00:00–23:59, or 24:00 for the end of a day.`);
}

/** The Helsinki calendar date an instant falls on. 2026-03-28T22:30Z → `'2026-03-29'` (00:30 +02:00). */
export function localDateOf(instant: Date): string {
  return formatLocalDate(instantToWallMs(instant.getTime()));
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. `'2026-05-14'` (helatorstai) → 4. */
export function isoWeekdayOf(localDate: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const day = new Date(parseLocalDate(localDate)).getUTCDay();
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/**
 * The instant Helsinki clocks show `wallTime` on `localDate` (DST rules as in
 * {@link wallToInstantMs}):
 * - `instantAt('2026-03-27', '08:00')` → 2026-03-27T06:00Z (+02:00, before spring-forward)
 * - `instantAt('2026-03-30', '08:00')` → 2026-03-30T05:00Z (+03:00, after)
 * - `instantAt('2026-03-29', '03:30')` → 2026-03-29T01:30Z (does not exist; shown as 04:30)
 * - `instantAt('2026-10-25', '03:30')` → 2026-10-25T00:30Z (ambiguous; first occurrence, +03:00)
 * - `instantAt('2026-10-25', '04:00')` → 2026-10-25T02:00Z (+02:00 again)
 */
export function instantAt(localDate: string, wallTime: string): Date {
  return new Date(wallToInstantMs(parseLocalDate(localDate) + parseWallTime(wallTime) * MINUTE_MS));
}

/** Calendar arithmetic on local dates (never 24-hour steps): `addLocalDays('2026-03-28', 2)` → `'2026-03-30'`. */
export function addLocalDays(localDate: string, days: number): string {
  return formatLocalDate(parseLocalDate(localDate) + days * DAY_MS);
}

/** The Monday of a local date's ISO week: `startOfLocalWeek('2026-03-29')` (Sunday) → `'2026-03-23'`. */
export function startOfLocalWeek(localDate: string): string {
  return addLocalDays(localDate, 1 - isoWeekdayOf(localDate));
}

/** Locales whose users expect a 24-hour clock even where ICU's default might differ. */
const TWENTY_FOUR_HOUR = new Set(['fi', 'sv', 'ru', 'uk']);
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time shown in the client's own time zone and language, for cards and messages:
 * `formatForZone(2026-04-14T06:00Z, 'Europe/Helsinki', 'fi')` → `'ti 14.4.2026 klo 09.00 UTC+3'`
 * (ICU's exact punctuation varies by version — do not parse it). fi/sv/ru/uk always get a 24-hour
 * clock; other locales keep their default (e.g. en-US: 12-hour). The zone name is included so a
 * time is never ambiguous.
 *
 * An unknown time zone or locale (both come from the Teams client, so they are outside data)
 * falls back to Europe/Helsinki / `en` rather than throwing: the zone name in the output says
 * which zone the time is in.
 */
export function formatForZone(instant: Date, timeZone: string, locale: string): string {
  return zoneFormatter(timeZone, locale).format(instant);
}

function zoneFormatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${locale}`;
  const cached = zoneFormatters.get(key);
  if (cached) return cached;
  const zone = isKnownTimeZone(timeZone) ? timeZone : HELSINKI;
  let language: string;
  try {
    language = Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    language = 'en';
  }
  const base = language.split('-')[0]?.toLowerCase() ?? 'en';
  const formatter = new Intl.DateTimeFormat(language, {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    // Always the Gregorian calendar: appointments are in Finland, and the date must match the
    // letters and signs the client sees here (fa would otherwise default to the solar calendar).
    calendar: 'gregory',
    ...(TWENTY_FOUR_HOUR.has(base) ? { hourCycle: 'h23' as const } : {}),
  });
  if (zoneFormatters.size >= 1_000) zoneFormatters.clear();
  zoneFormatters.set(key, formatter);
  return formatter;
}

/**
 * Whether `zone` is an IANA time zone this runtime knows (e.g. `Asia/Kabul`). Zones arrive from
 * clients (Teams' `localTimezone`, the booking page), so they are checked before use.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
