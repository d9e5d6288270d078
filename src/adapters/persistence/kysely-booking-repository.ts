import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Booking, BookingMeeting, BookingStatus, Interval } from '../../domain/booking/booking.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import type {
  BookingRepository,
  CancelBookingResult,
  CreateBookingResult,
  NewBooking,
  RescheduleBookingResult,
} from '../../use-cases/ports/repositories.js';
import { threadIdFromJoinUrl } from '../../domain/booking/meeting-session.js';
import type { Database } from './database.js';
import { toNumber, type BookingRow, type SqlDialect } from './dialect.js';

/**
 * Bookings over SQLite or PostgreSQL. The overlap rule is the database's (dialect.ts:
 * `bookingOverlapGuardStatements`, `insertBookingIfFree`, `moveBookingIfFree`); this class maps
 * rows to `Booking` and the refusals to values.
 */
export class KyselyBookingRepository implements BookingRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    /** True when `db` is a unit-of-work transaction a refused write must leave usable. */
    private readonly inTransaction: boolean,
  ) {}

  async create(booking: NewBooking, now: Date): Promise<CreateBookingResult> {
    const at = this.dialect.toInstant(now);
    const row = await this.dialect.insertBookingIfFree(this.db, {
      id: randomUUID(),
      client_id: booking.clientId,
      adviser_id: booking.adviserId,
      service_type_code: booking.serviceTypeCode,
      municipality_code: booking.municipalityCode,
      start_at: this.dialect.toInstant(booking.start),
      end_at: this.dialect.toInstant(booking.end),
      blocked_until: this.dialect.toInstant(booking.blockedUntil),
      status: 'booked',
      language: booking.language,
      interpreter_language: booking.interpreterLanguage,
      topics: JSON.stringify(booking.topics),
      created_at: at,
      updated_at: at,
      cancelled_at: null,
    });
    return row === undefined ? { ok: false, reason: 'slot_taken' } : { ok: true, booking: this.toBooking(row) };
  }

  async get(id: string): Promise<Booking | undefined> {
    const row = await this.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : this.toBooking(row);
  }

  async listForClient(clientId: string, options: { readonly from?: Date } = {}): Promise<Booking[]> {
    let query = this.db.selectFrom('bookings').selectAll().where('client_id', '=', clientId).orderBy('start_at').orderBy('id');
    if (options.from !== undefined) query = query.where('end_at', '>', this.dialect.toInstant(options.from));
    return (await query.execute()).map((row) => this.toBooking(row));
  }

  async listForAdviser(adviserId: string, interval: Interval): Promise<Booking[]> {
    const rows = await this.db
      .selectFrom('bookings')
      .selectAll()
      .where('adviser_id', '=', adviserId)
      .where('status', '<>', 'cancelled')
      .where('start_at', '<', this.dialect.toInstant(interval.end))
      .where('end_at', '>', this.dialect.toInstant(interval.start))
      .orderBy('start_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toBooking(row));
  }

  async busyByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, Interval[]>> {
    const busy = new Map<string, Interval[]>(adviserIds.map((id) => [id, []]));
    if (adviserIds.length === 0) return busy;
    const rows = await this.db
      .selectFrom('bookings')
      .select(['adviser_id', 'start_at', 'blocked_until'])
      .where('adviser_id', 'in', [...adviserIds])
      .where('status', '<>', 'cancelled')
      .where('start_at', '<', this.dialect.toInstant(interval.end))
      .where('blocked_until', '>', this.dialect.toInstant(interval.start))
      .orderBy('adviser_id')
      .orderBy('start_at')
      .execute();
    for (const row of rows) {
      busy.get(row.adviser_id)?.push({ start: this.dialect.fromInstant(row.start_at), end: this.dialect.fromInstant(row.blocked_until) });
    }
    return busy;
  }

  async loadByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, number>> {
    const load = new Map<string, number>(adviserIds.map((id) => [id, 0]));
    if (adviserIds.length === 0) return load;
    const rows = await this.db
      .selectFrom('bookings')
      .select((eb) => ['adviser_id', eb.fn.countAll<number | string>().as('count')])
      .where('adviser_id', 'in', [...adviserIds])
      .where('status', '<>', 'cancelled')
      .where('start_at', '>=', this.dialect.toInstant(interval.start))
      .where('start_at', '<', this.dialect.toInstant(interval.end))
      .groupBy('adviser_id')
      .execute();
    for (const row of rows) load.set(row.adviser_id, toNumber(row.count));
    return load;
  }

  async setMeeting(id: string, meeting: BookingMeeting, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('bookings')
      .set({
        meeting_join_url: meeting.joinUrl,
        meeting_id: meeting.meetingId,
        meeting_thread_id: threadIdFromJoinUrl(meeting.joinUrl) ?? null,
        updated_at: this.dialect.toInstant(now),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }

  async cancel(id: string, now: Date): Promise<CancelBookingResult> {
    const at = this.dialect.toInstant(now);
    const row = await this.db
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'booked')
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return { ok: true, booking: this.toBooking(row) };
    return (await this.get(id)) === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'already_cancelled' };
  }

  async reschedule(id: string, newStart: Date, newEnd: Date, newBlockedUntil: Date, now: Date): Promise<RescheduleBookingResult> {
    const moved = await this.dialect.moveBookingIfFree(
      this.db,
      {
        id,
        start_at: this.dialect.toInstant(newStart),
        end_at: this.dialect.toInstant(newEnd),
        blocked_until: this.dialect.toInstant(newBlockedUntil),
        updated_at: this.dialect.toInstant(now),
      },
      this.inTransaction,
    );
    if (moved === 'slot_taken') return { ok: false, reason: 'slot_taken' };
    if (moved !== undefined) return { ok: true, booking: this.toBooking(moved) };
    return (await this.get(id)) === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'cancelled' };
  }

  private toBooking(row: BookingRow): Booking {
    return {
      id: row.id,
      clientId: row.client_id,
      adviserId: row.adviser_id,
      serviceTypeCode: row.service_type_code,
      municipalityCode: row.municipality_code,
      start: this.dialect.fromInstant(row.start_at),
      end: this.dialect.fromInstant(row.end_at),
      blockedUntil: this.dialect.fromInstant(row.blocked_until),
      status: row.status as BookingStatus,
      language: row.language as LanguageCode,
      interpreterLanguage: row.interpreter_language,
      topics: JSON.parse(row.topics) as TopicCode[],
      createdAt: this.dialect.fromInstant(row.created_at),
      cancelledAt: row.cancelled_at === null ? null : this.dialect.fromInstant(row.cancelled_at),
      meeting: row.meeting_join_url !== null && row.meeting_id !== null ? { joinUrl: row.meeting_join_url, meetingId: row.meeting_id } : null,
    };
  }
}
