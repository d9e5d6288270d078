import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { localDateLabel } from '../adviser/staff-format.js';
import { EXPERT_REVIEWED } from '../verbs.js';
import articlesToReviewCardJson from './articles-to-review-card.json' with { type: 'json' };
import { excerpt, literalText, topicLabel } from './expert-card-text.js';
import type { ArticleSummary } from './expert-suggestions-card.js';

/** An article past its review date. */
export interface ArticleToReview extends ArticleSummary {
  /** Helsinki date `YYYY-MM-DD`, already past. */
  readonly reviewBy: string;
}

export interface ArticlesToReviewCardViewModel {
  readonly lang: StaffLanguage;
  /** Oldest review date first. */
  readonly articles: readonly ArticleToReview[];
  /** After "Mark as reviewed": the article's next review date (`YYYY-MM-DD`); it is no longer listed. */
  readonly reviewed?: { readonly nextReviewBy: string };
}

const expand = compileCardTemplate<Record<string, unknown>>('articles-to-review', articlesToReviewCardJson);

/**
 * The experts' list of knowledge-base answers past their review date, each with "Mark as reviewed"
 * ({@link EXPERT_REVIEWED}, `data.articleId`; the answer is this list again without it). Pure.
 */
export function renderArticlesToReviewCard(vm: ArticlesToReviewCardViewModel): CardAttachment {
  const { lang } = vm;
  return expand({
    lang,
    title: staffText(lang, 'kb.review.title'),
    intro: staffText(lang, vm.articles.length === 0 ? 'kb.review.none' : 'kb.review.intro'),
    goodLines: vm.reviewed ? [{ text: staffText(lang, 'kb.review.done', { date: localDateLabel(vm.reviewed.nextReviewBy, lang) }) }] : [],
    articles: vm.articles.map((a) => ({
      question: literalText(excerpt(a.question)),
      answerExcerpt: literalText(excerpt(a.answer)),
      facts: `${staffText(lang, 'kb.review.date', { date: localDateLabel(a.reviewBy, lang) })} · ${staffText(lang, 'experts.topic', { topic: topicLabel(a.topic, lang) })}`,
      reviewedLabel: staffText(lang, 'kb.review.reviewed'),
      reviewedVerb: EXPERT_REVIEWED,
      articleId: a.articleId,
    })),
  });
}
