import { describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../test/fakes/in-memory-unit-of-work.js';
import { rememberConversation } from './remember-conversation.js';

const seen = {
  tenantId: 't1',
  userKey: 'aad-1',
  conversationId: 'a:1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  locale: 'en',
  reference: { conversation: { id: 'a:1' }, user: { id: '29:1' } },
};

describe('rememberConversation', () => {
  it('stores the first sighting with the Teams locale', async () => {
    const uow = new InMemoryUnitOfWork();
    const lang = await rememberConversation({ conversations: uow.conversations, clock: () => new Date('2026-11-27T10:00:00Z') }, seen);
    expect(lang).toBe('en');
    expect(await uow.conversations.find('t1', 'aad-1')).toMatchObject({ conversationId: 'a:1', locale: 'en', updatedAt: new Date('2026-11-27T10:00:00Z') });
  });

  it('keeps a language the person chose over their Teams locale', async () => {
    const uow = new InMemoryUnitOfWork();
    const deps = { conversations: uow.conversations, clock: () => new Date('2026-11-27T10:00:00Z') };
    await rememberConversation(deps, seen);
    const stored = await uow.conversations.find('t1', 'aad-1');
    await uow.conversations.save({ ...stored!, locale: 'so' });
    expect(await rememberConversation(deps, { ...seen, locale: 'fi' })).toBe('so');
  });

  it('does not rewrite an unchanged reference, and updates a moved one', async () => {
    const uow = new InMemoryUnitOfWork();
    let now = new Date('2026-11-27T10:00:00Z');
    const deps = { conversations: uow.conversations, clock: () => now };
    await rememberConversation(deps, seen);
    now = new Date('2026-11-27T11:00:00Z');
    await rememberConversation(deps, seen);
    expect((await uow.conversations.find('t1', 'aad-1'))?.updatedAt).toEqual(new Date('2026-11-27T10:00:00Z'));

    const moved = { ...seen, serviceUrl: 'https://smba.trafficmanager.net/amer/', reference: { ...seen.reference, serviceUrl: 'https://smba.trafficmanager.net/amer/' } };
    await rememberConversation(deps, moved);
    expect(await uow.conversations.find('t1', 'aad-1')).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/amer/', updatedAt: new Date('2026-11-27T11:00:00Z') });
  });
});
