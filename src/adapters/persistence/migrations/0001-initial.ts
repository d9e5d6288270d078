import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * The first schema: reference data, staff and clients, Teams plumbing (conversation references,
 * redelivery dedupe), the append-only audit log and the outbox. Column meanings: database.ts.
 */
export function initialMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('municipalities')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entra_object_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('active', dialect.flagType, (c) => c.notNull().defaultTo(dialect.toFlag(true)))
        .addUniqueConstraint('staff_tenant_entra_unique', ['tenant_id', 'entra_object_id'])
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('preferred_language', 'text', (c) => c.notNull())
        .addColumn('entra_object_id', 'text')
        .addColumn('tenant_id', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('clients_municipality_idx')
        .on('clients')
        .columns(['municipality_code', 'created_at'])
        .execute();
      await db.schema.createIndex('clients_entra_idx').on('clients').columns(['tenant_id', 'entra_object_id']).execute();

      await db.schema
        .createTable('conversation_references')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_key', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('service_url', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('conversation_references_pk', ['tenant_id', 'user_key'])
        .execute();

      await db.schema
        .createTable('processed_activities')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('processed_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('processed_activities_expires_idx')
        .on('processed_activities')
        .column('expires_at')
        .execute();

      // No foreign key to clients: audit rows must outlive the client rows the retention purge
      // deletes. The rows hold ids and field names only (DESIGN.md, privacy).
      await dialect
        .addIdentityColumn(db.schema.createTable('audit_log'), 'id')
        .addColumn('at', instant, (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_tenant_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text')
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_client_idx').on('audit_log').columns(['client_id', 'at']).execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      for (const statement of dialect.appendOnlyStatements('audit_log')) {
        await sql.raw(statement).execute(db);
      }

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'dead')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('available_at', instant, (c) => c.notNull())
        .addColumn('locked_until', instant)
        .addColumn('last_error', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('done_at', instant)
        .execute();
      await db.schema.createIndex('outbox_status_available_idx').on('outbox').columns(['status', 'available_at']).execute();
    },
  };
}
