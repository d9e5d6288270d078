import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import { aNewClient } from '../factories/client-factory.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

export function clientRepositoryContract(subject: () => TestDatabase): void {
  describe('ClientRepository', () => {
    it('creates a client and reads it back', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const input = aNewClient({ preferredLanguage: 'ar' });

      const created = await uow.clients.create(input, T0);

      expect(created).toEqual({ ...input, id: expect.any(String), createdAt: T0 });
      expect(created).not.toHaveProperty('entraObjectId');
      expect(await uow.clients.get(created.id)).toEqual(created);
      expect(await uow.clients.get('no-such-id')).toBeUndefined();
    });

    it('finds a Teams client by tenant and Entra id', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const created = await uow.clients.create(aNewClient({ tenantId: 't1', entraObjectId: 'oid-1' }), T0);

      expect(await uow.clients.findByEntraId('t1', 'oid-1')).toEqual(created);
      expect(await uow.clients.findByEntraId('t2', 'oid-1')).toBeUndefined();
    });

    it('never lists another municipality’s clients; newest first, limited', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const older = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), minutes(0));
      await uow.clients.create(aNewClient({ municipalityCode: 'joensuu' }), minutes(1));
      const newer = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), minutes(2));
      await uow.clients.create(aNewClient({ municipalityCode: 'outokumpu' }), minutes(3));

      const liperi = await uow.clients.listByMunicipality('liperi', 10);

      expect(liperi.map((c) => c.id)).toEqual([newer.id, older.id]);
      expect(liperi.every((c) => c.municipalityCode === 'liperi')).toBe(true);
      expect((await uow.clients.listByMunicipality('liperi', 1)).map((c) => c.id)).toEqual([newer.id]);
      expect(await uow.clients.listByMunicipality('ilomantsi', 10)).toEqual([]);
    });

    it('searches names in the given municipalities only: any case, literal % and _, by name, limited', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      const create = (displayName: string, municipalityCode: string) => uow.clients.create(aNewClient({ displayName, municipalityCode }), T0);
      const aino = await create('Aino Virtanen', 'liperi');
      const ayras = await create('Äyräs Maria', 'liperi');
      const virta = await create('VIRTA Olena', 'kontiolahti');
      await create('Virtanen Kontio', 'joensuu');
      const percent = await create('100% Kaisa_Ok', 'liperi');
      await create('100 Kaisa Ok', 'liperi');
      const names = async (codes: readonly string[], text: string, limit = 10) => (await uow.clients.searchByName(codes, text, limit)).map((c) => c.id);

      expect(await names(['liperi', 'kontiolahti'], 'virta')).toEqual([aino.id, virta.id]);
      expect(await names(['liperi'], 'VIRTA')).toEqual([aino.id]);
      expect(await names(['liperi'], 'äyr')).toEqual([ayras.id]);
      expect(await names(['liperi'], 'ÄYRÄS')).toEqual([ayras.id]);
      expect(await names(['liperi'], 'yRÄs mA')).toEqual([ayras.id]);
      expect(await names(['liperi'], '0%')).toEqual([percent.id]);
      expect(await names(['liperi'], 'a_o')).toEqual([percent.id]);
      expect(await names(['liperi'], 'a\\o')).toEqual([]);
      expect(await names(['liperi', 'kontiolahti'], 'virta', 1)).toEqual([aino.id]);
      expect(await names([], 'virta')).toEqual([]);
      expect(await names(['ilomantsi'], 'a')).toEqual([]);
      const [found] = await uow.clients.searchByName(['liperi'], 'aino', 5);
      expect(found).toEqual(aino);
    });

    it('refuses a client of an unknown municipality', async () => {
      const { uow } = subject();
      await seedMunicipalities(uow, []);
      await expect(uow.clients.create(aNewClient({ municipalityCode: 'atlantis' }), T0)).rejects.toThrow();
      expect(await uow.clients.listByMunicipality('atlantis', 10)).toEqual([]);
    });
  });
}
