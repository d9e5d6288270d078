import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { Ticket, TicketChange, TicketEvent, TicketLanguage, TicketStatus, TicketUrgency } from '../../domain/experts/ticket.js';
import type {
  ChannelPurpose,
  ChannelRepository,
  DutyShift,
  ExpertRotaRepository,
  NewTicket,
  SignUpResult,
  StoredChannel,
  TicketPost,
  TicketRepository,
  Training,
  TrainingRepository,
  UpdateTicketResult,
} from '../../use-cases/ports/experts.js';
import type { Database, TicketsTable, TrainingsTable } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

export { KyselyKnowledgeBaseRepository } from './kysely-knowledge-base-repository.js';

/**
 * The expert channel's repositories (issue 5) over SQLite and PostgreSQL; the knowledge base is in
 * kysely-knowledge-base-repository.ts. Writes of several statements run in the caller's
 * transaction when bound inside `UnitOfWork.transaction` (`inTransaction`), else in one of their
 * own, like KyselyContactRepository.
 */
abstract class ExpertRepository {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
    private readonly inTransaction: boolean,
  ) {}

  protected atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.inTransaction ? work(this.db) : this.dialect.transaction(this.db, work);
  }
}

type TicketRow = Selectable<TicketsTable>;

export class KyselyTicketRepository extends ExpertRepository implements TicketRepository {
  async create(ticket: NewTicket, now: Date): Promise<Ticket> {
    const at = this.dialect.toInstant(now);
    return this.atomically(async (db) => {
      const row = await db
        .insertInto('tickets')
        .values({
          id: randomUUID(),
          // PostgreSQL: the identity column numbers it (safe for concurrent instances). SQLite: the
          // next number in the same statement, which holds the write lock, so no two get the same.
          ...(this.dialect.name === 'sqlite' ? { number: sql<number>`(select coalesce(max(number), 0) + 1 from tickets)` } : {}),
          asker_id: ticket.askerId,
          municipality_code: ticket.municipalityCode,
          topic: ticket.topic,
          urgency: ticket.urgency,
          language: ticket.language,
          question: ticket.question,
          status: 'open',
          assignee_id: null,
          answer: null,
          created_at: at,
          first_claimed_at: null,
          first_answered_at: null,
          claim_due_at: this.dialect.toInstant(ticket.claimDueAt),
          escalated_at: null,
          updated_at: at,
          revision: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.insertEvent(db, row.id, { at: now, actorId: ticket.askerId, kind: 'asked', text: null });
      return this.toTicket(row);
    });
  }

  async get(id: string): Promise<Ticket | undefined> {
    const row = await this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toTicket(row);
  }

  async update(id: string, expectedRevision: number, change: TicketChange, event: Omit<TicketEvent, 'ticketId'>, now: Date): Promise<UpdateTicketResult> {
    return this.atomically(async (db) => {
      // The revision check and the write are one statement: of two experts claiming at once, the
      // second UPDATE waits for the first (row lock) and then no longer finds the revision it read.
      const updated = await db
        .updateTable('tickets')
        .set({ ...this.changeColumns(change), revision: expectedRevision + 1, updated_at: this.dialect.toInstant(now) })
        .where('id', '=', id)
        .where('revision', '=', expectedRevision)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        const current = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
        return current === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'stale', current: this.toTicket(current) };
      }
      await this.insertEvent(db, id, event);
      return { ok: true, ticket: this.toTicket(updated) };
    });
  }

  async events(id: string): Promise<TicketEvent[]> {
    const rows = await this.db.selectFrom('ticket_events').select(['ticket_id', 'at', 'actor_id', 'kind', 'text']).where('ticket_id', '=', id).orderBy('id').execute();
    return rows.map((row) => ({ ticketId: row.ticket_id, at: this.dialect.fromInstant(row.at), actorId: row.actor_id, kind: row.kind as TicketEvent['kind'], text: row.text }));
  }

  async dueForEscalation(now: Date, limit: number): Promise<Ticket[]> {
    // Most overdue first (an urgent ticket's claimDueAt is earlier); tickets_escalation_idx.
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', '=', 'open')
      .where('escalated_at', 'is', null)
      .where('claim_due_at', '<=', this.dialect.toInstant(now))
      .orderBy('claim_due_at')
      .orderBy('number')
      .limit(limit)
      .execute();
    return rows.map((row) => this.toTicket(row));
  }

  async listByAsker(askerId: string, limit: number): Promise<Ticket[]> {
    const rows = await this.db.selectFrom('tickets').selectAll().where('asker_id', '=', askerId).orderBy('created_at', 'desc').orderBy('number', 'desc').limit(limit).execute();
    return rows.map((row) => this.toTicket(row));
  }

  async listByStatus(statuses: readonly TicketStatus[], limit: number): Promise<Ticket[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db.selectFrom('tickets').selectAll().where('status', 'in', [...statuses]).orderBy('created_at').orderBy('number').limit(limit).execute();
    return rows.map((row) => this.toTicket(row));
  }

  async savePost(post: TicketPost): Promise<void> {
    await this.db
      .insertInto('ticket_posts')
      .values({ ticket_id: post.ticketId, conversation_id: post.conversationId, activity_id: post.activityId })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet({ conversation_id: post.conversationId, activity_id: post.activityId }))
      .execute();
  }

  async getPost(ticketId: string): Promise<TicketPost | undefined> {
    const row = await this.db.selectFrom('ticket_posts').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    return row && { ticketId: row.ticket_id, conversationId: row.conversation_id, activityId: row.activity_id };
  }

  async listCreatedBetween(municipalities: readonly string[], from: Date, before: Date): Promise<Pick<Ticket, 'municipalityCode' | 'createdAt' | 'firstClaimedAt' | 'firstAnsweredAt'>[]> {
    if (municipalities.length === 0) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .select(['municipality_code', 'created_at', 'first_claimed_at', 'first_answered_at'])
      .where('municipality_code', 'in', [...municipalities])
      .where('created_at', '>=', this.dialect.toInstant(from))
      .where('created_at', '<', this.dialect.toInstant(before))
      .orderBy('created_at')
      .orderBy('number')
      .execute();
    return rows.map((row) => ({
      municipalityCode: row.municipality_code,
      createdAt: this.dialect.fromInstant(row.created_at),
      firstClaimedAt: this.nullableInstant(row.first_claimed_at),
      firstAnsweredAt: this.nullableInstant(row.first_answered_at),
    }));
  }

  private async insertEvent(db: Kysely<Database>, ticketId: string, event: Omit<TicketEvent, 'ticketId'>): Promise<void> {
    await db.insertInto('ticket_events').values({ ticket_id: ticketId, at: this.dialect.toInstant(event.at), actor_id: event.actorId, kind: event.kind, text: event.text }).execute();
  }

  /** Only the fields `change` names; an explicit null clears one. */
  private changeColumns(change: TicketChange): Updateable<TicketsTable> {
    const instant = (date: Date | null) => (date === null ? null : this.dialect.toInstant(date));
    const set: Updateable<TicketsTable> = {};
    if (change.status !== undefined) set.status = change.status;
    if (change.assigneeId !== undefined) set.assignee_id = change.assigneeId;
    if (change.answer !== undefined) set.answer = change.answer;
    if (change.firstClaimedAt !== undefined) set.first_claimed_at = instant(change.firstClaimedAt);
    if (change.firstAnsweredAt !== undefined) set.first_answered_at = instant(change.firstAnsweredAt);
    if (change.escalatedAt !== undefined) set.escalated_at = instant(change.escalatedAt);
    return set;
  }

  private nullableInstant(value: Date | number | string | null): Date | null {
    return value === null ? null : this.dialect.fromInstant(value);
  }

  private toTicket(row: TicketRow): Ticket {
    return {
      id: row.id,
      number: toNumber(row.number),
      askerId: row.asker_id,
      municipalityCode: row.municipality_code,
      topic: row.topic as TopicCode,
      urgency: row.urgency as TicketUrgency,
      language: row.language as TicketLanguage,
      question: row.question,
      status: row.status as TicketStatus,
      assigneeId: row.assignee_id,
      answer: row.answer,
      createdAt: this.dialect.fromInstant(row.created_at),
      firstClaimedAt: this.nullableInstant(row.first_claimed_at),
      firstAnsweredAt: this.nullableInstant(row.first_answered_at),
      claimDueAt: this.dialect.fromInstant(row.claim_due_at),
      escalatedAt: this.nullableInstant(row.escalated_at),
      updatedAt: this.dialect.fromInstant(row.updated_at),
      revision: toNumber(row.revision),
    };
  }
}

export class KyselyExpertRotaRepository extends ExpertRepository implements ExpertRotaRepository {
  async replace(from: string, to: string, shifts: readonly DutyShift[]): Promise<void> {
    await this.atomically(async (db) => {
      // Overlap of inclusive date ranges; "YYYY-MM-DD" compares as text in date order.
      await db.deleteFrom('expert_rota').where('from_date', '<=', to).where('to_date', '>=', from).execute();
      if (shifts.length > 0) await db.insertInto('expert_rota').values(shifts.map((s) => ({ expert_id: s.expertId, from_date: s.from, to_date: s.to }))).execute();
    });
  }

  async onDate(date: string): Promise<DutyShift[]> {
    const rows = await this.db.selectFrom('expert_rota').selectAll().where('from_date', '<=', date).where('to_date', '>=', date).orderBy('from_date').orderBy('expert_id').execute();
    return rows.map((row) => ({ expertId: row.expert_id, from: row.from_date, to: row.to_date }));
  }
}

export class KyselyChannelRepository extends ExpertRepository implements ChannelRepository {
  async set(channel: StoredChannel): Promise<void> {
    const columns = {
      tenant_id: channel.tenantId,
      conversation_id: channel.conversationId,
      reference: JSON.stringify(channel.reference),
      set_by: channel.setBy,
      set_at: this.dialect.toInstant(channel.setAt),
    };
    await this.db
      .insertInto('channels')
      .values({ purpose: channel.purpose, ...columns })
      .onConflict((oc) => oc.column('purpose').doUpdateSet(columns))
      .execute();
  }

  async get(purpose: ChannelPurpose): Promise<StoredChannel | undefined> {
    const row = await this.db.selectFrom('channels').selectAll().where('purpose', '=', purpose).executeTakeFirst();
    return (
      row && {
        purpose: row.purpose as ChannelPurpose,
        tenantId: row.tenant_id,
        conversationId: row.conversation_id,
        reference: JSON.parse(row.reference) as unknown,
        setBy: row.set_by,
        setAt: this.dialect.fromInstant(row.set_at),
      }
    );
  }
}

export class KyselyTrainingRepository extends ExpertRepository implements TrainingRepository {
  async create(training: Omit<Training, 'id' | 'createdAt'>, now: Date): Promise<Training> {
    const row = await this.db
      .insertInto('trainings')
      .values({
        id: randomUUID(),
        title: training.title,
        description: training.description,
        starts_at: this.dialect.toInstant(training.startsAt),
        location: training.location,
        capacity: training.capacity,
        created_by: training.createdBy,
        created_at: this.dialect.toInstant(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toTraining(row);
  }

  async get(id: string): Promise<Training | undefined> {
    const row = await this.db.selectFrom('trainings').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toTraining(row);
  }

  async signUp(trainingId: string, staffId: string, now: Date): Promise<SignUpResult> {
    return this.atomically(async (db) => {
      // Count-then-insert is only safe while no one else signs up to this training: PostgreSQL
      // locks the training's row until commit; SQLite's transaction holds the write lock already.
      const training = await this.lockTraining(db.selectFrom('trainings').select(['id', 'capacity']).where('id', '=', trainingId)).executeTakeFirst();
      if (training === undefined) return { ok: false, reason: 'not_found' };
      const already = await db.selectFrom('training_signups').select('staff_id').where('training_id', '=', trainingId).where('staff_id', '=', staffId).executeTakeFirst();
      const count = await countSignUps(db, trainingId);
      if (already !== undefined) return { ok: true, already: true, count };
      if (training.capacity !== null && count >= toNumber(training.capacity)) return { ok: false, reason: 'full' };
      await db.insertInto('training_signups').values({ training_id: trainingId, staff_id: staffId, signed_up_at: this.dialect.toInstant(now) }).execute();
      return { ok: true, already: false, count: count + 1 };
    });
  }

  async signUpCount(trainingId: string): Promise<number> {
    return countSignUps(this.db, trainingId);
  }

  /** SQLite has no FOR UPDATE (and needs none: see `signUp`). */
  private lockTraining<O>(query: SelectQueryBuilder<Database, 'trainings', O>): SelectQueryBuilder<Database, 'trainings', O> {
    return this.dialect.name === 'postgres' ? query.forUpdate() : query;
  }

  private toTraining(row: Selectable<TrainingsTable>): Training {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      startsAt: this.dialect.fromInstant(row.starts_at),
      location: row.location,
      capacity: row.capacity === null ? null : toNumber(row.capacity),
      createdBy: row.created_by,
      createdAt: this.dialect.fromInstant(row.created_at),
    };
  }
}

async function countSignUps(db: Kysely<Database>, trainingId: string): Promise<number> {
  const row = await db.selectFrom('training_signups').select((eb) => eb.fn.countAll<number | string>().as('n')).where('training_id', '=', trainingId).executeTakeFirstOrThrow();
  return toNumber(row.n);
}
