import type { Kysely, Migration } from 'kysely';

/**
 * The client's IANA time zone as their Teams client last reported it (`localTimezone`), so
 * proactive cards and reminders show times in the client's own zone. Null: not known; Helsinki
 * time (with the zone named) is shown.
 */
export function conversationTimeZoneMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('conversation_references').addColumn('time_zone', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('conversation_references').dropColumn('time_zone').execute();
    },
  };
}
