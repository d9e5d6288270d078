import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import { aNewClient } from '../factories/client-factory.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

export function publicSessionRepositoryContract(subject: () => TestDatabase): void {
  describe('PublicSessionRepository', () => {
    it('finds a session by its token hash while it lives, never after', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const client = await uow.clients.create(aNewClient(), T0);
      await uow.publicSessions.create(HASH_A, client.id, T0, minutes(60));

      expect(await uow.publicSessions.find(HASH_A, minutes(59))).toEqual({ clientId: client.id, expiresAt: minutes(60) });
      expect(await uow.publicSessions.find(HASH_A, minutes(60))).toBeUndefined();
      expect(await uow.publicSessions.find(HASH_B, T0)).toBeUndefined();
    });

    it('refuses a session for a client that does not exist', async () => {
      const { uow } = subject();
      await expect(uow.publicSessions.create(HASH_A, 'no-such-client', T0, minutes(60))).rejects.toThrow();
      expect(await uow.publicSessions.find(HASH_A, T0)).toBeUndefined();
    });

    it('purges expired sessions only', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const client = await uow.clients.create(aNewClient(), T0);
      await uow.publicSessions.create(HASH_A, client.id, T0, minutes(10));
      await uow.publicSessions.create(HASH_B, client.id, T0, minutes(30));

      expect(await uow.publicSessions.purgeExpired(minutes(10))).toBe(1);
      expect(await uow.publicSessions.purgeExpired(minutes(10))).toBe(0);
      expect(await uow.publicSessions.find(HASH_B, minutes(20))).toEqual({ clientId: client.id, expiresAt: minutes(30) });
    });
  });
}
