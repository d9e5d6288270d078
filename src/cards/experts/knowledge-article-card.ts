import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { excerpt, EXCERPT_MAX, textLines, topicLabel } from './expert-card-text.js';
import type { ArticleSummary } from './expert-suggestions-card.js';
import knowledgeArticleCardJson from './knowledge-article-card.json' with { type: 'json' };

export interface KnowledgeArticleCardViewModel {
  readonly lang: StaffLanguage;
  readonly article: ArticleSummary;
}

/** Bot Framework content type of a thumbnail card: what a message extension shows in its result list. */
export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** A message-extension result: the card that goes into the message, and its line in the result list. */
export interface ArticlePreview {
  readonly card: CardAttachment;
  readonly preview: { readonly contentType: typeof THUMBNAIL_CARD_CONTENT_TYPE; readonly content: { readonly title: string; readonly text: string } };
}

/** Longest question shown as a result's title (one or two lines in the result list). */
const PREVIEW_TITLE_MAX = 120;

const expand = compileCardTemplate<Record<string, unknown>>('knowledge-article', knowledgeArticleCardJson);

/**
 * "That answers it": the article in full, with thanks, replacing the suggestions card; nothing went
 * to the experts. Pure.
 */
export function renderArticleTakenCard(vm: KnowledgeArticleCardViewModel): CardAttachment {
  return articleCard(vm, staffText(vm.lang, 'experts.taken.title'), [staffText(vm.lang, 'experts.taken.text')]);
}

/**
 * A knowledge-base article as a message-extension result: the full article card (what the message
 * will hold) and the thumbnail preview of the result list. The thumbnail's title is plain text in
 * Teams, but its text is read as an HTML/XML subset, so `<`, `>` and `&` become entities there. Pure.
 */
export function renderArticlePreview(vm: KnowledgeArticleCardViewModel): ArticlePreview {
  const { article } = vm;
  return {
    card: articleCard(vm, staffText(vm.lang, 'kb.title'), []),
    preview: {
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: { title: excerpt(article.question, PREVIEW_TITLE_MAX), text: escapeHtml(excerpt(article.answer, EXCERPT_MAX)) },
    },
  };
}

function articleCard(vm: KnowledgeArticleCardViewModel, title: string, intro: readonly string[]): CardAttachment {
  const { lang, article } = vm;
  return expand({
    lang,
    title,
    introLines: intro.map((text) => ({ text })),
    questionLabel: staffText(lang, 'experts.article.question'),
    questionLines: textLines(article.question),
    answerLabel: staffText(lang, 'experts.article.answer'),
    answerLines: textLines(article.answer),
    topic: staffText(lang, 'experts.topic', { topic: topicLabel(article.topic, lang) }),
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
