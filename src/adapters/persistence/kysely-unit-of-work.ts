import { sql, type Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import { sqlDialect, type DialectName, type SqlDialect } from './dialect.js';
import { KyselyAuditLog } from './kysely-audit-log.js';
import { KyselyClientRepository } from './kysely-client-repository.js';
import { KyselyConversationReferenceRepository } from './kysely-conversation-reference-repository.js';
import { KyselyMunicipalityRepository } from './kysely-municipality-repository.js';
import { KyselyOutboxRepository } from './kysely-outbox-repository.js';
import { KyselyProcessedActivityRepository } from './kysely-processed-activity-repository.js';
import { KyselyStaffRepository } from './kysely-staff-repository.js';

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
  private readonly db: Kysely<Database>;
  private readonly dialect: SqlDialect;

  /** `db` and `dialect` as returned by `createDatabase`. */
  constructor(db: Kysely<Database>, dialect: DialectName) {
    this.db = db;
    this.dialect = sqlDialect(dialect);
    const repos = bindRepositories(this.db, this.dialect);
    this.municipalities = repos.municipalities;
    this.staff = repos.staff;
    this.clients = repos.clients;
    this.conversations = repos.conversations;
    this.processedActivities = repos.processedActivities;
    this.audit = repos.audit;
    this.outbox = repos.outbox;
  }

  /** Commits when `work` resolves; rolls back and rethrows when it throws. Not nestable. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.dialect.transaction(this.db, (trx) => work(bindRepositories(trx, this.dialect)));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

function bindRepositories(db: Kysely<Database>, dialect: SqlDialect) {
  return {
    municipalities: new KyselyMunicipalityRepository(db),
    staff: new KyselyStaffRepository(db, dialect),
    clients: new KyselyClientRepository(db, dialect),
    conversations: new KyselyConversationReferenceRepository(db, dialect),
    processedActivities: new KyselyProcessedActivityRepository(db, dialect),
    audit: new KyselyAuditLog(db, dialect),
    outbox: new KyselyOutboxRepository(db, dialect),
  } satisfies Repositories;
}
