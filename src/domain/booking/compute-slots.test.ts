import { describe, expect, it } from 'vitest';
import type { AdviserProfile, Interval, ServiceType, Slot } from './booking.js';
import { BookingRuleError } from './booking-rule-error.js';
import { computeSlots, type SlotSearch } from './compute-slots.js';
import { isNonWorkingDay } from './finnish-holidays.js';
import { addLocalDays, instantAt, isoWeekdayOf, localDateOf } from './helsinki-time.js';
import { aServiceType, anAdviser, deepFreeze, interval, weekdays } from './testing/booking-scenario.js';

const iso = (instant: string): string => new Date(instant).toISOString();
const startsOf = (slots: readonly Slot[]): string[] => slots.map((slot) => slot.start.toISOString());
const onDate = (slots: readonly Slot[], localDate: string): Slot[] => slots.filter((slot) => localDateOf(slot.start) === localDate);

function search(overrides: Partial<SlotSearch> = {}): SlotSearch {
  return {
    now: new Date('2026-04-13T06:00:00+03:00'), // Monday morning, before opening
    advisers: [anAdviser()],
    busy: new Map(),
    serviceType: aServiceType(),
    ...overrides,
  };
}

describe('computeSlots: a normal week', () => {
  const slots = computeSlots(search());

  it('offers every 15 minutes from 08:00 to the last start that ends by 16:00', () => {
    const tuesday = onDate(slots, '2026-04-14');
    expect(tuesday).toHaveLength(30); // 08:00 … 15:15
    expect(tuesday[0]).toEqual({ start: new Date('2026-04-14T08:00:00+03:00'), end: new Date('2026-04-14T08:45:00+03:00'), adviserId: 'adviser-a' });
    expect(tuesday.at(-1)?.start.toISOString()).toBe(iso('2026-04-14T15:15:00+03:00'));
    expect(startsOf(tuesday.slice(0, 3))).toEqual([iso('2026-04-14T08:00:00+03:00'), iso('2026-04-14T08:15:00+03:00'), iso('2026-04-14T08:30:00+03:00')]);
  });

  it('starts at the first aligned time after the minimum notice', () => {
    expect(slots[0]?.start.toISOString()).toBe(iso('2026-04-13T08:00:00+03:00'));
  });

  it('skips weekends', () => {
    expect(onDate(slots, '2026-04-18')).toEqual([]);
    expect(onDate(slots, '2026-04-19')).toEqual([]);
    expect(onDate(slots, '2026-04-17')).toHaveLength(30);
  });

  it('is sorted by start', () => {
    const starts = slots.map((slot) => slot.start.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('computeSlots: holidays', () => {
  it('has no slots on helatorstai 2026-05-14, the days around it are open', () => {
    const slots = computeSlots(search({ now: new Date('2026-05-11T06:00:00+03:00') }));
    expect(onDate(slots, '2026-05-13')).toHaveLength(30);
    expect(onDate(slots, '2026-05-14')).toEqual([]);
    expect(onDate(slots, '2026-05-15')).toHaveLength(30);
  });

  it('has nothing over Easter 2026 (pitkäperjantai 04-03 to 2. pääsiäispäivä 04-06)', () => {
    const slots = computeSlots(search({ now: new Date('2026-04-02T16:00:00+03:00') }));
    expect(slots[0]?.start.toISOString()).toBe(iso('2026-04-07T08:00:00+03:00'));
  });
});

describe('computeSlots: DST weeks (08:00–16:00 Helsinki)', () => {
  it('spring 2026-03-23..29: +02:00 until the Sunday, +03:00 from Monday 03-30', () => {
    const slots = computeSlots(search({ now: new Date('2026-03-23T06:00:00+02:00'), serviceType: aServiceType({ horizonDays: 8 }) }));
    const friday = onDate(slots, '2026-03-27');
    expect(friday[0]?.start.toISOString()).toBe('2026-03-27T06:00:00.000Z');
    expect(friday.at(-1)?.end.toISOString()).toBe('2026-03-27T14:00:00.000Z');
    expect(onDate(slots, '2026-03-28')).toEqual([]);
    expect(onDate(slots, '2026-03-29')).toEqual([]);
    const monday = onDate(slots, '2026-03-30');
    expect(monday[0]?.start.toISOString()).toBe('2026-03-30T05:00:00.000Z');
    expect(monday.at(-1)?.end.toISOString()).toBe('2026-03-30T13:00:00.000Z');
    expect(friday).toHaveLength(30);
    expect(monday).toHaveLength(30);
  });

  it('autumn 2026-10-19..25: +03:00 through Friday, +02:00 from Monday 10-26', () => {
    const slots = computeSlots(search({ now: new Date('2026-10-19T06:00:00+03:00'), serviceType: aServiceType({ horizonDays: 8 }) }));
    const friday = onDate(slots, '2026-10-23');
    expect(friday[0]?.start.toISOString()).toBe('2026-10-23T05:00:00.000Z');
    expect(friday.at(-1)?.end.toISOString()).toBe('2026-10-23T13:00:00.000Z');
    const monday = onDate(slots, '2026-10-26');
    expect(monday[0]?.start.toISOString()).toBe('2026-10-26T06:00:00.000Z');
    expect(monday.at(-1)?.end.toISOString()).toBe('2026-10-26T14:00:00.000Z');
    expect(onDate(slots, '2026-10-25')).toEqual([]);
  });

  it('gives nothing on the change days themselves, even to an adviser with weekend hours', () => {
    const everyDay = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '08:00' }));
    const slots = computeSlots(search({ now: new Date('2026-10-24T00:00:00+03:00'), advisers: [anAdviser({ weeklyHours: everyDay })], serviceType: aServiceType({ minNoticeMinutes: 0, horizonDays: 3 }) }));
    expect(onDate(slots, '2026-10-24')).toEqual([]);
    expect(onDate(slots, '2026-10-25')).toEqual([]);
    expect(onDate(slots, '2026-10-26')[0]?.start.toISOString()).toBe(iso('2026-10-26T00:00:00+02:00'));
  });
});

describe('computeSlots: notice and horizon', () => {
  it('includes a start exactly at now + minimum notice', () => {
    const slots = computeSlots(search({ now: new Date('2026-04-14T07:00:00+03:00'), limit: 1 }));
    expect(startsOf(slots)).toEqual([iso('2026-04-14T09:00:00+03:00')]);
  });

  it('moves to the next step when notice ends between steps', () => {
    const slots = computeSlots(search({ now: new Date('2026-04-14T07:01:00+03:00'), limit: 1 }));
    expect(startsOf(slots)).toEqual([iso('2026-04-14T09:15:00+03:00')]);
  });

  it('moves to the next working day when notice runs past the last start', () => {
    const slots = computeSlots(search({ now: new Date('2026-04-14T13:16:00+03:00'), limit: 1 }));
    expect(startsOf(slots)).toEqual([iso('2026-04-15T08:00:00+03:00')]);
  });

  it('includes a start exactly at now + horizon, and nothing after', () => {
    const slots = computeSlots(search({ now: new Date('2026-04-14T09:00:00+03:00'), serviceType: aServiceType({ minNoticeMinutes: 0, horizonDays: 1 }) }));
    expect(slots.at(-1)?.start.toISOString()).toBe(iso('2026-04-15T09:00:00+03:00'));
    expect(slots[0]?.start.toISOString()).toBe(iso('2026-04-14T09:00:00+03:00'));
  });

  it('honours `from` but never goes earlier than the notice', () => {
    expect(startsOf(computeSlots(search({ from: new Date('2026-04-20T12:10:00+03:00'), limit: 1 })))).toEqual([iso('2026-04-20T12:15:00+03:00')]);
    expect(startsOf(computeSlots(search({ from: new Date('2026-04-01T00:00:00+03:00'), limit: 1 })))).toEqual([iso('2026-04-13T08:00:00+03:00')]);
  });

  it('returns nothing when from is past the horizon, or limit is 0', () => {
    expect(computeSlots(search({ from: new Date('2026-07-01T00:00:00+03:00') }))).toEqual([]);
    expect(computeSlots(search({ limit: 0 }))).toEqual([]);
    expect(computeSlots(search({ limit: -3 }))).toEqual([]);
    expect(computeSlots(search({ limit: Number.NaN }))).toEqual([]);
    expect(computeSlots(search({ limit: 2.9 }))).toHaveLength(2);
  });
});

describe('computeSlots: busy time, buffer, absences', () => {
  const tuesdayStarts = (overrides: Partial<SlotSearch>): string[] => startsOf(onDate(computeSlots(search(overrides)), '2026-04-14'));

  it('keeps the buffer clear before a busy interval and starts again when it ends', () => {
    const busy = new Map([['adviser-a', [interval('2026-04-14T10:00:00+03:00', '2026-04-14T11:00:00+03:00')]]]);
    const starts = tuesdayStarts({ busy });
    expect(starts).toContain(iso('2026-04-14T09:00:00+03:00')); // 09:00–09:45 + buffer to 10:00
    expect(starts).not.toContain(iso('2026-04-14T09:15:00+03:00')); // buffer would run to 10:15
    expect(starts).not.toContain(iso('2026-04-14T10:45:00+03:00'));
    expect(starts).toContain(iso('2026-04-14T11:00:00+03:00'));
    expect(starts).toHaveLength(30 - 7); // 09:15 … 10:45 gone
  });

  it('lets the buffer run past closing: 15:15 is the last start of an 08:00–16:00 day', () => {
    expect(tuesdayStarts({}).at(-1)).toBe(iso('2026-04-14T15:15:00+03:00'));
  });

  it('does not let the buffer run into busy time after closing', () => {
    const busy = new Map([['adviser-a', [interval('2026-04-14T16:00:00+03:00', '2026-04-14T17:00:00+03:00')]]]);
    expect(tuesdayStarts({ busy }).at(-1)).toBe(iso('2026-04-14T15:00:00+03:00'));
  });

  it('merges unsorted and overlapping busy intervals from bookings and Outlook', () => {
    const busy = new Map([
      [
        'adviser-a',
        [
          interval('2026-04-14T13:00:00+03:00', '2026-04-14T14:00:00+03:00'),
          interval('2026-04-14T08:00:00+03:00', '2026-04-14T09:00:00+03:00'),
          interval('2026-04-14T08:30:00+03:00', '2026-04-14T12:00:00+03:00'),
        ],
      ],
    ]);
    const starts = tuesdayStarts({ busy });
    expect(starts[0]).toBe(iso('2026-04-14T12:00:00+03:00'));
    expect(starts).not.toContain(iso('2026-04-14T12:15:00+03:00'));
    expect(starts).toContain(iso('2026-04-14T14:00:00+03:00'));
  });

  it('ignores busy time of other advisers', () => {
    const busy = new Map([['adviser-b', [interval('2026-04-14T08:00:00+03:00', '2026-04-14T16:00:00+03:00')]]]);
    expect(tuesdayStarts({ busy })).toHaveLength(30);
  });

  it('offers nothing inside an absence, and keeps the buffer clear of it', () => {
    const absences = [interval('2026-04-14T12:00:00+03:00', '2026-04-14T13:00:00+03:00'), interval('2026-04-15T00:00:00+03:00', '2026-04-16T00:00:00+03:00')];
    const slots = computeSlots(search({ advisers: [anAdviser({ absences })] }));
    const tuesday = startsOf(onDate(slots, '2026-04-14'));
    expect(tuesday).toContain(iso('2026-04-14T11:00:00+03:00'));
    expect(tuesday).not.toContain(iso('2026-04-14T11:15:00+03:00'));
    expect(tuesday).toContain(iso('2026-04-14T13:00:00+03:00'));
    expect(onDate(slots, '2026-04-15')).toEqual([]);
    expect(onDate(slots, '2026-04-16')).toHaveLength(30);
  });

  it('treats a busy interval ending exactly at a start as free (half-open)', () => {
    const busy = new Map([['adviser-a', [interval('2026-04-14T07:00:00+03:00', '2026-04-14T08:00:00+03:00')]]]);
    expect(tuesdayStarts({ busy })[0]).toBe(iso('2026-04-14T08:00:00+03:00'));
  });
});

describe('computeSlots: working hours', () => {
  it('aligns steps to each period and keeps the appointment inside it (lunch break)', () => {
    const weeklyHours = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
      { weekday, start: '08:00', end: '11:30' },
      { weekday, start: '12:10', end: '16:00' },
    ]);
    const starts = startsOf(onDate(computeSlots(search({ advisers: [anAdviser({ weeklyHours })] })), '2026-04-14'));
    expect(starts).toContain(iso('2026-04-14T10:45:00+03:00'));
    expect(starts).not.toContain(iso('2026-04-14T11:00:00+03:00'));
    expect(starts).toContain(iso('2026-04-14T12:10:00+03:00'));
    expect(starts).toContain(iso('2026-04-14T12:25:00+03:00'));
    expect(starts.at(-1)).toBe(iso('2026-04-14T15:10:00+03:00'));
  });

  it('joins touching periods so an appointment may run across them', () => {
    const weeklyHours = [
      { weekday: 2, start: '12:00', end: '16:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
    ] as const;
    const starts = startsOf(onDate(computeSlots(search({ advisers: [anAdviser({ weeklyHours })] })), '2026-04-14'));
    expect(starts).toHaveLength(30);
    expect(starts).toContain(iso('2026-04-14T11:45:00+03:00'));
  });

  it('serves part-time advisers only on their days', () => {
    const partTime = anAdviser({ weeklyHours: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 3, start: '12:00', end: '15:00' }] });
    const slots = computeSlots(search({ advisers: [partTime], serviceType: aServiceType({ horizonDays: 6 }) }));
    expect([...new Set(slots.map((slot) => localDateOf(slot.start)))]).toEqual(['2026-04-13', '2026-04-15']);
    expect(onDate(slots, '2026-04-13')).toHaveLength(10); // 09:00 … 11:15
  });

  it('throws BookingRuleError for hours that end before they start', () => {
    const broken = anAdviser({ weeklyHours: [{ weekday: 1, start: '16:00', end: '08:00' }] });
    expect(() => computeSlots(search({ advisers: [broken] }))).toThrow(expect.objectContaining({ name: 'BookingRuleError', reason: 'invalid_weekly_hours' }));
  });

  it.each<Partial<ServiceType>>([{ slotStepMinutes: 0 }, { lengthMinutes: 0 }, { bufferMinutes: -5 }, { lengthMinutes: 22.5 }])('throws BookingRuleError for service type %o', (overrides) => {
    expect(() => computeSlots(search({ serviceType: aServiceType(overrides) }))).toThrow(BookingRuleError);
  });
});

describe('computeSlots: several advisers', () => {
  const a = anAdviser({ adviserId: 'adviser-a' });
  const b = anAdviser({ adviserId: 'adviser-b', weeklyHours: weekdays('09:00', '17:00') });

  it('lists every adviser free at a time, by start then adviserId whatever the input order', () => {
    const slots = computeSlots(search({ advisers: [b, a], limit: 6 }));
    expect(slots.map((slot) => [slot.start.toISOString(), slot.adviserId])).toEqual([
      [iso('2026-04-13T08:00:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T08:15:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T08:30:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T08:45:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T09:00:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T09:00:00+03:00'), 'adviser-b'],
    ]);
  });

  it('returns the same first slots with a limit as without one', () => {
    const all = computeSlots(search({ advisers: [a, b] }));
    expect(computeSlots(search({ advisers: [a, b], limit: 50 }))).toEqual(all.slice(0, 50));
  });

  it('does not mutate its inputs', () => {
    const frozen = deepFreeze(
      search({
        advisers: [b, anAdviser({ absences: [interval('2026-04-15T00:00:00+03:00', '2026-04-16T00:00:00+03:00')] })],
        busy: new Map([['adviser-b', [interval('2026-04-14T13:00:00+03:00', '2026-04-14T14:00:00+03:00'), interval('2026-04-14T09:00:00+03:00', '2026-04-14T10:00:00+03:00')]]]),
        from: new Date('2026-04-14T00:00:00+03:00'),
      }),
    );
    const slots = computeSlots(frozen);
    expect(slots.length).toBeGreaterThan(0);
    expect(frozen.busy.get('adviser-b')?.[0]?.start.toISOString()).toBe(iso('2026-04-14T13:00:00+03:00'));
  });
});

describe('computeSlots agrees with a naive reference over generated scenarios', () => {
  /** The rules written out literally: every candidate checked against every busy interval. */
  function reference(input: SlotSearch): Slot[] {
    const { serviceType: st } = input;
    const min = 60_000;
    const earliest = Math.max(input.now.getTime() + st.minNoticeMinutes * min, input.from?.getTime() ?? -Infinity);
    const latest = input.now.getTime() + st.horizonDays * 86_400_000;
    const out: Slot[] = [];
    for (const adviser of input.advisers) {
      const blocked: Interval[] = [...(input.busy.get(adviser.adviserId) ?? []), ...adviser.absences];
      for (let date = localDateOf(input.now); date <= localDateOf(new Date(latest)); date = addLocalDays(date, 1)) {
        if (isNonWorkingDay(date)) continue;
        for (const hours of adviser.weeklyHours.filter((h) => h.weekday === isoWeekdayOf(date))) {
          const open = instantAt(date, hours.start).getTime();
          const close = instantAt(date, hours.end).getTime();
          for (let t = open; t + st.lengthMinutes * min <= close; t += st.slotStepMinutes * min) {
            if (t < earliest || t > latest) continue;
            const until = t + (st.lengthMinutes + st.bufferMinutes) * min;
            if (blocked.some((b) => b.start.getTime() < until && b.end.getTime() > t)) continue;
            out.push({ start: new Date(t), end: new Date(t + st.lengthMinutes * min), adviserId: adviser.adviserId });
          }
        }
      }
    }
    return out.sort((x, y) => x.start.getTime() - y.start.getTime() || (x.adviserId < y.adviserId ? -1 : x.adviserId > y.adviserId ? 1 : 0));
  }

  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };

  it.each(Array.from({ length: 12 }, (_, i) => i))('scenario %i', () => {
    const now = new Date(Date.parse('2026-03-16T05:00:00Z') + next(40) * 86_400_000 + next(24) * 3_600_000 + next(4) * 15 * 60_000);
    const advisers: AdviserProfile[] = ['x', 'b', 'm'].map((id) => anAdviser({ adviserId: id, weeklyHours: weekdays(`0${7 + next(3)}:${['00', '30'][next(2)]}`, `1${4 + next(3)}:00`) }));
    const busy = new Map<string, Interval[]>();
    for (const adviser of advisers) {
      const list: Interval[] = [];
      for (let k = 0; k < 25; k++) {
        const start = now.getTime() + next(20 * 24 * 4) * 15 * 60_000;
        list.push({ start: new Date(start), end: new Date(start + (1 + next(8)) * 15 * 60_000) });
      }
      busy.set(adviser.adviserId, list);
    }
    const input = search({ now, advisers, busy, serviceType: aServiceType({ lengthMinutes: 30 + next(4) * 15, bufferMinutes: next(3) * 10, slotStepMinutes: [10, 15, 30][next(3)]!, minNoticeMinutes: next(600), horizonDays: 21 }) });
    expect(computeSlots(input)).toEqual(reference(input));
  });
});
