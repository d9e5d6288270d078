import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import { PARTNER_MUNICIPALITIES } from '../../src/domain/municipality.js';
import type { TestDatabase } from './test-databases.js';

/** MunicipalityRepository, and the seed that fills it on start. */
export function municipalityRepositoryContract(subject: () => TestDatabase): void {
  describe('MunicipalityRepository', () => {
    it('stores, renames and never deletes', async () => {
      const { municipalities } = subject().uow;
      await municipalities.upsert({ code: 'liperi', name: 'Liperi' });
      await municipalities.upsert({ code: 'joensuu', name: 'Joensu' });
      await municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });

      expect(await municipalities.list()).toEqual([
        { code: 'joensuu', name: 'Joensuu' },
        { code: 'liperi', name: 'Liperi' },
      ]);
      expect(await municipalities.get('liperi')).toEqual({ code: 'liperi', name: 'Liperi' });
      expect(await municipalities.get('nurmes')).toBeUndefined();
    });

    it('seeds the five partners and the extras, idempotently', async () => {
      const { uow } = subject();
      const extra = [{ code: 'juuka', name: 'Juuka' }];
      await seedMunicipalities(uow, extra);
      await seedMunicipalities(uow, extra);

      const codes = (await uow.municipalities.list()).map((m) => m.code);
      expect(codes).toEqual([...PARTNER_MUNICIPALITIES.map((m) => m.code), 'juuka'].sort());
    });
  });
}
