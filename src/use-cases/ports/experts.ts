import type { TopicCode } from '../../domain/intake/topics.js';
import type { Ticket, TicketChange, TicketEvent, TicketLanguage, TicketStatus, TicketUrgency } from '../../domain/experts/ticket.js';

/**
 * The expert channel's storage (issue 5). Part of `Repositories`, so a ticket, its thread and the
 * outbox rows its change causes (the channel card, the asker's notice) commit together.
 *
 * Implementations: src/adapters/persistence/kysely-expert-repositories.ts (SQLite, PostgreSQL)
 * and test/fakes/in-memory-experts.ts; test/contract/experts.contract.test.ts runs one suite over
 * all three.
 */

export interface NewTicket {
  readonly askerId: string;
  readonly municipalityCode: string;
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
  readonly language: TicketLanguage;
  /** Already scrubbed and length-checked by the use case. */
  readonly question: string;
  readonly claimDueAt: Date;
}

export type UpdateTicketResult = { readonly ok: true; readonly ticket: Ticket } | { readonly ok: false; readonly reason: 'not_found' } | { readonly ok: false; readonly reason: 'stale'; readonly current: Ticket };

/** Where the ticket's card sits in the experts' channel, to update it in place. */
export interface TicketPost {
  readonly ticketId: string;
  readonly conversationId: string;
  readonly activityId: string;
}

export interface TicketRepository {
  /** A new open ticket (revision 1, the next number) with its `asked` event. */
  create(ticket: NewTicket, now: Date): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  /**
   * Applies `change` when the stored revision is `expectedRevision` (then revision + 1, updatedAt
   * = now) and appends `event` — one statement decides, so of two experts claiming at once exactly
   * one wins; the other gets `stale` with the ticket as it is now.
   */
  update(id: string, expectedRevision: number, change: TicketChange, event: Omit<TicketEvent, 'ticketId'>, now: Date): Promise<UpdateTicketResult>;
  /** The ticket's thread, oldest first. */
  events(id: string): Promise<TicketEvent[]>;
  /** Open (unclaimed), not yet escalated tickets whose claimDueAt ≤ now, oldest first, at most `limit`. */
  dueForEscalation(now: Date, limit: number): Promise<Ticket[]>;
  /** Newest first; the asker's own tickets. */
  listByAsker(askerId: string, limit: number): Promise<Ticket[]>;
  /** Tickets in these statuses, oldest first (the experts' "open questions" list). */
  listByStatus(statuses: readonly TicketStatus[], limit: number): Promise<Ticket[]>;
  /** Records (or replaces) where the ticket's card was posted. */
  savePost(post: TicketPost): Promise<void>;
  getPost(ticketId: string): Promise<TicketPost | undefined>;
  /**
   * For the reports: tickets created in [from, before) of these municipalities, with their
   * firstClaimedAt / firstAnsweredAt (medians are computed by the use case).
   */
  listCreatedBetween(municipalities: readonly string[], from: Date, before: Date): Promise<Pick<Ticket, 'municipalityCode' | 'createdAt' | 'firstClaimedAt' | 'firstAnsweredAt'>[]>;
}

export interface KnowledgeArticle {
  readonly id: string;
  /** The ticket it was saved from, or null (written directly). */
  readonly ticketId: string | null;
  readonly question: string;
  readonly answer: string;
  readonly topic: TopicCode;
  readonly language: TicketLanguage;
  /** Helsinki date "YYYY-MM-DD": after it, the article is flagged to experts for review. */
  readonly reviewBy: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewKnowledgeArticle = Omit<KnowledgeArticle, 'id' | 'createdAt' | 'updatedAt'>;

export interface KnowledgeSearchHit {
  readonly article: KnowledgeArticle;
  /** Higher is better; only the order is meaningful. */
  readonly rank: number;
}

export interface KnowledgeBaseRepository {
  save(article: NewKnowledgeArticle, now: Date): Promise<KnowledgeArticle>;
  get(id: string): Promise<KnowledgeArticle | undefined>;
  /**
   * Full-text search over question and answer with the database's own engine (SQLite FTS5,
   * PostgreSQL tsvector with the finnish and english configurations): best first, at most
   * `limit`. Words are matched by prefix, so Finnish inflections of a word's stem match
   * ("oleskelulupa" finds "oleskeluluvan" through "oleskelulu*"). Query text is user input: never
   * an FTS syntax error, whatever it contains (quotes, operators, parentheses).
   */
  search(text: string, limit: number): Promise<KnowledgeSearchHit[]>;
  /** Articles whose reviewBy is before `today` (Helsinki date), oldest review date first. */
  pastReview(today: string, limit: number): Promise<KnowledgeArticle[]>;
  /** Sets a new review date (the expert reviewed it). False when there is no such article. */
  setReviewBy(id: string, reviewBy: string, now: Date): Promise<boolean>;
}

/** One stretch of the on-duty backup rota: this expert from `from` to `to` (Helsinki dates, inclusive). */
export interface DutyShift {
  readonly expertId: string;
  readonly from: string;
  readonly to: string;
}

export interface ExpertRotaRepository {
  /** Replaces every shift that overlaps [from, to] with these (a coordinator edits a period). */
  replace(from: string, to: string, shifts: readonly DutyShift[]): Promise<void>;
  /** The shifts covering `date` (normally one), earliest `from` first. */
  onDate(date: string): Promise<DutyShift[]>;
}

/** Where Neuvo posts in Teams channels: the experts' channel and the staff announcement channel. */
export const CHANNEL_PURPOSES = ['experts', 'staff_announcements'] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export interface StoredChannel {
  readonly purpose: ChannelPurpose;
  readonly tenantId: string;
  readonly conversationId: string;
  /** The Bot Framework conversation reference (JSON), as stored for proactive messages. */
  readonly reference: unknown;
  readonly setBy: string;
  readonly setAt: Date;
}

export interface ChannelRepository {
  /** Inserts or replaces the channel for this purpose. */
  set(channel: StoredChannel): Promise<void>;
  get(purpose: ChannelPurpose): Promise<StoredChannel | undefined>;
}

export interface Training {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly startsAt: Date;
  /** Where: a place or a Teams link. */
  readonly location: string;
  /** Sign-ups close at this many; null = no limit. */
  readonly capacity: number | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export type SignUpResult = { readonly ok: true; readonly already: boolean; readonly count: number } | { readonly ok: false; readonly reason: 'not_found' | 'full' };

export interface TrainingRepository {
  create(training: Omit<Training, 'id' | 'createdAt'>, now: Date): Promise<Training>;
  get(id: string): Promise<Training | undefined>;
  /** Idempotent per (training, staff member); refuses when full (checked in the same statement/transaction). */
  signUp(trainingId: string, staffId: string, now: Date): Promise<SignUpResult>;
  signUpCount(trainingId: string): Promise<number>;
}
