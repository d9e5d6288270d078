import type { Kysely, Migration } from 'kysely';

/**
 * The adviser's Exchange mailbox (UPN), read with Graph getSchedule so slots skip Outlook busy
 * time. Null: no Outlook calendar is consulted for that adviser.
 */
export function staffMailboxMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff').addColumn('mailbox', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff').dropColumn('mailbox').execute();
    },
  };
}
