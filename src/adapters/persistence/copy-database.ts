import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type RawBuilder } from 'kysely';
import { SQLITE_FILE_NAME } from './create-database.js';
import type { Database } from './database.js';
import { dialectOf, sqlDialect, toNumber } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { StaticMigrationProvider } from './migrations/migration-provider.js';

/**
 * Every table of {@link Database}, parents before children (foreign keys: clients → municipalities;
 * adviser_* → staff; bookings → clients, staff, service_types, municipalities; intakes, consents,
 * public_sessions → clients). The copy inserts in this order, so no constraint is deferred or
 * switched off.
 */
export const COPY_ORDER = [
  'municipalities',
  'service_types',
  'staff',
  'clients',
  'conversation_references',
  'processed_activities',
  'audit_log',
  'outbox',
  'adviser_municipalities',
  'adviser_topics',
  'adviser_weekly_hours',
  'adviser_absences',
  'bookings',
  'intakes',
  'consents',
  'public_sessions',
  'form_definitions',
  'associations',
  'contacts',
  'contact_revisions',
  'meeting_sessions',
  'municipal_figures',
  'contact_month_counts',
  // ── expert channel (issue 5) ── tickets → staff, municipalities; the rest → tickets, staff, trainings.
  'tickets',
  'ticket_events',
  'ticket_posts',
  'kb_articles',
  'expert_rota',
  'channels',
  'trainings',
  'training_signups',
  // ── retention purge and erasure (issue 7) ── no foreign keys.
  'erasure_requests',
  // ── card action tokens (issue 7, ADR 14) ── no foreign keys; copied so buttons on cards already sent keep working.
  'card_action_tokens',
] as const satisfies readonly (keyof Database)[];

// A table added to `Database` but not to COPY_ORDER fails to compile here, naming the table.
type UncopiedTable = Exclude<keyof Database, (typeof COPY_ORDER)[number]>;
const everyTableIsCopied: [UncopiedTable] extends [never] ? true : UncopiedTable = true;
void everyTableIsCopied;

export type CopiedTableName = (typeof COPY_ORDER)[number];

/**
 * Rows the app writes by itself on every start (seed.ts: the partner municipalities, the service
 * types). A target that holds nothing else is still "empty": these rows are replaced by the
 * source's, which carry any renames and `NEUVO_EXTRA_MUNICIPALITIES`.
 */
const SEEDED_TABLES: ReadonlySet<string> = new Set<CopiedTableName>(['municipalities', 'service_types']);

/** Rows per SELECT and per INSERT (capped so one INSERT stays under PostgreSQL's 65 535 parameters). */
const DEFAULT_BATCH_SIZE = 500;
const MAX_PARAMETERS = 60_000;

export type DatabaseCopyErrorReason =
  | 'source_missing'
  | 'wrong_dialect'
  | 'source_not_migrated'
  | 'schema_mismatch'
  | 'target_not_empty'
  | 'bad_value'
  | 'count_mismatch';

/** The copy was refused or failed; the target was left as it was (one transaction). */
export class DatabaseCopyError extends Error {
  override readonly name = 'DatabaseCopyError';
  constructor(
    readonly reason: DatabaseCopyErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface CopyProgress {
  readonly table: CopiedTableName;
  /** Rows of this table copied so far. */
  readonly copied: number;
  /** Rows of this table in the source. */
  readonly total: number;
}

export interface CopiedTable {
  readonly table: CopiedTableName;
  readonly rows: number;
}

export interface CopyOptions {
  /** Rows per batch (default 500). */
  readonly batchSize?: number;
  /** Called after every batch and once per table when it is done (also for an empty table). */
  readonly onProgress?: (progress: CopyProgress) => void;
}

/** An opened source database: read-only, closed by the caller. */
export interface SqliteSource {
  readonly db: Kysely<Database>;
  /** The database file that was opened. */
  readonly file: string;
  close(): Promise<void>;
}

/**
 * Opens Neuvo's SQLite database read-only: `path` is the data folder (`NEUVO_DATA_DIR`, holding
 * `neuvo.sqlite`) or the file itself. A missing file is an error, never a new empty database.
 * Committed transactions still in the `-wal` file are read too, so copy the folder whole.
 */
export function openSqliteSource(path: string): SqliteSource {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, SQLITE_FILE_NAME) : path;
  if (!existsSync(file)) {
    throw new DatabaseCopyError('source_missing', `No SQLite database at ${file}. Give --from the data folder (NEUVO_DATA_DIR) or the ${SQLITE_FILE_NAME} file.`);
  }
  const database = new SQLite(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  let closing: Promise<void> | undefined;
  return { db, file, close: () => (closing ??= db.destroy()) };
}

/**
 * Copies a Neuvo SQLite database into PostgreSQL, for moving an installation from the embedded
 * database to scale-out (docs/operations.md).
 *
 * - The target is migrated to the latest migration first; the source must already be at exactly
 *   this code's migrations (start this Neuvo version on it once), so both have the same columns.
 * - Refuses a target that holds any row beyond the start-up seeds (municipalities, service types),
 *   which it replaces. There is deliberately no "force": merging two registers is not a copy.
 * - One PostgreSQL transaction: the tables are locked against writers (a running instance waits),
 *   rows go in parents first in batches, identity sequences (audit_log, consents) are moved past
 *   the copied ids, and row counts are compared before COMMIT. Any failure leaves the target as it
 *   was. The source is read in one read transaction, a consistent snapshot.
 * - Values are converted by the target's column types: timestamptz ← epoch milliseconds,
 *   boolean ← 0/1 (dialect.ts); everything else (text, JSON text, integers) as is.
 * - The audit log's append-only triggers fire on UPDATE, DELETE and TRUNCATE only: the copy
 *   INSERTs, so they stay on.
 */
export async function copyDatabase(source: Kysely<Database>, target: Kysely<Database>, options: CopyOptions = {}): Promise<CopiedTable[]> {
  if (dialectOf(source) !== 'sqlite' || dialectOf(target) !== 'postgres') {
    throw new DatabaseCopyError('wrong_dialect', 'The copy reads a SQLite database and writes a PostgreSQL database.');
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  await assertSourceMigrated(source);
  await migrateToLatest(target);

  return source.transaction().execute((src) =>
    target.transaction().execute(async (trx) => {
      const targetColumns = await postgresColumns(trx);
      await assertSameTables(src, targetColumns);
      await sql`lock table ${sql.join(COPY_ORDER.map((t) => sql.table(t)))} in exclusive mode`.execute(trx);
      await assertTargetEmpty(trx);

      const copied: CopiedTable[] = [];
      for (const table of COPY_ORDER) {
        const columns = targetColumns.get(table) ?? [];
        const rows = await copyTable(src, trx, table, columns, batchSize, options.onProgress);
        for (const identity of columns.filter((c) => c.identity)) {
          await sql`select setval(pg_get_serial_sequence(${table}, ${identity.name}),
                      coalesce((select max(${sql.ref(identity.name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
        }
        copied.push({ table, rows });
      }
      for (const { table, rows } of copied) {
        const stored = await countRows(trx, table);
        if (stored !== rows) throw new DatabaseCopyError('count_mismatch', `${table}: ${rows} row(s) read but ${stored} in the target; nothing was committed.`);
      }
      return copied;
    }),
  );
}

interface TargetColumn {
  readonly name: string;
  readonly convert: (value: unknown, where: () => string) => unknown;
  readonly identity: boolean;
}

async function assertSourceMigrated(source: Kysely<Database>): Promise<void> {
  const expected = Object.keys(await new StaticMigrationProvider(sqlDialect('sqlite')).getMigrations());
  const hasTable = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(source);
  const applied =
    hasTable.rows.length === 0 ? [] : (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(source)).rows.map((r) => r.name);
  const missing = expected.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new DatabaseCopyError(
      'source_not_migrated',
      `The SQLite database is not at this version's migrations (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'}). ` +
        'Start this version of Neuvo on it once (it migrates at start), stop it, then copy; or copy with the Neuvo version that wrote it.',
    );
  }
}

async function postgresColumns(trx: Kysely<Database>): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
    select c.table_name, c.column_name, c.data_type, c.is_identity
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely\\_%'
       -- ── expert channel (issue 5) ── generated columns (kb_articles.search_vector) are computed by the target.
       and c.is_generated <> 'ALWAYS'
     order by c.table_name, c.ordinal_position`.execute(trx);
  const byTable = new Map<string, TargetColumn[]>();
  for (const row of rows) {
    const columns = byTable.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, convert: converterFor(row.data_type), identity: row.is_identity === 'YES' });
    byTable.set(row.table_name, columns);
  }
  return byTable;
}

/** Both sides have exactly the tables of COPY_ORDER, with the same column names. */
async function assertSameTables(src: Kysely<Database>, targetColumns: Map<string, TargetColumn[]>): Promise<void> {
  const sourceTables = (
    // ── expert channel (issue 5) ── ordinary tables only: not the FTS5 index (type 'virtual') nor its
    // shadow tables ('shadow'), which SQLite keeps by itself; PostgreSQL has its own index.
    await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'`.execute(src)
  ).rows.map((r) => r.name);
  const problems: string[] = [];
  const known = new Set<string>(COPY_ORDER);
  for (const [side, tables] of [['source', sourceTables], ['target', [...targetColumns.keys()]]] as const) {
    const extra = tables.filter((t) => !known.has(t));
    if (extra.length > 0) problems.push(`the ${side} has table(s) this version does not copy: ${extra.join(', ')}`);
    const missing = COPY_ORDER.filter((t) => !tables.includes(t));
    if (missing.length > 0) problems.push(`the ${side} lacks table(s): ${missing.join(', ')}`);
  }
  for (const table of COPY_ORDER) {
    if (!sourceTables.includes(table)) continue;
    const sourceColumns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(src)).rows.map((r) => r.name).sort();
    const wanted = (targetColumns.get(table) ?? []).map((c) => c.name).sort();
    if (sourceColumns.join() !== wanted.join()) problems.push(`${table}: source columns (${sourceColumns.join(', ')}) differ from target columns (${wanted.join(', ')})`);
  }
  if (problems.length > 0) throw new DatabaseCopyError('schema_mismatch', `The databases do not match: ${problems.join('; ')}.`);
}

async function assertTargetEmpty(trx: Kysely<Database>): Promise<void> {
  const filled: string[] = [];
  for (const table of COPY_ORDER) {
    if (SEEDED_TABLES.has(table)) continue;
    const { rows } = await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(table)}) as found`.execute(trx);
    if (rows[0]?.found) filled.push(table);
  }
  if (filled.length > 0) {
    throw new DatabaseCopyError(
      'target_not_empty',
      `The PostgreSQL database already holds data (${filled.join(', ')}); nothing was copied. ` +
        'Copy into a new, empty database (only the rows Neuvo seeds at start are replaced).',
    );
  }
  // Children first; nothing references these rows, since every other table is empty.
  for (const table of [...COPY_ORDER].reverse()) {
    if (SEEDED_TABLES.has(table)) await sql`delete from ${sql.table(table)}`.execute(trx);
  }
}

async function copyTable(
  src: Kysely<Database>,
  trx: Kysely<Database>,
  table: CopiedTableName,
  columns: readonly TargetColumn[],
  batchSize: number,
  onProgress: CopyOptions['onProgress'],
): Promise<number> {
  const total = await countRows(src, table);
  const perInsert = Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length))));
  const columnList = sql.join(columns.map((c) => sql.ref(c.name)));
  const overriding = columns.some((c) => c.identity) ? sql.raw(' overriding system value') : sql.raw('');
  let copied = 0;
  // Keyset on SQLite's rowid: every Neuvo table has one, and it is stable within the snapshot.
  let lastRowid = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`
      select rowid as neuvo_copy_rowid, ${columnList} from ${sql.table(table)}
       where rowid > ${lastRowid} order by rowid limit ${perInsert}`.execute(src);
    const last = rows.at(-1);
    if (last === undefined) break;
    lastRowid = toNumber(last.neuvo_copy_rowid as number);
    const values: RawBuilder<unknown>[] = rows.map((row) => {
      const where = () => `${table} row ${String(row.neuvo_copy_rowid)}`;
      return sql`(${sql.join(columns.map((c) => c.convert(row[c.name], () => `${where()}, column ${c.name}`)))})`;
    });
    await sql`insert into ${sql.table(table)} (${columnList})${overriding} values ${sql.join(values)}`.execute(trx);
    copied += rows.length;
    onProgress?.({ table, copied, total });
  }
  if (copied === 0) onProgress?.({ table, copied, total });
  return copied;
}

async function countRows(db: Kysely<Database>, table: CopiedTableName): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return toNumber(rows[0]?.n ?? 0);
}

/** SQLite's stored form → the PostgreSQL column's type (dialect.ts: Instant, Flag). */
function converterFor(dataType: string): TargetColumn['convert'] {
  if (dataType === 'timestamp with time zone') {
    return (value, where) => {
      if (value === null || value === undefined) return null;
      const date = typeof value === 'number' || typeof value === 'bigint' ? new Date(Number(value)) : new Date(String(value));
      if (Number.isNaN(date.getTime())) throw new DatabaseCopyError('bad_value', `${where()}: "${String(value)}" is not an instant (epoch milliseconds).`);
      return date;
    };
  }
  if (dataType === 'boolean') {
    return (value, where) => {
      if (value === null || value === undefined) return null;
      if (value === 1 || value === true) return true;
      if (value === 0 || value === false) return false;
      throw new DatabaseCopyError('bad_value', `${where()}: "${String(value)}" is not a flag (0 or 1).`);
    };
  }
  return (value) => (typeof value === 'bigint' ? value.toString() : value);
}
