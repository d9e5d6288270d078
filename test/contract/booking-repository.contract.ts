import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../src/domain/booking/booking.js';
import type { CreateBookingResult, NewBooking, UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aBookingWorld, type BookingWorld } from './booking-world.js';
import type { TestDatabase } from './test-databases.js';

const NOW = new Date('2025-03-01T08:00:00.000Z');
/** Monday 3 March 2025, times in UTC (10:00 Helsinki = 08:00Z). */
const at = (hhmm: string, day = '2025-03-03'): Date => new Date(`${day}T${hhmm}:00.000Z`);
const RACERS = 50;

export function bookingRepositoryContract(subject: () => TestDatabase): void {
  describe('BookingRepository', () => {
    let world: BookingWorld;
    /** A 45 + 15 min booking of `world.client` with `world.adviser` at `start`, unless overridden. */
    const booking = (start: string, overrides: Partial<NewBooking> = {}): NewBooking =>
      aNewBooking({ clientId: world.client.id, adviserId: world.adviser.id, start: at(start), ...overrides });
    const setUp = async (): Promise<TestDatabase> => {
      const database = subject();
      world = await aBookingWorld(database.uow);
      return database;
    };
    const booked = (result: CreateBookingResult): Booking => {
      if (!result.ok) throw new Error(`expected a booking, got ${result.reason}`);
      return result.booking;
    };
    const countRows = async (uow: UnitOfWork): Promise<number> =>
      (await uow.bookings.listForAdviser(world.adviser.id, { start: at('00:00'), end: at('23:59') })).length;

    it('creates a booked booking and reads it back as given', async () => {
      const { uow, peer } = await setUp();
      const input = booking('08:00', { interpreterLanguage: 'ti', topics: ['housing', 'health'], language: 'en' });

      const result = await uow.bookings.create(input, NOW);

      expect(result).toEqual({
        ok: true,
        booking: {
          ...input,
          id: expect.any(String),
          end: at('08:45'),
          blockedUntil: at('09:00'),
          status: 'booked',
          createdAt: NOW,
          cancelledAt: null,
          meeting: null,
        },
      });
      expect(await peer.bookings.get(booked(result).id)).toEqual(booked(result));
      expect(await peer.bookings.get('missing')).toBeUndefined();
    });

    it('refuses an overlap with another booking of the adviser, its buffer included; back-to-back after the buffer is fine', async () => {
      const { uow } = await setUp();
      booked(await uow.bookings.create(booking('08:00'), NOW)); // blocks 08:00–09:00

      expect(await uow.bookings.create(booking('08:30'), NOW)).toEqual({ ok: false, reason: 'slot_taken' });
      // Starts inside the 08:45–09:00 buffer: the client would not see a clash, the adviser would.
      expect(await uow.bookings.create(booking('08:45'), NOW)).toEqual({ ok: false, reason: 'slot_taken' });
      // Ends (with its own buffer) after 08:00.
      expect(await uow.bookings.create(booking('07:15'), NOW)).toEqual({ ok: false, reason: 'slot_taken' });
      // Half-open intervals: ending exactly at 08:00 and starting exactly at 09:00 both fit.
      expect((await uow.bookings.create(booking('07:00'), NOW)).ok).toBe(true);
      expect((await uow.bookings.create(booking('09:00'), NOW)).ok).toBe(true);
      expect(await countRows(uow)).toBe(3);
    });

    it('accepts the same time with another adviser', async () => {
      const { uow } = await setUp();
      booked(await uow.bookings.create(booking('08:00'), NOW));

      const other = await uow.bookings.create(booking('08:00', { adviserId: world.otherAdviser.id, clientId: world.otherClient.id }), NOW);

      expect(other.ok).toBe(true);
    });

    it('keeps the Teams meeting Graph created, and says when the booking does not exist', async () => {
      const { uow, peer } = await setUp();
      const first = booked(await uow.bookings.create(booking('08:00'), NOW));
      const meeting = { joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc', meetingId: 'MSo1N2Y5' };
      expect(await uow.bookings.setMeeting(first.id, meeting, NOW)).toBe(true);
      expect(await peer.bookings.get(first.id)).toEqual({ ...first, meeting });
      expect(await uow.bookings.setMeeting('missing', meeting, NOW)).toBe(false);
    });

    it('cancel frees the slot; a second cancel and an unknown id are values', async () => {
      const { uow } = await setUp();
      const first = booked(await uow.bookings.create(booking('08:00'), NOW));
      const later = new Date(NOW.getTime() + 60_000);

      expect(await uow.bookings.cancel(first.id, later)).toEqual({ ok: true, booking: { ...first, status: 'cancelled', cancelledAt: later } });
      expect(await uow.bookings.cancel(first.id, later)).toEqual({ ok: false, reason: 'already_cancelled' });
      expect(await uow.bookings.cancel('missing', later)).toEqual({ ok: false, reason: 'not_found' });

      const again = await uow.bookings.create(booking('08:15', { clientId: world.otherClient.id }), later);
      expect(again.ok).toBe(true);
      expect(await uow.bookings.get(first.id)).toMatchObject({ status: 'cancelled', start: at('08:00') });
    });

    it('reschedule moves the booking, frees its old time, and may overlap only its own old time', async () => {
      const { uow } = await setUp();
      const moving = booked(await uow.bookings.create(booking('08:00'), NOW));

      const nudged = await uow.bookings.reschedule(moving.id, at('08:15'), at('09:00'), at('09:15'), NOW);
      expect(nudged).toEqual({ ok: true, booking: { ...moving, start: at('08:15'), end: at('09:00'), blockedUntil: at('09:15') } });

      const moved = await uow.bookings.reschedule(moving.id, at('12:00'), at('12:45'), at('13:00'), NOW);
      expect(moved.ok).toBe(true);
      expect((await uow.bookings.create(booking('08:00', { clientId: world.otherClient.id }), NOW)).ok).toBe(true);
      expect(await uow.bookings.listForAdviser(world.adviser.id, { start: at('00:00'), end: at('23:59') })).toHaveLength(2);
    });

    it('reschedule into a taken time is refused and the booking keeps its old time', async () => {
      const { uow } = await setUp();
      const moving = booked(await uow.bookings.create(booking('08:00'), NOW));
      booked(await uow.bookings.create(booking('10:00', { clientId: world.otherClient.id }), NOW));

      // 09:30–10:15 + buffer would run into the 10:00 booking.
      expect(await uow.bookings.reschedule(moving.id, at('09:30'), at('10:15'), at('10:30'), NOW)).toEqual({ ok: false, reason: 'slot_taken' });
      // Starting inside the 10:00 booking's buffer (10:45–11:00).
      expect(await uow.bookings.reschedule(moving.id, at('10:50'), at('11:35'), at('11:50'), NOW)).toEqual({ ok: false, reason: 'slot_taken' });

      expect(await uow.bookings.get(moving.id)).toEqual(moving);
    });

    it('reschedule of a cancelled or unknown booking is a value', async () => {
      const { uow } = await setUp();
      const cancelled = booked(await uow.bookings.create(booking('08:00'), NOW));
      await uow.bookings.cancel(cancelled.id, NOW);

      expect(await uow.bookings.reschedule(cancelled.id, at('12:00'), at('12:45'), at('13:00'), NOW)).toEqual({ ok: false, reason: 'cancelled' });
      expect(await uow.bookings.reschedule('missing', at('12:00'), at('12:45'), at('13:00'), NOW)).toEqual({ ok: false, reason: 'not_found' });
      expect(await uow.bookings.get(cancelled.id)).toMatchObject({ status: 'cancelled', start: at('08:00') });
    });

    it('lists a client\'s bookings earliest first, cancelled included; `from` drops those already ended', async () => {
      const { uow } = await setUp();
      const late = booked(await uow.bookings.create(booking('13:00'), NOW));
      const early = booked(await uow.bookings.create(booking('08:00'), NOW));
      const cancelled = booked(await uow.bookings.create(booking('10:00'), NOW));
      await uow.bookings.cancel(cancelled.id, NOW);
      booked(await uow.bookings.create(booking('08:00', { adviserId: world.otherAdviser.id, clientId: world.otherClient.id }), NOW));

      expect((await uow.bookings.listForClient(world.client.id)).map((b) => [b.id, b.status])).toEqual([
        [early.id, 'booked'],
        [cancelled.id, 'cancelled'],
        [late.id, 'booked'],
      ]);
      // 08:30: the 08:00 session is still running (ends 08:45), so it stays.
      expect((await uow.bookings.listForClient(world.client.id, { from: at('08:30') })).map((b) => b.id)).toEqual([early.id, cancelled.id, late.id]);
      expect((await uow.bookings.listForClient(world.client.id, { from: at('08:45') })).map((b) => b.id)).toEqual([cancelled.id, late.id]);
      expect(await uow.bookings.listForClient('nobody')).toEqual([]);
    });

    it('lists an adviser\'s non-cancelled bookings that overlap an interval', async () => {
      const { uow } = await setUp();
      const a = booked(await uow.bookings.create(booking('08:00'), NOW));
      const b = booked(await uow.bookings.create(booking('10:00'), NOW));
      const c = booked(await uow.bookings.create(booking('12:00'), NOW));
      await uow.bookings.cancel(b.id, NOW);
      booked(await uow.bookings.create(booking('10:00', { adviserId: world.otherAdviser.id }), NOW));

      expect((await uow.bookings.listForAdviser(world.adviser.id, { start: at('08:44'), end: at('12:01') })).map((x) => x.id)).toEqual([a.id, c.id]);
      // [start, end) of the session, not the buffer: 08:45–09:00 is only buffer.
      expect(await uow.bookings.listForAdviser(world.adviser.id, { start: at('08:45'), end: at('09:00') })).toEqual([]);
      expect(await uow.bookings.listForAdviser(world.adviser.id, { start: at('12:45'), end: at('23:00') })).toEqual([]);
    });

    it('busyByAdviser gives every adviser their [start, blockedUntil) in one map', async () => {
      const { uow } = await setUp();
      await uow.bookings.create(booking('12:00'), NOW);
      await uow.bookings.create(booking('08:00'), NOW);
      const cancelled = booked(await uow.bookings.create(booking('10:00'), NOW));
      await uow.bookings.cancel(cancelled.id, NOW);
      await uow.bookings.create(booking('09:00', { adviserId: world.otherAdviser.id }), NOW);
      await uow.bookings.create(booking('08:00', { start: at('08:00', '2025-03-04') }), NOW);

      const busy = await uow.bookings.busyByAdviser([world.adviser.id, world.otherAdviser.id, 'nobody'], { start: at('08:50'), end: at('23:00') });

      expect(busy).toEqual(
        new Map([
          // 08:00's buffer runs to 09:00, so it is still busy at 08:50.
          [world.adviser.id, [{ start: at('08:00'), end: at('09:00') }, { start: at('12:00'), end: at('13:00') }]],
          [world.otherAdviser.id, [{ start: at('09:00'), end: at('10:00') }]],
          ['nobody', []],
        ]),
      );
      expect(await uow.bookings.busyByAdviser([], { start: at('00:00'), end: at('23:00') })).toEqual(new Map());
    });

    it('loadByAdviser counts non-cancelled bookings starting in the interval', async () => {
      const { uow } = await setUp();
      const week = { start: at('00:00', '2025-03-03'), end: at('00:00', '2025-03-10') };
      await uow.bookings.create(booking('08:00'), NOW);
      await uow.bookings.create(booking('08:00', { start: at('08:00', '2025-03-07') }), NOW);
      const cancelled = booked(await uow.bookings.create(booking('10:00'), NOW));
      await uow.bookings.cancel(cancelled.id, NOW);
      await uow.bookings.create(booking('08:00', { start: at('08:00', '2025-03-10') }), NOW); // next week
      await uow.bookings.create(booking('23:30', { start: at('23:30', '2025-03-02') }), NOW); // ends inside, starts before
      await uow.bookings.create(booking('09:00', { adviserId: world.otherAdviser.id }), NOW);

      expect(await uow.bookings.loadByAdviser([world.adviser.id, world.otherAdviser.id, 'nobody'], week)).toEqual(
        new Map([
          [world.adviser.id, 2],
          [world.otherAdviser.id, 1],
          ['nobody', 0],
        ]),
      );
    });

    it(`race: ${RACERS} concurrent creates for one slot on two app instances give exactly one booking`, async () => {
      const { uow, peer } = await setUp();
      const started = performance.now();

      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          (i % 2 === 0 ? uow : peer).bookings.create(booking('08:00', { clientId: i % 3 === 0 ? world.otherClient.id : world.client.id }), NOW),
        ),
      );

      const elapsed = performance.now() - started;
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'slot_taken')).toHaveLength(RACERS - 1);
      expect(await countRows(uow)).toBe(1);
      expect(await countRows(peer)).toBe(1);
      expect(elapsed).toBeLessThan(10_000);
    });

    it(`race on SQLite across processes: ${RACERS} creates from three processes and two connections give exactly one booking`, async (context) => {
      const { uow, peer, sqliteFile } = await setUp();
      if (sqliteFile === undefined) return context.skip();
      const processes = await Promise.all([0, 1, 2].map(() => startBookingProcess(dirname(sqliteFile), Array.from({ length: 10 }, () => booking('08:00')))));

      for (const child of processes) child.go();
      const inProcess = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? uow : peer).bookings.create(booking('08:00'), NOW)));
      const outcomes = [...inProcess.map((r) => (r.ok ? 'ok' : r.reason)), ...(await Promise.all(processes.map((child) => child.outcomes))).flat()];

      expect(outcomes).toHaveLength(RACERS);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'slot_taken')).toHaveLength(RACERS - 1);
      expect(await countRows(uow)).toBe(1);
    });

    it(`race inside transactions: ${RACERS} booking + outbox transactions, one commits a booking, the others commit without`, async () => {
      const database = await setUp();
      // SQLite: the peer's transactions would wait for the lock synchronously (test-databases.ts),
      // so in-process transactions race on one instance; other dialects use both instances.
      const instances = database.dialect === 'sqlite' ? [database.uow] : [database.uow, database.peer];

      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          instances[i % instances.length]!.transaction(async (tx) => {
            const result = await tx.bookings.create(booking('08:00'), NOW);
            await tx.outbox.enqueue({ topic: result.ok ? 'meeting.create' : 'booking.lost', payload: { i } }, NOW);
            return result;
          }),
        ),
      );

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await countRows(database.uow)).toBe(1);
      // Every loser's transaction stayed usable and committed its own write.
      expect(await database.uow.outbox.countByStatus()).toEqual({ pending: RACERS, done: 0, dead: 0 });
    });

    it('slot_taken inside a transaction leaves it usable: the caller commits its other writes', async () => {
      const { uow, peer } = await setUp();
      const first = booked(await uow.bookings.create(booking('08:00'), NOW));
      const second = booked(await uow.bookings.create(booking('10:00'), NOW));

      const outcome = await uow.transaction(async (tx) => {
        const created = await tx.bookings.create(booking('08:30'), NOW);
        const moved = await tx.bookings.reschedule(second.id, at('08:15'), at('09:00'), at('09:15'), NOW);
        await tx.outbox.enqueue({ topic: 'teams.proactive', payload: { messageKey: 'booking.slot_taken' } }, NOW);
        const cancelled = await tx.bookings.cancel(first.id, NOW);
        return { created, moved, cancelled: cancelled.ok };
      });

      expect(outcome).toEqual({ created: { ok: false, reason: 'slot_taken' }, moved: { ok: false, reason: 'slot_taken' }, cancelled: true });
      expect(await peer.outbox.countByStatus()).toEqual({ pending: 1, done: 0, dead: 0 });
      expect(await peer.bookings.get(first.id)).toMatchObject({ status: 'cancelled' });
      expect(await peer.bookings.get(second.id)).toEqual(second);
    });

    it('rolls the booking back with the rest when the caller throws', async () => {
      const { uow, peer } = await setUp();
      let id = '';
      await expect(
        uow.transaction(async (tx) => {
          id = booked(await tx.bookings.create(booking('08:00'), NOW)).id;
          throw new Error('meeting could not be queued');
        }),
      ).rejects.toThrow('meeting could not be queued');

      expect(await peer.bookings.get(id)).toBeUndefined();
      expect((await uow.bookings.create(booking('08:00'), NOW)).ok).toBe(true);
    });

    it('the database itself refuses an overlapping row written around the repository', async (context) => {
      const { uow, rawSql } = await setUp();
      if (rawSql === undefined) return context.skip();
      const first = booked(await uow.bookings.create(booking('08:00'), NOW));
      const copyOf = (id: string, status: string) =>
        `insert into bookings (id, client_id, adviser_id, service_type_code, municipality_code, start_at, end_at, blocked_until,
           status, language, interpreter_language, topics, created_at, updated_at, cancelled_at)
         select '${id}', client_id, adviser_id, service_type_code, municipality_code, start_at, end_at, blocked_until,
           '${status}', language, interpreter_language, topics, created_at, updated_at, cancelled_at
           from bookings where id = '${first.id}'`;

      await expect(rawSql(copyOf('sneaky', 'booked'))).rejects.toThrow(/bookings_no_overlap/);
      await expect(rawSql(copyOf('cancelled-copy', 'cancelled'))).resolves.toBeDefined();
      // Un-cancelling the copy would overlap too.
      await expect(rawSql(`update bookings set status = 'booked' where id = 'cancelled-copy'`)).rejects.toThrow(/bookings_no_overlap/);
      expect(await countRows(uow)).toBe(1);
    });

    it('refuses a booking for an unknown client, adviser or service type (foreign keys)', async () => {
      const { uow } = await setUp();
      await expect(uow.bookings.create(booking('08:00', { clientId: 'nobody' }), NOW)).rejects.toThrow();
      await expect(uow.bookings.create(booking('08:00', { adviserId: 'nobody' }), NOW)).rejects.toThrow();
      await expect(uow.bookings.create(booking('08:00', { serviceTypeCode: 'unknown' }), NOW)).rejects.toThrow();
      expect(await countRows(uow)).toBe(0);
    });
  });
}

/**
 * Another app process on the same SQLite file: it opens the database through the real adapter
 * (tsx), says "ready", waits for "go" on stdin, creates `bookings` concurrently and prints each
 * outcome (`ok` or the refusal reason) as JSON.
 */
async function startBookingProcess(dataDir: string, bookings: readonly NewBooking[]): Promise<{ go(): void; outcomes: Promise<string[]> }> {
  const script = `
    const [root, dataDir, input, now] = process.argv.slice(1);
    const { createDatabase } = await import(root + '/src/adapters/persistence/create-database.ts');
    const { KyselyUnitOfWork } = await import(root + '/src/adapters/persistence/kysely-unit-of-work.ts');
    const database = createDatabase({ kind: 'sqlite', dataDir });
    const uow = new KyselyUnitOfWork(database.db, database.dialect);
    const bookings = JSON.parse(input).map((b) => ({ ...b, start: new Date(b.start), end: new Date(b.end), blockedUntil: new Date(b.blockedUntil) }));
    process.stdout.write('ready\\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    const results = await Promise.all(bookings.map((b) => uow.bookings.create(b, new Date(now))));
    process.stdout.write(JSON.stringify(results.map((r) => (r.ok ? 'ok' : r.reason))) + '\\n');
    await database.close();
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, process.cwd(), dataDir, JSON.stringify(bookings), NOW.toISOString()], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = once(child, 'exit');
  while (!output.includes('ready\n')) {
    const [chunk] = (await Promise.race([once(child.stdout, 'data'), exited])) as unknown[];
    if (chunk === null || typeof chunk === 'number') throw new Error('The booking process exited before it was ready.');
  }
  return {
    go: () => child.stdin.end('go\n'),
    outcomes: exited.then(([code]) => {
      if (code !== 0) throw new Error(`The booking process exited with ${String(code)}.`);
      return JSON.parse(output.slice(output.indexOf('ready\n') + 'ready\n'.length)) as string[];
    }),
  };
}
