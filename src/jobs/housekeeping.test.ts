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
    const sut = new Housekeeping({
      processedActivities: uow.processedActivities,
      publicSessions: uow.publicSessions,
      actionTokens: uow.actionTokens,
      clock: () => new Date('2026-11-28T12:00:00Z'),
      logger: silent,
    });

    expect(await sut.runOnce()).toEqual({ processedActivitiesPurged: 1, publicSessionsPurged: 0, actionTokensPurged: 0 });
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
    const sut = new Housekeeping({ processedActivities: uow.processedActivities, publicSessions: uow.publicSessions, actionTokens: uow.actionTokens, clock: () => now, logger: silent });

    expect(await sut.runOnce()).toEqual({ processedActivitiesPurged: 0, publicSessionsPurged: 1, actionTokensPurged: 0 });
    expect(await uow.publicSessions.find('b'.repeat(64), now)).toBeDefined();
  });

  it('purges expired card action tokens and keeps live ones (ADR 14)', async () => {
    const uow = new InMemoryUnitOfWork();
    const now = new Date('2026-11-28T12:00:00Z');
    const token = (tokenHash: string, expiresAt: Date) => ({
      tokenHash,
      tenantId: 't',
      holder: { kind: 'user', userKey: 'aad-1' } as const,
      conversationId: 'a:1',
      verb: 'neuvo.booking.cancel',
      entityId: 'b-1',
      singleUse: true,
      createdAt: new Date('2026-10-01T00:00:00Z'),
      expiresAt,
      usedAt: null,
    });
    await uow.actionTokens.saveAll([token('a'.repeat(64), now), token('b'.repeat(64), new Date('2026-11-28T12:00:01Z'))]);
    const sut = new Housekeeping({ processedActivities: uow.processedActivities, publicSessions: uow.publicSessions, actionTokens: uow.actionTokens, clock: () => now, logger: silent });

    expect(await sut.runOnce()).toEqual({ processedActivitiesPurged: 0, publicSessionsPurged: 0, actionTokensPurged: 1 });
    expect(await uow.actionTokens.find('a'.repeat(64))).toBeUndefined();
    expect(await uow.actionTokens.find('b'.repeat(64))).toBeDefined();
  });
});
