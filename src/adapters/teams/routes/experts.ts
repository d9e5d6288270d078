import type { Application } from '@microsoft/teams-ai';
import { MessageFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderArticleFormCard } from '../../../cards/experts/article-form-card.js';
import { renderArticlesToReviewCard } from '../../../cards/experts/articles-to-review-card.js';
import { renderAskExpertCard, type AskValues } from '../../../cards/experts/ask-expert-card.js';
import { renderDutyRotaCard } from '../../../cards/experts/duty-rota-card.js';
import { renderExpertAnswerCard } from '../../../cards/experts/expert-answer-card.js';
import { renderExpertSuggestionsCard } from '../../../cards/experts/expert-suggestions-card.js';
import { renderArticleTakenCard } from '../../../cards/experts/knowledge-article-card.js';
import { renderKnowledgeSearchCard } from '../../../cards/experts/knowledge-search-card.js';
import { renderQuestionSentCard } from '../../../cards/experts/question-sent-card.js';
import type { TicketNotice } from '../../../cards/experts/ticket-card.js';
import { renderTrainingCard } from '../../../cards/experts/training-card.js';
import { renderTrainingFormCard } from '../../../cards/experts/training-form-card.js';
import { helsinkiClock, helsinkiDate } from '../../../cards/adviser/staff-format.js';
import { renderMessageCard } from '../../../cards/message-card.js';
import {
  EXPERT_ANSWER,
  EXPERT_ARTICLE_FORM,
  EXPERT_ASK_SHOW,
  EXPERT_CLAIM,
  EXPERT_CLOSE,
  EXPERT_ESCALATE,
  EXPERT_FOLLOW_UP,
  EXPERT_HAND_OVER,
  EXPERT_KB_SEARCH,
  EXPERT_REOPEN,
  EXPERT_REVIEWED,
  EXPERT_ROTA_SAVE,
  EXPERT_ROTA_SHOW,
  EXPERT_SAVE_ARTICLE,
  EXPERT_SOLVED,
  EXPERT_SUGGEST,
  EXPERT_TAKE_ARTICLE,
  EXPERT_TICKET_REFRESH,
  TRAINING_ANNOUNCE,
  TRAINING_FORM,
  TRAINING_SIGN_UP,
} from '../../../cards/verbs.js';
import type { Ticket } from '../../../domain/experts/ticket.js';
import { staffLanguage, staffText, type StaffLanguage, type StaffMessageKey } from '../../../i18n/staff/index.js';
import type { StaffIdentity } from '../../../use-cases/adviser/acting-staff.js';
import { escalateQuestion, suggestAnswers, takeArticle } from '../../../use-cases/experts/ask-expert.js';
import { setChannel } from '../../../use-cases/experts/channels.js';
import { getDutyRota, setDutyShift, type DutyShiftError } from '../../../use-cases/experts/duty-rota.js';
import type { ExpertDeps } from '../../../use-cases/experts/expert-access.js';
import { articleDraftFromTicket, articlesPastReview, markReviewed, MAX_SEARCH_TEXT, saveArticle, searchKnowledgeBase } from '../../../use-cases/experts/knowledge-base.js';
import { actOnTicket, getTicketView, type ActOnTicketResult, type TicketAction } from '../../../use-cases/experts/ticket-actions.js';
import { announceTraining, MAX_TRAINING_CAPACITY, MAX_TRAINING_DESCRIPTION, MAX_TRAINING_LOCATION, MAX_TRAINING_TITLE, signUpForTraining } from '../../../use-cases/experts/trainings.js';
import type { ChannelPurpose } from '../../../use-cases/ports/experts.js';
import type { RouteDeps } from '../route-deps.js';
import { ticketCardFor } from '../ticket-presenter.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';
import { card, invalid } from './staff-turn.js';

const ASK = /^\s*(ask an expert|kysy asiantuntijalta|fråga en expert)\s*[.!?]?\s*$/i;
const KNOWLEDGE_BASE = /^\s*(knowledge base|tietopankki|kunskapsbank)\s*[.!?]?\s*$/i;
const TO_REVIEW = /^\s*(answers to review|tarkistettavat vastaukset|svar att granska)\s*[.!?]?\s*$/i;
const ROTA = /^\s*(backup rota|varavuorot|reservjour)\s*[.!?]?\s*$/i;
const TRAINING = /^\s*(announce a training|ilmoita koulutuksesta|annonsera en utbildning)\s*[.!?]?\s*$/i;
// Said in a team channel with the bot @mentioned (teams-ai strips the mention from the text).
const CHANNEL_HERE: readonly (readonly [RegExp, ChannelPurpose])[] = [
  [/^\s*(expert channel here|asiantuntijakanava tähän|expertkanal här)\s*[.!?]?\s*$/i, 'experts'],
  [/^\s*(staff channel here|henkilöstökanava tähän|personalkanal här)\s*[.!?]?\s*$/i, 'staff_announcements'],
];

// Card data is forgeable: each schema accepts exactly what its card sends (strict), capped a
// little above the use cases' limits so that "too long" is a message, not a parse error.
const id = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max).optional();
const verbOf = (verb: string) => z.literal(verb).optional();
const AskData = z.object({ verb: z.string().optional(), question: text(4000), topic: text(60), urgency: text(20) }).strict();
const NoData = z.object({ verb: z.string().optional() }).strict();
const ArticleRef = z.object({ verb: z.string().optional(), articleId: id }).strict();
const TicketData = z.object({ verb: z.string().optional(), ticketId: id, answer: text(8000), toExpertId: text(100), followUp: text(4000) }).strict();
const ArticleData = z.object({ verb: verbOf(EXPERT_SAVE_ARTICLE), ticketId: id, question: text(4000), answer: text(8000), topic: text(60), language: text(10), reviewBy: text(20) }).strict();
const SearchData = z.object({ verb: verbOf(EXPERT_KB_SEARCH), kbQuery: text(400) }).strict();
const TrainingData = z.object({ verb: verbOf(TRAINING_ANNOUNCE), title: text(400), description: text(4000), date: text(20), time: text(20), location: text(1000), capacity: text(20) }).strict();
const RotaData = z.object({ verb: verbOf(EXPERT_ROTA_SAVE), expertId: text(100), from: text(20), to: text(20) }).strict();
const TrainingRef = z.object({ verb: verbOf(TRAINING_SIGN_UP), trainingId: id }).strict();

const TRAINING_LIMITS = { title: MAX_TRAINING_TITLE, description: MAX_TRAINING_DESCRIPTION, location: MAX_TRAINING_LOCATION, capacity: MAX_TRAINING_CAPACITY } as const;
const SEARCH_MIN = 2;

/** The caller in any conversation (the experts act in a team channel), with their staff language. */
export interface ExpertTurn {
  readonly lang: StaffLanguage;
  readonly actor: StaffIdentity;
}

export async function expertTurn(deps: RouteDeps, context: TurnContext): Promise<ExpertTurn> {
  const who = speakerOf(context.activity);
  return { lang: staffLanguage(await languageForTurn(deps, context)), actor: { tenantId: who.tenantId, entraObjectId: who.entraObjectId } };
}

const note = (lang: StaffLanguage, key: StaffMessageKey): CardAttachment => renderMessageCard({ lang, text: staffText(lang, key) });

/**
 * "Call a friend" (issue 5) in the bot: asking (personal chat), the experts' ticket card (team
 * channel: claim, answer, hand over, close, reopen, refresh), the asker's answer card (solved,
 * follow-up), the knowledge base, and trainings. Who may do what comes from our database only.
 */
export function register(app: Application, deps: RouteDeps): void {
  const uc: ExpertDeps = { uow: deps.repos, clock: deps.clock, sla: deps.expertSla };

  // ── asking ──
  const askCard = (lang: StaffLanguage, values?: AskValues, errors?: Parameters<typeof renderAskExpertCard>[0]['errors']) =>
    renderAskExpertCard({ lang, ...(values ? { values } : {}), ...(errors ? { errors } : {}) });
  app.message(ASK, async (context) => {
    const turn = await expertTurn(deps, context);
    await context.sendActivity(MessageFactory.attachment(askCard(turn.lang)));
  });
  app.adaptiveCards.actionExecute(EXPERT_ASK_SHOW, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    return card(NoData.safeParse(data).success ? askCard(turn.lang) : await invalid(deps, context, EXPERT_ASK_SHOW));
  });
  app.adaptiveCards.actionExecute(EXPERT_SUGGEST, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = AskData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_SUGGEST));
    const input = { question: parsed.data.question ?? '', topic: parsed.data.topic ?? '', urgency: parsed.data.urgency ?? '' };
    const result = await suggestAnswers(uc, turn.actor, input);
    if (!result.ok) return card(result.reason === 'forbidden' ? note(turn.lang, 'experts.staffOnly') : askCard(turn.lang, input, result.errors));
    deps.logger.info({ event: 'experts.suggested', suggestions: result.suggestions.length, removed: result.removed }, 'expert question: suggestions shown');
    return card(
      renderExpertSuggestionsCard({
        lang: turn.lang,
        question: result.question,
        topic: result.topic,
        urgency: result.urgency,
        removed: result.removed,
        articles: result.suggestions.map((a) => ({ articleId: a.id, question: a.question, answer: a.answer, topic: a.topic })),
      }),
    );
  });
  app.adaptiveCards.actionExecute(EXPERT_TAKE_ARTICLE, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = ArticleRef.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_TAKE_ARTICLE));
    const result = await takeArticle(uc, turn.actor, parsed.data.articleId);
    if (!result.ok) return card(note(turn.lang, result.reason === 'forbidden' ? 'experts.staffOnly' : 'experts.articleGone'));
    const a = result.article;
    return card(renderArticleTakenCard({ lang: turn.lang, article: { articleId: a.id, question: a.question, answer: a.answer, topic: a.topic } }));
  });
  app.adaptiveCards.actionExecute(EXPERT_ESCALATE, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = AskData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_ESCALATE));
    const input = { question: parsed.data.question ?? '', topic: parsed.data.topic ?? '', urgency: parsed.data.urgency ?? '' };
    const result = await escalateQuestion(uc, turn.actor, input);
    if (!result.ok) return card(result.reason === 'forbidden' ? note(turn.lang, 'experts.staffOnly') : askCard(turn.lang, input, result.errors));
    const t = result.ticket;
    deps.logger.info({ event: 'experts.asked', ticketId: t.id, urgency: t.urgency }, 'expert question sent');
    return card(renderQuestionSentCard({ lang: turn.lang, number: t.number, question: t.question, topic: t.topic, urgency: t.urgency }));
  });

  // ── the ticket card (experts' channel) and the asker's answer card ──
  const ticketCard = async (turn: ExpertTurn, ticketId: string, notice?: TicketNotice, answerDraft?: string): Promise<CardAttachment> => {
    const view = await getTicketView(uc, turn.actor, ticketId);
    if (!view.ok) return note(turn.lang, view.reason === 'not_found' ? 'experts.ticketGone' : 'experts.expertsOnly');
    return ticketCardFor(deps.repos, view, turn.lang, { ...(notice ? { notice } : {}), ...(answerDraft !== undefined ? { answerDraft } : {}) });
  };
  app.adaptiveCards.actionExecute(EXPERT_TICKET_REFRESH, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = TicketData.safeParse(data);
    return card(parsed.success ? await ticketCard(turn, parsed.data.ticketId) : await invalid(deps, context, EXPERT_TICKET_REFRESH));
  });
  type TicketVerb = readonly [string, (d: z.infer<typeof TicketData>) => TicketAction];
  /** A ticket button: parse, act, log; `respond` draws the answer card for the one who pressed it. */
  const onTicketVerbs = (verbs: readonly TicketVerb[], respond: (turn: ExpertTurn, ticketId: string, action: TicketAction, result: ActOnTicketResult) => Promise<CardAttachment>) => {
    for (const [verb, command] of verbs) {
      app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
        const turn = await expertTurn(deps, context);
        const parsed = TicketData.safeParse(data);
        if (!parsed.success) return card(await invalid(deps, context, verb));
        const action = command(parsed.data);
        const result = await actOnTicket(uc, turn.actor, parsed.data.ticketId, action);
        logResult(deps, action.kind, parsed.data.ticketId, result);
        return card(await respond(turn, parsed.data.ticketId, action, result));
      });
    }
  };
  onTicketVerbs(
    [
      [EXPERT_CLAIM, () => ({ kind: 'claim' })],
      [EXPERT_ANSWER, (d) => ({ kind: 'answer', text: d.answer ?? '' })],
      [EXPERT_REOPEN, () => ({ kind: 'reopen' })],
      [EXPERT_CLOSE, () => ({ kind: 'close' })],
      [EXPERT_HAND_OVER, (d) => ({ kind: 'hand_over', toExpertId: d.toExpertId ?? '' })],
    ],
    async (turn, ticketId, action, result) => ticketCard(turn, ticketId, await ticketNotice(deps, action, result), action.kind === 'answer' && !result.ok ? action.text : undefined),
  );
  onTicketVerbs(
    [
      [EXPERT_SOLVED, () => ({ kind: 'solve' })],
      [EXPERT_FOLLOW_UP, (d) => ({ kind: 'follow_up', text: d.followUp ?? '' })],
    ],
    async (turn, _ticketId, action, result) => {
      if (!result.ok && (result.reason === 'forbidden' || result.reason === 'not_found') && !result.ticket) return note(turn.lang, result.reason === 'not_found' ? 'experts.ticketGone' : 'experts.askerOnly');
      const ticket = result.ticket!;
      const answer = (await deps.repos.tickets.events(ticket.id)).filter((e) => e.kind === 'answered').at(-1);
      const expert = answer ? await deps.repos.staff.get(answer.actorId) : undefined;
      const followUpError = !result.ok && action.kind === 'follow_up' ? (result.reason === 'empty_text' ? 'required' : result.reason === 'text_too_long' ? 'too_long' : undefined) : undefined;
      return renderExpertAnswerCard({
        lang: turn.lang,
        ticketId: ticket.id,
        number: ticket.number,
        question: ticket.question,
        answer: answer?.text ?? '',
        answeredBy: expert?.displayName ?? '—',
        state: result.ok && action.kind === 'follow_up' ? 'follow_up_sent' : ticket.status === 'solved' ? 'solved' : 'answered',
        ...(followUpError ? { followUpError, followUpDraft: action.kind === 'follow_up' ? action.text : '' } : {}),
      });
    },
  );

  // ── knowledge base ──
  const searchCard = async (turn: ExpertTurn, query: string): Promise<CardAttachment> => {
    const limits = { minLength: SEARCH_MIN, maxLength: MAX_SEARCH_TEXT };
    const trimmed = query.trim();
    if (trimmed === '') return renderKnowledgeSearchCard({ lang: turn.lang, query, forExpert: false, ...limits });
    if (trimmed.length < SEARCH_MIN || trimmed.length > MAX_SEARCH_TEXT)
      return renderKnowledgeSearchCard({ lang: turn.lang, query, forExpert: false, error: trimmed.length < SEARCH_MIN ? 'too_short' : 'too_long', ...limits });
    const result = await searchKnowledgeBase(uc, turn.actor, trimmed);
    if (!result.ok) return note(turn.lang, 'experts.staffOnly');
    const today = helsinkiToday(deps.clock());
    const results = result.hits.map(({ article: a }) => ({ articleId: a.id, question: a.question, answer: a.answer, topic: a.topic, reviewBy: a.reviewBy, reviewOverdue: a.reviewBy < today }));
    deps.logger.info({ event: 'experts.kb_search', results: results.length }, 'knowledge base searched');
    return renderKnowledgeSearchCard({ lang: turn.lang, query, results, forExpert: result.isExpert, ...limits });
  };
  app.message(KNOWLEDGE_BASE, async (context) => {
    await context.sendActivity(MessageFactory.attachment(await searchCard(await expertTurn(deps, context), '')));
  });
  app.adaptiveCards.actionExecute(EXPERT_KB_SEARCH, async (context, _state, data) => {
    const parsed = SearchData.safeParse(data);
    return card(parsed.success ? await searchCard(await expertTurn(deps, context), parsed.data.kbQuery ?? '') : await invalid(deps, context, EXPERT_KB_SEARCH));
  });
  app.adaptiveCards.actionExecute(EXPERT_ARTICLE_FORM, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = TicketData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_ARTICLE_FORM));
    const draft = await articleDraftFromTicket(uc, turn.actor, parsed.data.ticketId);
    if (!draft.ok) return card(draft.reason === 'forbidden' ? note(turn.lang, 'experts.expertsOnly') : await ticketCard(turn, parsed.data.ticketId, { code: 'not_now' }));
    const ticket = await deps.repos.tickets.get(parsed.data.ticketId);
    const { question, answer, topic, language, reviewBy } = draft.draft;
    return card(renderArticleFormCard({ lang: turn.lang, ticketId: parsed.data.ticketId, number: ticket?.number ?? 0, values: { question, answer, topic, language, reviewBy } }));
  });
  app.adaptiveCards.actionExecute(EXPERT_SAVE_ARTICLE, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = ArticleData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_SAVE_ARTICLE));
    const d = parsed.data;
    const values = { question: d.question ?? '', answer: d.answer ?? '', topic: d.topic ?? '', language: d.language ?? '', reviewBy: d.reviewBy ?? '' };
    const result = await saveArticle(uc, turn.actor, { ticketId: d.ticketId, ...values });
    if (!result.ok && result.reason === 'forbidden') return card(note(turn.lang, 'experts.expertsOnly'));
    if (!result.ok) {
      const ticket = await deps.repos.tickets.get(d.ticketId);
      return card(renderArticleFormCard({ lang: turn.lang, ticketId: d.ticketId, number: ticket?.number ?? 0, values, errors: result.errors }));
    }
    deps.logger.info({ event: 'experts.article_saved', articleId: result.article.id, ticketId: d.ticketId }, 'knowledge-base article saved');
    return card(await ticketCard(turn, d.ticketId, { code: 'article_saved' }));
  });
  const reviewCard = async (turn: ExpertTurn, reviewed?: string): Promise<CardAttachment> => {
    const result = await articlesPastReview(uc, turn.actor);
    if (!result.ok) return note(turn.lang, 'experts.expertsOnly');
    const articles = result.articles.map((a) => ({ articleId: a.id, question: a.question, answer: a.answer, topic: a.topic, reviewBy: a.reviewBy }));
    return renderArticlesToReviewCard({ lang: turn.lang, articles, ...(reviewed ? { reviewed: { nextReviewBy: reviewed } } : {}) });
  };
  app.message(TO_REVIEW, async (context) => {
    await context.sendActivity(MessageFactory.attachment(await reviewCard(await expertTurn(deps, context))));
  });
  app.adaptiveCards.actionExecute(EXPERT_REVIEWED, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = ArticleRef.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_REVIEWED));
    const result = await markReviewed(uc, turn.actor, parsed.data.articleId);
    if (!result.ok) return card(note(turn.lang, result.reason === 'forbidden' ? 'experts.expertsOnly' : 'experts.articleGone'));
    return card(await reviewCard(turn, result.article.reviewBy));
  });

  // ── trainings and channels ──
  app.message(TRAINING, async (context) => {
    const turn = await expertTurn(deps, context);
    await context.sendActivity(MessageFactory.attachment(renderTrainingFormCard({ lang: turn.lang, limits: TRAINING_LIMITS })));
  });
  app.adaptiveCards.actionExecute(TRAINING_FORM, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    return card(NoData.safeParse(data).success ? renderTrainingFormCard({ lang: turn.lang, limits: TRAINING_LIMITS }) : await invalid(deps, context, TRAINING_FORM));
  });
  app.adaptiveCards.actionExecute(TRAINING_ANNOUNCE, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = TrainingData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, TRAINING_ANNOUNCE));
    const { verb: _verb, ...fields } = parsed.data;
    const values = { title: fields.title ?? '', description: fields.description ?? '', date: fields.date ?? '', time: fields.time ?? '', location: fields.location ?? '', capacity: fields.capacity ?? '' };
    const result = await announceTraining(uc, turn.actor, values);
    if (!result.ok && result.reason === 'forbidden') return card(note(turn.lang, 'experts.coordinatorsOnly'));
    const base = { lang: turn.lang, limits: TRAINING_LIMITS, values };
    if (!result.ok) return card(renderTrainingFormCard(result.reason === 'no_channel' ? { ...base, noChannel: true } : { ...base, errors: result.errors }));
    deps.logger.info({ event: 'experts.training_announced', trainingId: result.training.id }, 'training announced');
    return card(renderTrainingFormCard({ lang: turn.lang, limits: TRAINING_LIMITS, announced: true }));
  });
  app.adaptiveCards.actionExecute(TRAINING_SIGN_UP, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = TrainingRef.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, TRAINING_SIGN_UP));
    const result = await signUpForTraining(uc, turn.actor, parsed.data.trainingId);
    if (!result.ok && result.reason === 'forbidden') return card(note(turn.lang, 'experts.staffOnly'));
    const notice = result.ok ? (result.already ? 'already_signed_up' : 'signed_up') : result.reason === 'full' ? 'full' : 'not_found';
    const training = result.ok ? result.training : await deps.repos.trainings.get(parsed.data.trainingId);
    if (!training) return card(note(turn.lang, 'experts.trainingGone'));
    const count = result.ok ? result.count : await deps.repos.trainings.signUpCount(training.id);
    return card(
      renderTrainingCard({
        lang: turn.lang,
        trainingId: training.id,
        title: training.title,
        description: training.description,
        when: `${helsinkiDate(training.startsAt, turn.lang)} ${helsinkiClock(training.startsAt, turn.lang)}`,
        location: training.location,
        signUpCount: count,
        capacity: training.capacity,
        notice,
      }),
    );
  });
  // ── the backup rota (coordinators) ──
  const rotaCard = async (turn: ExpertTurn, form: { values?: { expertId: string; from: string; to: string }; errors?: readonly DutyShiftError[]; saved?: boolean } = {}): Promise<CardAttachment> => {
    const view = await getDutyRota(uc, turn.actor);
    if (!view.ok) return note(turn.lang, 'experts.coordinatorsOnly');
    const saved = form.saved && form.values ? { expertName: view.experts.find((e) => e.id === form.values!.expertId)?.displayName ?? '—', from: form.values.from, to: form.values.to } : undefined;
    return renderDutyRotaCard({ lang: turn.lang, shifts: view.shifts, experts: view.experts, ...(form.errors ? { values: form.values ?? {}, errors: form.errors } : {}), ...(saved ? { saved } : {}) });
  };
  app.message(ROTA, async (context) => {
    await context.sendActivity(MessageFactory.attachment(await rotaCard(await expertTurn(deps, context))));
  });
  app.adaptiveCards.actionExecute(EXPERT_ROTA_SHOW, async (context, _state, data) => {
    return card(NoData.safeParse(data).success ? await rotaCard(await expertTurn(deps, context)) : await invalid(deps, context, EXPERT_ROTA_SHOW));
  });
  app.adaptiveCards.actionExecute(EXPERT_ROTA_SAVE, async (context, _state, data) => {
    const turn = await expertTurn(deps, context);
    const parsed = RotaData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, EXPERT_ROTA_SAVE));
    const values = { expertId: parsed.data.expertId ?? '', from: parsed.data.from ?? '', to: parsed.data.to ?? '' };
    const result = await setDutyShift(uc, turn.actor, values);
    if (!result.ok && result.reason === 'forbidden') return card(note(turn.lang, 'experts.coordinatorsOnly'));
    if (!result.ok) return card(await rotaCard(turn, { values, errors: result.errors }));
    deps.logger.info({ event: 'experts.rota_set', expertId: values.expertId }, 'backup rota changed');
    return card(await rotaCard(turn, { values, saved: true }));
  });
  for (const [pattern, purpose] of CHANNEL_HERE) {
    app.message(pattern, async (context) => {
      const turn = await expertTurn(deps, context);
      const { conversation } = context.activity;
      if (conversation.conversationType !== 'channel') {
        await context.sendActivity(staffText(turn.lang, 'experts.channelOnlyInChannel'));
        return;
      }
      // The reference without the speaker (a name is personal data, and posts need only the conversation).
      const { user: _user, ...reference } = TurnContext.getConversationReference(context.activity);
      const result = await setChannel(uc, turn.actor, purpose, { tenantId: turn.actor.tenantId, conversationId: conversation.id, reference: { ...reference, locale: context.activity.locale } });
      const key: StaffMessageKey = result.ok
        ? purpose === 'experts'
          ? 'experts.channelSetExperts'
          : 'experts.channelSetStaff'
        : result.reason === 'forbidden'
          ? 'experts.coordinatorsOnly'
          : 'experts.channelRefused';
      deps.logger.info({ event: 'experts.channel_set', purpose, ok: result.ok }, 'channel for posts set');
      await context.sendActivity(staffText(turn.lang, key));
    });
  }
}

function helsinkiToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function logResult(deps: RouteDeps, kind: TicketAction['kind'], ticketId: string, result: ActOnTicketResult): void {
  if (result.ok) deps.logger.info({ event: 'experts.ticket_changed', kind, ticketId, status: result.ticket.status }, 'ticket changed');
  else deps.logger.info({ event: 'experts.ticket_refused', kind, ticketId, reason: result.reason }, 'ticket change refused');
}

/** The line the acting expert sees above the card: what happened, or why nothing did. */
async function ticketNotice(deps: RouteDeps, action: TicketAction, result: ActOnTicketResult): Promise<TicketNotice | undefined> {
  if (result.ok) {
    if (action.kind === 'hand_over') return { code: 'handed_over', to: (await deps.repos.staff.get(action.toExpertId))?.displayName ?? '—' };
    const done: Partial<Record<TicketAction['kind'], TicketNotice>> = { claim: { code: 'claimed' }, answer: { code: 'answer_sent' }, close: { code: 'closed' }, reopen: { code: 'reopened' } };
    return done[action.kind];
  }
  const ticket: Ticket | undefined = result.ticket;
  switch (result.reason) {
    case 'forbidden':
      return { code: 'not_expert' };
    case 'already_claimed':
      return { code: 'already_claimed', by: ticket?.assigneeId ? ((await deps.repos.staff.get(ticket.assigneeId))?.displayName ?? '—') : '—' };
    case 'empty_text':
      return { code: 'answer_required' };
    case 'text_too_long':
      return { code: 'answer_too_long' };
    case 'invalid_expert':
      return { code: 'choose_expert' };
    case 'no_change':
    case 'not_allowed_in_state':
      return { code: 'not_now' };
    default:
      return { code: 'stale' };
  }
}
