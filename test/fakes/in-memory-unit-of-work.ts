import { randomUUID } from 'node:crypto';
import type { AuditEntry, StoredAuditEntry } from '../../src/domain/audit/audit-entry.js';
import type { Municipality } from '../../src/domain/municipality.js';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from '../../src/domain/outbox/outbox.js';
import type { Client, StaffMember, StaffRole } from '../../src/domain/staff/staff.js';
import type {
  AuditFilter,
  AuditLog,
  ClaimOptions,
  ClientRepository,
  ConversationReferenceRepository,
  MunicipalityRepository,
  NewClient,
  NewStaffMember,
  OutboxRepository,
  ProcessedActivityRepository,
  Repositories,
  StaffRepository,
  StoredConversationReference,
  UnitOfWork,
} from '../../src/use-cases/ports/repositories.js';

/**
 * A strict in-memory UnitOfWork for unit tests. It follows the Kysely implementation wherever the
 * contract suites (test/contract) can tell: foreign key on a client's municipality, staff unique
 * per (tenant, Entra id), idempotent enqueue per idempotency key, claim leases, dedupe with
 * expiry, newest-first lists, rollback of every table when a transaction throws. Values are
 * copied in and out, so a caller mutating an object cannot change what is "stored"; outbox
 * payloads make a JSON round trip, as they do in the database.
 *
 * Transactions run one at a time (like SQLite's BEGIN IMMEDIATE). Calls on the outer
 * repositories are not held back while a transaction runs; they see its uncommitted writes.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  readonly municipalities: MunicipalityRepository;
  readonly staff: StaffRepository;
  readonly clients: ClientRepository;
  readonly conversations: ConversationReferenceRepository;
  readonly processedActivities: ProcessedActivityRepository;
  readonly audit: AuditLog;
  readonly outbox: OutboxRepository;

  /** Pass another instance's `store` to model a second app instance on the same database. */
  constructor(readonly store: InMemoryStore = new InMemoryStore()) {
    this.municipalities = new InMemoryMunicipalityRepository(store);
    this.staff = new InMemoryStaffRepository(store);
    this.clients = new InMemoryClientRepository(store);
    this.conversations = new InMemoryConversationReferenceRepository(store);
    this.processedActivities = new InMemoryProcessedActivityRepository(store);
    this.audit = new InMemoryAuditLog(store);
    this.outbox = new InMemoryOutboxRepository(store);
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.store.exclusive(async () => {
      const snapshot = structuredClone(this.store.tables);
      try {
        return await work(this.repositories());
      } catch (error) {
        this.store.tables = snapshot;
        throw error;
      }
    });
  }

  async ping(): Promise<void> {
    if (this.store.unreachable) throw new Error('InMemoryUnitOfWork: database unreachable (set by the test).');
  }

  private repositories(): Repositories {
    const { municipalities, staff, clients, conversations, processedActivities, audit, outbox } = this;
    return { municipalities, staff, clients, conversations, processedActivities, audit, outbox };
  }
}

interface OutboxRow {
  readonly message: OutboxMessage;
  readonly lockedUntil: Date | null;
  readonly doneAt: Date | null;
}

interface Tables {
  municipalities: Map<string, Municipality>;
  staff: Map<string, StaffMember>;
  clients: Map<string, Client>;
  conversations: Map<string, StoredConversationReference>;
  processedActivities: Map<string, { processedAt: Date; expiresAt: Date }>;
  audit: StoredAuditEntry[];
  outbox: Map<string, OutboxRow>;
  nextAuditId: number;
}

/** The fake's "database": shared by every InMemoryUnitOfWork built on it. */
export class InMemoryStore {
  tables: Tables = {
    municipalities: new Map(),
    staff: new Map(),
    clients: new Map(),
    conversations: new Map(),
    processedActivities: new Map(),
    audit: [],
    outbox: new Map(),
    nextAuditId: 1,
  };
  /** Set to make `ping` throw, as a /readyz test needs. */
  unreachable = false;
  private queue: Promise<unknown> = Promise.resolve();

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const copy = <T>(value: T): T => structuredClone(value);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class InMemoryMunicipalityRepository implements MunicipalityRepository {
  constructor(private readonly store: InMemoryStore) {}

  async list(): Promise<Municipality[]> {
    return [...this.store.tables.municipalities.values()].sort((a, b) => byText(a.code, b.code)).map(copy);
  }

  async get(code: string): Promise<Municipality | undefined> {
    const found = this.store.tables.municipalities.get(code);
    return found && copy(found);
  }

  async upsert(municipality: Municipality): Promise<void> {
    this.store.tables.municipalities.set(municipality.code, { code: municipality.code, name: municipality.name });
  }
}

class InMemoryStaffRepository implements StaffRepository {
  constructor(private readonly store: InMemoryStore) {}

  async upsert(member: NewStaffMember): Promise<StaffMember> {
    const existing = this.find(member.tenantId, member.entraObjectId);
    const stored: StaffMember = {
      id: existing?.id ?? randomUUID(),
      entraObjectId: member.entraObjectId,
      tenantId: member.tenantId,
      displayName: member.displayName,
      roles: [...member.roles],
      municipalityCode: member.municipalityCode,
      languages: [...member.languages],
      active: existing?.active ?? true,
    };
    this.store.tables.staff.set(stored.id, stored);
    return copy(stored);
  }

  async findByEntraId(tenantId: string, entraObjectId: string): Promise<StaffMember | undefined> {
    const found = this.find(tenantId, entraObjectId);
    return found && copy(found);
  }

  async listByRole(role: StaffRole, municipalityCode?: string): Promise<StaffMember[]> {
    return [...this.store.tables.staff.values()]
      .filter((m) => m.active && m.roles.includes(role) && (municipalityCode === undefined || m.municipalityCode === municipalityCode))
      .sort((a, b) => byText(a.displayName, b.displayName) || byText(a.id, b.id))
      .map(copy);
  }

  private find(tenantId: string, entraObjectId: string): StaffMember | undefined {
    return [...this.store.tables.staff.values()].find((m) => m.tenantId === tenantId && m.entraObjectId === entraObjectId);
  }
}

class InMemoryClientRepository implements ClientRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(client: NewClient, now: Date): Promise<Client> {
    if (!this.store.tables.municipalities.has(client.municipalityCode)) {
      throw new Error(`FOREIGN KEY constraint failed: no municipality "${client.municipalityCode}" (InMemoryUnitOfWork).`);
    }
    const stored: Client = {
      id: randomUUID(),
      municipalityCode: client.municipalityCode,
      displayName: client.displayName,
      preferredLanguage: client.preferredLanguage,
      ...(client.entraObjectId === undefined ? {} : { entraObjectId: client.entraObjectId }),
      ...(client.tenantId === undefined ? {} : { tenantId: client.tenantId }),
      createdAt: new Date(now.getTime()),
    };
    this.store.tables.clients.set(stored.id, stored);
    return copy(stored);
  }

  async get(id: string): Promise<Client | undefined> {
    const found = this.store.tables.clients.get(id);
    return found && copy(found);
  }

  async findByEntraId(tenantId: string, entraObjectId: string): Promise<Client | undefined> {
    const found = [...this.store.tables.clients.values()]
      .filter((c) => c.tenantId === tenantId && c.entraObjectId === entraObjectId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    return found && copy(found);
  }

  async listByMunicipality(municipalityCode: string, limit: number): Promise<Client[]> {
    return [...this.store.tables.clients.values()]
      .filter((c) => c.municipalityCode === municipalityCode)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byText(b.id, a.id))
      .slice(0, Math.max(0, limit))
      .map(copy);
  }
}

class InMemoryConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(private readonly store: InMemoryStore) {}

  async save(ref: StoredConversationReference): Promise<void> {
    this.store.tables.conversations.set(JSON.stringify([ref.tenantId, ref.userKey]), {
      ...copy(ref),
      reference: JSON.parse(JSON.stringify(ref.reference)) as Record<string, unknown>,
    });
  }

  async find(tenantId: string, userKey: string): Promise<StoredConversationReference | undefined> {
    const found = this.store.tables.conversations.get(JSON.stringify([tenantId, userKey]));
    return found && copy(found);
  }
}

class InMemoryProcessedActivityRepository implements ProcessedActivityRepository {
  constructor(private readonly store: InMemoryStore) {}

  async markProcessed(key: string, now: Date, expiresAt: Date): Promise<boolean> {
    const existing = this.store.tables.processedActivities.get(key);
    if (existing !== undefined && existing.expiresAt.getTime() > now.getTime()) return false;
    this.store.tables.processedActivities.set(key, { processedAt: new Date(now.getTime()), expiresAt: new Date(expiresAt.getTime()) });
    return true;
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [key, record] of this.store.tables.processedActivities) {
      if (record.expiresAt.getTime() < now.getTime()) {
        this.store.tables.processedActivities.delete(key);
        purged += 1;
      }
    }
    return purged;
  }
}

class InMemoryAuditLog implements AuditLog {
  constructor(private readonly store: InMemoryStore) {}

  async append(entry: AuditEntry): Promise<void> {
    const tables = this.store.tables;
    tables.audit.push({ ...copy(entry), fields: [...entry.fields], id: tables.nextAuditId });
    tables.nextAuditId += 1;
  }

  async list(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    return this.store.tables.audit
      .filter((e) => (filter.clientId === undefined || e.clientId === filter.clientId) && (filter.actorId === undefined || e.actorId === filter.actorId))
      .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
      .slice(0, filter.limit ?? 100)
      .map(copy);
  }
}

class InMemoryOutboxRepository implements OutboxRepository {
  constructor(private readonly store: InMemoryStore) {}

  async enqueue(message: NewOutboxMessage, now: Date): Promise<OutboxMessage> {
    const json = JSON.stringify(message.payload);
    if (json === undefined) throw new TypeError('Outbox payload must be JSON-serialisable (got undefined, a function or a symbol).');
    const id = randomUUID();
    const idempotencyKey = message.idempotencyKey ?? id;
    const existing = [...this.store.tables.outbox.values()].find((row) => row.message.idempotencyKey === idempotencyKey);
    if (existing !== undefined) return copy(existing.message);
    const stored: OutboxMessage = {
      id,
      topic: message.topic,
      payload: JSON.parse(json) as unknown,
      idempotencyKey,
      status: 'pending',
      attempts: 0,
      availableAt: new Date((message.availableAt ?? now).getTime()),
      lastError: null,
      createdAt: new Date(now.getTime()),
    };
    this.store.tables.outbox.set(id, { message: stored, lockedUntil: null, doneAt: null });
    return copy(stored);
  }

  async claim(options: ClaimOptions): Promise<OutboxMessage[]> {
    if (options.limit <= 0) return [];
    const now = options.now.getTime();
    const due = [...this.store.tables.outbox.values()]
      .filter(
        (row) =>
          row.message.status === 'pending' &&
          row.message.availableAt.getTime() <= now &&
          (row.lockedUntil === null || row.lockedUntil.getTime() <= now),
      )
      .sort(
        (a, b) =>
          a.message.availableAt.getTime() - b.message.availableAt.getTime() ||
          a.message.createdAt.getTime() - b.message.createdAt.getTime() ||
          byText(a.message.id, b.message.id),
      )
      .slice(0, options.limit);
    for (const row of due) this.update(row.message.id, () => ({ lockedUntil: new Date(now + options.leaseMs) }));
    return due.map((row) => copy(row.message));
  }

  async markDone(id: string, now: Date): Promise<void> {
    this.update(id, () => ({ status: 'done', doneAt: new Date(now.getTime()), lockedUntil: null }));
  }

  async markRetry(id: string, error: string, retryAt: Date): Promise<void> {
    this.update(id, (m) => ({
      attempts: m.attempts + 1,
      lastError: error.slice(0, 2000),
      availableAt: new Date(retryAt.getTime()),
      lockedUntil: null,
    }));
  }

  async markDead(id: string, error: string, now: Date): Promise<void> {
    this.update(id, (m) => ({
      status: 'dead',
      attempts: m.attempts + 1,
      lastError: error.slice(0, 2000),
      doneAt: new Date(now.getTime()),
      lockedUntil: null,
    }));
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const found = this.store.tables.outbox.get(id);
    return found && copy(found.message);
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, done: 0, dead: 0 };
    for (const row of this.store.tables.outbox.values()) counts[row.message.status] += 1;
    return counts;
  }

  /** Changes a pending row only, like the SQL `where status = 'pending'`. */
  private update(
    id: string,
    change: (m: OutboxMessage) => Partial<Pick<OutboxMessage, 'status' | 'attempts' | 'lastError' | 'availableAt'>> & Partial<Omit<OutboxRow, 'message'>>,
  ): void {
    const row = this.store.tables.outbox.get(id);
    if (row === undefined || row.message.status !== 'pending') return;
    const { lockedUntil, doneAt, ...messageChanges } = change(row.message);
    this.store.tables.outbox.set(id, {
      message: { ...row.message, ...messageChanges },
      lockedUntil: lockedUntil === undefined ? row.lockedUntil : lockedUntil,
      doneAt: doneAt === undefined ? row.doneAt : doneAt,
    });
  }
}
