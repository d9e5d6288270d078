import type { AuditEntry, StoredAuditEntry } from '../../domain/audit/audit-entry.js';
import type { AdviserProfile, Booking, BookingMeeting, Interval, ServiceType, WeeklyHours } from '../../domain/booking/booking.js';
import type { ConsentRecord, Intake } from '../../domain/intake/intake.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { MeetingSession } from '../../domain/booking/meeting-session.js';
import type { Municipality } from '../../domain/municipality.js';
import type { Association } from '../../domain/register/association.js';
import type { Contact, ContactDetails, ContactRevision } from '../../domain/register/contact.js';
import type { FormDefinition, FormId } from '../../domain/register/form-definition.js';
import type { NewOutboxMessage, OutboxMessage } from '../../domain/outbox/outbox.js';
import type { Client, LanguageCode, StaffMember, StaffRole } from '../../domain/staff/staff.js';
// ── expert channel (issue 5) ──
import type { ChannelRepository, ExpertRotaRepository, KnowledgeBaseRepository, TicketRepository, TrainingRepository } from './experts.js';
// ── retention purge and erasure (issue 7) ──
import type { RetentionRepository } from './retention.js';
// ── card action tokens (issue 7, ADR 14) ──
import type { CardActionTokenRepository } from './card-action-tokens.js';

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
  /** By our id (StaffMember.id), active or not: callers check `active` and `roles` themselves. */
  get(id: string): Promise<StaffMember | undefined>;
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
  /**
   * Clients of the given municipalities whose display name contains `text`, ignoring case; `%`,
   * `_` and `\` in `text` are literal. By display name, then id; at most `limit`. No
   * municipality codes = no clients (callers pass the caller's scope, never "all").
   */
  searchByName(municipalityCodes: readonly string[], text: string, limit: number): Promise<Client[]>;
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
  /** The IANA zone the Teams client last reported; null or absent when unknown. */
  readonly timeZone?: string | null;
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
  /**
   * Keyset cursor: only the entries after this one in the list's order (newest first: `at`
   * desc, then id desc), i.e. older, or as old and appended earlier. A coordinator's audit view
   * pages with it.
   */
  readonly before?: { readonly at: Date; readonly id: number };
}

export interface AuditLog {
  /** Append-only: there is no update or delete on this port. */
  append(entry: AuditEntry): Promise<void>;
  /**
   * Several entries at once, in the given order (one statement per few hundred rows): a page of
   * the session log shows up to 100 clients, and awaiting a statement per row held SQLite's write
   * lock for most of the request.
   */
  appendMany(entries: readonly AuditEntry[]): Promise<void>;
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
  /** Dead rows whose topic starts with `topicPrefix`, newest first: the coordinator's failure list. */
  listDead(options: { readonly topicPrefix: string; readonly limit: number }): Promise<OutboxMessage[]>;
  /** A dead row back to pending, due now, with its attempts reset; false when no dead row has that id. */
  requeue(id: string, now: Date): Promise<boolean>;
}

/** The input of `BookingRepository.create`: a booking before it has an id, a status or a meeting. */
export type NewBooking = Omit<Booking, 'id' | 'status' | 'createdAt' | 'cancelledAt' | 'meeting'>;

/** A booking written, or the expected refusal: another non-cancelled booking holds the time. */
export type CreateBookingResult = { readonly ok: true; readonly booking: Booking } | { readonly ok: false; readonly reason: 'slot_taken' };
export type CancelBookingResult = { readonly ok: true; readonly booking: Booking } | { readonly ok: false; readonly reason: 'not_found' | 'already_cancelled' };
export type RescheduleBookingResult = CreateBookingResult | { readonly ok: false; readonly reason: 'not_found' | 'cancelled' };

/**
 * Bookings. No two non-cancelled bookings of one adviser overlap on [start, blockedUntil): the
 * database refuses it (PostgreSQL exclusion constraint; SQLite write lock + overlap check), so two
 * app instances racing for one slot get exactly one booking. Losing the race is a value
 * (`slot_taken`), never an exception, and never aborts a surrounding `UnitOfWork.transaction`:
 * the caller decides whether to commit its other writes or to throw and roll back.
 */
export interface BookingRepository {
  create(booking: NewBooking, now: Date): Promise<CreateBookingResult>;
  get(id: string): Promise<Booking | undefined>;
  /**
   * Every booking of the client, cancelled ones included, earliest start first. `from`: only
   * bookings that have not ended by then (upcoming and ongoing).
   */
  listForClient(clientId: string, options?: { readonly from?: Date }): Promise<Booking[]>;
  /** Non-cancelled bookings of the adviser whose [start, end) overlaps `interval`, earliest first. */
  listForAdviser(adviserId: string, interval: Interval): Promise<Booking[]>;
  /**
   * The adviser time held by non-cancelled bookings, [start, blockedUntil), that overlaps
   * `interval`; one query for all advisers. Every requested adviser is a key (empty list when free);
   * intervals earliest first and not clipped to `interval`.
   */
  busyByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, Interval[]>>;
  /** Non-cancelled bookings STARTING in `interval` (usually a week), per adviser; 0 for none. */
  loadByAdviser(adviserIds: readonly string[], interval: Interval): Promise<Map<string, number>>;
  /** Frees the slot; the row stays with status `cancelled` (reports count cancellations). */
  /** Keeps the Teams meeting Graph created for the booking; false when there is no such booking. */
  setMeeting(id: string, meeting: BookingMeeting, now: Date): Promise<boolean>;
  cancel(id: string, now: Date): Promise<CancelBookingResult>;
  /**
   * Moves a booked booking in one step: its old time is freed and the new time is checked against
   * the adviser's OTHER bookings only (moving by 15 minutes into its own old time is fine). On
   * `slot_taken` the booking keeps its old time.
   */
  reschedule(id: string, newStart: Date, newEnd: Date, newBlockedUntil: Date, now: Date): Promise<RescheduleBookingResult>;
}

/** An absence as stored, with the id `removeAbsence` needs. */
export interface AdviserAbsence extends Interval {
  readonly id: string;
  readonly adviserId: string;
}

export interface AdviserProfileFilter {
  /** Only advisers who serve this municipality. */
  readonly municipalityCode?: string;
  /** Only absences overlapping this interval (e.g. the booking horizon); all when unset. */
  readonly absencesOverlapping?: Interval;
}

/**
 * What the slot logic needs about advisers. An adviser is a staff member with the `adviser` role
 * who is active. Values are stored as given: callers (use cases, zod) validate "HH:MM" strings,
 * ranges and codes first; the database only refuses weekdays outside 1..7 and empty periods.
 */
export interface AdviserScheduleRepository {
  /**
   * Active advisers with their languages, the municipalities they serve (only those set with
   * `setServedMunicipalities`; none means the adviser is offered to nobody), topics, weekly hours
   * (by weekday, then start) and absences (earliest first). Ordered by adviser id.
   */
  getProfiles(filter?: AdviserProfileFilter): Promise<AdviserProfile[]>;
  /** Replaces all of the adviser's weekly hours. */
  setWeeklyHours(adviserId: string, hours: readonly WeeklyHours[]): Promise<void>;
  addAbsence(adviserId: string, interval: Interval): Promise<AdviserAbsence>;
  /** Earliest first; `overlapping` narrows to absences that overlap it. */
  listAbsences(adviserId: string, overlapping?: Interval): Promise<AdviserAbsence[]>;
  /** `false` when the adviser has no absence with that id (nothing removed). */
  removeAbsence(adviserId: string, absenceId: string): Promise<boolean>;
  /**
   * The codes of the municipalities the adviser serves (sorted; empty when none). One indexed
   * lookup: the access checks ask it on every tab and bot call, where `getProfiles` would read
   * every adviser's hours and absences.
   */
  servedMunicipalities(adviserId: string): Promise<string[]>;
  /** Replaces the set of municipalities the adviser serves. */
  setServedMunicipalities(adviserId: string, municipalityCodes: readonly string[]): Promise<void>;
  /** Replaces the adviser's routing topics; empty = takes every topic. */
  setTopics(adviserId: string, topics: readonly TopicCode[]): Promise<void>;
  /** Sets the Exchange mailbox (UPN) read for Outlook busy time; `null` stops reading it. */
  setMailbox(adviserId: string, mailbox: string | null): Promise<void>;
}

export interface ServiceTypeRepository {
  /** Ordered by code. */
  list(): Promise<ServiceType[]>;
  get(code: string): Promise<ServiceType | undefined>;
  /** Inserts or replaces every value of the type with this code. */
  upsert(serviceType: ServiceType): Promise<void>;
}

/** An intake as stored: the client's answers whole, with when they were given. */
export interface StoredIntake {
  readonly id: string;
  readonly clientId: string;
  readonly intake: Intake;
  readonly createdAt: Date;
}

export interface IntakeRepository {
  save(clientId: string, intake: Intake, now: Date): Promise<{ readonly id: string }>;
  /** The newest intake of the client (by `now` given to `save`). */
  latestForClient(clientId: string): Promise<StoredIntake | undefined>;
}

/** Consent history, append-only: a withdrawal is recorded as a new record with `given: false`. */
export interface ConsentRepository {
  record(consent: ConsentRecord): Promise<void>;
  /** The record that holds now: the newest by `recordedAt`, the later-recorded one on a tie. */
  latest(clientId: string, purpose: ConsentRecord['purpose']): Promise<ConsentRecord | undefined>;
}

/** A live session of the public booking page: the client it acts for, until when. */
export interface PublicSession {
  readonly clientId: string;
  readonly expiresAt: Date;
}

/**
 * Sessions of the public booking page. Stored under the SHA-256 of the bearer token (never the
 * token), so reading the database does not let anyone act as a client.
 */
export interface PublicSessionRepository {
  create(tokenHash: string, clientId: string, now: Date, expiresAt: Date): Promise<void>;
  /** The session with this token hash while it lives (`expiresAt` > now); undefined otherwise. */
  find(tokenHash: string, now: Date): Promise<PublicSession | undefined>;
  /** Deletes sessions whose expiry is at or before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** The input of `ContactRepository.create`. */
export type NewContact = Omit<Contact, 'id' | 'revision' | 'createdAt' | 'updatedAt'>;

export type CreateContactResult = { readonly ok: true; readonly contact: Contact } | { readonly ok: false; readonly reason: 'booking_already_logged' };
export type CorrectContactResult =
  | { readonly ok: true; readonly contact: Contact }
  | { readonly ok: false; readonly reason: 'not_found' }
  /** Someone else corrected it first: the caller shows the newer version instead of overwriting it. */
  | { readonly ok: false; readonly reason: 'stale'; readonly current: Contact };

/**
 * The client register's contacts. Every write also stores the version it wrote in the change
 * history (`history`), so a correction never loses what was there before.
 */
export interface ContactRepository {
  /** Stores revision 1 (and its history row). At most one contact per booking: a second is refused. */
  create(contact: NewContact, createdBy: string, now: Date): Promise<CreateContactResult>;
  get(id: string): Promise<Contact | undefined>;
  findByBooking(bookingId: string): Promise<Contact | undefined>;
  /** The client's contacts, newest `startedAt` first. */
  listForClient(clientId: string, limit: number): Promise<Contact[]>;
  /**
   * Replaces the details when the stored revision is still `expectedRevision` (optimistic
   * locking), as revision + 1 with `reason` in the history.
   */
  correct(id: string, expectedRevision: number, details: ContactDetails, formVersion: number, changedBy: string, reason: string, now: Date): Promise<CorrectContactResult>;
  /** Every version, oldest first. */
  history(id: string): Promise<ContactRevision[]>;
}

export interface FormDefinitionRepository {
  /** The highest version of the form, or undefined before any is published. */
  latest(formId: FormId): Promise<FormDefinition | undefined>;
  get(formId: FormId, version: number): Promise<FormDefinition | undefined>;
  /** Stores a new version; false when that version exists already (a concurrent publish won). */
  publish(definition: FormDefinition, createdBy: string, now: Date): Promise<boolean>;
}

export interface AssociationRepository {
  /** Active associations, by name; of one municipality when given. */
  listActive(municipalityCode?: string): Promise<Association[]>;
  /** Every association, active or not, by name (the coordinators' directory). */
  list(): Promise<Association[]>;
  get(id: string): Promise<Association | undefined>;
  upsert(association: Association): Promise<void>;
}

/** What Teams' meeting events told us, per booking. Each `record…` keeps the FIRST instant it is given. */
export interface MeetingSessionRepository {
  /** The booking whose meeting chat is `threadId` (from its join link), if any. */
  bookingForThread(threadId: string): Promise<string | undefined>;
  get(bookingId: string): Promise<MeetingSession | undefined>;
  /** Creates the row at the first event; later calls keep the first start. */
  recordStart(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession>;
  /** The end of the meeting; a later end replaces an earlier one (a meeting restarted and ended again). */
  recordEnd(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession>;
  recordClientJoined(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession>;
  /** Marks a no-show unless the client joined or it is marked already; true when this call marked it. */
  markNoShow(bookingId: string, at: Date): Promise<boolean>;
  /** True the first time only: the "log this contact" card is sent once per meeting. */
  markContactPrompted(bookingId: string, at: Date): Promise<boolean>;
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
  // ── end expert channel ──
  /** The retention purge and erasure (issue 7). */
  readonly retention: RetentionRepository;
  /** Card action tokens (issue 7, ADR 14): what each protected card button is bound to. */
  readonly actionTokens: CardActionTokenRepository;
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
