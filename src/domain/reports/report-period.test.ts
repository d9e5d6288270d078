import { describe, expect, it } from 'vitest';
import { helsinkiMonths, monthsOfYear, parseMonth } from './report-period.js';

describe('report months in Helsinki time', () => {
  it('starts each month at Helsinki midnight: January 2026 from 2025-12-31T22:00Z, July at 21:00Z (summer time)', () => {
    const months = monthsOfYear(2026);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2026-01', from: new Date('2025-12-31T22:00:00Z'), before: new Date('2026-01-31T22:00:00Z') });
    expect(months[6]?.from).toEqual(new Date('2026-06-30T21:00:00Z'));
    expect(months[11]?.before).toEqual(new Date('2026-12-31T22:00:00Z'));
    // Contiguous: each month ends where the next begins.
    for (let i = 1; i < 12; i++) expect(months[i]?.from).toEqual(months[i - 1]?.before);
  });

  it('puts 23:30 UTC on 31 January into February', () => {
    const [january, february] = helsinkiMonths('2026-01', '2026-02')!;
    const instant = new Date('2026-01-31T23:30:00Z').getTime();
    expect(instant >= january!.before.getTime()).toBe(true);
    expect(instant >= february!.from.getTime() && instant < february!.before.getTime()).toBe(true);
  });

  it('crosses a year and refuses reversed, too long or malformed periods', () => {
    expect(helsinkiMonths('2025-11', '2026-02')?.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(helsinkiMonths('2026-02', '2026-01')).toBeUndefined();
    expect(helsinkiMonths('2024-01', '2026-01')).toBeUndefined(); // 25 months
    expect(helsinkiMonths('2024-02', '2026-01')).toHaveLength(24);
    for (const bad of ['2026-13', '2026-1', '1999-12', '2101-01', '2026-00', 'x']) expect(parseMonth(bad)).toBeUndefined();
  });
});
