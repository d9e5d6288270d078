import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { registerSqliteFunctions, type DialectName } from './dialect.js';
import { GroupCommitSqliteDialect } from './group-commit-sqlite-dialect.js';
import { DEFAULT_CHECKPOINT_INTERVAL_MS, startSqliteCheckpointer } from './sqlite-checkpointer.js';

export type DatabaseOptions =
  | {
      readonly kind: 'sqlite';
      /** Folder of `neuvo.sqlite` (created if missing), or `':memory:'` for a throwaway database. */
      readonly dataDir: string;
      /**
       * WAL checkpoints on a worker thread instead of inside a COMMIT on the event loop
       * (sqlite-checkpointer.ts, ADR 13): the running app sets it; tools and tests that open a
       * file briefly leave SQLite's automatic checkpoint on.
       */
      readonly checkpointInBackground?: boolean;
      /** A failed background checkpoint (the WAL then grows until one succeeds). */
      readonly onCheckpointError?: (message: string) => void;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Existing schema put first on every connection's search_path (tests: one per file). */
      readonly schema?: string;
      /**
       * Connections per app instance (DATABASE_POOL_SIZE, default 20). With 10, requests queued
       * for a connection at 100 session-log pages a second (docs/bench.md).
       */
      readonly poolSize?: number;
      /** Idle pooled connections that die (server restart, failover) are reported here. */
      readonly onPoolError?: (error: Error) => void;
    };

/** An open database: the Kysely instance, which dialect it speaks, and how to close it. */
export interface NeuvoDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Closes the file or drains the pool; safe to call twice. */
  close(): Promise<void>;
}

/** The file name inside `dataDir`. */
export const SQLITE_FILE_NAME = 'neuvo.sqlite';

/** Tools and tests; the app passes DATABASE_POOL_SIZE. */
const DEFAULT_POOL_SIZE = 10;
/**
 * How long an idle pooled connection is kept. pg's default (10 s) closed the connections a burst
 * had opened, and the next burst paid for new ones: a fresh backend plans its first queries with
 * empty catalog caches, about 100 ms each on the bench machine, which was the session log's p99
 * (docs/bench.md). Five minutes keeps them through a working day's bursts; a quiet instance still
 * gives them back.
 */
const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The one factory that chooses the dialect (STYLE.md habit 6). SQLite is the embedded default
 * (WAL, synchronous=FULL: a committed booking survives power loss; writes of concurrent turns
 * share one commit, ADR 8); PostgreSQL is for running
 * several app instances. Opening is lazy on PostgreSQL: an unreachable server shows on the first
 * query (`migrateToLatest`, `ping`), not here.
 */
export function createDatabase(options: DatabaseOptions): NeuvoDatabase {
  if (options.kind === 'postgres') return closable(new Kysely<Database>({ dialect: postgresDialect(options) }), 'postgres');
  const { dialect, file } = sqliteDialect(options.dataDir, options.checkpointInBackground === true);
  const db = new Kysely<Database>({ dialect });
  if (!(options.checkpointInBackground === true && file !== ':memory:')) return closable(db, 'sqlite');
  const checkpointer = startSqliteCheckpointer({ file, intervalMs: DEFAULT_CHECKPOINT_INTERVAL_MS, ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}) });
  // The app's connections first, then the thread's last checkpoint (the WAL is then empty).
  return closable(db, 'sqlite', () => checkpointer.stop());
}

function closable(db: Kysely<Database>, dialect: DialectName, after?: () => Promise<void>): NeuvoDatabase {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    close: () =>
      (closing ??= (async () => {
        try {
          await db.destroy();
        } finally {
          await after?.();
        }
      })()),
  };
}

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

function sqliteDialect(dataDir: string, checkpointInBackground: boolean): { dialect: GroupCommitSqliteDialect; file: string } {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, SQLITE_FILE_NAME);
  }
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the one writer; FULL fsyncs every commit (≈0.3 ms here, DESIGN.md);
  // busy_timeout makes a second process wait for the write lock instead of failing at once.
  // A :memory: database answers journal_mode=memory, which is fine for tests.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // The checkpointer thread does the WAL checkpoints; 0 keeps them out of this thread's COMMITs.
  if (checkpointInBackground) sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  registerSqliteFunctions(sqlite);
  if (file === ':memory:') return { dialect: new GroupCommitSqliteDialect({ writer: sqlite, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS }), file };
  // Group commit (ADR 8): the writer only ever writes after BEGIN IMMEDIATE, which the driver
  // retries asynchronously, so its own busy handler must not block the event loop meanwhile.
  // Plain reads use a read-only second connection and see committed data only.
  sqlite.pragma('busy_timeout = 0');
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  reader.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  registerSqliteFunctions(reader);
  return { dialect: new GroupCommitSqliteDialect({ writer: sqlite, reader, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS }), file };
}

function postgresDialect(options: Extract<DatabaseOptions, { kind: 'postgres' }>): PostgresDialect {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}": use letters, digits and underscores only.`);
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: 10_000, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
  // Without a listener, an idle client dropped by the server crashes the process; the pool
  // replaces the client on the next checkout, so reporting is all there is to do.
  pool.on('error', (error) => options.onPoolError?.(error));
  return new PostgresDialect({
    pool,
    onCreateConnection:
      schema === undefined
        ? undefined
        : async (connection) => {
            await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
          },
  });
}
