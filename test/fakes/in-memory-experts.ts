import { randomUUID } from 'node:crypto';
import type { Ticket, TicketChange, TicketEvent, TicketStatus } from '../../src/domain/experts/ticket.js';
import { searchWords } from '../../src/adapters/persistence/knowledge-search-terms.js';
import type {
  ChannelPurpose,
  ChannelRepository,
  DutyShift,
  ExpertRotaRepository,
  KnowledgeArticle,
  KnowledgeBaseRepository,
  KnowledgeSearchHit,
  NewKnowledgeArticle,
  NewTicket,
  SignUpResult,
  StoredChannel,
  TicketPost,
  TicketRepository,
  Training,
  TrainingRepository,
  UpdateTicketResult,
} from '../../src/use-cases/ports/experts.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/**
 * The expert channel's tables in the in-memory fake (issue 5). They live in `store.tables`, so a
 * throwing `InMemoryUnitOfWork.transaction` rolls them back with everything else. Kept like the
 * database keeps them: foreign keys to staff, municipalities, tickets and trainings; ticket numbers
 * max + 1; a ticket's revision checked and bumped with no await in between (so of two concurrent
 * updates exactly one wins); sign-ups counted and written the same way.
 */
export interface ExpertTables {
  tickets: Map<string, Ticket>;
  /** In insertion order, like the identity column. */
  ticketEvents: TicketEvent[];
  ticketPosts: Map<string, TicketPost>;
  kbArticles: Map<string, KnowledgeArticle>;
  expertRota: DutyShift[];
  /** The reference as JSON text, as the database stores it. */
  channels: Map<ChannelPurpose, Omit<StoredChannel, 'reference'> & { reference: string }>;
  trainings: Map<string, Training>;
  trainingSignups: { trainingId: string; staffId: string; signedUpAt: Date }[];
}

export function emptyExpertTables(): ExpertTables {
  return { tickets: new Map(), ticketEvents: [], ticketPosts: new Map(), kbArticles: new Map(), expertRota: [], channels: new Map(), trainings: new Map(), trainingSignups: [] };
}

const copy = <T>(value: T): T => structuredClone(value);
const ms = (date: Date): number => date.getTime();

function foreignKey(ok: boolean, what: string): void {
  if (!ok) throw new Error(`FOREIGN KEY constraint failed: ${what} (InMemoryUnitOfWork).`);
}

export class InMemoryTicketRepository implements TicketRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(ticket: NewTicket, now: Date): Promise<Ticket> {
    const t = this.store.tables;
    foreignKey(t.staff.has(ticket.askerId), `no staff member "${ticket.askerId}"`);
    foreignKey(t.municipalities.has(ticket.municipalityCode), `no municipality "${ticket.municipalityCode}"`);
    const number = Math.max(0, ...[...t.tickets.values()].map((x) => x.number)) + 1;
    const stored: Ticket = {
      ...copy(ticket),
      id: randomUUID(),
      number,
      status: 'open',
      assigneeId: null,
      answer: null,
      createdAt: new Date(ms(now)),
      firstClaimedAt: null,
      firstAnsweredAt: null,
      escalatedAt: null,
      updatedAt: new Date(ms(now)),
      revision: 1,
    };
    t.tickets.set(stored.id, stored);
    t.ticketEvents.push({ ticketId: stored.id, at: new Date(ms(now)), actorId: ticket.askerId, kind: 'asked', text: null });
    return copy(stored);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const found = this.store.tables.tickets.get(id);
    return found && copy(found);
  }

  async update(id: string, expectedRevision: number, change: TicketChange, event: Omit<TicketEvent, 'ticketId'>, now: Date): Promise<UpdateTicketResult> {
    const t = this.store.tables;
    const found = t.tickets.get(id);
    if (found === undefined) return { ok: false, reason: 'not_found' };
    if (found.revision !== expectedRevision) return { ok: false, reason: 'stale', current: copy(found) };
    if (change.assigneeId) foreignKey(t.staff.has(change.assigneeId), `no staff member "${change.assigneeId}"`);
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as TicketChange;
    const updated: Ticket = { ...found, ...copy(defined), revision: expectedRevision + 1, updatedAt: new Date(ms(now)) };
    t.tickets.set(id, updated);
    t.ticketEvents.push({ ...copy(event), ticketId: id });
    return { ok: true, ticket: copy(updated) };
  }

  async events(id: string): Promise<TicketEvent[]> {
    return this.store.tables.ticketEvents.filter((e) => e.ticketId === id).map(copy);
  }

  async dueForEscalation(now: Date, limit: number): Promise<Ticket[]> {
    return this.all()
      .filter((x) => x.status === 'open' && x.escalatedAt === null && ms(x.claimDueAt) <= ms(now))
      .sort((a, b) => ms(a.claimDueAt) - ms(b.claimDueAt) || a.number - b.number)
      .slice(0, limit);
  }

  async listByAsker(askerId: string, limit: number): Promise<Ticket[]> {
    return this.all()
      .filter((x) => x.askerId === askerId)
      .sort((a, b) => ms(b.createdAt) - ms(a.createdAt) || b.number - a.number)
      .slice(0, limit);
  }

  async listByStatus(statuses: readonly TicketStatus[], limit: number): Promise<Ticket[]> {
    return this.all()
      .filter((x) => statuses.includes(x.status))
      .sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || a.number - b.number)
      .slice(0, limit);
  }

  async savePost(post: TicketPost): Promise<void> {
    foreignKey(this.store.tables.tickets.has(post.ticketId), `no ticket "${post.ticketId}"`);
    this.store.tables.ticketPosts.set(post.ticketId, copy(post));
  }

  async getPost(ticketId: string): Promise<TicketPost | undefined> {
    const found = this.store.tables.ticketPosts.get(ticketId);
    return found && copy(found);
  }

  async listCreatedBetween(municipalities: readonly string[], from: Date, before: Date): Promise<Pick<Ticket, 'municipalityCode' | 'createdAt' | 'firstClaimedAt' | 'firstAnsweredAt'>[]> {
    return this.all()
      .filter((x) => municipalities.includes(x.municipalityCode) && ms(x.createdAt) >= ms(from) && ms(x.createdAt) < ms(before))
      .sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || a.number - b.number)
      .map(({ municipalityCode, createdAt, firstClaimedAt, firstAnsweredAt }) => ({ municipalityCode, createdAt, firstClaimedAt, firstAnsweredAt }));
  }

  private all(): Ticket[] {
    return [...this.store.tables.tickets.values()].map(copy);
  }
}

/** Case, NFKC and diacritics folded, as FTS5's `unicode61 remove_diacritics 2` does (ä = a). */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
const tokens = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

export class InMemoryKnowledgeBaseRepository implements KnowledgeBaseRepository {
  constructor(private readonly store: InMemoryStore) {}

  async save(article: NewKnowledgeArticle, now: Date): Promise<KnowledgeArticle> {
    const t = this.store.tables;
    foreignKey(t.staff.has(article.createdBy), `no staff member "${article.createdBy}"`);
    if (article.ticketId !== null) foreignKey(t.tickets.has(article.ticketId), `no ticket "${article.ticketId}"`);
    const stored: KnowledgeArticle = { ...copy(article), id: randomUUID(), createdAt: new Date(ms(now)), updatedAt: new Date(ms(now)) };
    t.kbArticles.set(stored.id, stored);
    return copy(stored);
  }

  async get(id: string): Promise<KnowledgeArticle | undefined> {
    const found = this.store.tables.kbArticles.get(id);
    return found && copy(found);
  }

  /**
   * The same words and prefix stems as the databases (knowledge-search-terms.ts), matched as
   * prefixes of the article's words. Rank: per search term, 2 when it matches the question and 1
   * when it matches the answer, summed. No English stemming (only the engines have it).
   */
  async search(text: string, limit: number): Promise<KnowledgeSearchHit[]> {
    const terms = [...new Set(searchWords(text).flatMap(({ word, stem }) => [fold(word), fold(stem)]))];
    if (terms.length === 0 || limit <= 0) return [];
    const hits: KnowledgeSearchHit[] = [];
    for (const article of this.store.tables.kbArticles.values()) {
      const question = tokens(article.question);
      const answer = tokens(article.answer);
      const rank = terms.reduce((sum, term) => sum + (question.some((w) => w.startsWith(term)) ? 2 : 0) + (answer.some((w) => w.startsWith(term)) ? 1 : 0), 0);
      if (rank > 0) hits.push({ article: copy(article), rank });
    }
    return hits.sort((a, b) => b.rank - a.rank || (a.article.id < b.article.id ? -1 : 1)).slice(0, Math.floor(limit));
  }

  async pastReview(today: string, limit: number): Promise<KnowledgeArticle[]> {
    return [...this.store.tables.kbArticles.values()]
      .filter((a) => a.reviewBy < today)
      .sort((a, b) => (a.reviewBy < b.reviewBy ? -1 : a.reviewBy > b.reviewBy ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }

  async setReviewBy(id: string, reviewBy: string, now: Date): Promise<boolean> {
    const found = this.store.tables.kbArticles.get(id);
    if (found === undefined) return false;
    this.store.tables.kbArticles.set(id, { ...found, reviewBy, updatedAt: new Date(ms(now)) });
    return true;
  }
}

export class InMemoryExpertRotaRepository implements ExpertRotaRepository {
  constructor(private readonly store: InMemoryStore) {}

  async replace(from: string, to: string, shifts: readonly DutyShift[]): Promise<void> {
    const t = this.store.tables;
    for (const shift of shifts) {
      foreignKey(t.staff.has(shift.expertId), `no staff member "${shift.expertId}"`);
      if (shift.from > shift.to) throw new Error(`CHECK constraint failed: expert_rota_period_check (${shift.from} > ${shift.to}) (InMemoryUnitOfWork).`);
    }
    const kept = t.expertRota.filter((s) => !(s.from <= to && s.to >= from));
    for (const shift of shifts) {
      if ([...kept].some((s) => s.from === shift.from && s.expertId === shift.expertId)) throw new Error('UNIQUE constraint failed: expert_rota (InMemoryUnitOfWork).');
      kept.push(copy(shift));
    }
    t.expertRota = kept;
  }

  async onDate(date: string): Promise<DutyShift[]> {
    return this.store.tables.expertRota
      .filter((s) => s.from <= date && s.to >= date)
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.expertId < b.expertId ? -1 : 1))
      .map(copy);
  }
}

export class InMemoryChannelRepository implements ChannelRepository {
  constructor(private readonly store: InMemoryStore) {}

  async set(channel: StoredChannel): Promise<void> {
    this.store.tables.channels.set(channel.purpose, { ...copy({ ...channel, reference: null }), reference: JSON.stringify(channel.reference) });
  }

  async get(purpose: ChannelPurpose): Promise<StoredChannel | undefined> {
    const found = this.store.tables.channels.get(purpose);
    return found && { ...copy(found), reference: JSON.parse(found.reference) as unknown };
  }
}

export class InMemoryTrainingRepository implements TrainingRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(training: Omit<Training, 'id' | 'createdAt'>, now: Date): Promise<Training> {
    foreignKey(this.store.tables.staff.has(training.createdBy), `no staff member "${training.createdBy}"`);
    if (training.capacity !== null && training.capacity <= 0) throw new Error('CHECK constraint failed: capacity (InMemoryUnitOfWork).');
    const stored: Training = { ...copy(training), id: randomUUID(), createdAt: new Date(ms(now)) };
    this.store.tables.trainings.set(stored.id, stored);
    return copy(stored);
  }

  async get(id: string): Promise<Training | undefined> {
    const found = this.store.tables.trainings.get(id);
    return found && copy(found);
  }

  async signUp(trainingId: string, staffId: string, now: Date): Promise<SignUpResult> {
    const t = this.store.tables;
    const training = t.trainings.get(trainingId);
    if (training === undefined) return { ok: false, reason: 'not_found' };
    const count = this.count(trainingId);
    if (t.trainingSignups.some((s) => s.trainingId === trainingId && s.staffId === staffId)) return { ok: true, already: true, count };
    if (training.capacity !== null && count >= training.capacity) return { ok: false, reason: 'full' };
    foreignKey(t.staff.has(staffId), `no staff member "${staffId}"`);
    t.trainingSignups.push({ trainingId, staffId, signedUpAt: new Date(ms(now)) });
    return { ok: true, already: false, count: count + 1 };
  }

  async signUpCount(trainingId: string): Promise<number> {
    return this.count(trainingId);
  }

  private count(trainingId: string): number {
    return this.store.tables.trainingSignups.filter((s) => s.trainingId === trainingId).length;
  }
}
