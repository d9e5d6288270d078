import { describe, expect, it } from 'vitest';
import { BookingRuleError } from './booking-rule-error.js';
import { addLocalDays, formatForZone, instantAt, isoWeekdayOf, localDateOf, startOfLocalWeek } from './helsinki-time.js';

describe('instantAt', () => {
  it.each([
    ['2026-01-14', '08:00', '2026-01-14T08:00:00+02:00'],
    ['2026-04-14', '08:00', '2026-04-14T08:00:00+03:00'],
    ['2026-03-28', '23:30', '2026-03-28T23:30:00+02:00'],
    // Spring-forward day: 03:00 jumps to 04:00 at 01:00Z.
    ['2026-03-29', '02:59', '2026-03-29T02:59:00+02:00'],
    ['2026-03-29', '04:00', '2026-03-29T04:00:00+03:00'],
    // Fall-back day: 04:00 EEST returns to 03:00 EET at 01:00Z.
    ['2026-10-25', '02:59', '2026-10-25T02:59:00+03:00'],
    ['2026-10-25', '04:00', '2026-10-25T04:00:00+02:00'],
    ['2026-10-26', '08:00', '2026-10-26T08:00:00+02:00'],
  ])('%s %s is %s', (date, time, expected) => {
    expect(instantAt(date, time).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('maps a wall time that does not exist (spring gap) forward by one hour', () => {
    // 03:30 on 2026-03-29 never shows on Helsinki clocks; 04:30 EEST does.
    expect(instantAt('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt('2026-03-29', '03:00').toISOString()).toBe(new Date('2026-03-29T04:00:00+03:00').toISOString());
  });

  it('takes the first occurrence of an ambiguous wall time (autumn overlap, +03:00)', () => {
    expect(instantAt('2026-10-25', '03:30').toISOString()).toBe(new Date('2026-10-25T03:30:00+03:00').toISOString());
    expect(instantAt('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
  });

  it('accepts 24:00 as the end of a day', () => {
    expect(instantAt('2026-04-14', '24:00').toISOString()).toBe(new Date('2026-04-15T00:00:00+03:00').toISOString());
  });

  it.each([
    ['2026-02-30', '08:00', 'invalid_local_date'],
    ['2026-4-14', '08:00', 'invalid_local_date'],
    ['2026-04-14', '8:00', 'invalid_wall_time'],
    ['2026-04-14', '24:30', 'invalid_wall_time'],
    ['2026-04-14', '12:60', 'invalid_wall_time'],
  ])('refuses %s %s (%s)', (date, time, reason) => {
    expect(() => instantAt(date, time)).toThrow(BookingRuleError);
    expect(() => instantAt(date, time)).toThrow(expect.objectContaining({ reason, name: 'BookingRuleError' }));
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-03-28T21:59:00Z', '2026-03-28'],
    ['2026-03-28T22:00:00Z', '2026-03-29'], // midnight +02:00
    ['2026-06-30T20:59:00Z', '2026-06-30'],
    ['2026-06-30T21:00:00Z', '2026-07-01'], // midnight +03:00
    ['2026-10-25T00:30:00Z', '2026-10-25'], // 03:30 EEST, first pass
    ['2026-10-25T01:30:00Z', '2026-10-25'], // 03:30 EET, second pass
    ['2026-12-31T22:00:00Z', '2027-01-01'],
  ])('%s is %s in Helsinki', (instant, expected) => {
    expect(localDateOf(new Date(instant))).toBe(expected);
  });

  it('round-trips with instantAt on every day of a year', () => {
    let date = '2026-01-01';
    for (let i = 0; i < 365; i++) {
      expect(localDateOf(instantAt(date, '00:00'))).toBe(date);
      expect(localDateOf(instantAt(date, '23:59'))).toBe(date);
      date = addLocalDays(date, 1);
    }
    expect(date).toBe('2027-01-01');
  });
});

describe('calendar arithmetic', () => {
  it('knows ISO weekdays', () => {
    expect(isoWeekdayOf('2026-03-23')).toBe(1);
    expect(isoWeekdayOf('2026-05-14')).toBe(4);
    expect(isoWeekdayOf('2026-03-29')).toBe(7);
  });

  it('adds calendar days across DST changes, months and years', () => {
    expect(addLocalDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addLocalDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('finds the Monday of the week', () => {
    expect(startOfLocalWeek('2026-03-23')).toBe('2026-03-23');
    expect(startOfLocalWeek('2026-03-29')).toBe('2026-03-23');
    expect(startOfLocalWeek('2026-03-30')).toBe('2026-03-30');
    expect(startOfLocalWeek('2027-01-01')).toBe('2026-12-28');
  });
});

describe('formatForZone', () => {
  const instant = new Date('2026-04-14T13:30:00Z'); // 16:30 in Helsinki

  it('shows the time in the client zone with a 24-hour clock for fi, sv, ru, uk', () => {
    expect(formatForZone(instant, 'Europe/Helsinki', 'fi')).toMatch(/16[.:]30/);
    expect(formatForZone(instant, 'Europe/Stockholm', 'sv')).toMatch(/15[.:]30/);
    expect(formatForZone(instant, 'Europe/Kyiv', 'uk')).toMatch(/16[.:]30/);
    expect(formatForZone(instant, 'Europe/Moscow', 'ru')).toMatch(/16[.:]30/);
  });

  it('keeps the locale default elsewhere (en-US: 12-hour)', () => {
    expect(formatForZone(instant, 'America/New_York', 'en-US')).toMatch(/09:30\s?AM/);
  });

  it('falls back to Helsinki for an unknown zone and to en for a broken locale, naming the zone', () => {
    expect(formatForZone(instant, 'Mars/Olympus', 'fi')).toBe(formatForZone(instant, 'Europe/Helsinki', 'fi'));
    expect(formatForZone(instant, 'Europe/Helsinki', '!!')).toBe(formatForZone(instant, 'Europe/Helsinki', 'en'));
  });
});
