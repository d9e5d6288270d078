import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditChannel, AuditEntry, AuditOutcome, StoredAuditEntry } from '../../domain/audit/audit-entry.js';
import type { AuditFilter, AuditLog } from '../../use-cases/ports/repositories.js';
import type { AuditLogTable, Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

const insertEntry = preparedQuery<Required<Insertable<AuditLogTable>>, never>((db, p) =>
  db.insertInto('audit_log').values({
    at: p('at'),
    actor_id: p('actor_id'),
    actor_tenant_id: p('actor_tenant_id'),
    action: p('action'),
    client_id: p('client_id'),
    entity_type: p('entity_type'),
    entity_id: p('entity_id'),
    fields: p('fields'),
    channel: p('channel'),
    outcome: p('outcome'),
  }),
);

type AuditRow = Required<Insertable<AuditLogTable>>;
const AUDIT_COLUMNS = ['at', 'actor_id', 'actor_tenant_id', 'action', 'client_id', 'entity_type', 'entity_id', 'fields', 'channel', 'outcome'] as const;

/**
 * PostgreSQL: many rows as one array per column, `insert … select from unnest(…)`. The SQL text is
 * the same for any number of rows, so it is built once, and ten parameters travel instead of ten
 * per row: a session-log page of 50 clients was 500 parameters for Kysely to build and the server
 * to bind on every request (docs/bench.md).
 */
const insertManyPostgres = preparedQuery<Record<(typeof AUDIT_COLUMNS)[number], readonly unknown[]>, never>((db, p) =>
  db
    .insertInto('audit_log')
    .columns([...AUDIT_COLUMNS])
    .expression(
      sql`select * from unnest(${p('at')}::timestamptz[], ${p('actor_id')}::text[], ${p('actor_tenant_id')}::text[], ${p('action')}::text[], ${p('client_id')}::text[], ${p('entity_type')}::text[], ${p('entity_id')}::text[], ${p('fields')}::text[], ${p('channel')}::text[], ${p('outcome')}::text[])`,
    ),
);

/** Rows per INSERT statement of `appendMany` on SQLite. */
const APPEND_CHUNK_ROWS = 500;

/** How many entries `list` returns when the filter sets no limit. */
export const DEFAULT_AUDIT_LIST_LIMIT = 100;

/**
 * The audit trail. Append-only in the database itself (triggers from the first migration reject
 * UPDATE and DELETE), so not even a bug elsewhere in the app can rewrite it.
 */
export class KyselyAuditLog implements AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await insertEntry(this.db, this.row(entry));
  }

  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.dialect.name === 'postgres') {
      const rows = entries.map((entry) => this.row(entry));
      const columns = Object.fromEntries(AUDIT_COLUMNS.map((name) => [name, rows.map((row) => row[name])]));
      await insertManyPostgres(this.db, columns as Record<(typeof AUDIT_COLUMNS)[number], unknown[]>);
      return;
    }
    // SQLite: 10 parameters a row; 500 rows stay far below its parameter limit.
    for (let i = 0; i < entries.length; i += APPEND_CHUNK_ROWS) {
      await this.db
        .insertInto('audit_log')
        .values(entries.slice(i, i + APPEND_CHUNK_ROWS).map((entry) => this.row(entry)))
        .execute();
    }
  }

  private row(entry: AuditEntry): AuditRow {
    return {
      at: this.dialect.toInstant(entry.at),
      actor_id: entry.actorId,
      actor_tenant_id: entry.actorTenantId,
      action: entry.action,
      client_id: entry.clientId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      fields: JSON.stringify(entry.fields),
      channel: entry.channel,
      outcome: entry.outcome,
    };
  }

  /** Newest first (by `at`, then by insertion order). */
  async list(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? DEFAULT_AUDIT_LIST_LIMIT);
    if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
    if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
    const before = filter.before;
    if (before !== undefined) {
      const at = this.dialect.toInstant(before.at);
      query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', before.id)])]));
    }
    const rows = await query.execute();
    return rows.map((row) => ({
      id: toNumber(row.id),
      at: this.dialect.fromInstant(row.at),
      actorId: row.actor_id,
      actorTenantId: row.actor_tenant_id,
      action: row.action,
      clientId: row.client_id,
      entityType: row.entity_type,
      entityId: row.entity_id,
      fields: JSON.parse(row.fields) as string[],
      channel: row.channel as AuditChannel,
      outcome: row.outcome as AuditOutcome,
    }));
  }
}
