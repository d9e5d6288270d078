import { describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../test/fakes/in-memory-unit-of-work.js';
import { Housekeeping } from './housekeeping.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Housekeeping', () => {
  it('purges expired redelivery records and keeps live ones', async () => {
    const uow = new InMemoryUnitOfWork();
    const t0 = new Date('2026-11-27T10:00:00Z');
    await uow.processedActivities.markProcessed('a:1|old', t0, new Date('2026-11-28T10:00:00Z'));
    await uow.processedActivities.markProcessed('a:1|new', new Date('2026-11-28T09:00:00Z'), new Date('2026-11-29T09:00:00Z'));
    const sut = new Housekeeping({ processedActivities: uow.processedActivities, publicSessions: uow.publicSessions, clock: () => new Date('2026-11-28T12:00:00Z'), logger: silent });

    expect(await sut.runOnce()).toEqual({ processedActivitiesPurged: 1, publicSessionsPurged: 0 });
    // The live record still blocks a redelivery; the purged one no longer does.
    expect(await uow.processedActivities.markProcessed('a:1|new', new Date('2026-11-28T12:00:00Z'), new Date('2026-11-29T12:00:00Z'))).toBe(false);
    expect(await uow.processedActivities.markProcessed('a:1|old', new Date('2026-11-28T12:00:00Z'), new Date('2026-11-29T12:00:00Z'))).toBe(true);
  });

  it('purges expired public booking page sessions and keeps live ones', async () => {
    const uow = new InMemoryUnitOfWork();
    await uow.municipalities.upsert({ code: 'liperi', name: 'Liperi' });
    const client = await uow.clients.create({ municipalityCode: 'liperi', displayName: 'A', preferredLanguage: 'so' }, new Date('2026-11-28T09:00:00Z'));
    await uow.publicSessions.create('a'.repeat(64), client.id, new Date('2026-11-28T09:00:00Z'), new Date('2026-11-28T11:00:00Z'));
    await uow.publicSessions.create('b'.repeat(64), client.id, new Date('2026-11-28T11:00:00Z'), new Date('2026-11-28T13:00:00Z'));
    const now = new Date('2026-11-28T12:00:00Z');
    const sut = new Housekeeping({ processedActivities: uow.processedActivities, publicSessions: uow.publicSessions, clock: () => now, logger: silent });

    expect(await sut.runOnce()).toEqual({ processedActivitiesPurged: 0, publicSessionsPurged: 1 });
    expect(await uow.publicSessions.find('b'.repeat(64), now)).toBeDefined();
  });
});
