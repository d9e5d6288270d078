import type { AdviserProfile } from '../../src/domain/booking/booking.js';
import { nextSequence } from './sequence.js';

/**
 * An adviser for slot tests: Finnish and English, serves Joensuu, any topic, Monday–Friday
 * 08:00–16:00 Helsinki time, no absences, no Outlook mailbox. Override what the test is about.
 */
export function anAdviserProfile(overrides: Partial<AdviserProfile> = {}): AdviserProfile {
  return {
    adviserId: `staff-${nextSequence()}`,
    languages: ['fi', 'en'],
    municipalityCodes: ['joensuu'],
    topics: [],
    weeklyHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
    absences: [],
    mailbox: null,
    ...overrides,
  };
}
