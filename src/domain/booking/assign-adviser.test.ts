import { describe, expect, it } from 'vitest';
import { eligibleAdvisers, offerSlots, pickAdviser, type ClientNeeds, type OfferSlotsInput } from './assign-adviser.js';
import { computeSlots } from './compute-slots.js';
import { aServiceType, anAdviser, deepFreeze, interval, weekdays } from './testing/booking-scenario.js';

const iso = (instant: string): string => new Date(instant).toISOString();
const ids = (advisers: readonly { adviserId: string }[]): string[] => advisers.map((a) => a.adviserId);

const needs = (overrides: Partial<ClientNeeds> = {}): ClientNeeds => ({
  language: 'ar',
  interpreterLanguage: null,
  municipalityCode: '167',
  topics: [],
  ...overrides,
});

describe('eligibleAdvisers', () => {
  const arabic = anAdviser({ adviserId: 'arabic', languages: ['fi', 'ar'] });
  const english = anAdviser({ adviserId: 'english', languages: ['en'] });
  const russian = anAdviser({ adviserId: 'russian', languages: ['ru'] });
  const elsewhere = anAdviser({ adviserId: 'elsewhere', languages: ['ar', 'fi'], municipalityCodes: ['260'] });
  const team = [arabic, english, russian, elsewhere];

  it('keeps advisers who speak the session language and serve the municipality', () => {
    expect(ids(eligibleAdvisers(team, needs()))).toEqual(['arabic']);
  });

  it('with an interpreter, also takes any fi/en adviser of the municipality, never one who speaks neither', () => {
    expect(ids(eligibleAdvisers(team, needs({ language: 'so', interpreterLanguage: 'so' })))).toEqual(['arabic', 'english']);
  });

  it('without an interpreter, a language nobody speaks leaves no one', () => {
    expect(eligibleAdvisers(team, needs({ language: 'so' }))).toEqual([]);
  });

  it('never crosses municipality borders', () => {
    expect(ids(eligibleAdvisers(team, needs({ municipalityCode: '260' })))).toEqual(['elsewhere']);
  });

  it('matches language codes on the base subtag, case-insensitively', () => {
    const regional = anAdviser({ adviserId: 'regional', languages: ['AR-SY'] });
    expect(ids(eligibleAdvisers([regional], needs()))).toEqual(['regional']);
  });

  it('routes to advisers marked for one of the client topics when there are any', () => {
    const permits = anAdviser({ adviserId: 'permits', languages: ['ar'], topics: ['residence_permit'] });
    const housing = anAdviser({ adviserId: 'housing', languages: ['ar'], topics: ['housing'] });
    const general = anAdviser({ adviserId: 'general', languages: ['ar'] });
    expect(ids(eligibleAdvisers([general, permits, housing], needs({ topics: ['residence_permit', 'health'] })))).toEqual(['permits']);
  });

  it('falls back to everyone eligible when no eligible adviser is marked for the topics', () => {
    const housing = anAdviser({ adviserId: 'housing', languages: ['ar'], topics: ['housing'] });
    const general = anAdviser({ adviserId: 'general', languages: ['ar'] });
    const permitsElsewhere = anAdviser({ adviserId: 'permits-260', languages: ['ar'], topics: ['residence_permit'], municipalityCodes: ['260'] });
    expect(ids(eligibleAdvisers([general, housing, permitsElsewhere], needs({ topics: ['residence_permit'] })))).toEqual(['general', 'housing']);
  });

  it('does not mutate its input', () => {
    const frozen = deepFreeze([russian, arabic, english]);
    expect(ids(eligibleAdvisers(frozen, needs({ interpreterLanguage: 'ar' })))).toEqual(['arabic', 'english']);
  });
});

describe('pickAdviser', () => {
  const load = new Map([
    ['a', 2],
    ['b', 1],
    ['c', 1],
    ['d', 1],
  ]);

  it('picks the least-loaded adviser that week', () => {
    expect(pickAdviser(['a', 'b'], { loadThisWeek: load })).toBe('b');
    expect(pickAdviser(['a', 'e'], { loadThisWeek: load })).toBe('e'); // no bookings = 0
  });

  it('breaks ties by round robin after the last assigned adviser, wrapping around', () => {
    expect(pickAdviser(['d', 'c', 'b', 'a'], { loadThisWeek: load, lastAssignedAdviserId: 'b' })).toBe('c');
    expect(pickAdviser(['d', 'c', 'b', 'a'], { loadThisWeek: load, lastAssignedAdviserId: 'c' })).toBe('d');
    expect(pickAdviser(['d', 'c', 'b', 'a'], { loadThisWeek: load, lastAssignedAdviserId: 'd' })).toBe('b');
    expect(pickAdviser(['d', 'c', 'b'], { loadThisWeek: load, lastAssignedAdviserId: 'a' })).toBe('b'); // last one not among candidates
    expect(pickAdviser(['d', 'c'], { loadThisWeek: load })).toBe('c');
  });

  it('returns null for no candidates', () => {
    expect(pickAdviser([], { loadThisWeek: load })).toBeNull();
  });
});

describe('offerSlots', () => {
  const busyA = anAdviser({ adviserId: 'adviser-a', languages: ['ar', 'fi'] });
  const quietB = anAdviser({ adviserId: 'adviser-b', languages: ['ar', 'en'] });
  const c = anAdviser({ adviserId: 'adviser-c', languages: ['ar'], weeklyHours: weekdays('12:00', '16:00') });

  function offer(overrides: Partial<OfferSlotsInput> = {}): OfferSlotsInput {
    return {
      now: new Date('2026-04-13T06:00:00+03:00'),
      advisers: [busyA, quietB],
      busy: new Map(),
      serviceType: aServiceType(),
      request: needs(),
      loadThisWeek: new Map([
        ['adviser-a', 3],
        ['adviser-b', 1],
      ]),
      ...overrides,
    };
  }

  it('shows a time free for two advisers once, with the least-loaded adviser', () => {
    const slots = offerSlots(offer({ limit: 2 }));
    expect(slots).toEqual([
      { start: new Date('2026-04-13T08:00:00+03:00'), end: new Date('2026-04-13T08:45:00+03:00'), adviserId: 'adviser-b' },
      { start: new Date('2026-04-13T08:15:00+03:00'), end: new Date('2026-04-13T09:00:00+03:00'), adviserId: 'adviser-b' },
    ]);
  });

  it('gives a time to whoever is free when only one is', () => {
    const busy = new Map([['adviser-b', [interval('2026-04-13T08:00:00+03:00', '2026-04-13T09:00:00+03:00')]]]);
    const slots = offerSlots(offer({ busy, limit: 2 }));
    expect(slots.map((s) => [s.start.toISOString(), s.adviserId])).toEqual([
      [iso('2026-04-13T08:00:00+03:00'), 'adviser-a'],
      [iso('2026-04-13T08:15:00+03:00'), 'adviser-a'],
    ]);
  });

  it('breaks equal load by round robin', () => {
    const loadThisWeek = new Map([
      ['adviser-a', 1],
      ['adviser-b', 1],
      ['adviser-c', 1],
    ]);
    const at = (lastAssignedAdviserId?: string) =>
      offerSlots(offer({ advisers: [busyA, quietB, c], loadThisWeek, limit: 1, from: new Date('2026-04-13T12:00:00+03:00'), ...(lastAssignedAdviserId ? { lastAssignedAdviserId } : {}) }))[0]?.adviserId;
    expect(at()).toBe('adviser-a');
    expect(at('adviser-a')).toBe('adviser-b');
    expect(at('adviser-b')).toBe('adviser-c');
    expect(at('adviser-c')).toBe('adviser-a');
  });

  it('uses each week’s own load when loadByWeek is given', () => {
    const loadByWeek = new Map([['2026-04-20', new Map([['adviser-b', 9]])]]);
    const slots = offerSlots(offer({ loadByWeek }));
    const thisWeek = slots.find((s) => s.start.toISOString() === iso('2026-04-14T10:00:00+03:00'));
    const nextWeek = slots.find((s) => s.start.toISOString() === iso('2026-04-21T10:00:00+03:00'));
    expect(thisWeek?.adviserId).toBe('adviser-b'); // falls back to loadThisWeek: a 3, b 1
    expect(nextWeek?.adviserId).toBe('adviser-a'); // week of 04-20: a 0, b 9
  });

  it('offers each distinct time once over the whole horizon, in order', () => {
    const slots = offerSlots(offer({ advisers: [busyA, quietB, c] }));
    const starts = slots.map((s) => s.start.getTime());
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    const everyTime = new Set(computeSlots(offer({ advisers: [busyA, quietB, c] })).map((s) => s.start.getTime()));
    expect(starts).toHaveLength(everyTime.size);
  });

  it('limits distinct times, not adviser slots', () => {
    expect(offerSlots(offer({ limit: 20 }))).toEqual(offerSlots(offer()).slice(0, 20));
  });

  it('only offers eligible advisers', () => {
    const russian = anAdviser({ adviserId: 'adviser-0', languages: ['ru'] });
    const slots = offerSlots(offer({ advisers: [russian, busyA] }));
    expect(new Set(slots.map((s) => s.adviserId))).toEqual(new Set(['adviser-a']));
    expect(offerSlots(offer({ advisers: [russian] }))).toEqual([]);
  });

  it('attributes every time exactly as pickAdviser would, over many loads and round-robin pointers', () => {
    const team = ['adviser-d', 'adviser-a', 'adviser-c', 'adviser-b'].map((adviserId, i) =>
      anAdviser({ adviserId, languages: ['ar'], weeklyHours: weekdays(`0${8 + (i % 2)}:00`, '16:00') }),
    );
    const busy = new Map([['adviser-c', [interval('2026-04-14T10:00:00+03:00', '2026-04-14T12:00:00+03:00')]]]);
    for (const lastAssignedAdviserId of [undefined, 'adviser-a', 'adviser-b', 'adviser-c', 'adviser-d', 'adviser-z']) {
      for (const loads of [[0, 0, 0, 0], [1, 0, 0, 1], [2, 1, 1, 3], [5, 5, 4, 4]]) {
        const loadThisWeek = new Map(team.map((a, i) => [a.adviserId, loads[i]!]));
        const input = offer({ advisers: team, busy, loadThisWeek, serviceType: aServiceType({ horizonDays: 3 }), ...(lastAssignedAdviserId ? { lastAssignedAdviserId } : {}) });
        const byStart = new Map<number, string[]>();
        for (const slot of computeSlots(input)) byStart.set(slot.start.getTime(), [...(byStart.get(slot.start.getTime()) ?? []), slot.adviserId]);
        const expected = [...byStart].map(([start, candidates]) => [start, pickAdviser(candidates, lastAssignedAdviserId ? { loadThisWeek, lastAssignedAdviserId } : { loadThisWeek })]);
        expect(offerSlots(input).map((s) => [s.start.getTime(), s.adviserId])).toEqual(expected);
      }
    }
  });

  it('does not mutate its inputs', () => {
    const input = deepFreeze(offer({ advisers: [quietB, busyA], busy: new Map([['adviser-a', [interval('2026-04-14T09:00:00+03:00', '2026-04-14T10:00:00+03:00')]]]) }));
    expect(offerSlots(input).length).toBeGreaterThan(0);
  });
});
