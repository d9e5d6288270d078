import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * The advisers' tab's reports (issue 6):
 * - `municipal_figures`: per municipality and year, the coordinator's contact target and the
 *   number of foreign residents the municipalities' 30 % cost share is split by. Null = not
 *   entered yet (a report shows no target; the cost split refuses to run).
 * - `bookings (start_at)`: the no-show figure reads the meeting sessions of the period's bookings
 *   across advisers; without it, that is a scan of every booking.
 * The contact aggregates use 0008's (municipality_code, started_at, id) and (started_at, id).
 */
export function reportsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('municipal_figures')
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
        .addColumn('contact_target', 'integer', (c) => c.check(sql`contact_target >= 0`))
        .addColumn('foreign_residents', 'integer', (c) => c.check(sql`foreign_residents >= 0`))
        .addColumn('updated_at', dialect.instantType, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('municipal_figures_pk', ['municipality_code', 'year'])
        .execute();
      await db.schema.createIndex('bookings_start_idx').on('bookings').column('start_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('bookings_start_idx').execute();
      await db.schema.dropTable('municipal_figures').execute();
    },
  };
}
