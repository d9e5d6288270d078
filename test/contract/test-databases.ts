import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createDatabase, SQLITE_FILE_NAME, type NeuvoDatabase } from '../../src/adapters/persistence/create-database.js';
import { KyselyUnitOfWork } from '../../src/adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from '../../src/adapters/persistence/migrate.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { InMemoryUnitOfWork } from '../fakes/in-memory-unit-of-work.js';

/**
 * The databases every persistence test runs over: the in-memory fake, SQLite (a real WAL file in
 * a temp folder) and PostgreSQL (a schema of its own per test file, so files run in parallel).
 * `DIALECTS=memory,sqlite` narrows the run; PostgreSQL that is selected but unreachable fails
 * the run rather than skipping it, so CI can never go green without it.
 */
export type TestDialect = 'memory' | 'sqlite' | 'postgres';

const ALL_DIALECTS: readonly TestDialect[] = ['memory', 'sqlite', 'postgres'];
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty, migrated database for one test. */
export interface TestDatabase {
  readonly dialect: TestDialect;
  readonly uow: UnitOfWork;
  /**
   * A second app instance on the same data: another pool (PostgreSQL), another connection to the
   * same file (SQLite), another UnitOfWork on the same store (memory). On SQLite, do not
   * interleave its transactions with `uow`'s: better-sqlite3 waits for a lock synchronously,
   * blocking the very event loop that would release it (one process has one connection in
   * production, so this only concerns tests). Single statements (claim, markProcessed) are fine.
   */
  readonly peer: UnitOfWork;
  /** Runs raw SQL as the app would (absent for memory): for database-level guarantees. */
  readonly rawSql?: (statement: string) => Promise<unknown[]>;
  /** The database file (SQLite only), for tests that involve another process. */
  readonly sqliteFile?: string;
}

/** Dialects chosen by `DIALECTS` (comma list); all three when unset. */
export function selectedDialects(): TestDialect[] {
  const raw = process.env.DIALECTS?.trim();
  if (!raw) return [...ALL_DIALECTS];
  const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(ALL_DIALECTS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`DIALECTS has unknown name(s) ${unknown.join(', ')}; use ${ALL_DIALECTS.join(',')}.`);
  return names as TestDialect[];
}

/**
 * Registers the hooks of one dialect in the current `describe` and returns the accessor of the
 * test's database. Every test gets an empty, migrated database.
 */
export function useTestDatabase(dialect: TestDialect): () => TestDatabase {
  const target = targets[dialect]();
  let current: { db: TestDatabase; close(): Promise<void> } | undefined;
  beforeAll(() => target.setup());
  afterAll(() => target.teardown());
  beforeEach(async () => {
    current = await target.open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('The test database is only available inside a test.');
    return current.db;
  };
}

interface Target {
  setup(): Promise<void>;
  open(): Promise<{ db: TestDatabase; close(): Promise<void> }>;
  teardown(): Promise<void>;
}

const rawSqlOn = (database: NeuvoDatabase) => async (statement: string) => (await sql.raw(statement).execute(database.db)).rows;

const targets: Record<TestDialect, () => Target> = {
  memory: () => ({
    setup: async () => undefined,
    teardown: async () => undefined,
    async open() {
      const uow = new InMemoryUnitOfWork();
      return { db: { dialect: 'memory', uow, peer: new InMemoryUnitOfWork(uow.store) }, close: async () => undefined };
    },
  }),

  sqlite: () => {
    let folder = '';
    let count = 0;
    return {
      async setup() {
        folder = await mkdtemp(join(tmpdir(), 'neuvo-test-'));
      },
      async teardown() {
        if (folder) await rm(folder, { recursive: true, force: true });
      },
      async open() {
        count += 1;
        const dataDir = join(folder, `db-${count}`);
        const primary = createDatabase({ kind: 'sqlite', dataDir });
        await migrateToLatest(primary.db);
        const peer = createDatabase({ kind: 'sqlite', dataDir });
        return {
          db: {
            dialect: 'sqlite',
            uow: new KyselyUnitOfWork(primary.db, primary.dialect),
            peer: new KyselyUnitOfWork(peer.db, peer.dialect),
            rawSql: rawSqlOn(primary),
            sqliteFile: join(dataDir, SQLITE_FILE_NAME),
          },
          close: async () => {
            await Promise.all([primary.close(), peer.close()]);
          },
        };
      },
    };
  },

  postgres: () => {
    const url = process.env.TEST_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
    const schema = `neuvo_test_${randomBytes(6).toString('hex')}`;
    let admin: pg.Client | undefined;
    let primary: NeuvoDatabase | undefined;
    let peer: NeuvoDatabase | undefined;
    return {
      async setup() {
        admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
        try {
          await admin.connect();
        } catch (error) {
          admin = undefined;
          throw new Error(
            `PostgreSQL is unreachable at ${redact(url)} (${error instanceof Error ? error.message : String(error)}). ` +
              'These tests must run against PostgreSQL: start it, point TEST_DATABASE_URL at it, ' +
              'or leave PostgreSQL out on purpose with DIALECTS=memory,sqlite.',
          );
        }
        await admin.query(`create schema ${schema}`);
        await ensureBtreeGistInPublic(admin);
        primary = createDatabase({ kind: 'postgres', url, schema });
        peer = createDatabase({ kind: 'postgres', url, schema });
      },
      async teardown() {
        await Promise.all([primary?.close(), peer?.close()]);
        if (admin !== undefined) {
          await admin.query(`drop schema if exists ${schema} cascade`);
          await admin.end();
        }
      },
      async open() {
        if (admin === undefined || primary === undefined || peer === undefined) throw new Error('PostgreSQL setup failed; see the first error.');
        // The pools keep their connections: search_path names the schema, so dropping and
        // recreating it gives every connection the new, empty one.
        await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
        await migrateToLatest(primary.db);
        return {
          db: {
            dialect: 'postgres',
            uow: new KyselyUnitOfWork(primary.db, primary.dialect),
            peer: new KyselyUnitOfWork(peer.db, peer.dialect),
            rawSql: rawSqlOn(primary),
          },
          close: async () => undefined,
        };
      },
    };
  },
};

/**
 * The booking migration runs `create extension if not exists btree_gist`, which would put the
 * extension in the first schema on the search_path: a test file's own schema. Dropping that schema
 * (cascade) would then drop the extension and, with it, the booking constraints of every other
 * test file running at the same time. Created once in `public` first, the migration's statement
 * is a no-op. Test files start together, so losing the race to create it is fine.
 */
async function ensureBtreeGistInPublic(admin: pg.Client): Promise<void> {
  try {
    await admin.query('create extension if not exists btree_gist with schema public');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42710') throw error;
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable TEST_DATABASE_URL)';
  }
}
