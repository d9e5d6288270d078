import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * The retention purge and data-subject erasure (issue 7):
 * - `erasure_requests`: each erasure request and what came of it — what was erased, what was kept
 *   and why (the statutory client register, an appointment still ahead) and until when. Ids,
 *   codes and instants only; no foreign key to `clients`, because the record must outlive the
 *   client row it names.
 * - Indexes for the daily purge's finders, so each batch is an index range instead of a scan:
 *   bookings by (municipality, end), intakes and clients by creation time.
 */
export function retentionMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('erasure_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('requested_at', instant, (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('erased', 'text', (c) => c.notNull())
        .addColumn('kept', 'text', (c) => c.notNull())
        .addColumn('kept_reason', 'text')
        .addColumn('kept_until', instant)
        .execute();
      await db.schema.createIndex('erasure_requests_client_idx').on('erasure_requests').columns(['client_id', 'requested_at']).execute();
      await db.schema.createIndex('bookings_municipality_end_idx').on('bookings').columns(['municipality_code', 'end_at']).execute();
      await db.schema.createIndex('intakes_created_idx').on('intakes').column('created_at').execute();
      await db.schema.createIndex('clients_created_idx').on('clients').column('created_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('clients_created_idx').execute();
      await db.schema.dropIndex('intakes_created_idx').execute();
      await db.schema.dropIndex('bookings_municipality_end_idx').execute();
      await db.schema.dropTable('erasure_requests').execute();
    },
  };
}
