import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from '../../domain/outbox/outbox.js';
import type { ClaimOptions, OutboxRepository } from '../../use-cases/ports/repositories.js';
import type { Database, OutboxTable } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

const insertMessage = preparedQuery<Required<Insertable<OutboxTable>>, Selectable<OutboxTable>>((db, p) =>
  db
    .insertInto('outbox')
    .values({
      id: p('id'),
      topic: p('topic'),
      payload: p('payload'),
      idempotency_key: p('idempotency_key'),
      status: p('status'),
      attempts: p('attempts'),
      available_at: p('available_at'),
      locked_until: p('locked_until'),
      last_error: p('last_error'),
      created_at: p('created_at'),
      done_at: p('done_at'),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll(),
);

/** Longest `last_error` kept; receivers sometimes answer with whole HTML pages. */
const MAX_ERROR_LENGTH = 2000;

/**
 * The transactional outbox. A row is claimable when it is pending, due (`available_at` ≤ now)
 * and not leased (`locked_until` null or past). `markDone`/`markRetry`/`markDead` touch pending
 * rows only, so a worker whose lease ran out cannot undo another worker's delivery.
 */
export class KyselyOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  /**
   * Idempotent on `idempotencyKey`: enqueueing a key that exists returns the existing message
   * unchanged and adds nothing. ON CONFLICT DO NOTHING rather than catching a unique violation,
   * because on PostgreSQL the violation would abort the caller's whole transaction.
   */
  async enqueue(message: NewOutboxMessage, now: Date): Promise<OutboxMessage> {
    const id = randomUUID();
    const idempotencyKey = message.idempotencyKey ?? id;
    const [inserted] = (
      await insertMessage(this.db, {
        id,
        topic: message.topic,
        payload: toJson(message.payload),
        idempotency_key: idempotencyKey,
        status: 'pending',
        attempts: 0,
        available_at: this.dialect.toInstant(message.availableAt ?? now),
        locked_until: null,
        last_error: null,
        created_at: this.dialect.toInstant(now),
        done_at: null,
      })
    ).rows;
    const row =
      inserted ??
      (await this.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow());
    return this.toMessage(row);
  }

  async claim(options: ClaimOptions): Promise<OutboxMessage[]> {
    if (options.limit <= 0) return [];
    const now = this.dialect.toInstant(options.now);
    const leasedUntil = this.dialect.toInstant(new Date(options.now.getTime() + options.leaseMs));
    const due = this.dialect.lockForClaim(
      this.db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('available_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .orderBy('available_at')
        .orderBy('created_at')
        .orderBy('id')
        .limit(options.limit),
    );
    const rows = await this.db
      .updateTable('outbox')
      .set({ locked_until: leasedUntil })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    // RETURNING order is unspecified on both dialects.
    return rows.map((row) => this.toMessage(row)).sort(oldestFirst);
  }

  async markDone(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'done', done_at: this.dialect.toInstant(now), locked_until: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async markRetry(id: string, error: string, retryAt: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        available_at: this.dialect.toInstant(retryAt),
        locked_until: null,
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Counts the failed try too; `done_at` records when the row left the queue. */
  async markDead(id: string, error: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'dead',
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        done_at: this.dialect.toInstant(now),
        locked_until: null,
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : this.toMessage(row);
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .groupBy('status')
      .execute();
    const counts: Record<OutboxStatus, number> = { pending: 0, done: 0, dead: 0 };
    for (const row of rows) counts[row.status as OutboxStatus] = toNumber(row.count);
    return counts;
  }

  async listDead(options: { readonly topicPrefix: string; readonly limit: number }): Promise<OutboxMessage[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'dead')
      // Prefix match without LIKE, so a topic's "_" or "%" is never a wildcard.
      .where((eb) => eb(eb.fn('substr', ['topic', eb.val(1), eb.val(options.topicPrefix.length)]), '=', options.topicPrefix))
      .orderBy('done_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map((row) => this.toMessage(row));
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, available_at: this.dialect.toInstant(now), locked_until: null, done_at: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }

  private toMessage(row: Selectable<OutboxTable>): OutboxMessage {
    return {
      id: row.id,
      topic: row.topic,
      payload: JSON.parse(row.payload) as unknown,
      idempotencyKey: row.idempotency_key,
      status: row.status as OutboxStatus,
      attempts: row.attempts,
      availableAt: this.dialect.fromInstant(row.available_at),
      lastError: row.last_error,
      createdAt: this.dialect.fromInstant(row.created_at),
    };
  }
}

function toJson(payload: unknown): string {
  const json = JSON.stringify(payload);
  if (json === undefined) {
    throw new TypeError('Outbox payload must be JSON-serialisable (got undefined, a function or a symbol).');
  }
  return json;
}

function oldestFirst(a: OutboxMessage, b: OutboxMessage): number {
  return (
    a.availableAt.getTime() - b.availableAt.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
