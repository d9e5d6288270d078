import { describe, expect, it } from 'vitest';
import { addOfficeMinutes, DEFAULT_OFFICE_HOURS, finnishPublicHolidays, isOfficeTime, nextOfficeOpening, type OfficeHours } from './office-hours.js';

// Instants are written in Helsinki wall time with their offset (+02:00 winter, +03:00 summer), so
// each case reads as the office sees it; vitest runs under TZ=UTC, and nothing here depends on it.
const at = (iso: string): Date => new Date(iso);

describe('finnishPublicHolidays', () => {
  it('2025: Easter on 20 April', () => {
    expect(finnishPublicHolidays(2025)).toEqual([
      '2025-01-01', // uudenvuodenpäivä
      '2025-01-06', // loppiainen
      '2025-04-18', // pitkäperjantai
      '2025-04-20', // pääsiäispäivä
      '2025-04-21', // 2. pääsiäispäivä
      '2025-05-01', // vapunpäivä
      '2025-05-29', // helatorstai
      '2025-06-08', // helluntaipäivä
      '2025-06-20', // juhannusaatto
      '2025-06-21', // juhannuspäivä
      '2025-11-01', // pyhäinpäivä
      '2025-12-06', // itsenäisyyspäivä
      '2025-12-24', // jouluaatto
      '2025-12-25', // joulupäivä
      '2025-12-26', // tapaninpäivä
    ]);
  });

  it('2026: Easter on 5 April, helatorstai 14 May, juhannusaatto 19 June, pyhäinpäivä 31 October', () => {
    expect(finnishPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-24',
      '2026-06-19',
      '2026-06-20',
      '2026-10-31',
      '2026-12-06',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it.each([
    // year, Easter Sunday (Gregorian computus), juhannusaatto, pyhäinpäivä — checked against python-dateutil's easter()
    [2024, '2024-03-31', '2024-06-21', '2024-11-02'],
    [2027, '2027-03-28', '2027-06-25', '2027-11-06'],
    [2038, '2038-04-25', '2038-06-25', '2038-11-06'], // the latest possible Easter
    [2285, '2285-03-22', '2285-06-19', '2285-10-31'], // the earliest possible Easter
  ])('%i: Easter %s, juhannusaatto %s, pyhäinpäivä %s', (year, easter, eve, allSaints) => {
    const dates = finnishPublicHolidays(year);
    expect(dates).toContain(easter);
    expect(dates).toContain(eve);
    expect(dates).toContain(allSaints);
    expect(dates).toEqual([...dates].sort());
  });

  it('lists a date once when two holidays fall on it (2008: helatorstai on vappu)', () => {
    const dates = finnishPublicHolidays(2008);
    expect(dates.filter((d) => d === '2008-05-01')).toHaveLength(1);
    expect(dates).toHaveLength(14);
  });
});

describe('isOfficeTime (Mon–Fri 08:00–16:00 Helsinki)', () => {
  it.each([
    ['2026-12-01T08:00:00+02:00', true, 'Tuesday 08:00: opens'],
    ['2026-12-01T12:00:00+02:00', true, 'Tuesday noon'],
    ['2026-12-01T15:59:59+02:00', true, 'the last second'],
    ['2026-12-01T16:00:00+02:00', false, '16:00: closed'],
    ['2026-12-01T07:59:59+02:00', false, 'before opening'],
    ['2026-12-01T03:00:00+02:00', false, 'at night'],
    ['2026-11-28T12:00:00+02:00', false, 'Saturday'],
    ['2026-11-29T12:00:00+02:00', false, 'Sunday'],
    ['2026-04-06T12:00:00+03:00', false, '2. pääsiäispäivä'],
    ['2026-05-14T12:00:00+03:00', false, 'helatorstai'],
    ['2026-06-19T12:00:00+03:00', false, 'juhannusaatto'],
    ['2026-12-24T12:00:00+02:00', false, 'jouluaatto'],
    ['2026-06-18T08:00:00+03:00', true, 'Thursday 08:00 in summer time'],
    ['2026-06-18T07:30:00+03:00', false, 'Thursday 07:30 in summer time (04:30Z: 06:30 in winter terms)'],
  ])('%s → %s (%s)', (iso, open) => {
    expect(isOfficeTime(at(iso))).toBe(open);
  });

  it('takes other hours, weekdays and extra closed dates', () => {
    const hours: OfficeHours = { start: '09:00', end: '12:00', weekdays: [1, 2, 3], extraClosedDates: ['2026-12-02'] };
    expect(isOfficeTime(at('2026-12-01T11:30:00+02:00'), hours)).toBe(true);
    expect(isOfficeTime(at('2026-12-01T12:30:00+02:00'), hours)).toBe(false);
    expect(isOfficeTime(at('2026-12-02T10:00:00+02:00'), hours)).toBe(false); // extra closed date
    expect(isOfficeTime(at('2026-12-03T10:00:00+02:00'), hours)).toBe(false); // Thursday: not a weekday of these hours
  });
});

describe('nextOfficeOpening', () => {
  it.each([
    ['2026-12-01T10:00:00+02:00', '2026-12-01T10:00:00+02:00', 'open now: the instant itself'],
    ['2026-12-01T08:00:00+02:00', '2026-12-01T08:00:00+02:00', 'at opening: the instant itself'],
    ['2026-12-01T06:10:00+02:00', '2026-12-01T08:00:00+02:00', 'early morning: today 08:00'],
    ['2026-12-01T16:00:00+02:00', '2026-12-02T08:00:00+02:00', 'at closing: tomorrow'],
    ['2026-12-04T16:30:00+02:00', '2026-12-07T08:00:00+02:00', 'Friday evening: Monday'],
    ['2026-12-23T17:00:00+02:00', '2026-12-28T08:00:00+02:00', 'before Christmas: the Monday after tapaninpäivä'],
    ['2026-04-02T16:00:00+03:00', '2026-04-07T08:00:00+03:00', 'Maundy Thursday evening: the Tuesday after Easter'],
    ['2026-12-31T16:00:00+02:00', '2027-01-04T08:00:00+02:00', 'New Year: Monday 4 January'],
    ['2026-03-27T16:00:00+02:00', '2026-03-30T08:00:00+03:00', 'across the spring DST change'],
  ])('%s → %s (%s)', (from, expected) => {
    expect(nextOfficeOpening(at(from))).toEqual(at(expected));
  });
});

describe('addOfficeMinutes', () => {
  it.each([
    ['2026-12-04T15:50:00+02:00', 60, '2026-12-07T08:50:00+02:00', 'Friday 15:50 + 60 → Monday 08:50'],
    ['2026-12-01T03:00:00+02:00', 60, '2026-12-01T09:00:00+02:00', 'created at night: counts from 08:00'],
    ['2026-12-01T10:00:00+02:00', 15, '2026-12-01T10:15:00+02:00', 'urgent: 15 minutes in office time'],
    ['2026-12-01T15:50:00+02:00', 15, '2026-12-02T08:05:00+02:00', 'urgent near closing: the rest next morning'],
    ['2026-12-01T15:00:00+02:00', 60, '2026-12-01T16:00:00+02:00', 'used up exactly at closing: 16:00'],
    ['2026-12-01T10:00:00+02:00', 0, '2026-12-01T10:00:00+02:00', '0 in office time: the start itself'],
    ['2026-11-28T12:00:00+02:00', 0, '2026-11-30T08:00:00+02:00', '0 at the weekend: the next opening'],
    ['2026-12-01T08:00:00+02:00', 2 * 480 + 30, '2026-12-03T08:30:00+02:00', 'two full days and a bit'],
    ['2026-04-02T15:30:00+03:00', 60, '2026-04-07T08:30:00+03:00', 'across Easter: Maundy Thursday 15:30 → Tuesday 08:30'],
    ['2025-04-17T15:30:00+03:00', 60, '2025-04-22T08:30:00+03:00', 'across Easter 2025'],
    ['2026-05-13T15:00:00+03:00', 120, '2026-05-15T09:00:00+03:00', 'across helatorstai'],
    ['2026-12-23T15:30:00+02:00', 60, '2026-12-28T08:30:00+02:00', 'across Christmas'],
    ['2026-03-27T15:30:00+02:00', 60, '2026-03-30T08:30:00+03:00', 'across the spring DST change (last Sunday of March)'],
    ['2026-10-23T15:30:00+03:00', 60, '2026-10-26T08:30:00+02:00', 'across the autumn DST change (last Sunday of October)'],
    ['2026-03-29T02:00:00+02:00', 30, '2026-03-30T08:30:00+03:00', 'created on the night of the change'],
  ])('%s + %i min → %s (%s)', (from, minutes, expected) => {
    expect(addOfficeMinutes(at(from), minutes)).toEqual(at(expected));
  });

  it('counts real minutes on a day the clocks change (a 24-hour office on that Sunday is open 23 hours)', () => {
    const sundays: OfficeHours = { start: '00:00', end: '24:00', weekdays: [7] };
    const midnight = at('2026-03-29T00:00:00+02:00');
    expect(addOfficeMinutes(midnight, 23 * 60, sundays)).toEqual(at('2026-03-30T00:00:00+03:00'));
    // The next Sunday is Easter Sunday, a holiday: the minute left is counted a week later.
    expect(addOfficeMinutes(midnight, 23 * 60 + 1, sundays)).toEqual(at('2026-04-12T00:01:00+03:00'));
    // In October the same Sunday is 25 hours long.
    expect(addOfficeMinutes(at('2026-10-25T00:00:00+03:00'), 25 * 60, sundays)).toEqual(at('2026-10-26T00:00:00+02:00'));
  });

  it('skips extra closed dates', () => {
    const hours: OfficeHours = { ...DEFAULT_OFFICE_HOURS, extraClosedDates: ['2026-12-02'] };
    expect(addOfficeMinutes(at('2026-12-01T15:30:00+02:00'), 60, hours)).toEqual(at('2026-12-03T08:30:00+02:00'));
  });

  it('does not change its input', () => {
    const start = at('2026-12-04T15:50:00+02:00');
    addOfficeMinutes(start, 60);
    expect(start).toEqual(at('2026-12-04T15:50:00+02:00'));
  });
});

describe('misconfigured office hours fail fast instead of searching forever', () => {
  const tuesday = at('2026-12-01T10:00:00+02:00');
  it.each<[string, OfficeHours]>([
    ['no weekdays', { start: '08:00', end: '16:00', weekdays: [] }],
    ['weekday 0', { start: '08:00', end: '16:00', weekdays: [0] }],
    ['closing before opening', { start: '16:00', end: '08:00', weekdays: [1, 2, 3, 4, 5] }],
    ['closing at opening', { start: '08:00', end: '08:00', weekdays: [1, 2, 3, 4, 5] }],
  ])('%s', (_why, hours) => {
    expect(() => isOfficeTime(tuesday, hours)).toThrow(RangeError);
    expect(() => nextOfficeOpening(tuesday, hours)).toThrow(RangeError);
    expect(() => addOfficeMinutes(tuesday, 60, hours)).toThrow(RangeError);
  });

  it('a year of closed dates', () => {
    const closedDates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10));
    expect(() => nextOfficeOpening(tuesday, { ...DEFAULT_OFFICE_HOURS, extraClosedDates: closedDates })).toThrow(RangeError);
  });

  it('negative or endless minutes', () => {
    expect(() => addOfficeMinutes(tuesday, -1)).toThrow(RangeError);
    expect(() => addOfficeMinutes(tuesday, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addOfficeMinutes(tuesday, Number.NaN)).toThrow(RangeError);
  });
});
