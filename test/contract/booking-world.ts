import { seedMunicipalities, seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import { GUIDANCE_SERVICE_TYPE } from '../../src/domain/booking/service-types.js';
import type { Client, StaffMember } from '../../src/domain/staff/staff.js';
import type { Repositories } from '../../src/use-cases/ports/repositories.js';
import { aNewClient } from '../factories/client-factory.js';
import { aNewStaffMember } from '../factories/staff-member-factory.js';
import { InMemoryUnitOfWork } from '../fakes/in-memory-unit-of-work.js';
import type { TestDatabase } from './test-databases.js';

/** What booking tests stand on: partner municipalities, the guidance type, a client, two advisers. */
export interface BookingWorld {
  readonly client: Client;
  readonly otherClient: Client;
  readonly adviser: StaffMember;
  readonly otherAdviser: StaffMember;
}

export async function aBookingWorld(repos: Repositories): Promise<BookingWorld> {
  await seedMunicipalities(repos, []);
  await seedServiceTypes(repos);
  return {
    client: await repos.clients.create(aNewClient(), new Date('2025-03-01T08:00:00Z')),
    otherClient: await repos.clients.create(aNewClient({ municipalityCode: 'liperi' }), new Date('2025-03-01T08:00:00Z')),
    adviser: await repos.staff.upsert(aNewStaffMember({ displayName: 'Aino Adviser' })),
    otherAdviser: await repos.staff.upsert(aNewStaffMember({ displayName: 'Bea Adviser' })),
  };
}

export { GUIDANCE_SERVICE_TYPE };

/** Switches a staff member off the way an administrator would (no port method does it yet). */
export async function deactivateStaff(database: TestDatabase, staffId: string): Promise<void> {
  if (database.rawSql !== undefined) {
    // `(1 = 0)` is 0 on SQLite and false on PostgreSQL: each dialect's flag.
    await database.rawSql(`update staff set active = (1 = 0) where id = '${staffId}'`);
    return;
  }
  const { staff } = (database.uow as InMemoryUnitOfWork).store.tables;
  const member = staff.get(staffId);
  if (member !== undefined) staff.set(staffId, { ...member, active: false });
}
