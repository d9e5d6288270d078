import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * Booking: service types, advisers' schedules (served municipalities, topics, weekly hours,
 * absences), bookings with the database-level "no double booking" guard (dialect.ts), intakes and
 * consent history. Column meanings: database.ts.
 */
export function bookingMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('service_types')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('length_minutes', 'integer', (c) => c.notNull().check(sql`length_minutes > 0`))
        .addColumn('buffer_minutes', 'integer', (c) => c.notNull().check(sql`buffer_minutes >= 0`))
        .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().check(sql`min_notice_minutes >= 0`))
        .addColumn('horizon_days', 'integer', (c) => c.notNull().check(sql`horizon_days > 0`))
        .addColumn('slot_step_minutes', 'integer', (c) => c.notNull().check(sql`slot_step_minutes > 0`))
        .execute();

      await db.schema
        .createTable('adviser_municipalities')
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addPrimaryKeyConstraint('adviser_municipalities_pk', ['adviser_id', 'municipality_code'])
        .execute();
      // getProfiles({ municipalityCode }) looks advisers up by the municipality they serve.
      await db.schema
        .createIndex('adviser_municipalities_code_idx')
        .on('adviser_municipalities')
        .columns(['municipality_code', 'adviser_id'])
        .execute();

      await db.schema
        .createTable('adviser_topics')
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('adviser_topics_pk', ['adviser_id', 'topic'])
        .execute();

      // Minutes after Helsinki midnight: 1440 is allowed as an end ("24:00", end exclusive).
      await db.schema
        .createTable('adviser_weekly_hours')
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
        .addColumn('start_min', 'integer', (c) => c.notNull().check(sql`start_min >= 0`))
        .addColumn('end_min', 'integer', (c) => c.notNull().check(sql`end_min <= 1440`))
        .addPrimaryKeyConstraint('adviser_weekly_hours_pk', ['adviser_id', 'weekday', 'start_min'])
        .addCheckConstraint('adviser_weekly_hours_period', sql`start_min < end_min`)
        .execute();

      await db.schema
        .createTable('adviser_absences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('start_at', instant, (c) => c.notNull())
        .addColumn('end_at', instant, (c) => c.notNull())
        .addCheckConstraint('adviser_absences_period', sql`start_at < end_at`)
        .execute();
      await db.schema.createIndex('adviser_absences_adviser_idx').on('adviser_absences').columns(['adviser_id', 'start_at']).execute();

      await db.schema
        .createTable('bookings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('adviser_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('service_type_code', 'text', (c) => c.notNull().references('service_types.code'))
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('start_at', instant, (c) => c.notNull())
        .addColumn('end_at', instant, (c) => c.notNull())
        .addColumn('blocked_until', instant, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('booked', 'cancelled')`))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('interpreter_language', 'text')
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addColumn('cancelled_at', instant)
        .addCheckConstraint('bookings_period', sql`start_at < end_at and end_at <= blocked_until`)
        .execute();
      await db.schema.createIndex('bookings_adviser_start_idx').on('bookings').columns(['adviser_id', 'start_at']).execute();
      await db.schema.createIndex('bookings_client_idx').on('bookings').columns(['client_id', 'start_at']).execute();
      for (const statement of dialect.bookingOverlapGuardStatements()) {
        await sql.raw(statement).execute(db);
      }

      // Personal data that goes with the client: deleting the client (retention purge) deletes it.
      await db.schema
        .createTable('intakes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('intakes_client_idx').on('intakes').columns(['client_id', 'created_at']).execute();

      // Append-only through the port (no update or delete there); no database triggers, because
      // the retention purge must still be able to delete a client's history with the client.
      await dialect
        .addIdentityColumn(db.schema.createTable('consents'), 'id')
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('given', dialect.flagType, (c) => c.notNull())
        .addColumn('recorded_at', instant, (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consents_client_idx').on('consents').columns(['client_id', 'purpose', 'recorded_at']).execute();
    },
  };
}
