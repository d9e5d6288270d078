import { describe, expect, it } from 'vitest';
import type { ConversationReferenceRepository, StoredConversationReference } from './ports/repositories.js';
import { chooseLanguage } from './choose-language.js';

const T0 = new Date('2026-11-30T05:00:00Z');
const T1 = new Date('2026-11-30T06:00:00Z');

function conversations(initial?: StoredConversationReference) {
  let stored = initial;
  let saves = 0;
  const repo: ConversationReferenceRepository = {
    save: async (ref) => {
      saves++;
      stored = ref;
    },
    find: async () => stored,
  };
  return { repo, saves: () => saves, stored: () => stored };
}

const reference = (locale: string | null): StoredConversationReference => ({
  tenantId: 't1',
  userKey: 'u1',
  conversationId: 'c1',
  serviceUrl: 'https://smba.example/',
  locale,
  reference: { conversation: { id: 'c1' } },
  updatedAt: T0,
});

describe('chooseLanguage', () => {
  it('stores a new choice', async () => {
    const c = conversations(reference('fi'));
    expect(await chooseLanguage({ conversations: c.repo, clock: () => T1 }, { tenantId: 't1', userKey: 'u1', language: 'ar' })).toEqual({ ok: true, language: 'ar' });
    expect(c.stored()).toMatchObject({ locale: 'ar', updatedAt: T1 });
  });

  it('writes nothing when the language is already the stored one', async () => {
    const c = conversations(reference('fi'));
    expect(await chooseLanguage({ conversations: c.repo, clock: () => T1 }, { tenantId: 't1', userKey: 'u1', language: 'fi' })).toEqual({ ok: true, language: 'fi' });
    expect(c.saves()).toBe(0);
  });

  it('refuses an unsupported language and an unknown conversation', async () => {
    const c = conversations(undefined);
    expect(await chooseLanguage({ conversations: c.repo, clock: () => T1 }, { tenantId: 't1', userKey: 'u1', language: 'xx' })).toEqual({ ok: false, reason: 'unsupported_language' });
    expect(await chooseLanguage({ conversations: c.repo, clock: () => T1 }, { tenantId: 't1', userKey: 'u1', language: 'fi' })).toEqual({ ok: false, reason: 'unknown_conversation' });
  });
});
