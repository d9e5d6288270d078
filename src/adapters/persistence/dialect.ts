import { SqliteAdapter, sql, type CreateTableBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './database.js';

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
   * (BEGIN IMMEDIATE): Kysely's `db.transaction()` issues a deferred BEGIN, and a deferred reader
   * that later writes fails with SQLITE_BUSY instead of waiting when another writer got there first.
   */
  transaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
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
  async transaction(db, work) {
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        // Rolls back a failed commit too; "no transaction is active" after SQLite's own automatic
        // rollback is harmless, and the original error is the one worth reporting.
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  },
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
