import type { TicketUrgency } from '../../domain/experts/ticket.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { EXPERT_ESCALATE, EXPERT_TAKE_ARTICLE } from '../verbs.js';
import { excerpt, literalText, textLines, topicLabel } from './expert-card-text.js';
import expertSuggestionsCardJson from './expert-suggestions-card.json' with { type: 'json' };

/** What the server's scrubber removed from a question (personal identity code, phone number, e-mail address). */
export type RemovedIdentityKind = 'personal_identity_code' | 'phone' | 'email';

/** Most articles a suggestions card shows (issue 5: "up to three"). */
export const MAX_SUGGESTIONS = 3;

/** A knowledge-base article as a card shows it; lists show excerpts of at most EXCERPT_MAX characters. */
export interface ArticleSummary {
  readonly articleId: string;
  readonly question: string;
  /** The whole answer. */
  readonly answer: string;
  readonly topic: TopicCode;
}

export interface ExpertSuggestionsCardViewModel {
  readonly lang: StaffLanguage;
  /** The question as it will be sent: already scrubbed. */
  readonly question: string;
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
  /** What the scrubber removed; empty when nothing was. Each kind is named once. */
  readonly removed: readonly RemovedIdentityKind[];
  /** Best first; only the first {@link MAX_SUGGESTIONS} are shown. */
  readonly articles: readonly ArticleSummary[];
}

const expand = compileCardTemplate<Record<string, unknown>>('expert-suggestions', expertSuggestionsCardJson);

/**
 * The step between asking and sending: the question exactly as the experts would get it (after
 * scrubbing, with a notice of what was removed), up to three matching knowledge-base articles, each
 * with "That answers it" ({@link EXPERT_TAKE_ARTICLE}), and "Send to the experts"
 * ({@link EXPERT_ESCALATE}), which carries the shown question, topic and urgency as data. Pure.
 */
export function renderExpertSuggestionsCard(vm: ExpertSuggestionsCardViewModel): CardAttachment {
  const { lang } = vm;
  const articles = vm.articles.slice(0, MAX_SUGGESTIONS);
  const removed = [...new Set(vm.removed)];
  return expand({
    lang,
    title: staffText(lang, 'experts.suggest.title'),
    asSentLabel: staffText(lang, 'experts.suggest.asSent'),
    questionLines: textLines(vm.question),
    questionFacts: `${staffText(lang, 'experts.topic', { topic: topicLabel(vm.topic, lang) })} · ${staffText(lang, 'experts.ticket.urgency', { urgency: staffText(lang, `experts.urgency.${vm.urgency}`) })}`,
    removedNotices: removed.length === 0 ? [] : [{ text: staffText(lang, 'experts.suggest.removed', { kinds: removed.map((kind) => staffText(lang, `experts.pii.${kind}`)).join(', ') }) }],
    listIntro: staffText(lang, articles.length === 0 ? 'experts.suggest.none' : 'experts.suggest.matches'),
    articles: articles.map((a) => ({
      question: literalText(excerpt(a.question)),
      answerExcerpt: literalText(excerpt(a.answer)),
      topic: staffText(lang, 'experts.topic', { topic: topicLabel(a.topic, lang) }),
      takeLabel: staffText(lang, 'experts.suggest.take'),
      takeVerb: EXPERT_TAKE_ARTICLE,
      articleId: a.articleId,
    })),
    sendHelpLines: articles.length === 0 ? [] : [{ text: staffText(lang, 'experts.suggest.sendHelp') }],
    sendLabel: staffText(lang, 'experts.suggest.send'),
    sendVerb: EXPERT_ESCALATE,
    sendData: { verb: EXPERT_ESCALATE, question: vm.question, topic: vm.topic, urgency: vm.urgency },
  });
}
