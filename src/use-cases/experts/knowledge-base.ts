import { localDateOf } from '../../domain/booking/helsinki-time.js';
import { scrubPersonalData } from '../../domain/experts/pii.js';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, type TicketLanguage } from '../../domain/experts/ticket.js';
import { TOPIC_CODES, type TopicCode } from '../../domain/intake/topics.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { KnowledgeArticle, KnowledgeSearchHit } from '../ports/experts.js';
import { activeStaff, hasRole, isLocalDate, reviewDateFrom, type ExpertDeps } from './expert-access.js';

/** Longest search text taken (a search box, not a document); longer input is cut, not refused. */
export const MAX_SEARCH_TEXT = 200;
/** Past-review articles listed at once. */
export const PAST_REVIEW_LIMIT = 50;
const MAX_SEARCH_LIMIT = 50;
const ARTICLE_LANGUAGES: readonly TicketLanguage[] = ['fi', 'sv', 'en'];

type Forbidden = { readonly ok: false; readonly reason: 'forbidden' };

export type SearchKnowledgeBaseResult = { readonly ok: true; readonly hits: readonly KnowledgeSearchHit[]; readonly isExpert: boolean } | Forbidden;

/** A new article's fields, prefilled from an answered ticket for the expert to edit. */
export interface ArticleDraft {
  readonly ticketId: string;
  readonly question: string;
  readonly answer: string;
  readonly topic: TopicCode;
  readonly language: TicketLanguage;
  /** Helsinki date a year from today. */
  readonly reviewBy: string;
}

export type ArticleDraftResult = { readonly ok: true; readonly draft: ArticleDraft } | Forbidden | { readonly ok: false; readonly reason: 'not_found' | 'not_answered' };

/** The article form's fields, as the card sent them: unchecked. */
export interface ArticleInput {
  /** The ticket it comes from; absent for an article written directly. */
  readonly ticketId?: string;
  readonly question: string;
  readonly answer: string;
  readonly topic: string;
  readonly language: string;
  /** 'YYYY-MM-DD', after today. */
  readonly reviewBy: string;
}

export type ArticleInputError = 'question_empty' | 'question_too_long' | 'answer_empty' | 'answer_too_long' | 'topic' | 'language' | 'review_by' | 'ticket';

export type SaveArticleResult = { readonly ok: true; readonly article: KnowledgeArticle } | Forbidden | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly ArticleInputError[] };

export type ArticlesPastReviewResult = { readonly ok: true; readonly articles: readonly KnowledgeArticle[] } | Forbidden;

export type MarkReviewedResult = { readonly ok: true; readonly article: KnowledgeArticle } | Forbidden | { readonly ok: false; readonly reason: 'not_found' };

/** The active expert behind `actor`, else undefined. */
async function actingExpert(deps: Pick<ExpertDeps, 'uow'>, actor: StaffIdentity): Promise<StaffMember | undefined> {
  const member = await activeStaff(deps.uow.staff, actor);
  return member && hasRole(member, 'expert') ? member : undefined;
}

/**
 * Knowledge-base search (the bot's and the message extension's), for any active staff member.
 * The text is trimmed and cut to {@link MAX_SEARCH_TEXT}; blank text finds nothing without asking
 * the database. `isExpert` tells the card whether to show the experts' extras (review flags).
 */
export async function searchKnowledgeBase(deps: Pick<ExpertDeps, 'uow'>, actor: StaffIdentity, text: string, limit = 10): Promise<SearchKnowledgeBaseResult> {
  const member = await activeStaff(deps.uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const isExpert = hasRole(member, 'expert');
  const query = (typeof text === 'string' ? text : '').trim().slice(0, MAX_SEARCH_TEXT);
  if (query === '') return { ok: true, hits: [], isExpert };
  const hits = await deps.uow.knowledgeBase.search(query, Math.min(Math.max(1, Math.floor(limit)), MAX_SEARCH_LIMIT));
  return { ok: true, hits, isExpert };
}

/**
 * The "save as article" form of an answered (or solved) ticket, prefilled with its question,
 * latest answer, topic and language, due for review a year from today. Experts only.
 */
export async function articleDraftFromTicket(deps: ExpertDeps, actor: StaffIdentity, ticketId: string): Promise<ArticleDraftResult> {
  if (!(await actingExpert(deps, actor))) return { ok: false, reason: 'forbidden' };
  const ticket = await deps.uow.tickets.get(ticketId);
  if (!ticket) return { ok: false, reason: 'not_found' };
  if ((ticket.status !== 'answered' && ticket.status !== 'solved') || ticket.answer === null) return { ok: false, reason: 'not_answered' };
  return {
    ok: true,
    draft: { ticketId: ticket.id, question: ticket.question, answer: ticket.answer, topic: ticket.topic, language: ticket.language, reviewBy: reviewDateFrom(deps.clock()) },
  };
}

/**
 * Saves an article (experts only). Every field is checked and every error returned at once; the
 * question and answer are scrubbed of personal data again (the form can be edited, and card data
 * forged). The review date must be a real date after today.
 */
export async function saveArticle(deps: ExpertDeps, actor: StaffIdentity, input: ArticleInput): Promise<SaveArticleResult> {
  const now = deps.clock();
  const expert = await actingExpert(deps, actor);
  if (!expert) return { ok: false, reason: 'forbidden' };
  const errors: ArticleInputError[] = [];
  const question = scrubPersonalData(text(input.question)).text;
  const answer = scrubPersonalData(text(input.answer)).text;
  if (question === '') errors.push('question_empty');
  else if (question.length > MAX_QUESTION_LENGTH) errors.push('question_too_long');
  if (answer === '') errors.push('answer_empty');
  else if (answer.length > MAX_ANSWER_LENGTH) errors.push('answer_too_long');
  const topic = TOPIC_CODES.find((code) => code === input.topic);
  if (topic === undefined) errors.push('topic');
  const language = ARTICLE_LANGUAGES.find((code) => code === input.language);
  if (language === undefined) errors.push('language');
  const reviewBy = text(input.reviewBy);
  // 'YYYY-MM-DD' strings of real dates compare as dates.
  if (!isLocalDate(reviewBy) || reviewBy <= localDateOf(now)) errors.push('review_by');
  const ticketId = input.ticketId === undefined || input.ticketId === '' ? null : input.ticketId;
  if (ticketId !== null && !(await deps.uow.tickets.get(ticketId))) errors.push('ticket');
  if (errors.length > 0 || topic === undefined || language === undefined) return { ok: false, reason: 'invalid', errors };
  const article = await deps.uow.knowledgeBase.save({ ticketId, question, answer, topic, language, reviewBy, createdBy: expert.id }, now);
  return { ok: true, article };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Articles whose review date has passed, oldest review date first: flagged to experts. */
export async function articlesPastReview(deps: ExpertDeps, actor: StaffIdentity): Promise<ArticlesPastReviewResult> {
  if (!(await actingExpert(deps, actor))) return { ok: false, reason: 'forbidden' };
  return { ok: true, articles: await deps.uow.knowledgeBase.pastReview(localDateOf(deps.clock()), PAST_REVIEW_LIMIT) };
}

/** An expert checked the article: it is due for review again a year from today. */
export async function markReviewed(deps: ExpertDeps, actor: StaffIdentity, articleId: string): Promise<MarkReviewedResult> {
  const now = deps.clock();
  if (!(await actingExpert(deps, actor))) return { ok: false, reason: 'forbidden' };
  if (!(await deps.uow.knowledgeBase.setReviewBy(articleId, reviewDateFrom(now), now))) return { ok: false, reason: 'not_found' };
  const article = await deps.uow.knowledgeBase.get(articleId);
  if (!article) return { ok: false, reason: 'not_found' };
  return { ok: true, article };
}
