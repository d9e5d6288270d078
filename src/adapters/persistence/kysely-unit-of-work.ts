import { sql, type Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import { sqlDialect, type DialectName, type SqlDialect } from './dialect.js';
import { KyselyAdviserScheduleRepository } from './kysely-adviser-schedule-repository.js';
import { KyselyAuditLog } from './kysely-audit-log.js';
import { KyselyBookingRepository } from './kysely-booking-repository.js';
import { KyselyClientRepository } from './kysely-client-repository.js';
import { KyselyConsentRepository } from './kysely-consent-repository.js';
import { KyselyContactRepository } from './kysely-contact-repository.js';
import { KyselyConversationReferenceRepository } from './kysely-conversation-reference-repository.js';
import { KyselyIntakeRepository } from './kysely-intake-repository.js';
import { KyselyMeetingSessionRepository } from './kysely-meeting-session-repository.js';
import { KyselyMunicipalityRepository } from './kysely-municipality-repository.js';
import { KyselyOutboxRepository } from './kysely-outbox-repository.js';
import { KyselyPublicSessionRepository } from './kysely-public-session-repository.js';
import { KyselyProcessedActivityRepository } from './kysely-processed-activity-repository.js';
import { KyselyAssociationRepository, KyselyFormDefinitionRepository } from './kysely-register-reference-repositories.js';
import { KyselyServiceTypeRepository } from './kysely-service-type-repository.js';
import { KyselyStaffRepository } from './kysely-staff-repository.js';
// ── expert channel (issue 5) ──
import { KyselyChannelRepository, KyselyExpertRotaRepository, KyselyKnowledgeBaseRepository, KyselyTicketRepository, KyselyTrainingRepository } from './kysely-expert-repositories.js';
import { KyselyRetentionRepository } from './kysely-retention-repository.js';
import { KyselyCardActionTokenRepository } from './kysely-card-action-token-repository.js';
import { REFERENCE_DATA_TTL_MS, ReferenceDataCache, type ReferenceCache } from './reference-data-cache.js';

/**
 * Every repository over SQLite or PostgreSQL. The properties run each call on its own pooled
 * connection (autocommit); `transaction` hands `work` the same repositories bound to one
 * transaction.
 *
 * Do not call this object's own repositories or `transaction` from inside `work`: on SQLite the
 * one connection is held by the transaction, so such a call waits forever; on PostgreSQL it
 * would run outside the transaction.
 */
export class KyselyUnitOfWork implements UnitOfWork {
  readonly municipalities;
  readonly staff;
  readonly clients;
  readonly conversations;
  readonly processedActivities;
  readonly audit;
  readonly outbox;
  readonly bookings;
  readonly schedules;
  readonly serviceTypes;
  readonly intakes;
  readonly consents;
  readonly publicSessions;
  readonly contacts;
  readonly forms;
  readonly associations;
  readonly meetingSessions;
  // ── expert channel (issue 5) ──
  readonly tickets;
  readonly knowledgeBase;
  readonly expertRota;
  readonly channels;
  readonly trainings;
  readonly retention;
  readonly actionTokens;
  private readonly db: Kysely<Database>;
  private readonly dialect: SqlDialect;
  /** Municipalities and service types, shared by this object's repositories and its transactions (ADR 8). */
  private readonly referenceCache = new ReferenceDataCache(REFERENCE_DATA_TTL_MS);

  /** `db` and `dialect` as returned by `createDatabase`. */
  constructor(db: Kysely<Database>, dialect: DialectName) {
    this.db = db;
    this.dialect = sqlDialect(dialect);
    const repos = bindRepositories(this.db, this.dialect, false, this.referenceCache);
    this.municipalities = repos.municipalities;
    this.staff = repos.staff;
    this.clients = repos.clients;
    this.conversations = repos.conversations;
    this.processedActivities = repos.processedActivities;
    this.audit = repos.audit;
    this.outbox = repos.outbox;
    this.bookings = repos.bookings;
    this.schedules = repos.schedules;
    this.serviceTypes = repos.serviceTypes;
    this.intakes = repos.intakes;
    this.consents = repos.consents;
    this.publicSessions = repos.publicSessions;
    this.contacts = repos.contacts;
    this.forms = repos.forms;
    this.associations = repos.associations;
    this.meetingSessions = repos.meetingSessions;
    // ── expert channel (issue 5) ──
    this.tickets = repos.tickets;
    this.knowledgeBase = repos.knowledgeBase;
    this.expertRota = repos.expertRota;
    this.channels = repos.channels;
    this.trainings = repos.trainings;
    this.retention = repos.retention;
    this.actionTokens = repos.actionTokens;
  }

  /** Commits when `work` resolves; rolls back and rethrows when it throws. Not nestable. */
  async transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    let wroteReferenceData = false;
    const cache = this.referenceCache.tracking(() => {
      wroteReferenceData = true;
    });
    try {
      return await this.dialect.transaction(this.db, (trx) => work(bindRepositories(trx, this.dialect, true, cache)));
    } finally {
      // Reads that ran while the transaction was open may have cached the rows it replaced.
      if (wroteReferenceData) this.referenceCache.invalidate();
    }
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

/**
 * `inTransaction`: `db` is a unit-of-work transaction. Repositories that need several statements
 * to be atomic then use it as is, and otherwise open a transaction of their own; a booking write
 * refused for overlap leaves it usable (dialect.ts, `moveBookingIfFree`).
 */
function bindRepositories(db: Kysely<Database>, dialect: SqlDialect, inTransaction: boolean, cache: ReferenceCache) {
  return {
    municipalities: new KyselyMunicipalityRepository(db, cache, !inTransaction),
    staff: new KyselyStaffRepository(db, dialect),
    clients: new KyselyClientRepository(db, dialect),
    conversations: new KyselyConversationReferenceRepository(db, dialect),
    processedActivities: new KyselyProcessedActivityRepository(db, dialect),
    audit: new KyselyAuditLog(db, dialect),
    outbox: new KyselyOutboxRepository(db, dialect),
    bookings: new KyselyBookingRepository(db, dialect, inTransaction),
    schedules: new KyselyAdviserScheduleRepository(db, dialect, inTransaction),
    serviceTypes: new KyselyServiceTypeRepository(db, cache, !inTransaction),
    intakes: new KyselyIntakeRepository(db, dialect),
    consents: new KyselyConsentRepository(db, dialect),
    publicSessions: new KyselyPublicSessionRepository(db, dialect),
    contacts: new KyselyContactRepository(db, dialect, inTransaction),
    forms: new KyselyFormDefinitionRepository(db, dialect),
    associations: new KyselyAssociationRepository(db, dialect),
    meetingSessions: new KyselyMeetingSessionRepository(db, dialect),
    // ── expert channel (issue 5) ──
    tickets: new KyselyTicketRepository(db, dialect, inTransaction),
    knowledgeBase: new KyselyKnowledgeBaseRepository(db, dialect),
    expertRota: new KyselyExpertRotaRepository(db, dialect, inTransaction),
    channels: new KyselyChannelRepository(db, dialect, inTransaction),
    trainings: new KyselyTrainingRepository(db, dialect, inTransaction),
    retention: new KyselyRetentionRepository(db, dialect),
    actionTokens: new KyselyCardActionTokenRepository(db, dialect),
  } satisfies Repositories;
}
