import type { Insertable, Kysely } from 'kysely';
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

/** Rows per INSERT statement of `appendMany`. */
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
    // 10 parameters a row: 500 rows stay far below SQLite's and PostgreSQL's parameter limits.
    for (let i = 0; i < entries.length; i += APPEND_CHUNK_ROWS) {
      await this.db.insertInto('audit_log').values(entries.slice(i, i + APPEND_CHUNK_ROWS).map((entry) => this.row(entry))).execute();
    }
  }

  private row(entry: AuditEntry): Required<Insertable<AuditLogTable>> {
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
