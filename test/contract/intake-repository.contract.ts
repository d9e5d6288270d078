import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import type { Intake } from '../../src/domain/intake/intake.js';
import { aNewClient } from '../factories/client-factory.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

const anIntake = (overrides: Partial<Intake> = {}): Intake => ({
  name: 'Olena',
  municipalityCode: 'joensuu',
  language: 'uk',
  interpreterLanguage: null,
  topics: ['residence_permit', 'work_jobseeking'],
  description: 'Питання про дозвіл на проживання — «тимчасовий захист» 🇺🇦',
  contact: { teams: true, email: null, phone: '+358 40 123 4567' },
  consent: { shareWithReferralPartners: false },
  ...overrides,
});

export function intakeRepositoryContract(subject: () => TestDatabase): void {
  describe('IntakeRepository', () => {
    it('saves an intake whole and returns the client\'s newest', async () => {
      const { uow, peer } = subject();
      await seedMunicipalities(uow, []);
      const client = await uow.clients.create(aNewClient(), T0);
      const other = await uow.clients.create(aNewClient(), T0);
      const older = anIntake({ interpreterLanguage: 'ti' });
      const newer = anIntake({ description: 'Second visit', contact: { teams: false, email: 'olena@example.org', phone: null } });

      await uow.intakes.save(client.id, newer, minutes(10)).then(async (saved) => {
        await uow.intakes.save(client.id, older, minutes(0));
        expect(await peer.intakes.latestForClient(client.id)).toEqual({ id: saved.id, clientId: client.id, intake: newer, createdAt: minutes(10) });
      });
      expect(await peer.intakes.latestForClient(other.id)).toBeUndefined();
    });

    it('refuses an intake of an unknown client', async () => {
      const { uow } = subject();
      await expect(uow.intakes.save('nobody', anIntake(), T0)).rejects.toThrow();
    });
  });

  describe('ConsentRepository', () => {
    it('keeps the history: a withdrawal is a newer record that holds', async () => {
      const { uow, peer } = subject();
      await seedMunicipalities(uow, []);
      const client = await uow.clients.create(aNewClient(), T0);
      const purpose = 'share_with_referral_partners' as const;
      expect(await peer.consents.latest(client.id, purpose)).toBeUndefined();

      await uow.consents.record({ clientId: client.id, purpose, given: true, recordedAt: minutes(0), recordedBy: 'self' });
      expect(await peer.consents.latest(client.id, purpose)).toEqual({ clientId: client.id, purpose, given: true, recordedAt: minutes(0), recordedBy: 'self' });

      await uow.consents.record({ clientId: client.id, purpose, given: false, recordedAt: minutes(5), recordedBy: 'staff-1' });
      expect(await peer.consents.latest(client.id, purpose)).toEqual({ clientId: client.id, purpose, given: false, recordedAt: minutes(5), recordedBy: 'staff-1' });
    });

    it('on the same instant the later-recorded decision holds', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const client = await uow.clients.create(aNewClient(), T0);
      const purpose = 'share_with_referral_partners' as const;

      await uow.consents.record({ clientId: client.id, purpose, given: false, recordedAt: T0, recordedBy: 'self' });
      await uow.consents.record({ clientId: client.id, purpose, given: true, recordedAt: T0, recordedBy: 'self' });

      expect(await uow.consents.latest(client.id, purpose)).toMatchObject({ given: true });
    });
  });
}
