import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { dialectOf, sqlDialect } from './dialect.js';
import { StaticMigrationProvider } from './migrations/migration-provider.js';

/** A migration failed; the database is left at the last migration that succeeded. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly reason = 'migration_failed';
  constructor(
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    const detail = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Database migration ${migrationName ?? '(before any migration ran)'} failed: ${detail}. ` +
        'The database was left at the last migration that succeeded; fix the cause (connection, ' +
        'permissions, a manually changed schema) and start again.',
      options,
    );
  }
}

/**
 * Brings the schema to the newest migration; a no-op when it is already there. Safe when several
 * instances start at once: Kysely's migrator takes a lock table first.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const dialect = dialectOf(db);
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema it can see unless told
  // which one: a new schema beside an already-migrated one (tests, or a second deployment in one
  // database) then fails with "kysely_migration_lock does not exist". Pin them to our own schema.
  const migrationTableSchema = dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(sqlDialect(dialect)), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
}
