import { describe, expect, it } from 'vitest';
import { seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import { GUIDANCE_SERVICE_TYPE } from '../../src/domain/booking/service-types.js';
import type { TestDatabase } from './test-databases.js';

export function serviceTypeRepositoryContract(subject: () => TestDatabase): void {
  describe('ServiceTypeRepository', () => {
    it('the seed adds the default guidance type once and keeps later changes', async () => {
      const { uow } = subject();
      await seedServiceTypes(uow);
      expect(await uow.serviceTypes.get('guidance')).toEqual({
        code: 'guidance',
        lengthMinutes: 45,
        bufferMinutes: 15,
        minNoticeMinutes: 120,
        horizonDays: 42,
        slotStepMinutes: 15,
      });

      await uow.serviceTypes.upsert({ ...GUIDANCE_SERVICE_TYPE, lengthMinutes: 60 });
      await seedServiceTypes(uow);

      expect(await uow.serviceTypes.get('guidance')).toMatchObject({ lengthMinutes: 60 });
    });

    it('upsert inserts or replaces; list is ordered by code', async () => {
      const { uow, peer } = subject();
      await uow.serviceTypes.upsert({ code: 'quick', lengthMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 14, slotStepMinutes: 15 });
      await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
      await uow.serviceTypes.upsert({ code: 'quick', lengthMinutes: 20, bufferMinutes: 5, minNoticeMinutes: 30, horizonDays: 7, slotStepMinutes: 10 });

      expect(await peer.serviceTypes.list()).toEqual([
        GUIDANCE_SERVICE_TYPE,
        { code: 'quick', lengthMinutes: 20, bufferMinutes: 5, minNoticeMinutes: 30, horizonDays: 7, slotStepMinutes: 10 },
      ]);
      expect(await peer.serviceTypes.get('missing')).toBeUndefined();
    });

    it('refuses a zero length or step', async () => {
      const { uow } = subject();
      await expect(uow.serviceTypes.upsert({ ...GUIDANCE_SERVICE_TYPE, lengthMinutes: 0 })).rejects.toThrow();
      await expect(uow.serviceTypes.upsert({ ...GUIDANCE_SERVICE_TYPE, slotStepMinutes: 0 })).rejects.toThrow();
      expect(await uow.serviceTypes.list()).toEqual([]);
    });
  });
}
