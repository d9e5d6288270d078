import type { Kysely, Migration } from 'kysely';
import { recountContacts } from '../contact-month-counts.js';
import type { Database } from '../database.js';
import type { SqlDialect } from '../dialect.js';

/**
 * `contact_month_counts` (issue 6's monthly report on a million contacts): per municipality,
 * Helsinki month, dimension and code, the number of contacts (see domain/reports/contact-counts.ts).
 * The contact repository keeps it in the same transaction as each contact write; this migration
 * counts the contacts that already exist. The primary key is the report's lookup
 * (municipality_code = ? and month in (…)).
 */
export function contactMonthCountsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('contact_month_counts')
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('contact_month_counts_pk', ['municipality_code', 'month', 'dimension', 'code'])
        .execute();
      await recountContacts(db as Kysely<Database>, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('contact_month_counts').execute();
    },
  };
}
