import type { ContactDetails } from '../../src/domain/register/contact.js';
import type { NewContact } from '../../src/use-cases/ports/repositories.js';

/**
 * Contact builders: a 40-minute Teams guidance in Ukrainian on Monday 3 March 2025 at 10:00
 * Helsinki time, referred to Migri. Notes hold a name on purpose: tests check it never leaks.
 */
export function contactDetails(overrides: Partial<ContactDetails> = {}): ContactDetails {
  return {
    channel: 'teams_meeting',
    startedAt: new Date('2025-03-03T08:00:00.000Z'),
    durationMinutes: 40,
    language: 'uk',
    interpreterUsed: false,
    topics: ['residence_permit'],
    services: ['guidance'],
    referrals: [{ kind: 'authority', code: 'migri' }],
    followUpOn: null,
    outcome: 'referred',
    notes: 'Olena asked about the permit; “tilapäinen suojelu” — O\'Brien; 1=1; <b>bold</b>',
    ...overrides,
  };
}

export function aNewContact(ids: { clientId: string; adviserId: string; municipalityCode?: string; bookingId?: string | null }, overrides: Partial<ContactDetails> = {}): NewContact {
  return {
    clientId: ids.clientId,
    adviserId: ids.adviserId,
    municipalityCode: ids.municipalityCode ?? 'joensuu',
    bookingId: ids.bookingId ?? null,
    formVersion: 1,
    ...contactDetails(overrides),
  };
}
