import { addOfficeMinutes } from '../../domain/experts/office-hours.js';
import { scrubPersonalData, type ScrubbedKind } from '../../domain/experts/pii.js';
import { MAX_QUESTION_LENGTH, TICKET_URGENCIES, type Ticket, type TicketLanguage, type TicketUrgency } from '../../domain/experts/ticket.js';
import { TOPIC_CODES, type TopicCode } from '../../domain/intake/topics.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { KnowledgeArticle } from '../ports/experts.js';
import { activeStaff, type ExpertDeps } from './expert-access.js';
import { enqueueTicketCard } from './expert-topics.js';

/** The "Ask an expert" card's fields, as the card (or the message extension) sent them: unchecked. */
export interface AskInput {
  readonly question: string;
  readonly topic: string;
  readonly urgency: string;
}

export type AskInputError = 'question_empty' | 'question_too_long' | 'topic' | 'urgency';

export type AskRefusal = { readonly ok: false; readonly reason: 'forbidden' } | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly AskInputError[] };

export type SuggestAnswersResult =
  | {
      readonly ok: true;
      /** The question as it will be sent on: scrubbed (show it to the asker so they see what was removed). */
      readonly question: string;
      /** What the scrub took out, for the "we removed …" note; empty when nothing. */
      readonly removed: readonly ScrubbedKind[];
      readonly topic: TopicCode;
      readonly urgency: TicketUrgency;
      /** At most three knowledge-base articles, best first; empty when nothing matches. */
      readonly suggestions: readonly KnowledgeArticle[];
    }
  | AskRefusal;

export type EscalateQuestionResult = { readonly ok: true; readonly ticket: Ticket } | AskRefusal;

export type TakeArticleResult = { readonly ok: true; readonly article: KnowledgeArticle } | { readonly ok: false; readonly reason: 'forbidden' | 'not_found' };

/** Suggestions shown before a question goes to the experts (issue 5: "up to three"). */
export const MAX_SUGGESTIONS = 3;

/**
 * The ticket's language. StaffMember has no preferred language (only the languages a person
 * works in, unordered), so questions are Finnish by default; the expert answering reads the
 * question itself anyway.
 */
const ASKER_LANGUAGE: TicketLanguage = 'fi';

interface CheckedQuestion {
  readonly question: string;
  readonly removed: readonly ScrubbedKind[];
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
}

/**
 * Scrubs and checks the card's fields. The length is checked on the scrubbed text, which is what
 * is stored (a replaced phone number is shorter or longer than the mark that replaces it).
 */
function checkQuestion(input: AskInput): { readonly ok: true; readonly value: CheckedQuestion } | { readonly ok: false; readonly errors: AskInputError[] } {
  const errors: AskInputError[] = [];
  const trimmed = typeof input.question === 'string' ? input.question.trim() : '';
  const scrubbed = scrubPersonalData(trimmed);
  if (trimmed === '') errors.push('question_empty');
  else if (scrubbed.text.length > MAX_QUESTION_LENGTH) errors.push('question_too_long');
  const topic = TOPIC_CODES.find((code) => code === input.topic);
  if (topic === undefined) errors.push('topic');
  const urgency = TICKET_URGENCIES.find((code) => code === input.urgency);
  if (urgency === undefined) errors.push('urgency');
  if (errors.length > 0 || topic === undefined || urgency === undefined) return { ok: false, errors };
  return { ok: true, value: { question: scrubbed.text, removed: scrubbed.removed, topic, urgency } };
}

/**
 * Step one of asking: the question scrubbed and checked, with up to three knowledge-base articles
 * that may already answer it. Writes nothing: the asker either takes an article
 * ({@link takeArticle}) or sends the question on ({@link escalateQuestion}). Any active staff
 * member may ask.
 */
export async function suggestAnswers(deps: ExpertDeps, actor: StaffIdentity, input: AskInput): Promise<SuggestAnswersResult> {
  const member = await activeStaff(deps.uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const checked = checkQuestion(input);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const hits = await deps.uow.knowledgeBase.search(checked.value.question, MAX_SUGGESTIONS);
  return { ok: true, ...checked.value, suggestions: hits.slice(0, MAX_SUGGESTIONS).map((hit) => hit.article) };
}

/**
 * Step two: the question becomes a ticket for the experts' channel. The fields are scrubbed and
 * checked again (the suggestion card carries them back, and card data can be forged); the asker's
 * municipality comes from our database. The ticket and its channel card's outbox row commit
 * together, so a ticket is never stored without being posted, nor posted without being stored.
 *
 * The claim deadline counts office minutes: a question asked on Friday at 16:30 with an hour to
 * claim is due on Monday morning, not on Friday evening.
 */
export async function escalateQuestion(deps: ExpertDeps, actor: StaffIdentity, input: AskInput): Promise<EscalateQuestionResult> {
  const now = deps.clock();
  const member = await activeStaff(deps.uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const checked = checkQuestion(input);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const { question, topic, urgency } = checked.value;
  const { sla } = deps;
  const claimDueAt = addOfficeMinutes(now, urgency === 'urgent' ? sla.urgentClaimMinutes : sla.claimMinutes, sla.officeHours);
  return deps.uow.transaction(async (tx) => {
    const ticket = await tx.tickets.create({ askerId: member.id, municipalityCode: member.municipalityCode, topic, urgency, language: ASKER_LANGUAGE, question, claimDueAt }, now);
    await enqueueTicketCard(tx, ticket, now);
    return { ok: true, ticket } as const;
  });
}


/**
 * "That answers it": the asker took a suggested article instead of sending the question on. The
 * article is read again by id (the card carries only the id). Writes nothing.
 */
export async function takeArticle(deps: ExpertDeps, actor: StaffIdentity, articleId: string): Promise<TakeArticleResult> {
  const member = await activeStaff(deps.uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const article = await deps.uow.knowledgeBase.get(articleId);
  return article ? { ok: true, article } : { ok: false, reason: 'not_found' };
}
