import type { Booking } from '../../src/domain/booking/booking.js';
import type { NewBooking } from '../../src/use-cases/ports/repositories.js';
import { nextSequence } from './sequence.js';

const MINUTE = 60_000;

/**
 * Booking builders: a 45-minute guidance session with a 15-minute buffer on Monday 3 March 2025
 * at 10:00 Helsinki time (08:00Z). Pass `start` alone and `end` / `blockedUntil` follow it
 * (+45 min, +60 min); pass them too to change the length or the buffer.
 * `aNewBooking` builds the input of `BookingRepository.create`; `aBooking` a stored booking.
 */
export function aNewBooking(overrides: Partial<NewBooking> = {}): NewBooking {
  const start = overrides.start ?? new Date('2025-03-03T08:00:00.000Z');
  const end = overrides.end ?? new Date(start.getTime() + 45 * MINUTE);
  return {
    clientId: `client-${nextSequence()}`,
    adviserId: `staff-${nextSequence()}`,
    serviceTypeCode: 'guidance',
    municipalityCode: 'joensuu',
    language: 'uk',
    interpreterLanguage: null,
    topics: ['residence_permit'],
    ...overrides,
    start,
    end,
    blockedUntil: overrides.blockedUntil ?? new Date(end.getTime() + 15 * MINUTE),
  };
}

export function aBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: `booking-${nextSequence()}`,
    ...aNewBooking(overrides),
    status: 'booked',
    createdAt: new Date('2025-03-01T08:00:00.000Z'),
    cancelledAt: null,
    meeting: null,
    ...overrides,
  };
}
