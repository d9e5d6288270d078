import type { Kysely, Selectable } from 'kysely';
import type { MeetingSession } from '../../domain/booking/meeting-session.js';
import type { MeetingSessionRepository } from '../../use-cases/ports/repositories.js';
import type { Database, MeetingSessionsTable } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

type InstantColumn = 'started_at' | 'ended_at' | 'client_joined_at';

/**
 * Meeting events per booking. Teams may deliver events late, twice or out of order (a join
 * before the start), so each write creates the row if needed and keeps the first instant; only
 * the end may move later (a meeting that was ended and restarted).
 */
export class KyselyMeetingSessionRepository implements MeetingSessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async bookingForThread(threadId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('bookings').select('id').where('meeting_thread_id', '=', threadId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return row?.id;
  }

  async get(bookingId: string): Promise<MeetingSession | undefined> {
    const row = await this.db.selectFrom('meeting_sessions').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
    return row && this.toSession(row);
  }

  recordStart(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, 'started_at', at, 'first');
  }

  recordEnd(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, 'ended_at', at, 'latest');
  }

  recordClientJoined(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, 'client_joined_at', at, 'first');
  }

  async markNoShow(bookingId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('meeting_sessions')
      .set({ no_show_at: this.dialect.toInstant(at) })
      .where('booking_id', '=', bookingId)
      .where('client_joined_at', 'is', null)
      .where('no_show_at', 'is', null)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }

  async markContactPrompted(bookingId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('meeting_sessions')
      .set({ contact_prompted_at: this.dialect.toInstant(at) })
      .where('booking_id', '=', bookingId)
      .where('contact_prompted_at', 'is', null)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }

  /** One statement (insert or update), so two instances handling two events at once both land. */
  private async record(bookingId: string, conversationId: string, column: InstantColumn, at: Date, keep: 'first' | 'latest'): Promise<MeetingSession> {
    const value = this.dialect.toInstant(at);
    const row = await this.db
      .insertInto('meeting_sessions')
      .values({ booking_id: bookingId, conversation_id: conversationId, [column]: value })
      .onConflict((oc) =>
        oc.column('booking_id').doUpdateSet((eb) => ({
          [column]:
            keep === 'first'
              ? eb.fn.coalesce(eb.ref(`meeting_sessions.${column}`), eb.val(value))
              : eb
                  .case()
                  .when(eb.ref(`meeting_sessions.${column}`), 'is', null)
                  .then(eb.val(value))
                  .when(eb.ref(`meeting_sessions.${column}`), '<', eb.val(value))
                  .then(eb.val(value))
                  .else(eb.ref(`meeting_sessions.${column}`))
                  .end(),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toSession(row);
  }

  private toSession(row: Selectable<MeetingSessionsTable>): MeetingSession {
    const instant = (value: Date | number | null) => (value === null ? null : this.dialect.fromInstant(value));
    return {
      bookingId: row.booking_id,
      conversationId: row.conversation_id,
      startedAt: instant(row.started_at),
      endedAt: instant(row.ended_at),
      clientJoinedAt: instant(row.client_joined_at),
      noShowAt: instant(row.no_show_at),
      contactPromptedAt: instant(row.contact_prompted_at),
    };
  }
}
