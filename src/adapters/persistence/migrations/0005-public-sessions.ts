import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * Sessions of the public booking page (`/book`): a client without Teams is known to us only by
 * the session the page holds after the intake. The row keeps the SHA-256 of the session token,
 * never the token itself, so a copy of the database cannot act as any client.
 */
export function publicSessionsMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('public_sessions_expires_idx').on('public_sessions').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('public_sessions').execute();
    },
  };
}
