import type { AuditEntry, StoredAuditEntry } from '../../domain/audit/audit-entry.js';
import type { Municipality } from '../../domain/municipality.js';
import type { NewOutboxMessage, OutboxMessage } from '../../domain/outbox/outbox.js';
import type { Client, LanguageCode, StaffMember, StaffRole } from '../../domain/staff/staff.js';

/**
 * Ports for our own database. Implementations: in-memory (test/fakes), SQLite and PostgreSQL
 * (src/adapters/persistence). One contract suite (test/contract) runs over all of them.
 */

export interface MunicipalityRepository {
  list(): Promise<Municipality[]>;
  get(code: string): Promise<Municipality | undefined>;
  /** Inserts or renames; never deletes (old rows keep their history). */
  upsert(municipality: Municipality): Promise<void>;
}

export interface NewStaffMember {
  readonly entraObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly municipalityCode: string;
  readonly languages: readonly string[];
}

export interface StaffRepository {
  /** Inserts, or updates the row with the same (tenantId, entraObjectId). Returns the stored member. */
  upsert(member: NewStaffMember): Promise<StaffMember>;
  findByEntraId(tenantId: string, entraObjectId: string): Promise<StaffMember | undefined>;
  listByRole(role: StaffRole, municipalityCode?: string): Promise<StaffMember[]>;
}

export interface NewClient {
  readonly municipalityCode: string;
  readonly displayName: string;
  readonly preferredLanguage: LanguageCode;
  readonly entraObjectId?: string;
  readonly tenantId?: string;
}

export interface ClientRepository {
  create(client: NewClient, now: Date): Promise<Client>;
  get(id: string): Promise<Client | undefined>;
  findByEntraId(tenantId: string, entraObjectId: string): Promise<Client | undefined>;
  /** Only clients of one municipality: callers never see another municipality's clients. */
  listByMunicipality(municipalityCode: string, limit: number): Promise<Client[]>;
}

/**
 * A Bot Framework conversation reference kept for proactive messages. `reference` is stored as
 * given; callers strip display names first so no personal data is kept here.
 */
export interface StoredConversationReference {
  readonly tenantId: string;
  /** Entra object id of the user the conversation is with (personal chat), or the conversation id. */
  readonly userKey: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly locale: string | null;
  readonly reference: Record<string, unknown>;
  readonly updatedAt: Date;
}

export interface ConversationReferenceRepository {
  save(ref: StoredConversationReference): Promise<void>;
  find(tenantId: string, userKey: string): Promise<StoredConversationReference | undefined>;
}

export interface ProcessedActivityRepository {
  /**
   * Records that `key` (conversation.id + activity.id) is being handled. Returns `true` the first
   * time and `false` for a redelivery while the record lives, atomically across instances.
   */
  markProcessed(key: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Deletes records whose expiry is before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

export interface AuditFilter {
  readonly clientId?: string;
  readonly actorId?: string;
  readonly limit?: number;
}

export interface AuditLog {
  /** Append-only: there is no update or delete on this port. */
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<StoredAuditEntry[]>;
}

export interface ClaimOptions {
  readonly now: Date;
  readonly limit: number;
  /** A claimed row is invisible to other workers until now + leaseMs (crash → it comes back). */
  readonly leaseMs: number;
}

export interface OutboxRepository {
  enqueue(message: NewOutboxMessage, now: Date): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` pending rows whose `availableAt` ≤ now, oldest first, and leases them.
   * On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED so instances never share a row.
   */
  claim(options: ClaimOptions): Promise<OutboxMessage[]>;
  markDone(id: string, now: Date): Promise<void>;
  /** Records a failed try: back to pending at `retryAt`, attempts + 1. */
  markRetry(id: string, error: string, retryAt: Date): Promise<void>;
  /** Gives up: the row stays for operators with status `dead`. */
  markDead(id: string, error: string, now: Date): Promise<void>;
  get(id: string): Promise<OutboxMessage | undefined>;
  countByStatus(): Promise<Record<'pending' | 'done' | 'dead', number>>;
}

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  readonly municipalities: MunicipalityRepository;
  readonly staff: StaffRepository;
  readonly clients: ClientRepository;
  readonly conversations: ConversationReferenceRepository;
  readonly processedActivities: ProcessedActivityRepository;
  readonly audit: AuditLog;
  readonly outbox: OutboxRepository;
}

/**
 * Runs `work` in one database transaction: the business rows and the outbox rows they cause
 * commit together or not at all. On SQLite the transaction takes the write lock up front
 * (BEGIN IMMEDIATE) so two writers never deadlock on lock upgrade.
 */
export interface UnitOfWork extends Repositories {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Cheap round trip for /readyz. Throws when the database is unreachable. */
  ping(): Promise<void>;
}
