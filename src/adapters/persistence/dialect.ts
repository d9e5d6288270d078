import type BetterSqlite3 from 'better-sqlite3';
import {
  SqliteAdapter,
  sql,
  type CreateTableBuilder,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  type SelectQueryBuilder,
} from 'kysely';
import type { BookingsTable, Database } from './database.js';
import { preparedQuery } from './prepared-query.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place (DESIGN.md: "same Kysely
 * repositories, one migration set; dialect-specific SQL lives in one place"). Repositories and
 * migrations ask this object instead of testing the dialect name themselves.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** Column type of an instant: epoch milliseconds on SQLite, timestamptz on PostgreSQL. */
  readonly instantType: 'bigint' | 'timestamptz';
  readonly flagType: 'integer' | 'boolean';
  /** An instant as a parameter or column value. */
  toInstant(date: Date): Date | number;
  fromInstant(value: Date | number | string): Date;
  toFlag(value: boolean): boolean | number;
  /** Adds an auto-numbered primary key column. */
  addIdentityColumn<TB extends string, C extends string, CN extends string>(
    table: CreateTableBuilder<TB, C>,
    name: CN,
  ): CreateTableBuilder<TB, C | CN>;
  /** Statements that make `table` append-only for every role that writes through the app. */
  appendOnlyStatements(table: string): readonly string[];
  /**
   * Locks the rows a claim selects so that concurrent claimers skip them. PostgreSQL:
   * FOR UPDATE SKIP LOCKED. SQLite: nothing to add, because the claim is one UPDATE statement and
   * an autocommit write statement takes the database write lock before it reads (the same effect
   * as BEGIN IMMEDIATE), so claims are serialised across connections and processes.
   */
  lockForClaim<O>(query: SelectQueryBuilder<Database, 'outbox', O>): SelectQueryBuilder<Database, 'outbox', O>;
  /**
   * Runs `work` in one transaction on one connection. SQLite takes the write lock up front
   * (BEGIN IMMEDIATE, in Neuvo's driver): a deferred BEGIN that reads and later writes fails with
   * SQLITE_BUSY instead of waiting when another writer got there first.
   */
  transaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Migration statements that make the database itself refuse two non-cancelled bookings of one
   * adviser overlapping on [start_at, blocked_until): a PostgreSQL exclusion constraint
   * (btree_gist), SQLite triggers. The repository checks first and answers `slot_taken`; these
   * are what make it true for every writer, including a racing app instance or a manual fix.
   */
  bookingOverlapGuardStatements(): readonly string[];
  /**
   * Inserts `row` unless its [start_at, blocked_until) overlaps another non-cancelled booking of
   * the adviser, in one statement that never throws for the overlap and so never aborts a
   * surrounding transaction. Returns the stored row, or `undefined` when the slot is taken.
   */
  insertBookingIfFree(db: Kysely<Database>, row: Insertable<BookingsTable>): Promise<BookingRow | undefined>;
  /**
   * Moves the BOOKED booking `move.id` to a new time unless that overlaps another non-cancelled
   * booking of the same adviser. Returns the moved row, `'slot_taken'`, or `undefined` when no
   * booked row has that id. `inTransaction`: the caller's transaction must survive a refusal.
   */
  moveBookingIfFree(db: Kysely<Database>, move: BookingMove, inTransaction: boolean): Promise<BookingRow | 'slot_taken' | undefined>;
  /**
   * `column` contains `text`, ignoring case, with `%`, `_` and `\` in `text` taken literally.
   * PostgreSQL: ILIKE (folds every letter the database's ctype knows). SQLite: its LIKE and lower()
   * fold ASCII only ("äijä" would miss "Äijälä"), so the column goes through the connection's
   * {@link SQLITE_FOLD_FUNCTION} (JavaScript's toLowerCase) and the text is lower-cased the same way.
   */
  containsIgnoringCase(column: string, text: string): RawBuilder<SqlBool>;
}

/**
 * A deterministic SQLite function that lower-cases text with full Unicode rules; every SQLite
 * connection Neuvo opens registers it ({@link registerSqliteFunctions}).
 */
export const SQLITE_FOLD_FUNCTION = 'neuvo_fold';

/** Registers Neuvo's SQL functions on a better-sqlite3 connection (writer and reader alike). */
export function registerSqliteFunctions(connection: Pick<BetterSqlite3.Database, 'function'>): void {
  connection.function(SQLITE_FOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
}

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern (ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export type BookingRow = Selectable<BookingsTable>;

/** New time of a booking, as dialect values (see `toInstant`). */
export interface BookingMove {
  readonly id: string;
  readonly start_at: Date | number;
  readonly end_at: Date | number;
  readonly blocked_until: Date | number;
  readonly updated_at: Date | number;
}

/** SQLSTATE of an exclusion violation, and of the deadlock two conflicting writers can end in. */
const EXCLUSION_VIOLATION = '23P01';
const DEADLOCK_DETECTED = '40P01';
const BOOKING_OVERLAP_CONSTRAINT = 'bookings_no_overlap';

function isBookingOverlapError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  // A deadlock inside the one UPDATE of a move can only be two writers waiting on each other's
  // exclusion check: the other one wins the time.
  return (code === EXCLUSION_VIOLATION && constraint === BOOKING_OVERLAP_CONSTRAINT) || code === DEADLOCK_DETECTED;
}

/** The columns BookingRepository.create writes: its insert is compiled once (prepared-query.ts). */
const BOOKING_INSERT_COLUMNS = [
  'id', 'client_id', 'adviser_id', 'service_type_code', 'municipality_code', 'start_at', 'end_at', 'blocked_until',
  'status', 'language', 'interpreter_language', 'topics', 'created_at', 'updated_at', 'cancelled_at',
] as const satisfies readonly (keyof BookingsTable)[];
type BookingInsert = Pick<Insertable<BookingsTable>, (typeof BOOKING_INSERT_COLUMNS)[number]>;

const insertBooking = preparedQuery<BookingInsert, BookingRow>((db, p) =>
  db
    .insertInto('bookings')
    .values(Object.fromEntries(BOOKING_INSERT_COLUMNS.map((column) => [column, p(column)])) as unknown as BookingInsert)
    .returningAll(),
);

function hasBookingColumns(row: Insertable<BookingsTable>): row is BookingInsert {
  const keys = Object.keys(row);
  return keys.length === BOOKING_INSERT_COLUMNS.length && BOOKING_INSERT_COLUMNS.every((column) => column in row);
}

/** The overlap trigger's RAISE(ABORT) as better-sqlite3 reports it. */
function isSqliteOverlapRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_TRIGGER' && typeof message === 'string' && message.startsWith(`${BOOKING_OVERLAP_CONSTRAINT}:`);
}

const fromInstant = (value: Date | number | string): Date => new Date(value instanceof Date ? value.getTime() : value);

const sqlite: SqlDialect = {
  name: 'sqlite',
  instantType: 'bigint',
  flagType: 'integer',
  toInstant: (date) => date.getTime(),
  fromInstant,
  toFlag: (value) => (value ? 1 : 0),
  addIdentityColumn: (table, name) => table.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement()),
  appendOnlyStatements: (table) => [
    `create trigger ${table}_no_update before update on ${table}
       begin select raise(abort, '${table} is append-only: UPDATE is not allowed'); end`,
    `create trigger ${table}_no_delete before delete on ${table}
       begin select raise(abort, '${table} is append-only: DELETE is not allowed'); end`,
  ],
  lockForClaim: (query) => query,
  // The driver takes the write lock up front (BEGIN IMMEDIATE, or a savepoint of the group
  // transaction that already holds it; group-commit-sqlite-dialect.ts) and resolves the commit once
  // it is durable.
  transaction: (db, work) => db.transaction().execute(work),
  // Triggers, not a CHECK: SQLite has no constraint across rows. RAISE(ABORT) undoes the one
  // statement and keeps the transaction, like a constraint violation.
  bookingOverlapGuardStatements: () =>
    [
      ['insert', 'insert', 'new.id'],
      ['update', 'update of adviser_id, start_at, blocked_until, status', 'old.id'],
    ].map(
      ([name, event, self]) => `create trigger ${BOOKING_OVERLAP_CONSTRAINT}_${name} before ${event} on bookings
         when new.status <> 'cancelled' and exists (
           select 1 from bookings other
            where other.adviser_id = new.adviser_id and other.id <> ${self} and other.status <> 'cancelled'
              and other.start_at < new.blocked_until and other.blocked_until > new.start_at)
         begin select raise(abort, '${BOOKING_OVERLAP_CONSTRAINT}: the adviser already has a booking at this time'); end`,
    ),
  // A plain INSERT: the overlap trigger (bookingOverlapGuardStatements) checks the adviser's other
  // bookings inside the same statement, under SQLite's write lock (every write statement takes it
  // before it reads), so check and insert are atomic across connections and processes. Its
  // RAISE(ABORT) undoes only this statement and leaves a surrounding transaction usable; the
  // refusal is mapped to `undefined` here. (An INSERT … SELECT … WHERE NOT EXISTS ran the same
  // overlap scan twice — once in the statement, once in the trigger.) One statement also never
  // holds the lock across an await.
  async insertBookingIfFree(db, row) {
    try {
      if (hasBookingColumns(row)) return (await insertBooking(db, row)).rows[0];
      return await db.insertInto('bookings').values(row).returningAll().executeTakeFirst();
    } catch (error) {
      if (isSqliteOverlapRefusal(error)) return undefined;
      throw error;
    }
  },
  // One UPDATE guarded the same way; `other.id <> bookings.id` frees the booking's own old time.
  async moveBookingIfFree(db, move) {
    const moved = await db
      .updateTable('bookings')
      .set({ start_at: move.start_at, end_at: move.end_at, blocked_until: move.blocked_until, updated_at: move.updated_at })
      .where('id', '=', move.id)
      .where('status', '=', 'booked')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('bookings as other')
              .select(sql.lit(1).as('one'))
              .whereRef('other.adviser_id', '=', 'bookings.adviser_id')
              .whereRef('other.id', '<>', 'bookings.id')
              .where('other.status', '<>', 'cancelled')
              .where('other.start_at', '<', move.blocked_until)
              .where('other.blocked_until', '>', move.start_at),
          ),
        ),
      )
      .returningAll()
      .executeTakeFirst();
    if (moved !== undefined) return moved;
    const booked = await db.selectFrom('bookings').select('id').where('id', '=', move.id).where('status', '=', 'booked').executeTakeFirst();
    return booked === undefined ? undefined : 'slot_taken';
  },
  containsIgnoringCase: (column, text) => sql<SqlBool>`${sql.raw(SQLITE_FOLD_FUNCTION)}(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`,
};

const postgres: SqlDialect = {
  name: 'postgres',
  instantType: 'timestamptz',
  flagType: 'boolean',
  toInstant: (date) => new Date(date.getTime()),
  fromInstant,
  toFlag: (value) => value,
  addIdentityColumn: (table, name) =>
    table.addColumn(name, 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity()),
  appendOnlyStatements: (table) => [
    `create function ${table}_reject_change() returns trigger language plpgsql as $$
     begin
       raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
         using errcode = 'insufficient_privilege',
               hint = 'Audit rows are evidence; correct a mistake by appending a new row.';
     end
     $$`,
    `create trigger ${table}_no_update_delete before update or delete on ${table}
       for each row execute function ${table}_reject_change()`,
    `create trigger ${table}_no_truncate before truncate on ${table}
       for each statement execute function ${table}_reject_change()`,
  ],
  lockForClaim: (query) => query.forUpdate().skipLocked(),
  transaction: (db, work) => db.transaction().execute(work),
  // btree_gist gives text `=` a GiST operator class. `if not exists`: on a server where the app
  // role may not create extensions, an administrator creates it once and the migration passes.
  bookingOverlapGuardStatements: () => [
    'create extension if not exists btree_gist',
    `alter table bookings add constraint ${BOOKING_OVERLAP_CONSTRAINT}
       exclude using gist (adviser_id with =, tstzrange(start_at, blocked_until, '[)') with &&)
       where (status <> 'cancelled')`,
  ],
  // ON CONFLICT DO NOTHING without a target takes the exclusion constraint as an arbiter: a
  // conflicting insert (also one racing a concurrent, not yet committed insert) inserts nothing
  // and raises nothing, so a caller's transaction is never aborted. The speculative insertion
  // behind it also avoids the deadlock two plain conflicting inserts can end in. The only other
  // arbiter is the random UUID primary key.
  insertBookingIfFree: (db, row) => db.insertInto('bookings').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst(),
  // UPDATE has no ON CONFLICT, so the exclusion violation is caught. Inside a caller's transaction
  // the UPDATE runs under a SAVEPOINT: rolling back to it leaves the caller's transaction usable
  // (without it PostgreSQL would refuse every further statement until ROLLBACK). On its own the
  // UPDATE is one autocommit statement, and the violation ends only that statement.
  async moveBookingIfFree(db, move, inTransaction) {
    if (inTransaction) await sql`savepoint booking_move`.execute(db);
    try {
      const moved = await db
        .updateTable('bookings')
        .set({ start_at: move.start_at, end_at: move.end_at, blocked_until: move.blocked_until, updated_at: move.updated_at })
        .where('id', '=', move.id)
        .where('status', '=', 'booked')
        .returningAll()
        .executeTakeFirst();
      if (inTransaction) await sql`release savepoint booking_move`.execute(db);
      return moved;
    } catch (error) {
      if (!isBookingOverlapError(error)) throw error;
      if (inTransaction) await sql`rollback to savepoint booking_move; release savepoint booking_move`.execute(db);
      return 'slot_taken';
    }
  },
  containsIgnoringCase: (column, text) => sql<SqlBool>`${sql.ref(column)} ilike ${`%${escapeLike(text)}%`} escape '\\'`,
};

/** The dialect helpers for `name`. */
export function sqlDialect(name: DialectName): SqlDialect {
  return name === 'sqlite' ? sqlite : postgres;
}

/** Which dialect `db` speaks, for code handed only the Kysely instance. */
export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/** `count(*)` and bigint identities come back as strings from `pg`; numbers from SQLite. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
