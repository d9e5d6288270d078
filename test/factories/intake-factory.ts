import type { Intake } from '../../src/domain/intake/intake.js';

/** A valid intake (a Joensuu client who reads Finnish, housing, an e-mail address); override what the test is about. */
export function anIntake(overrides: Partial<Intake> = {}): Intake {
  return {
    name: 'Amina',
    municipalityCode: 'joensuu',
    language: 'fi',
    interpreterLanguage: null,
    topics: ['housing'],
    description: '',
    contact: { teams: true, email: 'amina@example.test', phone: null },
    consent: { shareWithReferralPartners: false },
    ...overrides,
  };
}
