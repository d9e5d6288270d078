import type { Application } from '@microsoft/teams-ai';
import type { Attachment, MessagingExtensionResult, TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderAskExpertCard, type AskExpertCardViewModel } from '../../../cards/experts/ask-expert-card.js';
import { renderExpertSuggestionsCard } from '../../../cards/experts/expert-suggestions-card.js';
import { renderArticlePreview, renderArticleTakenCard } from '../../../cards/experts/knowledge-article-card.js';
import { EXPERT_ESCALATE, EXPERT_TAKE_ARTICLE } from '../../../cards/verbs.js';
import { MAX_QUESTION_LENGTH } from '../../../domain/experts/ticket.js';
import { staffText, type StaffLanguage } from '../../../i18n/staff/index.js';
import { escalateQuestion, suggestAnswers, takeArticle } from '../../../use-cases/experts/ask-expert.js';
import type { ExpertDeps } from '../../../use-cases/experts/expert-access.js';
import { MAX_SEARCH_TEXT, searchKnowledgeBase } from '../../../use-cases/experts/knowledge-base.js';
import type { KnowledgeArticle } from '../../../use-cases/ports/experts.js';
import type { RouteDeps } from '../route-deps.js';
import { expertTurn } from './experts.js';

/** The manifest's message-extension command ids (appPackage/manifest.json `composeExtensions`). */
export const SEARCH_KNOWLEDGE_BASE_COMMAND = 'searchKnowledgeBase';
export const ASK_EXPERT_COMMAND = 'askExpert';

const MAX_RESULTS = 10;
const text = (max: number) => z.string().max(max).optional();
// What the dialog's cards submit (Action.Submit puts the inputs beside the card's data).
const DialogData = z.object({ verb: z.string().optional(), question: text(4000), topic: text(60), urgency: text(20), articleId: text(100) }).strict();

/**
 * The expert channel's message extension (issue 5): "Knowledge base" searches the answers from
 * the compose box, and "Ask an expert" opens the ask card in a dialog — from a message, with the
 * message's text as the question. Teams dialogs take Action.Submit, not Action.Execute, so the
 * bot's own cards are shown there with their buttons turned into submits; the verb travels in
 * the data and picks the step: suggestions → "that answers it" (the article goes into the compose
 * box) or "send to the experts" (the dialog closes with "Question #N was sent").
 */
export function register(app: Application, deps: RouteDeps): void {
  const uc: ExpertDeps = { uow: deps.repos, clock: deps.clock, sla: deps.expertSla };

  app.messageExtensions.query(SEARCH_KNOWLEDGE_BASE_COMMAND, async (context, _state, query): Promise<MessagingExtensionResult> => {
    const turn = await expertTurn(deps, context);
    const words = String(query.parameters.query ?? '').trim();
    if (words.length < 2) return { type: 'message', text: staffText(turn.lang, 'experts.extension.searchHint') };
    const result = await searchKnowledgeBase(uc, turn.actor, words.slice(0, MAX_SEARCH_TEXT), MAX_RESULTS);
    if (!result.ok) return { type: 'message', text: staffText(turn.lang, 'experts.staffOnly') };
    deps.logger.info({ event: 'experts.kb_search', via: 'message_extension', results: result.hits.length }, 'knowledge base searched');
    return {
      type: 'result',
      attachmentLayout: 'list',
      attachments: result.hits.map(({ article }) => {
        const { card, preview } = renderArticlePreview({ lang: turn.lang, article: summary(article) });
        return { ...card, preview } as Attachment;
      }),
    };
  });

  app.messageExtensions.fetchTask(ASK_EXPERT_COMMAND, async (context): Promise<TaskModuleTaskInfo> => {
    const turn = await expertTurn(deps, context);
    const question = plainText(messageText(context)).slice(0, MAX_QUESTION_LENGTH);
    return dialog(turn.lang, renderAskExpertCard({ lang: turn.lang, ...(question ? { values: { question } } : {}) }));
  });

  app.messageExtensions.submitAction(ASK_EXPERT_COMMAND, async (context, _state, data: Record<string, unknown>): Promise<MessagingExtensionResult | TaskModuleTaskInfo | string> => {
    const turn = await expertTurn(deps, context);
    const parsed = DialogData.safeParse(stripTeamsFields(data));
    if (!parsed.success) return staffText(turn.lang, 'experts.extension.invalid');
    const d = parsed.data;
    const input = { question: d.question ?? '', topic: d.topic ?? '', urgency: d.urgency ?? '' };
    const askAgain = (errors: AskExpertCardViewModel['errors']) => dialog(turn.lang, renderAskExpertCard({ lang: turn.lang, values: input, ...(errors ? { errors } : {}) }));
    if (d.verb === EXPERT_TAKE_ARTICLE) {
      const taken = await takeArticle(uc, turn.actor, d.articleId ?? '');
      if (!taken.ok) return staffText(turn.lang, taken.reason === 'forbidden' ? 'experts.staffOnly' : 'experts.articleGone');
      // Into the compose box: the asker shares the answer where they were writing.
      return { type: 'result', attachmentLayout: 'list', attachments: [renderArticleTakenCard({ lang: turn.lang, article: summary(taken.article) }) as Attachment] };
    }
    if (d.verb === EXPERT_ESCALATE) {
      const sent = await escalateQuestion(uc, turn.actor, input);
      if (!sent.ok) return sent.reason === 'forbidden' ? staffText(turn.lang, 'experts.staffOnly') : askAgain(sent.errors);
      deps.logger.info({ event: 'experts.asked', via: 'message_extension', ticketId: sent.ticket.id, urgency: sent.ticket.urgency }, 'expert question sent');
      return staffText(turn.lang, 'experts.sent.text', { number: sent.ticket.number });
    }
    // The ask card's own button (EXPERT_SUGGEST, or no verb): the question as it would be sent, and suggestions.
    const suggested = await suggestAnswers(uc, turn.actor, input);
    if (!suggested.ok) return suggested.reason === 'forbidden' ? staffText(turn.lang, 'experts.staffOnly') : askAgain(suggested.errors);
    return dialog(
      turn.lang,
      renderExpertSuggestionsCard({
        lang: turn.lang,
        question: suggested.question,
        topic: suggested.topic,
        urgency: suggested.urgency,
        removed: suggested.removed,
        articles: suggested.suggestions.map(summary),
      }),
    );
  });
}

const summary = (a: KnowledgeArticle) => ({ articleId: a.id, question: a.question, answer: a.answer, topic: a.topic });

/** A dialog with one of the bot's cards, its Action.Execute buttons made Action.Submit (see above). */
function dialog(lang: StaffLanguage, attachment: CardAttachment): TaskModuleTaskInfo {
  return { title: staffText(lang, 'experts.ask.title'), width: 'large', height: 'large', card: { ...attachment, content: asSubmitActions(attachment.content) } as Attachment };
}

/** Every Action.Execute as an Action.Submit whose data keeps the verb (the dialog's step). */
export function asSubmitActions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asSubmitActions);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) out[key] = asSubmitActions(value);
  if (out.type === 'Action.Execute') {
    const { verb, ...rest } = out;
    return { ...rest, type: 'Action.Submit', data: { ...((out.data as object | undefined) ?? {}), verb } };
  }
  // A dialog has no universal-action refresh.
  if (out.type === 'AdaptiveCard') delete out.refresh;
  return out;
}

/** The text of the message the action was started from (HTML in Teams), if any. */
function messageText(context: TurnContext): string {
  const value = context.activity.value as { messagePayload?: { body?: { content?: unknown } } } | undefined;
  const content = value?.messagePayload?.body?.content;
  return typeof content === 'string' ? content : '';
}

/** HTML of a Teams message as plain text: tags dropped, entities decoded, blank lines collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    // One pass, so "&amp;lt;" stays the text "&lt;" as the sender wrote it.
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A Map, not an object literal: "&constructor;" must not find Object.prototype's.
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([['nbsp', ' '], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['amp', '&']]);

/** The character an entity stands for; undefined for unknown names and impossible code points (NUL, surrogates, beyond Unicode). */
function decodeEntity(name: string): string | undefined {
  if (!name.startsWith('#')) return NAMED_ENTITIES.get(name.toLowerCase());
  const n = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** Teams adds its own keys to a dialog's submit (e.g. `msteams`); only the card's fields are ours. */
function stripTeamsFields(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const { msteams: _msteams, ...rest } = data ?? {};
  return rest;
}
