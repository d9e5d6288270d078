import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

/**
 * Neuvo's SQLite driver for Kysely (ADR 8). It replaces Kysely's stock `SqliteDriver` for two
 * reasons measured on the booking turn:
 *
 * 1. **Prepared statements are cached.** The stock driver calls `db.prepare(sql)` for every query
 *    (≈ 50 µs each, about 20 per turn). Here each connection keeps an LRU of its statements,
 *    keyed by the exact SQL text.
 * 2. **Group commit** (file databases). Every commit with `synchronous=FULL` waits for an fsync
 *    that blocks the event loop, and a booking turn used to commit three times (redelivery mark,
 *    conversation reference, booking). Here the writes of all turns that reach the database in
 *    the same event-loop turn share ONE transaction, committed (one fsync) on the next
 *    `setImmediate`:
 *    - an autocommit write (one statement) runs at once inside the open group transaction; its
 *      caller gets the result only after the group's COMMIT returned, i.e. once it is durable;
 *    - a unit-of-work transaction (`db.transaction()`) runs under the writer lock as a SAVEPOINT
 *      of the group: it is atomic on its own (rollback to the savepoint undoes exactly its rows)
 *      and its `commit` resolves only after the group's COMMIT;
 *    - if the group's COMMIT fails, or SQLite rolls the whole transaction back (disk full, I/O
 *      error), every member of the group is rejected: nothing is reported done that is not
 *      durable;
 *    - reads outside a transaction run on a second, read-only connection, which sees only
 *      committed data (WAL snapshot), never a pending group.
 *    The group takes SQLite's write lock with BEGIN IMMEDIATE, so across processes it behaves
 *    like one transaction. Waiting for another process's lock is asynchronous here (retries until
 *    `busyTimeoutMs`), not a blocking busy handler: the event loop keeps running, and a second
 *    connection to the same file in the same process (tests' "peer") cannot deadlock against a
 *    group waiting for its `setImmediate`.
 *
 * `:memory:` databases have no second connection (it would be another database), so they run
 * without groups: every statement and transaction on the one connection, one at a time, with
 * BEGIN IMMEDIATE — Kysely's stock behaviour plus the statement cache.
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #options: GroupCommitOptions;

  constructor(options: GroupCommitOptions) {
    // The stock dialect supplies the adapter (so `dialectOf` still sees SqliteAdapter), the query
    // compiler and the introspector; only the driver is ours.
    super({ database: options.writer });
    this.#options = options;
  }

  override createDriver(): Driver {
    return new GroupCommitSqliteDriver(this.#options);
  }
}

export interface GroupCommitOptions {
  /** The read-write connection, pragmas already set. */
  readonly writer: BetterSqlite3.Database;
  /** A read-only connection to the same file: enables group commit. Absent for `:memory:`. */
  readonly reader?: BetterSqlite3.Database;
  /** How long to wait for another process's write lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
}

/** Statements kept per connection; `in (?, ?, …)` lists of different lengths are distinct SQL. */
const STATEMENT_CACHE_SIZE = 500;
/** The outermost savepoint name of a unit-of-work transaction inside a group. */
const TX_SAVEPOINT = 'neuvo_unit_of_work';

interface Group {
  /** Set when SQLite rolled the group's transaction back (or its COMMIT failed). */
  error?: unknown;
  readonly committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

class GroupCommitSqliteDriver implements Driver {
  readonly #writer: BetterSqlite3.Database;
  readonly #reader: BetterSqlite3.Database | undefined;
  readonly #writerStatements: StatementCache;
  readonly #readerStatements: StatementCache | undefined;
  readonly #busyTimeoutMs: number;
  /** Held by one writer at a time: an autocommit write, a transaction, or the group's COMMIT. */
  readonly #writeLock = new FifoLock();
  #group: Group | undefined;
  #destroyed = false;

  constructor(options: GroupCommitOptions) {
    this.#writer = options.writer;
    this.#reader = options.reader;
    this.#writerStatements = new StatementCache(options.writer);
    this.#readerStatements = options.reader ? new StatementCache(options.reader) : undefined;
    this.#busyTimeoutMs = options.busyTimeoutMs;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).rollback();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A transaction Kysely gave up on without commit or rollback must not keep the lock.
    await (connection as Connection).rollback();
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    await this.#writeLock.lock();
    try {
      const group = this.#group;
      if (group) this.#commitGroup(group);
    } finally {
      this.#writeLock.unlock();
    }
    this.#reader?.close();
    this.#writer.close();
  }

  // --- used by Connection -------------------------------------------------------------------

  /** One statement outside a transaction. */
  async autocommit(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const statement = this.#writerStatements.get(query.sql);
    if (this.#reader && this.#readerStatements && statement.reader && statement.readonly) {
      // A plain read: committed data only, never blocked by the writer.
      return execute(this.#readerStatements.get(query.sql), query.parameters);
    }
    await this.#writeLock.lock();
    if (!this.#reader) {
      try {
        return execute(statement, query.parameters);
      } finally {
        this.#writeLock.unlock();
      }
    }
    let group: Group;
    let result: QueryResult<unknown>;
    try {
      group = await this.#openGroup();
      try {
        result = execute(statement, query.parameters);
      } finally {
        this.#checkGroup(group);
      }
    } finally {
      this.#writeLock.unlock();
    }
    await group.committed;
    return result;
  }

  /**
   * A statement of a transaction the caller holds the write lock for. If SQLite rolled the whole
   * transaction back, this and every later statement of it fail: they must not run in autocommit.
   */
  inTransaction(query: CompiledQuery, group: Group | undefined): QueryResult<unknown> {
    if (group?.error !== undefined) throw group.error;
    let result: QueryResult<unknown>;
    try {
      result = execute(this.#writerStatements.get(query.sql), query.parameters);
    } catch (error) {
      if (group) this.#checkGroup(group);
      throw error;
    }
    if (!this.#writer.inTransaction) {
      const lost = new Error('SQLite rolled back the transaction; nothing of it was committed.');
      if (group) group.error ??= lost;
      if (group && this.#group === group) this.#group = undefined;
      throw lost;
    }
    return result;
  }

  /** Takes the write lock and starts a transaction (a savepoint of the group when grouping). */
  async begin(): Promise<Group | undefined> {
    await this.#writeLock.lock();
    try {
      if (!this.#reader) {
        await this.#beginImmediate();
        return undefined;
      }
      const group = await this.#openGroup();
      try {
        this.#writer.exec(`savepoint ${TX_SAVEPOINT}`);
      } finally {
        this.#checkGroup(group);
      }
      return group;
    } catch (error) {
      this.#writeLock.unlock();
      throw error;
    }
  }

  /** Ends the transaction `begin` started; resolves once it is durable. Releases the write lock. */
  async commit(group: Group | undefined): Promise<void> {
    try {
      if (!group) {
        try {
          this.#writer.exec('commit');
        } catch (error) {
          if (this.#writer.inTransaction) this.#writer.exec('rollback');
          throw error;
        }
        return;
      }
      if (group.error !== undefined) throw group.error;
      try {
        this.#writer.exec(`release ${TX_SAVEPOINT}`);
      } finally {
        this.#checkGroup(group);
      }
    } finally {
      this.#writeLock.unlock();
    }
    await group.committed;
  }

  /** Undoes the transaction `begin` started (only its own rows); releases the write lock. */
  rollback(group: Group | undefined): void {
    try {
      if (!group) {
        if (this.#writer.inTransaction) this.#writer.exec('rollback');
        return;
      }
      // After SQLite rolled the whole group back there is no savepoint left to roll back to.
      if (group.error === undefined && this.#group === group && this.#writer.inTransaction) {
        this.#writer.exec(`rollback to ${TX_SAVEPOINT}; release ${TX_SAVEPOINT}`);
      }
    } finally {
      this.#writeLock.unlock();
    }
  }

  // --- the group ------------------------------------------------------------------------------

  /** The open group, or a new one (BEGIN IMMEDIATE) committed on the next turn. Caller holds the lock. */
  async #openGroup(): Promise<Group> {
    if (this.#group) return this.#group;
    await this.#beginImmediate();
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Members await `committed` themselves; this only keeps a group nobody waits for (a lone
    // rolled-back transaction) from reporting an unhandled rejection.
    committed.catch(() => undefined);
    const group: Group = { committed, resolve, reject };
    this.#group = group;
    void this.#flushSoon(group);
    return group;
  }

  async #flushSoon(group: Group): Promise<void> {
    await nextTurn();
    await this.#writeLock.lock();
    try {
      if (this.#group === group) this.#commitGroup(group);
      else group.reject(group.error ?? new Error('SQLite group transaction ended unexpectedly.'));
    } finally {
      this.#writeLock.unlock();
    }
  }

  /** COMMIT (one fsync) and settle every member. Caller holds the lock; `group` is current. */
  #commitGroup(group: Group): void {
    this.#group = undefined;
    if (group.error !== undefined) {
      if (this.#writer.inTransaction) this.#writer.exec('rollback');
      group.reject(group.error);
      return;
    }
    try {
      this.#writer.exec('commit');
      group.resolve();
    } catch (error) {
      if (this.#writer.inTransaction) this.#writer.exec('rollback');
      group.reject(error);
    }
  }

  /**
   * After a statement: if SQLite rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR,
   * RAISE(ROLLBACK)…), the group is lost: its members will be rejected, new writes open a new one.
   */
  #checkGroup(group: Group): void {
    if (this.#group === group && !this.#writer.inTransaction) {
      group.error ??= new Error('SQLite rolled back the group transaction; nothing of it was committed.');
      this.#group = undefined;
    }
  }

  /** BEGIN IMMEDIATE, waiting asynchronously (not in SQLite's busy handler) for another process. */
  async #beginImmediate(): Promise<void> {
    const deadline = Date.now() + this.#busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      try {
        this.#writer.exec('begin immediate');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      }
      await sleep(wait);
    }
  }
}

/** One Kysely "connection": a view of the driver; inside a transaction it holds the write lock. */
class Connection implements DatabaseConnection {
  #transaction: { group: Group | undefined } | undefined;

  constructor(private readonly driver: GroupCommitSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.#transaction ? this.driver.inTransaction(query, this.#transaction.group) : await this.driver.autocommit(query);
    return result as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Rows are read whole (a cached statement cannot be iterated twice at once); Neuvo never streams.
    const { rows } = await this.executeQuery<R>(query);
    for (const row of rows) yield { rows: [row] };
  }

  async begin(): Promise<void> {
    if (this.#transaction) throw new Error('SQLite: transactions do not nest; use savepoints.');
    this.#transaction = { group: await this.driver.begin() };
  }

  async commit(): Promise<void> {
    const transaction = this.#takeTransaction();
    await this.driver.commit(transaction.group);
  }

  /** No-op when `commit` already ended the transaction (Kysely rolls back after a failed commit). */
  async rollback(): Promise<void> {
    if (this.#transaction) this.driver.rollback(this.#takeTransaction().group);
  }

  #takeTransaction(): { group: Group | undefined } {
    const transaction = this.#transaction;
    if (!transaction) throw new Error('SQLite: no transaction is open on this connection.');
    this.#transaction = undefined;
    return transaction;
  }
}

function execute(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Prepared statements by SQL text, least recently used evicted first. */
class StatementCache {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (statement) {
      this.#statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, statement);
    return statement;
  }
}

/** A first-in-first-out async lock. */
class FifoLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}
