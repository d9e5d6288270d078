import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * The client register (issue 4): contacts of every channel with their change history, the
 * versioned contact-log form, the partner associations referrals point to, and what happened in
 * each booking's Teams meeting (meeting events).
 *
 * Contacts hang off the client with ON DELETE CASCADE so that erasing a client (where the law
 * allows it) removes their contacts and history in one statement; the external copies are
 * deleted through the outbox.
 */
export function registerMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  const flag = dialect.flagType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('form_definitions')
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('form_definitions_pk', ['form_id', 'version'])
        .execute();

      await db.schema
        .createTable('associations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('activities', 'text', (c) => c.notNull())
        .addColumn('contact_info', 'text', (c) => c.notNull())
        .addColumn('active', flag, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id'))
        // One contact per booking: the meeting-end prompt and the side panel can never log it twice.
        .addColumn('booking_id', 'text', (c) => c.unique().references('bookings.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('started_at', instant, (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('interpreter_used', flag, (c) => c.notNull())
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('referrals', 'text', (c) => c.notNull())
        .addColumn('follow_up_on', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('form_version', 'integer', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();
      // The session log's queries: a municipality's or a client's contacts, newest first.
      await db.schema.createIndex('contacts_municipality_started_idx').on('contacts').columns(['municipality_code', 'started_at']).execute();
      await db.schema.createIndex('contacts_client_started_idx').on('contacts').columns(['client_id', 'started_at']).execute();
      await db.schema.createIndex('contacts_adviser_started_idx').on('contacts').columns(['adviser_id', 'started_at']).execute();

      await db.schema
        .createTable('contact_revisions')
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('changed_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_revisions_pk', ['contact_id', 'revision'])
        .execute();

      await db.schema
        .createTable('meeting_sessions')
        .addColumn('booking_id', 'text', (c) => c.primaryKey().references('bookings.id').onDelete('cascade'))
        .addColumn('conversation_id', 'text', (c) => c.notNull().unique())
        .addColumn('started_at', instant)
        .addColumn('ended_at', instant)
        .addColumn('client_joined_at', instant)
        .addColumn('no_show_at', instant)
        .addColumn('contact_prompted_at', instant)
        .execute();

      // The meeting chat's thread, taken from the join link when Graph creates the meeting: how a
      // meeting event (conversation id = that thread) finds its booking.
      await db.schema.alterTable('bookings').addColumn('meeting_thread_id', 'text').execute();
      await db.schema.createIndex('bookings_meeting_thread_idx').on('bookings').column('meeting_thread_id').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('bookings_meeting_thread_idx').execute();
      await db.schema.alterTable('bookings').dropColumn('meeting_thread_id').execute();
      for (const table of ['meeting_sessions', 'contact_revisions', 'contacts', 'associations', 'form_definitions']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
