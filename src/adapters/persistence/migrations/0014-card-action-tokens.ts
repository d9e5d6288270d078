import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

/**
 * Card action tokens (issue 7, ADR 14): one row per protected button of a card we sent. The row
 * keeps the SHA-256 of the token, never the token, so a copy of the database cannot press
 * anybody's buttons; `user_key`, `conversation_id` and `entity_id` are SHA-256 hashes too (the
 * use case hashes them), so the table names nobody. `user_key` is null when any member of the
 * conversation may press (a channel card); `used_at` is set once a single-use token has been used.
 * Expired rows are deleted by housekeeping (the expiry index).
 */
export function cardActionTokensMigration(dialect: SqlDialect): Migration {
  const instant = dialect.instantType;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('card_action_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_key', 'text')
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('verb', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('single_use', dialect.flagType, (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .addColumn('used_at', instant)
        .execute();
      await db.schema.createIndex('card_action_tokens_expires_idx').on('card_action_tokens').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('card_action_tokens').execute();
    },
  };
}
