import { describe, expect, it } from 'vitest';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');
const seconds = (n: number): Date => new Date(T0.getTime() + n * 1000);
const LEASE_MS = 30_000;

export function outboxRepositoryContract(subject: () => TestDatabase): void {
  describe('OutboxRepository', () => {
    it('enqueues a pending message due now, keyed by its id unless told otherwise', async () => {
      const { outbox } = subject().uow;
      const payload = { userKey: 'oid-1', messageKey: 'booking.confirmed', params: { n: 1, ok: true, list: ['x'] } };

      const message = await outbox.enqueue({ topic: 'teams.proactive', payload }, T0);

      expect(message).toEqual({
        id: expect.any(String),
        topic: 'teams.proactive',
        payload,
        idempotencyKey: message.id,
        status: 'pending',
        attempts: 0,
        availableAt: T0,
        lastError: null,
        createdAt: T0,
      });
      expect(await outbox.get(message.id)).toEqual(message);
      expect(await outbox.get('missing')).toBeUndefined();
    });

    it('is idempotent on the idempotency key: the existing message comes back', async () => {
      const { outbox } = subject().uow;
      const first = await outbox.enqueue({ topic: 'register.upsert_contact', payload: { v: 1 }, idempotencyKey: 'contact-42' }, T0);

      const again = await outbox.enqueue({ topic: 'register.upsert_contact', payload: { v: 2 }, idempotencyKey: 'contact-42' }, seconds(5));

      expect(again).toEqual(first);
      expect(await outbox.countByStatus()).toEqual({ pending: 1, done: 0, dead: 0 });
    });

    it('claims due messages only, oldest first, up to the limit', async () => {
      const { outbox } = subject().uow;
      const later = await outbox.enqueue({ topic: 't', payload: 2, availableAt: seconds(10) }, T0);
      const first = await outbox.enqueue({ topic: 't', payload: 1 }, T0);
      const future = await outbox.enqueue({ topic: 't', payload: 3, availableAt: seconds(60) }, T0);

      const longLease = 10 * 60_000;

      expect((await outbox.claim({ now: seconds(10), limit: 1, leaseMs: longLease })).map((m) => m.id)).toEqual([first.id]);
      expect((await outbox.claim({ now: seconds(10), limit: 10, leaseMs: longLease })).map((m) => m.id)).toEqual([later.id]);
      expect(await outbox.claim({ now: seconds(10), limit: 10, leaseMs: longLease })).toEqual([]);
      expect((await outbox.claim({ now: seconds(60), limit: 10, leaseMs: longLease })).map((m) => m.id)).toEqual([future.id]);
    });

    it('hides a claimed message until its lease expires, then hands it out again', async () => {
      const { uow, peer } = subject();
      const message = await uow.outbox.enqueue({ topic: 't', payload: null }, T0);

      expect(await uow.outbox.claim({ now: T0, limit: 10, leaseMs: LEASE_MS })).toHaveLength(1);
      expect(await peer.outbox.claim({ now: seconds(29), limit: 10, leaseMs: LEASE_MS })).toEqual([]);
      const reclaimed = await peer.outbox.claim({ now: seconds(30), limit: 10, leaseMs: LEASE_MS });

      expect(reclaimed.map((m) => m.id)).toEqual([message.id]);
      expect(reclaimed[0]?.status).toBe('pending');
      expect(await uow.outbox.claim({ now: seconds(31), limit: 10, leaseMs: LEASE_MS })).toEqual([]);
    });

    it('never gives the same message to two concurrent claims', async () => {
      const { uow, peer } = subject();
      for (let i = 0; i < 30; i += 1) await uow.outbox.enqueue({ topic: 't', payload: i }, T0);

      const batches = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? uow : peer).outbox.claim({ now: T0, limit: 5, leaseMs: LEASE_MS })),
      );

      const ids = batches.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(30);
    });

    it('retry puts the message back at retryAt with one more attempt and the error', async () => {
      const { outbox } = subject().uow;
      const message = await outbox.enqueue({ topic: 't', payload: {} }, T0);
      await outbox.claim({ now: T0, limit: 1, leaseMs: LEASE_MS });

      await outbox.markRetry(message.id, 'OutboxDeliveryError: 429', seconds(5));

      expect(await outbox.get(message.id)).toMatchObject({ status: 'pending', attempts: 1, availableAt: seconds(5), lastError: 'OutboxDeliveryError: 429' });
      expect(await outbox.claim({ now: seconds(4), limit: 1, leaseMs: LEASE_MS })).toEqual([]);
      // The retry releases the lease: due again at retryAt, not at the end of the old lease.
      expect((await outbox.claim({ now: seconds(5), limit: 1, leaseMs: LEASE_MS })).map((m) => m.attempts)).toEqual([1]);
    });

    it('done and dead messages leave the queue and are counted', async () => {
      const { outbox } = subject().uow;
      const done = await outbox.enqueue({ topic: 't', payload: 1 }, T0);
      const dead = await outbox.enqueue({ topic: 't', payload: 2 }, T0);
      await outbox.enqueue({ topic: 't', payload: 3 }, T0);
      await outbox.claim({ now: T0, limit: 2, leaseMs: LEASE_MS });

      await outbox.markDone(done.id, seconds(1));
      await outbox.markDead(dead.id, 'Error: gone', seconds(1));

      expect(await outbox.get(done.id)).toMatchObject({ status: 'done', attempts: 0 });
      expect(await outbox.get(dead.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'Error: gone' });
      expect(await outbox.countByStatus()).toEqual({ pending: 1, done: 1, dead: 1 });
      expect(await outbox.claim({ now: seconds(120), limit: 10, leaseMs: LEASE_MS })).toHaveLength(1);
    });

    it('a late worker cannot send a delivered message back to the queue', async () => {
      const { outbox } = subject().uow;
      const message = await outbox.enqueue({ topic: 't', payload: 1 }, T0);
      await outbox.markDone(message.id, seconds(1));

      await outbox.markRetry(message.id, 'late', seconds(2));
      await outbox.markDead(message.id, 'late', seconds(2));

      expect(await outbox.get(message.id)).toMatchObject({ status: 'done', attempts: 0, lastError: null });
    });

    it('refuses a payload that is not JSON', async () => {
      const { outbox } = subject().uow;
      await expect(outbox.enqueue({ topic: 't', payload: undefined }, T0)).rejects.toThrow(TypeError);
      expect(await outbox.countByStatus()).toEqual({ pending: 0, done: 0, dead: 0 });
    });
  });
}
