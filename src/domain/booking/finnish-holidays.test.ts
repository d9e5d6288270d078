import { describe, expect, it } from 'vitest';
import { easterSunday, finnishPublicHolidays, isNonWorkingDay } from './finnish-holidays.js';
import { isoWeekdayOf } from './helsinki-time.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('finnishPublicHolidays', () => {
  it('lists 2026 in date order', () => {
    expect(finnishPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', key: 'uudenvuodenpaiva' },
      { date: '2026-01-06', key: 'loppiainen' },
      { date: '2026-04-03', key: 'pitkaperjantai' },
      { date: '2026-04-05', key: 'paasiaispaiva' },
      { date: '2026-04-06', key: 'toinen_paasiaispaiva' },
      { date: '2026-05-01', key: 'vappu' },
      { date: '2026-05-14', key: 'helatorstai' },
      { date: '2026-05-24', key: 'helluntaipaiva' },
      { date: '2026-06-19', key: 'juhannusaatto' },
      { date: '2026-06-20', key: 'juhannuspaiva' },
      { date: '2026-10-31', key: 'pyhainpaiva' },
      { date: '2026-12-06', key: 'itsenaisyyspaiva' },
      { date: '2026-12-24', key: 'jouluaatto' },
      { date: '2026-12-25', key: 'joulupaiva' },
      { date: '2026-12-26', key: 'tapaninpaiva' },
    ]);
  });

  it('puts the movable Saturdays and Friday in their windows for many years', () => {
    for (let year = 2020; year <= 2060; year++) {
      const byKey = new Map(finnishPublicHolidays(year).map((h) => [h.key, h.date]));
      const eve = byKey.get('juhannusaatto')!;
      const midsummer = byKey.get('juhannuspaiva')!;
      const allSaints = byKey.get('pyhainpaiva')!;
      expect(isoWeekdayOf(eve)).toBe(5);
      expect(eve >= `${year}-06-19` && eve <= `${year}-06-25`).toBe(true);
      expect(isoWeekdayOf(midsummer)).toBe(6);
      expect(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`).toBe(true);
      expect(isoWeekdayOf(allSaints)).toBe(6);
      expect(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`).toBe(true);
      expect(isoWeekdayOf(byKey.get('helatorstai')!)).toBe(4);
      expect(isoWeekdayOf(byKey.get('helluntaipaiva')!)).toBe(7);
      expect(isoWeekdayOf(byKey.get('pitkaperjantai')!)).toBe(5);
    }
  });

  it('places pyhäinpäivä in November when 31 October is not a Saturday', () => {
    expect(finnishPublicHolidays(2025).find((h) => h.key === 'pyhainpaiva')?.date).toBe('2025-11-01');
  });

  it('returns a frozen list', () => {
    expect(Object.isFrozen(finnishPublicHolidays(2026))).toBe(true);
  });
});

describe('isNonWorkingDay', () => {
  it.each([
    ['2026-05-13', false], // Wednesday
    ['2026-05-14', true], // helatorstai
    ['2026-05-16', true], // Saturday
    ['2026-05-17', true], // Sunday
    ['2026-06-19', true], // juhannusaatto, de facto
    ['2026-12-24', true], // jouluaatto, de facto
    ['2026-12-23', false],
    ['2026-04-06', true], // 2. pääsiäispäivä
    ['2026-04-07', false],
  ])('%s → %s', (date, expected) => {
    expect(isNonWorkingDay(date)).toBe(expected);
  });
});
