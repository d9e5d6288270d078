import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, type TicketLanguage } from '../../domain/experts/ticket.js';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import { STAFF_LANGUAGES, staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_SAVE_ARTICLE, EXPERT_TICKET_REFRESH } from '../verbs.js';
import articleFormCardJson from './article-form-card.json' with { type: 'json' };
import { topicLabel } from './expert-card-text.js';

/**
 * A problem with the article form, found on the server (the use case's `ArticleInputError`):
 * lengths are MAX_QUESTION_LENGTH and MAX_ANSWER_LENGTH; `review_by` is a date not after today;
 * `ticket` means the question was not found or is no longer answered (shown at the top).
 */
export type ArticleFormError = 'question_empty' | 'question_too_long' | 'answer_empty' | 'answer_too_long' | 'topic' | 'language' | 'review_by' | 'ticket';

export interface ArticleFormCardViewModel {
  readonly lang: StaffLanguage;
  /** The question the article is saved from. */
  readonly ticketId: string;
  readonly number: number;
  /**
   * Prefilled from the ticket (its question, latest answer, topic, language) with the default
   * review date (`YYYY-MM-DD`), or as the expert typed them when the card comes back with errors.
   */
  readonly values: { readonly question: string; readonly answer: string; readonly topic: string; readonly language: string; readonly reviewBy: string };
  readonly errors?: readonly ArticleFormError[];
}

const expand = compileCardTemplate<Record<string, unknown>>('article-form', articleFormCardJson);

/**
 * The expert's "Save to the knowledge base" form, opened from an answered or solved ticket: question
 * and answer prefilled and editable (to generalise them), topic, language (fi/sv/en), review-by date.
 * "Save the answer" is {@link EXPERT_SAVE_ARTICLE}; "Back to the question" is
 * {@link EXPERT_TICKET_REFRESH}, which brings the ticket card back. Pure.
 */
export function renderArticleFormCard(vm: ArticleFormCardViewModel): CardAttachment {
  const { lang, values, ticketId } = vm;
  const errors = vm.errors ?? [];
  const lines = (...codes: ArticleFormError[]) => [...new Set(errors.filter((e) => codes.includes(e)))].map((e) => ({ text: errorText(lang, e) }));
  const known = (list: readonly string[], value: string) => (list.includes(value) ? value : '');
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'kb.form.title'),
      subtitle: staffText(lang, 'experts.ticket.title', { number: vm.number }),
      intro: staffText(lang, 'kb.form.intro'),
      summaryErrors: errors.length > 0 ? [{ text: staffText(lang, 'kb.form.error.summary') }, ...lines('ticket')] : [],
      questionLabel: staffText(lang, 'kb.form.question'),
      questionMax: MAX_QUESTION_LENGTH,
      questionRequired: staffText(lang, 'kb.form.error.questionRequired'),
      questionValue: values.question,
      questionErrors: lines('question_empty', 'question_too_long'),
      answerLabel: staffText(lang, 'kb.form.answer'),
      answerMax: MAX_ANSWER_LENGTH,
      answerRequired: staffText(lang, 'kb.form.error.answerRequired'),
      answerValue: values.answer,
      answerErrors: lines('answer_empty', 'answer_too_long'),
      topicLabel: staffText(lang, 'kb.form.topic'),
      topicRequired: staffText(lang, 'kb.form.error.topic'),
      topicValue: known(TOPIC_CODES, values.topic),
      topicChoices: TOPIC_CODES.map((code) => ({ title: topicLabel(code, lang), value: code })),
      topicErrors: lines('topic'),
      languageLabel: staffText(lang, 'kb.form.language'),
      languageRequired: staffText(lang, 'kb.form.error.language'),
      languageValue: known(STAFF_LANGUAGES, values.language),
      languageChoices: STAFF_LANGUAGES.map((code: TicketLanguage) => ({ title: staffText(lang, `kb.language.${code}`), value: code })),
      languageErrors: lines('language'),
      reviewByLabel: staffText(lang, 'kb.form.reviewBy'),
      reviewByRequired: staffText(lang, 'kb.form.error.reviewBy'),
      reviewByValue: /^\d{4}-\d{2}-\d{2}$/.test(values.reviewBy) ? values.reviewBy : '',
      reviewByHelp: staffText(lang, 'kb.form.reviewByHelp'),
      reviewByErrors: lines('review_by'),
      saveLabel: staffText(lang, 'kb.form.save'),
      saveVerb: EXPERT_SAVE_ARTICLE,
      backLabel: staffText(lang, 'kb.form.back'),
      backVerb: EXPERT_TICKET_REFRESH,
      ticketId,
    }),
  );
}

function errorText(lang: StaffLanguage, error: ArticleFormError): string {
  switch (error) {
    case 'question_empty':
      return staffText(lang, 'kb.form.error.questionRequired');
    case 'question_too_long':
      return staffText(lang, 'kb.form.error.questionTooLong', { max: MAX_QUESTION_LENGTH });
    case 'answer_empty':
      return staffText(lang, 'kb.form.error.answerRequired');
    case 'answer_too_long':
      return staffText(lang, 'kb.form.error.answerTooLong', { max: MAX_ANSWER_LENGTH });
    case 'topic':
      return staffText(lang, 'kb.form.error.topic');
    case 'language':
      return staffText(lang, 'kb.form.error.language');
    case 'review_by':
      return staffText(lang, 'kb.form.error.reviewBy');
    case 'ticket':
      return staffText(lang, 'kb.form.error.ticket');
  }
}
