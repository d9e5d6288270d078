import { describe, expect, it } from 'vitest';
import { addOfficeMinutes, isOfficeTime, nextOfficeOpening, type OfficeHours } from './office-hours.js';

const at = (iso: string) => new Date(iso);

describe('office time (Mon–Fri 08:00–16:00 Helsinki)', () => {
  it('is open on a working day, closed at night, at the weekend and on holidays', () => {
    expect(isOfficeTime(at('2026-12-01T08:00:00Z'))).toBe(true); // Tue 10:00 (+02:00)
    expect(isOfficeTime(at('2026-12-01T06:00:00Z'))).toBe(true); // 08:00 sharp
    expect(isOfficeTime(at('2026-12-01T14:00:00Z'))).toBe(false); // 16:00: closed
    expect(isOfficeTime(at('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
    expect(isOfficeTime(at('2026-04-06T08:00:00Z'))).toBe(false); // 2. pääsiäispäivä
    expect(isOfficeTime(at('2026-06-19T08:00:00Z'))).toBe(false); // juhannusaatto
    expect(isOfficeTime(at('2026-06-18T05:00:00Z'))).toBe(true); // Thu 08:00 summer time (+03:00)
  });

  it('opens next at 08:00 of the next working day', () => {
    expect(nextOfficeOpening(at('2026-12-04T14:30:00Z'))).toEqual(at('2026-12-07T06:00:00Z')); // Fri 16:30 → Mon 08:00
    expect(nextOfficeOpening(at('2026-12-01T09:00:00Z'))).toEqual(at('2026-12-01T09:00:00Z')); // open now
    expect(nextOfficeOpening(at('2026-12-23T15:00:00Z'))).toEqual(at('2026-12-28T06:00:00Z')); // Christmas
  });

  it('counts only office minutes', () => {
    expect(addOfficeMinutes(at('2026-12-04T13:50:00Z'), 60)).toEqual(at('2026-12-07T06:50:00Z')); // Fri 15:50 + 60 → Mon 08:50
    expect(addOfficeMinutes(at('2026-12-01T01:00:00Z'), 15)).toEqual(at('2026-12-01T06:15:00Z')); // at night: from 08:00
    expect(addOfficeMinutes(at('2026-12-01T08:00:00Z'), 15)).toEqual(at('2026-12-01T08:15:00Z'));
    expect(addOfficeMinutes(at('2026-12-01T13:00:00Z'), 60)).toEqual(at('2026-12-01T14:00:00Z')); // exactly to 16:00
    expect(addOfficeMinutes(at('2026-11-28T10:00:00Z'), 0)).toEqual(at('2026-11-30T06:00:00Z'));
    // Maundy Thursday 15:30 + 60: Good Friday to Easter Monday closed → Tuesday 08:30 (+03:00).
    expect(addOfficeMinutes(at('2026-04-02T12:30:00Z'), 60)).toEqual(at('2026-04-07T05:30:00Z'));
    // Across the spring DST change: Fri 27 March 15:30 (+02:00) + 60 → Mon 30 March 08:30 (+03:00).
    expect(addOfficeMinutes(at('2026-03-27T13:30:00Z'), 60)).toEqual(at('2026-03-30T05:30:00Z'));
    // Two full days and a bit.
    expect(addOfficeMinutes(at('2026-12-01T06:00:00Z'), 2 * 480 + 30)).toEqual(at('2026-12-03T06:30:00Z'));
  });

  it('honours extra closed dates and refuses hours that never open', () => {
    const hours: OfficeHours = { start: '09:00', end: '12:00', weekdays: [1, 2, 3, 4, 5], extraClosedDates: ['2026-12-01'] };
    expect(addOfficeMinutes(at('2026-11-30T09:30:00Z'), 60, hours)).toEqual(at('2026-12-02T07:30:00Z'));
    expect(() => nextOfficeOpening(at('2026-12-01T08:00:00Z'), { start: '08:00', end: '16:00', weekdays: [] })).toThrow(RangeError);
    expect(() => addOfficeMinutes(at('2026-12-01T08:00:00Z'), -1)).toThrow(RangeError);
  });
});
