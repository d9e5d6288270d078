import { describe, expect, it } from 'vitest';
import type { StoredConversationReference } from '../../src/use-cases/ports/repositories.js';
import type { TestDatabase } from './test-databases.js';

const aReference = (overrides: Partial<StoredConversationReference> = {}): StoredConversationReference => ({
  tenantId: 'tenant-1',
  userKey: 'user-oid-1',
  conversationId: 'a:1personal',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  locale: 'fi-FI',
  reference: { bot: { id: '28:bot' }, conversation: { id: 'a:1personal', tenantId: 'tenant-1' }, channelId: 'msteams' },
  updatedAt: new Date('2025-03-03T08:00:00.000Z'),
  ...overrides,
});

export function conversationReferenceRepositoryContract(subject: () => TestDatabase): void {
  describe('ConversationReferenceRepository', () => {
    it('saves and finds a reference as given', async () => {
      const { conversations } = subject().uow;
      const ref = aReference({ locale: null });
      await conversations.save(ref);
      expect(await conversations.find('tenant-1', 'user-oid-1')).toEqual(ref);
    });

    it("keeps the client's time zone, and reads an unknown one back as absent", async () => {
      const { conversations } = subject().uow;
      await conversations.save(aReference({ timeZone: 'Asia/Kabul' }));
      expect((await conversations.find('tenant-1', 'user-oid-1'))?.timeZone).toBe('Asia/Kabul');
      await conversations.save(aReference({ timeZone: null }));
      expect(await conversations.find('tenant-1', 'user-oid-1')).not.toHaveProperty('timeZone');
    });

    it('keeps one reference per (tenant, user): the last saved', async () => {
      const { conversations } = subject().uow;
      await conversations.save(aReference());
      const newer = aReference({ conversationId: 'a:2personal', serviceUrl: 'https://smba.trafficmanager.net/amer/', updatedAt: new Date('2025-03-04T08:00:00.000Z') });
      await conversations.save(newer);
      await conversations.save(aReference({ tenantId: 'tenant-2', conversationId: 'other' }));

      expect(await conversations.find('tenant-1', 'user-oid-1')).toEqual(newer);
      expect((await conversations.find('tenant-2', 'user-oid-1'))?.conversationId).toBe('other');
      expect(await conversations.find('tenant-1', 'user-oid-2')).toBeUndefined();
    });
  });
}
