import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../domain/outbox/outbox.js';
import { selectedDialects, useTestDatabase, type TestDialect } from '../../test/contract/test-databases.js';
import { OutboxDispatcher, OutboxDeliveryError, type OutboxDispatcherDeps, type OutboxHandler, type OutboxLogger } from './outbox-dispatcher.js';

// The persistence side comes through test/contract/test-databases.ts: jobs/ may not import
// adapters, and the same helper gives the fake, SQLite and PostgreSQL.

const T0 = new Date('2025-03-03T08:00:00.000Z');
const SECRET = 'Olena Petrenko, +358 40 1234567';

interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
}

function recordingLogger(): OutboxLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>) => void lines.push({ level, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock the test moves by hand. */
function manualClock(start: Date): { now: () => Date; set(to: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (to) => void (current = to.getTime()),
    advance: (ms) => void (current += ms),
  };
}

const behaviourDialects = selectedDialects().filter((d): d is Exclude<TestDialect, 'postgres'> => d !== 'postgres');

for (const dialect of behaviourDialects) {
  describe(`OutboxDispatcher on ${dialect}`, () => {
    const database = useTestDatabase(dialect);

    function setUp(handlers: Record<string, OutboxHandler>, overrides: Partial<OutboxDispatcherDeps> = {}) {
      const { uow, rawSql } = database();
      const clock = manualClock(T0);
      const logger = recordingLogger();
      const sut = new OutboxDispatcher({
        outbox: uow.outbox,
        handlers,
        clock: clock.now,
        random: () => 0.5,
        logger,
        maxAttempts: 3,
        leaseMs: 60_000,
        batchSize: 10,
        ...overrides,
      });
      /** available_at as the database holds it (SQLite: epoch ms), or the fake's value. */
      const storedAvailableAt = async (id: string): Promise<number | undefined> => {
        if (rawSql === undefined) return (await uow.outbox.get(id))?.availableAt.getTime();
        const [row] = (await rawSql(`select available_at from outbox where id = '${id}'`)) as { available_at: number }[];
        return row?.available_at;
      };
      return { sut, uow, clock, logger, storedAvailableAt };
    }

    it('delivers a message once and marks it done', async () => {
      const calls: OutboxMessage[] = [];
      const { sut, uow } = setUp({ 'teams.proactive': async (m) => void calls.push(m) });
      const message = await uow.outbox.enqueue({ topic: 'teams.proactive', payload: { userKey: 'oid-1' }, idempotencyKey: 'k-1' }, T0);

      expect(await sut.runOnce()).toEqual({ delivered: 1, retried: 0, dead: 0 });
      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });

      expect(calls).toEqual([{ ...message }]);
      expect(await uow.outbox.get(message.id)).toMatchObject({ status: 'done', attempts: 0 });
    });

    it('retries a failure with exponential backoff and jitter', async () => {
      const { sut, uow, clock, storedAvailableAt } = setUp({ t: async () => Promise.reject(new Error('connector 502')) }, { maxAttempts: 5 });
      const message = await uow.outbox.enqueue({ topic: 't', payload: {} }, T0);

      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 1, dead: 0 });
      // attempt 1: ceiling 1 s, random 0.5 → 500 ms
      expect(await storedAvailableAt(message.id)).toBe(T0.getTime() + 500);
      expect(await uow.outbox.get(message.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: connector 502' });

      clock.advance(499);
      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });
      clock.advance(1);
      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 1, dead: 0 });
      // attempt 2: ceiling 2 s, random 0.5 → 1000 ms after the try
      expect(await storedAvailableAt(message.id)).toBe(T0.getTime() + 500 + 1000);
    });

    it('honours a receiver’s Retry-After', async () => {
      const { sut, uow } = setUp({ t: async () => Promise.reject(new OutboxDeliveryError('Teams 429', { retryAfterMs: 30_000 })) });
      const message = await uow.outbox.enqueue({ topic: 't', payload: {} }, T0);

      await sut.runOnce();

      expect((await uow.outbox.get(message.id))?.availableAt).toEqual(new Date(T0.getTime() + 30_000));
    });

    it('logs the reason and HTTP status of a receiver error, so a Teams 429 and a Graph 429 can be told apart', async () => {
      const graph429 = Object.assign(new Error('Graph createOrGet answered 429'), { name: 'GraphError', reason: 'throttled', status: 429, retryAfterMs: 5_000 });
      const { sut, uow, logger } = setUp({ t: async () => Promise.reject(graph429) });
      await uow.outbox.enqueue({ topic: 't', payload: {} }, T0);

      await sut.runOnce();

      expect(logger.lines.find((l) => l.level === 'warn')?.fields).toMatchObject({ event: 'outbox.retry', error: 'GraphError', reason: 'throttled', status: 429 });
    });

    it('dead-letters after maxAttempts tries', async () => {
      let calls = 0;
      const { sut, uow, clock } = setUp({
        t: async () => {
          calls += 1;
          throw new Error('still down');
        },
      });
      const message = await uow.outbox.enqueue({ topic: 't', payload: {} }, T0);

      const summaries = [];
      for (let i = 0; i < 4; i += 1) {
        summaries.push(await sut.runOnce());
        clock.advance(10 * 60_000);
      }

      expect(summaries.map((s) => s.dead)).toEqual([0, 0, 1, 0]);
      expect(calls).toBe(3);
      expect(await uow.outbox.get(message.id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error: still down' });
    });

    it('dead-letters a permanent failure at once', async () => {
      const { sut, uow } = setUp({ t: async () => Promise.reject(new OutboxDeliveryError('conversation gone', { permanent: true })) });
      const message = await uow.outbox.enqueue({ topic: 't', payload: {} }, T0);

      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 1 });
      expect(await uow.outbox.get(message.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'OutboxDeliveryError: conversation gone' });
    });

    it('dead-letters a message whose topic has no handler', async () => {
      const { sut, uow } = setUp({});
      const message = await uow.outbox.enqueue({ topic: 'nobody.listens', payload: {} }, T0);
      const inherited = await uow.outbox.enqueue({ topic: 'toString', payload: {} }, T0);

      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 2 });
      expect(await uow.outbox.get(message.id)).toMatchObject({ status: 'dead', lastError: 'No handler for topic "nobody.listens".' });
      expect((await uow.outbox.get(inherited.id))?.status).toBe('dead');
    });

    it('never logs payloads or error messages', async () => {
      const { sut, uow, logger } = setUp({
        ok: async () => undefined,
        fails: async () => Promise.reject(new Error(`could not reach ${SECRET}`)),
      });
      await uow.outbox.enqueue({ topic: 'ok', payload: { name: SECRET } }, T0);
      const failing = await uow.outbox.enqueue({ topic: 'fails', payload: { name: SECRET } }, T0);

      await sut.runOnce();

      expect(JSON.stringify(logger.lines)).not.toContain('Olena');
      expect(logger.lines.find((l) => l.level === 'warn')?.fields).toMatchObject({ outboxId: failing.id, topic: 'fails', attempt: 1, error: 'Error' });
    });

    it('never runs two batches at once, and stop() waits for the batch in flight', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const delivered: string[] = [];
      const { sut, uow } = setUp(
        {
          slow: async (m) => {
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await gate;
            delivered.push(m.id);
            inFlight -= 1;
          },
        },
        { batchSize: 1 },
      );
      await uow.outbox.enqueue({ topic: 'slow', payload: 1 }, T0);
      await uow.outbox.enqueue({ topic: 'slow', payload: 2 }, T0);

      const both = Promise.all([sut.runOnce(), sut.runOnce()]);
      sut.start(5);
      await new Promise((resolve) => setTimeout(resolve, 20));
      let stopped = false;
      const stopping = sut.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stopped).toBe(false);

      release();
      await Promise.all([both, stopping]);
      expect(maxInFlight).toBe(1);
      expect(delivered).toHaveLength(2);
      expect(await uow.outbox.countByStatus()).toEqual({ pending: 0, done: 2, dead: 0 });
    });

    it('delivers a batch’s concurrent topics all at once, beside the other topics one after another', async () => {
      const inFlight: Record<string, number> = { register: 0, teams: 0 };
      const maxInFlight: Record<string, number> = { register: 0, teams: 0 };
      const teamsOrder: unknown[] = [];
      const tracked = (topic: string): OutboxHandler => async (m) => {
        inFlight[topic]! += 1;
        maxInFlight[topic] = Math.max(maxInFlight[topic]!, inFlight[topic]!);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (topic === 'teams') teamsOrder.push(m.payload);
        inFlight[topic]! -= 1;
        if (m.payload === 'fails') throw new Error('register 503');
      };
      const { sut, uow } = setUp({ register: tracked('register'), teams: tracked('teams') }, { concurrentTopics: new Set(['register']) });
      // A millisecond apart: the claim orders by available_at (rows of one instant in any order).
      for (const payload of [1, 2, 3]) await uow.outbox.enqueue({ topic: 'teams', payload }, new Date(T0.getTime() - 10 + payload));
      for (const payload of [1, 2, 'fails', 4]) await uow.outbox.enqueue({ topic: 'register', payload }, T0);

      expect(await sut.runOnce()).toEqual({ delivered: 6, retried: 1, dead: 0 });
      expect(maxInFlight).toEqual({ register: 4, teams: 1 });
      expect(teamsOrder).toEqual([1, 2, 3]);
      expect(await uow.outbox.countByStatus()).toEqual({ pending: 1, done: 6, dead: 0 });
    });

    it('starts no sequential delivery after half the lease: the rest of the batch waits for the lease to end, then is delivered once', async () => {
      const delivered: unknown[] = [];
      const moved: { clock?: ReturnType<typeof manualClock> } = {};
      const slow: OutboxHandler = async (m) => {
        delivered.push(m.payload);
        moved.clock!.advance(20_000); // a slow Graph call
      };
      const { sut, uow, clock, logger } = setUp({ mail: slow });
      moved.clock = clock;
      for (const payload of [1, 2, 3, 4, 5]) await uow.outbox.enqueue({ topic: 'mail', payload }, new Date(T0.getTime() - 10 + payload));

      // 0 s: 1 starts; 20 s: 2 starts; 40 s ≥ 30 s: 3, 4 and 5 are left leased.
      expect(await sut.runOnce()).toEqual({ delivered: 2, retried: 0, dead: 0 });
      expect(delivered).toEqual([1, 2]);
      expect(logger.lines).toContainEqual({ level: 'info', fields: expect.objectContaining({ event: 'outbox.deferred', count: 3 }) });
      // Still leased until 60 s after the claim: no one takes them early.
      expect(await sut.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });
      clock.set(new Date(T0.getTime() + 60_000));
      expect(await sut.runOnce()).toEqual({ delivered: 2, retried: 0, dead: 0 });
      clock.advance(60_000);
      expect(await sut.runOnce()).toEqual({ delivered: 1, retried: 0, dead: 0 });
      expect(delivered).toEqual([1, 2, 3, 4, 5]);
      expect(await uow.outbox.countByStatus()).toEqual({ pending: 0, done: 5, dead: 0 });
    });
  });
}

if (selectedDialects().includes('postgres')) {
  describe('OutboxDispatcher on postgres', () => {
    const database = useTestDatabase('postgres');

    it('two dispatchers on two pools deliver each of 50 messages exactly once', async () => {
      const { uow, peer } = database();
      for (let i = 0; i < 50; i += 1) await uow.outbox.enqueue({ topic: 't', payload: i }, T0);
      const calls = new Map<string, number>();
      const handler: OutboxHandler = async (m) => {
        calls.set(m.id, (calls.get(m.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      };
      const dispatcher = (outbox: typeof uow.outbox) =>
        new OutboxDispatcher({
          outbox,
          handlers: { t: handler },
          clock: () => new Date(),
          random: Math.random,
          logger: recordingLogger(),
          maxAttempts: 3,
          leaseMs: 60_000,
          batchSize: 4,
        });
      const drain = async (sut: OutboxDispatcher): Promise<number> => {
        let total = 0;
        for (;;) {
          const { delivered } = await sut.runOnce();
          if (delivered === 0) return total;
          total += delivered;
        }
      };

      const [a, b] = await Promise.all([drain(dispatcher(uow.outbox)), drain(dispatcher(peer.outbox))]);

      expect(a + b).toBe(50);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(calls.size).toBe(50);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      expect(await uow.outbox.countByStatus()).toEqual({ pending: 0, done: 50, dead: 0 });
    });
  });
}
