import { Migrator, type Kysely } from 'kysely';
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
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(sqlDialect(dialectOf(db))) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
}
