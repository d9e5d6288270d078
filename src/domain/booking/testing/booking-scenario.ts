import { GUIDANCE_SERVICE_TYPE } from '../service-types.js';
import type { AdviserProfile, Interval, ServiceType, WeeklyHours } from '../booking.js';

/**
 * Scenario builders for booking tests (STYLE: factories with overrides). Dates are literal ISO
 * strings with offsets so a reader sees the Helsinki wall time and the instant at once.
 */

/** Mon–Fri with the same hours, e.g. `weekdays('08:00', '16:00')`. */
export function weekdays(start: string, end: string): WeeklyHours[] {
  return ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start, end }));
}

/** [start, end) from two ISO strings. */
export function interval(start: string, end: string): Interval {
  return { start: new Date(start), end: new Date(end) };
}

/** An adviser in Joensuu (167) who speaks Finnish and English, Mon–Fri 08:00–16:00, no absences. */
export function anAdviser(overrides: Partial<AdviserProfile> = {}): AdviserProfile {
  return {
    adviserId: 'adviser-a',
    languages: ['fi', 'en'],
    municipalityCodes: ['167'],
    topics: [],
    weeklyHours: weekdays('08:00', '16:00'),
    absences: [],
    mailbox: null,
    ...overrides,
  };
}

/** A 45-minute guidance session with a 15-minute buffer, 15-minute step, 2 h notice, 42-day horizon. */
export function aServiceType(overrides: Partial<ServiceType> = {}): ServiceType {
  return {
    ...GUIDANCE_SERVICE_TYPE,
    ...overrides,
  };
}

/**
 * Freezes a value and everything reachable from it (Maps and Dates included: their mutators
 * throw), so a test fails if the code under test mutates its input.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Date) {
    for (const method of Object.getOwnPropertyNames(Date.prototype)) {
      if (method.startsWith('set')) {
        Object.defineProperty(value, method, {
          value: () => {
            throw new TypeError(`Date.${method} called on a frozen input`);
          },
        });
      }
    }
    return Object.freeze(value);
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
    for (const method of ['set', 'delete', 'clear'] as const) {
      Object.defineProperty(value, method, {
        value: () => {
          throw new TypeError(`Map.${method} called on a frozen input`);
        },
      });
    }
    return Object.freeze(value);
  }
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}
