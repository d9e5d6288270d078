import { emptyRetentionTables, InMemoryRetentionRepository, type RetentionTables } from './in-memory-retention.js';
import type { RetentionRepository } from '../../src/use-cases/ports/retention.js';
import { emptyCardActionTokenTables, InMemoryCardActionTokenRepository, type CardActionTokenTables } from './in-memory-card-action-tokens.js';
import type { CardActionTokenRepository } from '../../src/use-cases/ports/card-action-tokens.js';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, StoredAuditEntry } from '../../src/domain/audit/audit-entry.js';
import type { AdviserProfile, Booking, BookingMeeting, Interval, ServiceType, WeeklyHours } from '../../src/domain/booking/booking.js';
import type { ConsentRecord, Intake } from '../../src/domain/intake/intake.js';
import type { TopicCode } from '../../src/domain/intake/topics.js';
import type { Municipality } from '../../src/domain/municipality.js';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from '../../src/domain/outbox/outbox.js';
import type { Client, StaffMember, StaffRole } from '../../src/domain/staff/staff.js';
import {
  emptyRegisterTables,
  InMemoryAssociationRepository,
  InMemoryContactRepository,
  InMemoryFormDefinitionRepository,
  InMemoryMeetingSessionRepository,
  type RegisterTables,
} from './in-memory-register.js';
// ── expert channel (issue 5) ──
import {
  emptyExpertTables,
  InMemoryChannelRepository,
  InMemoryExpertRotaRepository,
  InMemoryKnowledgeBaseRepository,
  InMemoryTicketRepository,
  InMemoryTrainingRepository,
  type ExpertTables,
} from './in-memory-experts.js';
import type { ChannelRepository, ExpertRotaRepository, KnowledgeBaseRepository, TicketRepository, TrainingRepository } from '../../src/use-cases/ports/experts.js';
import type {
  AdviserAbsence,
  AdviserProfileFilter,
  AdviserScheduleRepository,
  AssociationRepository,
  AuditFilter,
  AuditLog,
  BookingRepository,
  CancelBookingResult,
  ClaimOptions,
  ClientRepository,
  ConsentRepository,
  ContactRepository,
  ConversationReferenceRepository,
  CreateBookingResult,
  FormDefinitionRepository,
  IntakeRepository,
  MeetingSessionRepository,
  MunicipalityRepository,
  NewBooking,
  NewClient,
  NewStaffMember,
  OutboxRepository,
  ProcessedActivityRepository,
  PublicSession,
  PublicSessionRepository,
  Repositories,
  RescheduleBookingResult,
  ServiceTypeRepository,
  StaffRepository,
  StoredConversationReference,
  StoredIntake,
  UnitOfWork,
} from '../../src/use-cases/ports/repositories.js';

/**
 * A strict in-memory UnitOfWork for unit tests. It follows the Kysely implementation wherever the
 * contract suites (test/contract) can tell: foreign keys (a client's municipality; a booking's
 * client, adviser, service type and municipality; schedules' adviser), staff unique per (tenant,
 * Entra id), idempotent enqueue per idempotency key, claim leases, dedupe with expiry,
 * newest-first lists, no overlapping non-cancelled bookings per adviser (a refusal is a value and
 * leaves the transaction usable), rollback of every table when a transaction throws. Values are
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
  readonly bookings: BookingRepository;
  readonly schedules: AdviserScheduleRepository;
  readonly serviceTypes: ServiceTypeRepository;
  readonly intakes: IntakeRepository;
  readonly consents: ConsentRepository;
  readonly publicSessions: PublicSessionRepository;
  readonly contacts: ContactRepository;
  readonly forms: FormDefinitionRepository;
  readonly associations: AssociationRepository;
  readonly meetingSessions: MeetingSessionRepository;
  // ── expert channel (issue 5) ──
  readonly tickets: TicketRepository;
  readonly knowledgeBase: KnowledgeBaseRepository;
  readonly expertRota: ExpertRotaRepository;
  readonly channels: ChannelRepository;
  readonly trainings: TrainingRepository;
  readonly retention: RetentionRepository;
  readonly actionTokens: CardActionTokenRepository;

  /** Pass another instance's `store` to model a second app instance on the same database. */
  constructor(readonly store: InMemoryStore = new InMemoryStore()) {
    this.municipalities = new InMemoryMunicipalityRepository(store);
    this.staff = new InMemoryStaffRepository(store);
    this.clients = new InMemoryClientRepository(store);
    this.conversations = new InMemoryConversationReferenceRepository(store);
    this.processedActivities = new InMemoryProcessedActivityRepository(store);
    this.audit = new InMemoryAuditLog(store);
    this.outbox = new InMemoryOutboxRepository(store);
    this.bookings = new InMemoryBookingRepository(store);
    this.schedules = new InMemoryAdviserScheduleRepository(store);
    this.serviceTypes = new InMemoryServiceTypeRepository(store);
    this.intakes = new InMemoryIntakeRepository(store);
    this.consents = new InMemoryConsentRepository(store);
    this.publicSessions = new InMemoryPublicSessionRepository(store);
    this.contacts = new InMemoryContactRepository(store);
    this.forms = new InMemoryFormDefinitionRepository(store);
    this.associations = new InMemoryAssociationRepository(store);
    this.meetingSessions = new InMemoryMeetingSessionRepository(store);
    // ── expert channel (issue 5) ──
    this.tickets = new InMemoryTicketRepository(store);
    this.knowledgeBase = new InMemoryKnowledgeBaseRepository(store);
    this.expertRota = new InMemoryExpertRotaRepository(store);
    this.channels = new InMemoryChannelRepository(store);
    this.trainings = new InMemoryTrainingRepository(store);
    this.retention = new InMemoryRetentionRepository(store);
    this.actionTokens = new InMemoryCardActionTokenRepository(store);
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
    const { bookings, schedules, serviceTypes, intakes, consents, publicSessions, contacts, forms, associations, meetingSessions } = this;
    return {
      ...{ municipalities, staff, clients, conversations, processedActivities, audit, outbox, bookings, schedules, serviceTypes },
      ...{ intakes, consents, publicSessions, contacts, forms, associations, meetingSessions },
      // ── expert channel (issue 5) ──
      ...{ tickets: this.tickets, knowledgeBase: this.knowledgeBase, expertRota: this.expertRota, channels: this.channels, trainings: this.trainings },
      retention: this.retention,
      actionTokens: this.actionTokens,
    };
  }
}

interface OutboxRow {
  readonly message: OutboxMessage;
  readonly lockedUntil: Date | null;
  readonly doneAt: Date | null;
}

interface Tables extends RegisterTables, ExpertTables /* ── expert channel (issue 5) ── */, RetentionTables, CardActionTokenTables {
  municipalities: Map<string, Municipality>;
  staff: Map<string, StaffMember>;
  clients: Map<string, Client>;
  conversations: Map<string, StoredConversationReference>;
  processedActivities: Map<string, { processedAt: Date; expiresAt: Date }>;
  audit: StoredAuditEntry[];
  outbox: Map<string, OutboxRow>;
  nextAuditId: number;
  serviceTypes: Map<string, ServiceType>;
  bookings: Map<string, Booking>;
  adviserMunicipalities: Map<string, string[]>;
  adviserTopics: Map<string, TopicCode[]>;
  /** Staff id → Exchange mailbox; absent = null (the `staff.mailbox` column). */
  mailboxes: Map<string, string>;
  weeklyHours: Map<string, WeeklyHours[]>;
  absences: Map<string, AdviserAbsence>;
  intakes: StoredIntake[];
  /** In write order: the order breaks ties of `recordedAt`, like the identity column. */
  consents: ConsentRecord[];
  /** Token hash → session. */
  publicSessions: Map<string, PublicSession>;
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
    serviceTypes: new Map(),
    bookings: new Map(),
    adviserMunicipalities: new Map(),
    adviserTopics: new Map(),
    mailboxes: new Map(),
    weeklyHours: new Map(),
    absences: new Map(),
    intakes: [],
    consents: [],
    publicSessions: new Map(),
    ...emptyRegisterTables(),
    // ── expert channel (issue 5) ──
    ...emptyExpertTables(),
    ...emptyRetentionTables(),
    ...emptyCardActionTokenTables(),
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

  async get(id: string): Promise<StaffMember | undefined> {
    const found = [...this.store.tables.staff.values()].find((m) => m.id === id);
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

  async searchByName(municipalityCodes: readonly string[], text: string, limit: number): Promise<Client[]> {
    const scope = new Set(municipalityCodes);
    // Full Unicode case folding, like PostgreSQL's ILIKE; the text is a plain substring (no wildcards).
    const needle = text.toLowerCase();
    return [...this.store.tables.clients.values()]
      .filter((c) => scope.has(c.municipalityCode) && c.displayName.toLowerCase().includes(needle))
      .sort((a, b) => byText(a.displayName, b.displayName) || byText(a.id, b.id))
      .slice(0, Math.max(0, limit))
      .map(copy);
  }
}

class InMemoryConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(private readonly store: InMemoryStore) {}

  async save(ref: StoredConversationReference): Promise<void> {
    // Like the database: an unknown zone (null or absent) reads back absent.
    const { timeZone, ...rest } = copy(ref);
    this.store.tables.conversations.set(JSON.stringify([ref.tenantId, ref.userKey]), {
      ...rest,
      ...(timeZone == null ? {} : { timeZone }),
      reference: JSON.parse(JSON.stringify(ref.reference)) as Record<string, unknown>,
    });
  }

  async find(tenantId: string, userKey: string): Promise<StoredConversationReference | undefined> {
    const found = this.store.tables.conversations.get(JSON.stringify([tenantId, userKey]));
    return found && copy(found);
  }
}

class InMemoryPublicSessionRepository implements PublicSessionRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(tokenHash: string, clientId: string, _now: Date, expiresAt: Date): Promise<void> {
    if (!this.store.tables.clients.has(clientId)) throw new Error(`InMemoryPublicSessionRepository: foreign key: no client ${clientId}.`);
    if (this.store.tables.publicSessions.has(tokenHash)) throw new Error('InMemoryPublicSessionRepository: duplicate token hash.');
    this.store.tables.publicSessions.set(tokenHash, { clientId, expiresAt: new Date(expiresAt.getTime()) });
  }

  async find(tokenHash: string, now: Date): Promise<PublicSession | undefined> {
    const found = this.store.tables.publicSessions.get(tokenHash);
    return found && found.expiresAt.getTime() > now.getTime() ? { clientId: found.clientId, expiresAt: new Date(found.expiresAt.getTime()) } : undefined;
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [hash, session] of this.store.tables.publicSessions) {
      if (session.expiresAt.getTime() <= now.getTime()) {
        this.store.tables.publicSessions.delete(hash);
        purged += 1;
      }
    }
    return purged;
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

  async appendMany(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) await this.append(entry);
  }

  async list(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    return this.store.tables.audit
      .filter((e) => (filter.clientId === undefined || e.clientId === filter.clientId) && (filter.actorId === undefined || e.actorId === filter.actorId))
      .filter((e) => filter.before === undefined || e.at.getTime() < filter.before.at.getTime() || (e.at.getTime() === filter.before.at.getTime() && e.id < filter.before.id))
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

  async listDead(options: { readonly topicPrefix: string; readonly limit: number }): Promise<OutboxMessage[]> {
    return [...this.store.tables.outbox.values()]
      .filter((row) => row.message.status === 'dead' && row.message.topic.startsWith(options.topicPrefix))
      .sort((a, b) => (b.doneAt?.getTime() ?? 0) - (a.doneAt?.getTime() ?? 0) || byText(b.message.id, a.message.id))
      .slice(0, options.limit)
      .map((row) => copy(row.message));
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const row = this.store.tables.outbox.get(id);
    if (row === undefined || row.message.status !== 'dead') return false;
    this.store.tables.outbox.set(id, { message: { ...row.message, status: 'pending', attempts: 0, availableAt: new Date(now.getTime()) }, lockedUntil: null, doneAt: null });
    return true;
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

const ms = (date: Date): number => date.getTime();
const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean => ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);
const byStart = (a: Interval, b: Interval): number => ms(a.start) - ms(b.start);

function foreignKey(ok: boolean, what: string): void {
  if (!ok) throw new Error(`FOREIGN KEY constraint failed: ${what} (InMemoryUnitOfWork).`);
}

class InMemoryBookingRepository implements BookingRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(booking: NewBooking, now: Date): Promise<CreateBookingResult> {
    const tables = this.store.tables;
    foreignKey(tables.clients.has(booking.clientId), `no client "${booking.clientId}"`);
    foreignKey(tables.staff.has(booking.adviserId), `no staff member "${booking.adviserId}"`);
    foreignKey(tables.serviceTypes.has(booking.serviceTypeCode), `no service type "${booking.serviceTypeCode}"`);
    foreignKey(tables.municipalities.has(booking.municipalityCode), `no municipality "${booking.municipalityCode}"`);
    checkPeriod(booking);
    if (this.taken(booking.adviserId, booking.start, booking.blockedUntil, undefined)) return { ok: false, reason: 'slot_taken' };
    const stored: Booking = {
      id: randomUUID(),
      clientId: booking.clientId,
      adviserId: booking.adviserId,
      serviceTypeCode: booking.serviceTypeCode,
      municipalityCode: booking.municipalityCode,
      start: new Date(ms(booking.start)),
      end: new Date(ms(booking.end)),
      blockedUntil: new Date(ms(booking.blockedUntil)),
      status: 'booked',
      language: booking.language,
      interpreterLanguage: booking.interpreterLanguage,
      topics: [...booking.topics],
      createdAt: new Date(ms(now)),
      cancelledAt: null,
      meeting: null,
    };
    tables.bookings.set(stored.id, stored);
    return { ok: true, booking: copy(stored) };
  }

  async get(id: string): Promise<Booking | undefined> {
    const found = this.store.tables.bookings.get(id);
    return found && copy(found);
  }

  async listForClient(clientId: string, options: { readonly from?: Date } = {}): Promise<Booking[]> {
    const { from } = options;
    return this.sorted((b) => b.clientId === clientId && (from === undefined || ms(b.end) > ms(from)));
  }

  async listForAdviser(adviserId: string, interval: Interval): Promise<Booking[]> {
    return this.sorted((b) => b.adviserId === adviserId && b.status !== 'cancelled' && overlaps(b, interval));
  }

  async busyByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, Interval[]>> {
    const busy = new Map<string, Interval[]>(adviserIds.map((id) => [id, []]));
    for (const b of this.sorted((b) => b.status !== 'cancelled' && overlaps({ start: b.start, end: b.blockedUntil }, interval))) {
      busy.get(b.adviserId)?.push({ start: b.start, end: b.blockedUntil });
    }
    return busy;
  }

  async loadByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, number>> {
    const load = new Map<string, number>(adviserIds.map((id) => [id, 0]));
    for (const b of this.store.tables.bookings.values()) {
      const count = load.get(b.adviserId);
      if (count !== undefined && b.status !== 'cancelled' && ms(b.start) >= ms(interval.start) && ms(b.start) < ms(interval.end)) {
        load.set(b.adviserId, count + 1);
      }
    }
    return load;
  }

  async setMeeting(id: string, meeting: BookingMeeting, _now: Date): Promise<boolean> {
    const found = this.store.tables.bookings.get(id);
    if (found === undefined) return false;
    this.store.tables.bookings.set(id, { ...found, meeting: { joinUrl: meeting.joinUrl, meetingId: meeting.meetingId } });
    return true;
  }

  async cancel(id: string, now: Date): Promise<CancelBookingResult> {
    const found = this.store.tables.bookings.get(id);
    if (found === undefined) return { ok: false, reason: 'not_found' };
    if (found.status === 'cancelled') return { ok: false, reason: 'already_cancelled' };
    const cancelled: Booking = { ...found, status: 'cancelled', cancelledAt: new Date(ms(now)) };
    this.store.tables.bookings.set(id, cancelled);
    return { ok: true, booking: copy(cancelled) };
  }

  async reschedule(id: string, newStart: Date, newEnd: Date, newBlockedUntil: Date, _now: Date): Promise<RescheduleBookingResult> {
    const found = this.store.tables.bookings.get(id);
    if (found === undefined) return { ok: false, reason: 'not_found' };
    if (found.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    checkPeriod({ start: newStart, end: newEnd, blockedUntil: newBlockedUntil });
    if (this.taken(found.adviserId, newStart, newBlockedUntil, id)) return { ok: false, reason: 'slot_taken' };
    const moved: Booking = { ...found, start: new Date(ms(newStart)), end: new Date(ms(newEnd)), blockedUntil: new Date(ms(newBlockedUntil)) };
    this.store.tables.bookings.set(id, moved);
    return { ok: true, booking: copy(moved) };
  }

  /** The overlap rule of the database: [start, blockedUntil) against other non-cancelled bookings. */
  private taken(adviserId: string, start: Date, blockedUntil: Date, exceptId: string | undefined): boolean {
    return [...this.store.tables.bookings.values()].some(
      (b) => b.adviserId === adviserId && b.id !== exceptId && b.status !== 'cancelled' && overlaps({ start: b.start, end: b.blockedUntil }, { start, end: blockedUntil }),
    );
  }

  private sorted(keep: (b: Booking) => boolean): Booking[] {
    return [...this.store.tables.bookings.values()].filter(keep).sort((a, b) => byStart(a, b) || byText(a.id, b.id)).map(copy);
  }
}

/** The CHECK constraint of the bookings table. */
function checkPeriod(b: { start: Date; end: Date; blockedUntil: Date }): void {
  if (!(ms(b.start) < ms(b.end) && ms(b.end) <= ms(b.blockedUntil))) {
    throw new Error('CHECK constraint failed: bookings_period (start < end <= blockedUntil) (InMemoryUnitOfWork).');
  }
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** What the database refuses or cannot convert: weekday outside 1..7, not "HH:MM", an empty period. */
function checkWeeklyHours(hours: readonly WeeklyHours[]): void {
  for (const h of hours) {
    if (!HH_MM.test(h.start) || !HH_MM.test(h.end)) throw new TypeError(`Weekly hours must be "HH:MM" (got "${h.start}"–"${h.end}").`);
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) throw new Error('CHECK constraint failed: weekday between 1 and 7 (InMemoryUnitOfWork).');
    if (!(h.start < h.end) || h.end > '24:00') throw new Error('CHECK constraint failed: adviser_weekly_hours_period (InMemoryUnitOfWork).');
  }
}

class InMemoryAdviserScheduleRepository implements AdviserScheduleRepository {
  constructor(private readonly store: InMemoryStore) {}

  async getProfiles(filter: AdviserProfileFilter = {}): Promise<AdviserProfile[]> {
    const tables = this.store.tables;
    const { municipalityCode, absencesOverlapping } = filter;
    return [...tables.staff.values()]
      .filter((m) => m.active && m.roles.includes('adviser'))
      .filter((m) => municipalityCode === undefined || (tables.adviserMunicipalities.get(m.id) ?? []).includes(municipalityCode))
      .sort((a, b) => byText(a.id, b.id))
      .map((m) => ({
        adviserId: m.id,
        languages: [...m.languages],
        municipalityCodes: [...(tables.adviserMunicipalities.get(m.id) ?? [])].sort(byText),
        topics: [...(tables.adviserTopics.get(m.id) ?? [])].sort(byText),
        weeklyHours: [...(tables.weeklyHours.get(m.id) ?? [])].sort((a, b) => a.weekday - b.weekday || byText(a.start, b.start)).map(copy),
        absences: [...tables.absences.values()]
          .filter((a) => a.adviserId === m.id && (absencesOverlapping === undefined || overlaps(a, absencesOverlapping)))
          .sort((a, b) => byStart(a, b) || byText(a.id, b.id))
          .map((a) => ({ start: new Date(ms(a.start)), end: new Date(ms(a.end)) })),
        mailbox: tables.mailboxes.get(m.id) ?? null,
      }));
  }

  async servedMunicipalities(adviserId: string): Promise<string[]> {
    return [...(this.store.tables.adviserMunicipalities.get(adviserId) ?? [])].sort(byText);
  }

  async setWeeklyHours(adviserId: string, hours: readonly WeeklyHours[]): Promise<void> {
    this.adviser(adviserId);
    checkWeeklyHours(hours);
    const keys = hours.map((h) => `${h.weekday} ${h.start}`);
    if (new Set(keys).size !== keys.length) throw new Error('UNIQUE constraint failed: adviser_weekly_hours (adviser, weekday, start) (InMemoryUnitOfWork).');
    this.store.tables.weeklyHours.set(adviserId, hours.map((h) => ({ weekday: h.weekday, start: h.start, end: h.end })));
  }

  async addAbsence(adviserId: string, interval: Interval): Promise<AdviserAbsence> {
    this.adviser(adviserId);
    if (!(ms(interval.start) < ms(interval.end))) throw new Error('CHECK constraint failed: adviser_absences_period (InMemoryUnitOfWork).');
    const absence: AdviserAbsence = { id: randomUUID(), adviserId, start: new Date(ms(interval.start)), end: new Date(ms(interval.end)) };
    this.store.tables.absences.set(absence.id, absence);
    return copy(absence);
  }

  async listAbsences(adviserId: string, overlapping?: Interval): Promise<AdviserAbsence[]> {
    return [...this.store.tables.absences.values()]
      .filter((a) => a.adviserId === adviserId && (overlapping === undefined || overlaps(a, overlapping)))
      .sort((a, b) => byStart(a, b) || byText(a.id, b.id))
      .map(copy);
  }

  async removeAbsence(adviserId: string, absenceId: string): Promise<boolean> {
    const found = this.store.tables.absences.get(absenceId);
    if (found === undefined || found.adviserId !== adviserId) return false;
    this.store.tables.absences.delete(absenceId);
    return true;
  }

  async setServedMunicipalities(adviserId: string, municipalityCodes: readonly string[]): Promise<void> {
    this.adviser(adviserId);
    for (const code of municipalityCodes) foreignKey(this.store.tables.municipalities.has(code), `no municipality "${code}"`);
    this.store.tables.adviserMunicipalities.set(adviserId, [...new Set(municipalityCodes)]);
  }

  async setTopics(adviserId: string, topics: readonly TopicCode[]): Promise<void> {
    this.adviser(adviserId);
    this.store.tables.adviserTopics.set(adviserId, [...new Set(topics)]);
  }

  async setMailbox(adviserId: string, mailbox: string | null): Promise<void> {
    this.adviser(adviserId);
    if (mailbox === null) this.store.tables.mailboxes.delete(adviserId);
    else this.store.tables.mailboxes.set(adviserId, mailbox);
  }

  private adviser(adviserId: string): void {
    foreignKey(this.store.tables.staff.has(adviserId), `no staff member "${adviserId}"`);
  }
}

class InMemoryServiceTypeRepository implements ServiceTypeRepository {
  constructor(private readonly store: InMemoryStore) {}

  async list(): Promise<ServiceType[]> {
    return [...this.store.tables.serviceTypes.values()].sort((a, b) => byText(a.code, b.code)).map(copy);
  }

  async get(code: string): Promise<ServiceType | undefined> {
    const found = this.store.tables.serviceTypes.get(code);
    return found && copy(found);
  }

  async upsert(serviceType: ServiceType): Promise<void> {
    const { code, lengthMinutes, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes } = serviceType;
    if (!(lengthMinutes > 0 && bufferMinutes >= 0 && minNoticeMinutes >= 0 && horizonDays > 0 && slotStepMinutes > 0)) {
      throw new Error('CHECK constraint failed: service_types (InMemoryUnitOfWork).');
    }
    this.store.tables.serviceTypes.set(code, { code, lengthMinutes, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes });
  }
}

class InMemoryIntakeRepository implements IntakeRepository {
  constructor(private readonly store: InMemoryStore) {}

  async save(clientId: string, intake: Intake, now: Date): Promise<{ readonly id: string }> {
    foreignKey(this.store.tables.clients.has(clientId), `no client "${clientId}"`);
    const id = randomUUID();
    // A JSON round trip, as in the database's one JSON column.
    this.store.tables.intakes.push({ id, clientId, intake: JSON.parse(JSON.stringify(intake)) as Intake, createdAt: new Date(ms(now)) });
    return { id };
  }

  async latestForClient(clientId: string): Promise<StoredIntake | undefined> {
    const found = this.store.tables.intakes
      .filter((i) => i.clientId === clientId)
      .sort((a, b) => ms(b.createdAt) - ms(a.createdAt) || byText(b.id, a.id))[0];
    return found && copy(found);
  }
}

class InMemoryConsentRepository implements ConsentRepository {
  constructor(private readonly store: InMemoryStore) {}

  async record(consent: ConsentRecord): Promise<void> {
    foreignKey(this.store.tables.clients.has(consent.clientId), `no client "${consent.clientId}"`);
    this.store.tables.consents.push({ ...copy(consent), recordedAt: new Date(ms(consent.recordedAt)) });
  }

  async latest(clientId: string, purpose: ConsentRecord['purpose']): Promise<ConsentRecord | undefined> {
    let latest: ConsentRecord | undefined;
    for (const c of this.store.tables.consents) {
      if (c.clientId === clientId && c.purpose === purpose && (latest === undefined || ms(c.recordedAt) >= ms(latest.recordedAt))) latest = c;
    }
    return latest && copy(latest);
  }
}
