import { describe, expect, it } from 'vitest';
import { checkActionToken, entityIdOf, isWellFormedActionToken, type StoredActionToken } from './action-token.js';

const NOW = new Date('2026-03-02T08:00:00.000Z');
const stored = (overrides: Partial<StoredActionToken> = {}): StoredActionToken => ({
  tokenHash: 'h',
  tenantId: 't',
  holder: { kind: 'user', userKey: 'aad-1' },
  conversationId: 'a:1',
  verb: 'neuvo.booking.cancel',
  entityId: 'b-1',
  createdAt: new Date('2026-03-01T08:00:00.000Z'),
  expiresAt: new Date('2026-03-02T08:00:01.000Z'),
  singleUse: true,
  usedAt: null,
  ...overrides,
});
const press = { tenantId: 't', userKey: 'aad-1', conversationId: 'a:1', verb: 'neuvo.booking.cancel', entityId: 'b-1' };

describe('checkActionToken', () => {
  it('accepts the press it was minted for', () => {
    expect(checkActionToken(stored(), press, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['tenant', { tenantId: 'x' }, 'wrong_tenant'],
    ['conversation', { conversationId: 'a:2' }, 'wrong_conversation'],
    ['user', { userKey: 'aad-2' }, 'wrong_user'],
    ['verb', { verb: 'neuvo.booking.reschedule' }, 'wrong_verb'],
    ['entity', { entityId: 'b-2' }, 'wrong_entity'],
  ])('refuses another %s', (_name, change, reason) => {
    expect(checkActionToken(stored(), { ...press, ...change }, NOW)).toEqual({ ok: false, reason });
  });

  it('lets any member of the conversation press a conversation-bound token', () => {
    expect(checkActionToken(stored({ holder: { kind: 'conversation' } }), { ...press, userKey: 'aad-2' }, NOW)).toEqual({ ok: true });
    expect(checkActionToken(stored({ holder: { kind: 'conversation' } }), { ...press, conversationId: 'a:2' }, NOW)).toEqual({ ok: false, reason: 'wrong_conversation' });
  });

  it('refuses an unknown, expired (at the instant of expiry) or used token', () => {
    expect(checkActionToken(undefined, press, NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(checkActionToken(stored({ expiresAt: NOW }), press, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(checkActionToken(stored({ usedAt: NOW }), press, NOW)).toEqual({ ok: false, reason: 'used' });
    expect(checkActionToken(stored({ usedAt: NOW, singleUse: false }), press, NOW)).toEqual({ ok: true });
  });
});

describe('entityIdOf', () => {
  it('joins the named fields; missing ones count as empty', () => {
    expect(entityIdOf({ adviserId: 's-7', start: '2026-03-02T08:00:00.000Z', other: 'x' }, ['adviserId', 'start'])).toBe('s-7|2026-03-02T08:00:00.000Z');
    expect(entityIdOf({ clientId: 'c-1' }, ['bookingId', 'clientId'])).toBe('|c-1');
    expect(entityIdOf(undefined, [])).toBe('');
  });

  it('matches nothing for forged shapes', () => {
    expect(entityIdOf({ bookingId: { $ne: null } }, ['bookingId'])).toBeUndefined();
    expect(entityIdOf({ bookingId: ['b-1'] }, ['bookingId'])).toBeUndefined();
    expect(entityIdOf([{ bookingId: 'b-1' }], ['bookingId'])).toBeUndefined();
    expect(entityIdOf(JSON.parse('{"__proto__":{"bookingId":"b-1"}}'), ['bookingId'])).toBe('');
  });
});

describe('isWellFormedActionToken', () => {
  it('accepts 43 base64url characters only', () => {
    expect(isWellFormedActionToken('A'.repeat(43))).toBe(true);
    expect(isWellFormedActionToken('A'.repeat(42))).toBe(false);
    expect(isWellFormedActionToken(`${'A'.repeat(42)}=`)).toBe(false);
    expect(isWellFormedActionToken(42)).toBe(false);
  });
});
