import type { Kysely, Migration } from 'kysely';

/** The Teams meeting of a booking, once Graph has created it (outbox `graph.meeting.create`). */
export function bookingMeetingMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('bookings').addColumn('meeting_join_url', 'text').execute();
      await db.schema.alterTable('bookings').addColumn('meeting_id', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('bookings').dropColumn('meeting_id').execute();
      await db.schema.alterTable('bookings').dropColumn('meeting_join_url').execute();
    },
  };
}
