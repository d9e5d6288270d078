import { describe, expect, it } from 'vitest';
import { aNewStaffMember } from '../factories/staff-member-factory.js';
import type { TestDatabase } from './test-databases.js';

export function staffRepositoryContract(subject: () => TestDatabase): void {
  describe('StaffRepository', () => {
    it('inserts an active member and finds them by Entra id', async () => {
      const { staff } = subject().uow;
      const input = aNewStaffMember({ roles: ['adviser', 'expert'], languages: ['fi', 'ar'] });

      const stored = await staff.upsert(input);

      expect(stored).toEqual({ ...input, id: expect.any(String), active: true });
      expect(await staff.findByEntraId(input.tenantId, input.entraObjectId)).toEqual(stored);
      expect(await staff.findByEntraId('another-tenant', input.entraObjectId)).toBeUndefined();
    });

    it('gets a member by our id, and nothing for an unknown id', async () => {
      const { staff } = subject().uow;
      const stored = await staff.upsert(aNewStaffMember({ roles: ['adviser'] }));
      expect(await staff.get(stored.id)).toEqual(stored);
      expect(await staff.get('no-such-id')).toBeUndefined();
    });

    it('upsert on the same (tenant, Entra id) updates roles and keeps the id', async () => {
      const { staff } = subject().uow;
      const first = await staff.upsert(aNewStaffMember({ roles: ['adviser'] }));

      const second = await staff.upsert(
        aNewStaffMember({ entraObjectId: first.entraObjectId, roles: ['coordinator'], displayName: 'Renamed', municipalityCode: 'liperi' }),
      );

      expect(second.id).toBe(first.id);
      expect(await staff.findByEntraId(first.tenantId, first.entraObjectId)).toMatchObject({
        id: first.id,
        roles: ['coordinator'],
        displayName: 'Renamed',
        municipalityCode: 'liperi',
      });
      expect(await staff.listByRole('adviser')).toEqual([]);
    });

    it('treats the same Entra id in another tenant as another person', async () => {
      const { staff } = subject().uow;
      const a = await staff.upsert(aNewStaffMember({ entraObjectId: 'same-oid', tenantId: 'tenant-a' }));
      const b = await staff.upsert(aNewStaffMember({ entraObjectId: 'same-oid', tenantId: 'tenant-b' }));
      expect(b.id).not.toBe(a.id);
    });

    it('lists by role, optionally in one municipality, by display name', async () => {
      const { staff } = subject().uow;
      await staff.upsert(aNewStaffMember({ displayName: 'B expert', roles: ['expert'], municipalityCode: 'joensuu' }));
      await staff.upsert(aNewStaffMember({ displayName: 'A expert', roles: ['adviser', 'expert'], municipalityCode: 'liperi' }));
      await staff.upsert(aNewStaffMember({ displayName: 'C staff', roles: ['municipal_staff'], municipalityCode: 'joensuu' }));

      expect((await staff.listByRole('expert')).map((m) => m.displayName)).toEqual(['A expert', 'B expert']);
      expect((await staff.listByRole('expert', 'joensuu')).map((m) => m.displayName)).toEqual(['B expert']);
      expect((await staff.listByRole('municipal_staff')).map((m) => m.displayName)).toEqual(['C staff']);
      expect(await staff.listByRole('coordinator')).toEqual([]);
    });
  });
}
