import type { ColumnType } from 'kysely';

/**
 * The tables of Neuvo's own database, as Kysely sees them: one interface for both dialects.
 *
 * Dialect differences are confined to three column kinds, always converted through
 * `SqlDialect` (dialect.ts) and never read raw by callers:
 * - `Instant`: a UTC instant. SQLite stores integer epoch milliseconds (exact, numerically
 *   comparable and indexable, no format or offset ambiguity); PostgreSQL stores `timestamptz`.
 * - `Flag`: SQLite `integer` 0/1 (better-sqlite3 cannot bind booleans); PostgreSQL `boolean`.
 * - `Identity`: SQLite `integer autoincrement`; PostgreSQL `bigint` identity, which `pg`
 *   returns as a string.
 * JSON columns (`roles`, `languages`, `fields`, `reference`, `payload`) are text on both: they
 * are read back whole and never queried inside, so the payload round-trips exactly.
 */
export interface Database {
  municipalities: MunicipalitiesTable;
  staff: StaffTable;
  clients: ClientsTable;
  conversation_references: ConversationReferencesTable;
  processed_activities: ProcessedActivitiesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
}

export type Instant = ColumnType<Date | number, Date | number, Date | number>;
export type NullableInstant = ColumnType<Date | number | null, Date | number | null, Date | number | null>;
export type Flag = ColumnType<boolean | number, boolean | number, boolean | number>;
/** Assigned by the database: never inserted or updated. */
export type Identity = ColumnType<number | string, never, never>;

export interface MunicipalitiesTable {
  code: string;
  name: string;
}

export interface StaffTable {
  id: string;
  entra_object_id: string;
  tenant_id: string;
  display_name: string;
  /** JSON array of StaffRole. */
  roles: string;
  municipality_code: string;
  /** JSON array of ISO 639-1 codes. */
  languages: string;
  active: Flag;
}

export interface ClientsTable {
  id: string;
  municipality_code: string;
  display_name: string;
  preferred_language: string;
  entra_object_id: string | null;
  tenant_id: string | null;
  created_at: Instant;
}

export interface ConversationReferencesTable {
  tenant_id: string;
  user_key: string;
  conversation_id: string;
  service_url: string;
  locale: string | null;
  /** JSON object: the Bot Framework ConversationReference as given. */
  reference: string;
  updated_at: Instant;
}

export interface ProcessedActivitiesTable {
  key: string;
  processed_at: Instant;
  expires_at: Instant;
}

export interface AuditLogTable {
  id: Identity;
  at: Instant;
  actor_id: string;
  actor_tenant_id: string | null;
  action: string;
  client_id: string | null;
  entity_type: string;
  entity_id: string | null;
  /** JSON array of field names. */
  fields: string;
  channel: string;
  outcome: string;
}

export interface OutboxTable {
  id: string;
  topic: string;
  /** JSON value. */
  payload: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  available_at: Instant;
  /** Lease end of the worker that claimed the row; null when nobody holds it. */
  locked_until: NullableInstant;
  last_error: string | null;
  created_at: Instant;
  done_at: NullableInstant;
}
