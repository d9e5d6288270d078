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
 * - SQLite only: bookings by (adviser, blocked_until), for the overlap trigger (dialect.ts). With
 *   only (adviser, start_at) it walked every earlier booking of the adviser on each insert (1.0 ms
 *   median, 4.0 ms p95 at 3,500–4,000 bookings of one adviser); this index walks only those still
 *   blocking at the new start (0.26 / 1.4 ms; EXPLAIN QUERY PLAN picks it). PostgreSQL's exclusion
 *   constraint has its own GiST index.
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
      if (dialect.name === 'sqlite') await db.schema.createIndex('bookings_adviser_blocked_idx').on('bookings').columns(['adviser_id', 'blocked_until']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect.name === 'sqlite') await db.schema.dropIndex('bookings_adviser_blocked_idx').execute();
      await db.schema.dropIndex('clients_created_idx').execute();
      await db.schema.dropIndex('intakes_created_idx').execute();
      await db.schema.dropIndex('bookings_municipality_end_idx').execute();
      await db.schema.dropTable('erasure_requests').execute();
    },
  };
}
