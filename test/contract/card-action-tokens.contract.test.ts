import { describe, expect, it } from 'vitest';
import type { StoredActionToken } from '../../src/domain/card-actions/action-token.js';
import { hashActionToken, mintActionTokens, redeemActionToken } from '../../src/use-cases/card-actions/card-action-tokens.js';
import { selectedDialects, useTestDatabase } from './test-databases.js';

/**
 * The card action tokens' repository (issue 7, ADR 14) over the in-memory fake, SQLite and
 * PostgreSQL: hashes only, the binding read back exactly, single use under a race between two app
 * instances, release after a failed action, and the housekeeping purge by expiry.
 */
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function aToken(overrides: Partial<StoredActionToken> = {}): StoredActionToken {
  return {
    tokenHash: hashActionToken(`token-${Math.random().toString(16).slice(2)}`),
    tenantId: 'tenant-1',
    holder: { kind: 'user', userKey: 'aad-client-1' },
    conversationId: 'a:1personal',
    verb: 'neuvo.booking.cancel',
    entityId: 'booking-1',
    createdAt: T0,
    expiresAt: at(60),
    singleUse: true,
    usedAt: null,
    ...overrides,
  };
}

let counter = 0;
const newToken = () => `${'A'.repeat(40)}${String((counter += 1) % 1000).padStart(3, '0')}`;

for (const dialect of selectedDialects()) {
  describe(`card action tokens on ${dialect}`, () => {
    const database = useTestDatabase(dialect);

    it('reads back what was saved, for a person and for a whole conversation', async () => {
      const { uow } = database();
      const mine = aToken();
      const channel = aToken({ holder: { kind: 'conversation' }, conversationId: '19:experts@thread.tacv2', verb: 'neuvo.experts.ticket.claim', entityId: 't-1', singleUse: false });
      await uow.actionTokens.saveAll([mine, channel]);
      expect(await uow.actionTokens.find(mine.tokenHash)).toEqual(mine);
      expect(await uow.actionTokens.find(channel.tokenHash)).toEqual(channel);
      expect(await uow.actionTokens.find(hashActionToken('never issued'))).toBeUndefined();
    });

    it('stores the SHA-256 of a minted token, never the token', async () => {
      const { uow, rawSql } = database();
      const deps = { tokens: uow.actionTokens, clock: () => T0, newToken, ttlMs: 14 * 86_400_000 };
      const [raw] = await mintActionTokens(deps, [
        { binding: { tenantId: 't', holder: { kind: 'user', userKey: 'u' }, conversationId: 'a:1', verb: 'neuvo.booking.book', entityId: 's-1|2026-03-03T08:00:00.000Z' }, singleUse: true },
      ]);
      const stored = await uow.actionTokens.find(hashActionToken(raw!));
      expect(stored).toMatchObject({ tokenHash: hashActionToken(raw!), expiresAt: new Date(T0.getTime() + 14 * 86_400_000), usedAt: null });
      if (rawSql) expect(JSON.stringify(await rawSql('select * from card_action_tokens'))).not.toContain(raw!);
    });

    it('uses a single-use token up once, also when two instances press at once', async () => {
      const { uow, peer } = database();
      const token = aToken();
      await uow.actionTokens.saveAll([token]);
      const results = await Promise.all([uow.actionTokens.markUsed(token.tokenHash, at(1)), peer.actionTokens.markUsed(token.tokenHash, at(1))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await uow.actionTokens.find(token.tokenHash))?.usedAt).toEqual(at(1));
      expect(await uow.actionTokens.markUsed(token.tokenHash, at(2))).toBe(false);
    });

    it('does not use up an expired token', async () => {
      const { uow } = database();
      const token = aToken({ expiresAt: at(5) });
      await uow.actionTokens.saveAll([token]);
      expect(await uow.actionTokens.markUsed(token.tokenHash, at(5))).toBe(false);
      expect((await uow.actionTokens.find(token.tokenHash))?.usedAt).toBeNull();
    });

    it('gives back only the use it took', async () => {
      const { uow } = database();
      const token = aToken();
      await uow.actionTokens.saveAll([token]);
      expect(await uow.actionTokens.markUsed(token.tokenHash, at(1))).toBe(true);
      await uow.actionTokens.release(token.tokenHash, at(2));
      expect((await uow.actionTokens.find(token.tokenHash))?.usedAt).toEqual(at(1));
      await uow.actionTokens.release(token.tokenHash, at(1));
      expect((await uow.actionTokens.find(token.tokenHash))?.usedAt).toBeNull();
    });

    it('redeems through the use case: once, then "used"; another person, chat, verb or entity is refused without a write', async () => {
      const { uow } = database();
      const deps = { tokens: uow.actionTokens, clock: () => at(1), newToken, ttlMs: 60 * 60_000 };
      const binding = { tenantId: 't', holder: { kind: 'user', userKey: 'aad-1' }, conversationId: 'a:1', verb: 'neuvo.booking.cancel', entityId: 'b-1' } as const;
      const [raw] = await mintActionTokens(deps, [{ binding, singleUse: true }]);
      const press = { tenantId: 't', userKey: 'aad-1', conversationId: 'a:1', verb: 'neuvo.booking.cancel', entityId: 'b-1' };
      for (const [change, reason] of [
        [{ userKey: 'aad-2' }, 'wrong_user'],
        [{ conversationId: 'a:2' }, 'wrong_conversation'],
        [{ verb: 'neuvo.booking.reschedule' }, 'wrong_verb'],
        [{ entityId: 'b-2' }, 'wrong_entity'],
        [{ tenantId: 'other' }, 'wrong_tenant'],
      ] as const) {
        expect(await redeemActionToken(deps, raw, { ...press, ...change })).toEqual({ ok: false, reason });
      }
      expect((await uow.actionTokens.find(hashActionToken(raw!)))?.usedAt).toBeNull();
      expect(await redeemActionToken(deps, raw, press)).toMatchObject({ ok: true });
      expect(await redeemActionToken(deps, raw, press)).toEqual({ ok: false, reason: 'used' });
      expect(await redeemActionToken({ ...deps, clock: () => at(61) }, raw, press)).toEqual({ ok: false, reason: 'expired' });
      expect(await redeemActionToken(deps, undefined, press)).toEqual({ ok: false, reason: 'missing' });
      expect(await redeemActionToken(deps, "' OR '1'='1", press)).toEqual({ ok: false, reason: 'malformed' });
    });

    it('purges tokens at or past their expiry and keeps the rest', async () => {
      const { uow } = database();
      const old = aToken({ expiresAt: at(10) });
      const due = aToken({ expiresAt: at(20) });
      const live = aToken({ expiresAt: at(21) });
      await uow.actionTokens.saveAll([old, due, live]);
      expect(await uow.actionTokens.purgeExpired(at(20))).toBe(2);
      expect(await uow.actionTokens.find(old.tokenHash)).toBeUndefined();
      expect(await uow.actionTokens.find(due.tokenHash)).toBeUndefined();
      expect(await uow.actionTokens.find(live.tokenHash)).toEqual(live);
      expect(await uow.actionTokens.purgeExpired(at(20))).toBe(0);
    });

    it('rolls back with the transaction it was written in', async () => {
      const { uow } = database();
      const token = aToken();
      await expect(
        uow.transaction(async (tx) => {
          await tx.actionTokens.saveAll([token]);
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      expect(await uow.actionTokens.find(token.tokenHash)).toBeUndefined();
    });
  });
}
