import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { localDateLabel, withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_ASK_SHOW, EXPERT_KB_SEARCH } from '../verbs.js';
import { excerpt, literalText, topicLabel } from './expert-card-text.js';
import type { ArticleSummary } from './expert-suggestions-card.js';
import knowledgeSearchCardJson from './knowledge-search-card.json' with { type: 'json' };

/** A search hit: the article, and its review date for the experts' marker. */
export interface KnowledgeSearchResult extends ArticleSummary {
  /** Helsinki date `YYYY-MM-DD`. */
  readonly reviewBy: string;
  /** reviewBy is before today in Helsinki (the caller knows the clock). */
  readonly reviewOverdue: boolean;
}

export interface KnowledgeSearchCardViewModel {
  readonly lang: StaffLanguage;
  /** What was searched, kept in the box; '' before the first search. */
  readonly query: string;
  /** Undefined before a search; empty when nothing matched. Best first. */
  readonly results?: readonly KnowledgeSearchResult[];
  /** The viewer is an expert: articles past their review date are marked (others just read the answers). */
  readonly forExpert: boolean;
  readonly error?: 'too_short' | 'too_long';
  /** Shortest and longest search the server accepts. */
  readonly minLength: number;
  readonly maxLength: number;
}

const expand = compileCardTemplate<Record<string, unknown>>('knowledge-search', knowledgeSearchCardJson);

/**
 * The knowledge base in the bot chat: a search box ({@link EXPERT_KB_SEARCH}; the results replace the
 * card in place) and the hits (question, answer excerpt, topic; for experts a marker when the review
 * date has passed), and "Ask an expert" ({@link EXPERT_ASK_SHOW}) when nothing helps. Pure.
 */
export function renderKnowledgeSearchCard(vm: KnowledgeSearchCardViewModel): CardAttachment {
  const { lang } = vm;
  const results = vm.results ?? [];
  const errorLines =
    vm.error === 'too_short'
      ? [{ text: staffText(lang, 'kb.error.tooShort', { min: vm.minLength }) }]
      : vm.error === 'too_long'
        ? [{ text: staffText(lang, 'kb.error.tooLong', { max: vm.maxLength }) }]
        : [];
  const infoLines = vm.results === undefined || vm.error !== undefined ? [] : [{ text: staffText(lang, results.length === 0 ? 'kb.none' : 'kb.results') }];
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'kb.title'),
      intro: staffText(lang, 'kb.intro'),
      searchLabel: staffText(lang, 'kb.searchLabel'),
      searchMax: vm.maxLength,
      tooShort: staffText(lang, 'kb.error.tooShort', { min: vm.minLength }),
      searchValue: vm.query,
      searchButton: staffText(lang, 'kb.search'),
      searchVerb: EXPERT_KB_SEARCH,
      errorLines,
      infoLines,
      results: results.map((r) => ({
        question: literalText(excerpt(r.question)),
        answerExcerpt: literalText(excerpt(r.answer)),
        topic: staffText(lang, 'experts.topic', { topic: topicLabel(r.topic, lang) }),
        overdueLines: vm.forExpert && r.reviewOverdue ? [{ text: staffText(lang, 'kb.reviewOverdue', { date: localDateLabel(r.reviewBy, lang) }) }] : [],
      })),
      askLabel: staffText(lang, 'kb.ask'),
      askVerb: EXPERT_ASK_SHOW,
    }),
  );
}
