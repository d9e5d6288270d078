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
 * JSON columns (`roles`, `languages`, `fields`, `reference`, `payload`, `topics`) are text on both: they
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
  service_types: ServiceTypesTable;
  adviser_municipalities: AdviserMunicipalitiesTable;
  adviser_topics: AdviserTopicsTable;
  adviser_weekly_hours: AdviserWeeklyHoursTable;
  adviser_absences: AdviserAbsencesTable;
  bookings: BookingsTable;
  intakes: IntakesTable;
  consents: ConsentsTable;
  public_sessions: PublicSessionsTable;
  form_definitions: FormDefinitionsTable;
  associations: AssociationsTable;
  contacts: ContactsTable;
  contact_revisions: ContactRevisionsTable;
  meeting_sessions: MeetingSessionsTable;
  municipal_figures: MunicipalFiguresTable;
  contact_month_counts: ContactMonthCountsTable;
  // ── expert channel (issue 5) ──
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_posts: TicketPostsTable;
  kb_articles: KbArticlesTable;
  expert_rota: ExpertRotaTable;
  channels: ChannelsTable;
  trainings: TrainingsTable;
  training_signups: TrainingSignupsTable;
  // ── retention purge and erasure (issue 7) ──
  erasure_requests: ErasureRequestsTable;
  // ── end expert channel ──
  // ── card action tokens (issue 7, ADR 14) ──
  card_action_tokens: CardActionTokensTable;
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
  /** The adviser's Exchange mailbox (UPN) for getSchedule; null = none. Set only by the schedule repository. */
  mailbox: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** IANA zone the Teams client last reported (migration 0006); null when unknown. */
  time_zone: string | null;
}

/** A public booking page session; `token_hash` is the SHA-256 (hex) of the bearer token. */
export interface PublicSessionsTable {
  token_hash: string;
  client_id: string;
  created_at: Instant;
  expires_at: Instant;
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

export interface ServiceTypesTable {
  code: string;
  length_minutes: number;
  buffer_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  slot_step_minutes: number;
}

/** The municipalities an adviser takes clients from (not where the adviser is employed). */
export interface AdviserMunicipalitiesTable {
  adviser_id: string;
  municipality_code: string;
}

export interface AdviserTopicsTable {
  adviser_id: string;
  topic: string;
}

/** Working hours as minutes after Helsinki midnight, end exclusive (CHECK weekday 1..7, start < end ≤ 1440). */
export interface AdviserWeeklyHoursTable {
  adviser_id: string;
  weekday: number;
  start_min: number;
  end_min: number;
}

export interface AdviserAbsencesTable {
  id: string;
  adviser_id: string;
  start_at: Instant;
  end_at: Instant;
}

/**
 * One appointment. [start_at, blocked_until) of non-cancelled rows never overlap per adviser:
 * enforced by the database (PostgreSQL exclusion constraint, SQLite triggers; dialect.ts).
 */
export interface BookingsTable {
  id: string;
  client_id: string;
  adviser_id: string;
  service_type_code: string;
  municipality_code: string;
  start_at: Instant;
  end_at: Instant;
  blocked_until: Instant;
  status: string;
  language: string;
  interpreter_language: string | null;
  /** JSON array of TopicCode. */
  topics: string;
  created_at: Instant;
  /** Last change (create, cancel, reschedule). */
  updated_at: Instant;
  cancelled_at: NullableInstant;
  /** Set once Graph created the Teams meeting (both or neither). */
  meeting_join_url: string | null;
  meeting_id: string | null;
  /** The meeting chat's thread id from the join link (migration 0007): meeting events find the booking by it. */
  meeting_thread_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A client's intake. Personal data kept whole in one JSON column, so a retention purge deletes one row. */
export interface IntakesTable {
  id: string;
  client_id: string;
  /** JSON object: the Intake as given. */
  payload: string;
  created_at: Instant;
}

/** Consent history, one row per decision; a withdrawal is a new row with given = false. */
export interface ConsentsTable {
  id: Identity;
  client_id: string;
  purpose: string;
  given: Flag;
  recorded_at: Instant;
  recorded_by: string;
}

/** A version of an electronic form (migration 0007); `definition` is the FormDefinition as JSON. */
export interface FormDefinitionsTable {
  form_id: string;
  version: number;
  definition: string;
  created_at: Instant;
  created_by: string;
}

/** A 3rd-sector partner that clients are referred to. */
export interface AssociationsTable {
  id: string;
  name: string;
  municipality_code: string;
  /** JSON array of ISO 639-1 codes. */
  languages: string;
  activities: string;
  contact_info: string;
  active: Flag;
}

/** One contact of the client register; `topics`, `services` and `referrals` are JSON arrays. */
export interface ContactsTable {
  id: string;
  client_id: string;
  municipality_code: string;
  adviser_id: string;
  booking_id: string | null;
  channel: string;
  started_at: Instant;
  duration_minutes: number;
  language: string;
  interpreter_used: Flag;
  topics: string;
  services: string;
  referrals: string;
  follow_up_on: string | null;
  outcome: string;
  notes: string;
  form_version: number;
  revision: number;
  created_at: Instant;
  updated_at: Instant;
}

/** Every version of a contact's details (JSON), first version included: its change history. */
export interface ContactRevisionsTable {
  contact_id: string;
  revision: number;
  details: string;
  changed_by: string;
  reason: string | null;
  changed_at: Instant;
}

/** What Teams' meeting events told us about a booking's meeting. */
export interface MeetingSessionsTable {
  booking_id: string;
  conversation_id: string;
  started_at: NullableInstant;
  ended_at: NullableInstant;
  client_joined_at: NullableInstant;
  no_show_at: NullableInstant;
  contact_prompted_at: NullableInstant;
}

/** Per municipality and year: the coordinator's contact target and the foreign residents the cost share is split by (0009). */
export interface MunicipalFiguresTable {
  municipality_code: string;
  year: number;
  contact_target: number | null;
  foreign_residents: number | null;
  updated_at: Instant;
  updated_by: string;
}

/**
 * Contact counts per municipality, Helsinki month ("YYYY-MM"), dimension and code (0010), kept in
 * the transaction of every contact write; the reports read them instead of a year of contacts.
 */
export interface ContactMonthCountsTable {
  municipality_code: string;
  month: string;
  dimension: string;
  code: string;
  count: number;
}

// ── expert channel (issue 5) ── tables of migration 0011; see kysely-expert-repositories.ts.

/** A question from municipal staff to the experts. */
export interface TicketsTable {
  id: string;
  /**
   * The short number on cards. PostgreSQL: an identity (never inserted; `pg` returns a string);
   * SQLite: max + 1, given by the INSERT.
   */
  number: ColumnType<number | string, number | undefined, never>;
  asker_id: string;
  municipality_code: string;
  topic: string;
  urgency: string;
  language: string;
  question: string;
  status: string;
  assignee_id: string | null;
  answer: string | null;
  created_at: Instant;
  first_claimed_at: NullableInstant;
  first_answered_at: NullableInstant;
  claim_due_at: Instant;
  escalated_at: NullableInstant;
  updated_at: Instant;
  revision: number;
}

/** A ticket's thread; `id` orders it. */
export interface TicketEventsTable {
  id: Identity;
  ticket_id: string;
  at: Instant;
  actor_id: string;
  kind: string;
  text: string | null;
}

/** Where the ticket's card is in the experts' channel. */
export interface TicketPostsTable {
  ticket_id: string;
  conversation_id: string;
  activity_id: string;
}

/**
 * Knowledge-base articles. The search index is not a column here: SQLite keeps the FTS5 table
 * `kb_articles_fts`, PostgreSQL the generated column `search_vector` (migration 0011); both are read
 * with raw SQL in the repository only.
 */
export interface KbArticlesTable {
  id: string;
  ticket_id: string | null;
  question: string;
  answer: string;
  topic: string;
  language: string;
  /** Helsinki date "YYYY-MM-DD". */
  review_by: string;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

/** The on-duty backup rota: Helsinki dates "YYYY-MM-DD", both inclusive. */
export interface ExpertRotaTable {
  expert_id: string;
  from_date: string;
  to_date: string;
}

/** The Teams channels Neuvo posts in, one per purpose. */
export interface ChannelsTable {
  purpose: string;
  tenant_id: string;
  conversation_id: string;
  /** JSON object: the Bot Framework ConversationReference. */
  reference: string;
  set_by: string;
  set_at: Instant;
}

export interface TrainingsTable {
  id: string;
  title: string;
  description: string;
  starts_at: Instant;
  location: string;
  /** Null: no limit. */
  capacity: number | null;
  created_by: string;
  created_at: Instant;
}

export interface TrainingSignupsTable {
  training_id: string;
  staff_id: string;
  signed_up_at: Instant;
}
// ── end expert channel ──

/** A data subject's erasure request and its outcome (0012): ids, codes and instants only. */
export interface ErasureRequestsTable {
  id: string;
  client_id: string;
  municipality_code: string;
  requested_at: Instant;
  recorded_by: string;
  outcome: string;
  /** JSON array of category names. */
  erased: string;
  /** JSON array of category names. */
  kept: string;
  kept_reason: string | null;
  kept_until: NullableInstant;
}

/** Card action tokens (migration 0014): the SHA-256 of each token and what it is bound to. */
export interface CardActionTokensTable {
  token_hash: string;
  tenant_id: string;
  /** null = any member of the conversation may press. */
  user_key: string | null;
  conversation_id: string;
  verb: string;
  entity_id: string;
  single_use: Flag;
  created_at: Instant;
  expires_at: Instant;
  used_at: NullableInstant;
}
