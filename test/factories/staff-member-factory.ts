import type { StaffMember } from '../../src/domain/staff/staff.js';
import type { NewStaffMember } from '../../src/use-cases/ports/repositories.js';
import { nextSequence } from './sequence.js';

/**
 * Staff builders: valid defaults, a unique Entra id per call, overrides for what a test is about.
 * `aNewStaffMember` builds the input of `StaffRepository.upsert`; `aStaffMember` a stored member
 * for use-case tests on fakes.
 */
export const TEST_TENANT_ID = '00000000-0000-4000-8000-00000000a11c';

export function aNewStaffMember(overrides: Partial<NewStaffMember> = {}): NewStaffMember {
  const n = nextSequence();
  return {
    entraObjectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    tenantId: TEST_TENANT_ID,
    displayName: `Adviser ${n}`,
    roles: ['adviser'],
    municipalityCode: 'joensuu',
    languages: ['fi', 'en'],
    ...overrides,
  };
}

export function aStaffMember(overrides: Partial<StaffMember> = {}): StaffMember {
  return { id: `staff-${nextSequence()}`, ...aNewStaffMember(), active: true, ...overrides };
}
