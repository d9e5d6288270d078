import { MAX_QUESTION_LENGTH, TICKET_URGENCIES } from '../../domain/experts/ticket.js';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_SUGGEST } from '../verbs.js';
import askExpertCardJson from './ask-expert-card.json' with { type: 'json' };
import { topicLabel } from './expert-card-text.js';

/**
 * A problem with the ask card's answers, found on the server (the use case's `AskInputError`):
 * `question_too_long` is over MAX_QUESTION_LENGTH after scrubbing; `topic` / `urgency` missing or
 * not on the list.
 */
export type AskCardError = 'question_empty' | 'question_too_long' | 'topic' | 'urgency';

/** What the asker typed, shown again; each as it came in (a forged topic is simply not selected). */
export interface AskValues {
  readonly question?: string;
  readonly topic?: string;
  readonly urgency?: string;
}

export interface AskExpertCardViewModel {
  readonly lang: StaffLanguage;
  /** Prefilled values: the asker's own when the card comes back with errors, or a question from a message. */
  readonly values?: AskValues;
  readonly errors?: readonly AskCardError[];
}

const expand = compileCardTemplate<Record<string, unknown>>('ask-expert', askExpertCardJson);

/**
 * The "Ask an expert" card in the staff member's chat: the privacy notice first (no client identity
 * in a question), the question (multiline, at most MAX_QUESTION_LENGTH), topic and urgency (normal
 * by default). "Continue" is {@link EXPERT_SUGGEST} as an Action.Execute, so the suggestions (or this
 * card with its errors, values kept) replace it in place. Pure.
 */
export function renderAskExpertCard(vm: AskExpertCardViewModel): CardAttachment {
  const { lang } = vm;
  const values = vm.values ?? {};
  const errors = vm.errors ?? [];
  const lines = (...codes: AskCardError[]) => [...new Set(errors.filter((e) => codes.includes(e)))].map((e) => ({ text: errorText(lang, e) }));
  const topic = (TOPIC_CODES as readonly string[]).includes(values.topic ?? '') ? values.topic : '';
  const urgency = (TICKET_URGENCIES as readonly string[]).includes(values.urgency ?? '') ? values.urgency : 'normal';
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'experts.ask.title'),
      intro: staffText(lang, 'experts.ask.intro'),
      privacy: staffText(lang, 'experts.ask.privacy'),
      summaryErrors: errors.length > 0 ? [{ text: staffText(lang, 'experts.ask.error.summary') }] : [],
      questionLabel: staffText(lang, 'experts.ask.question'),
      questionPlaceholder: staffText(lang, 'experts.ask.questionPlaceholder'),
      questionMax: MAX_QUESTION_LENGTH,
      questionRequired: staffText(lang, 'experts.ask.error.questionRequired'),
      questionValue: values.question ?? '',
      questionErrors: lines('question_empty', 'question_too_long'),
      topicLabel: staffText(lang, 'experts.ask.topic'),
      topicPlaceholder: staffText(lang, 'experts.ask.topicPlaceholder'),
      topicRequired: staffText(lang, 'experts.ask.error.topic'),
      topicValue: topic,
      topicChoices: TOPIC_CODES.map((code) => ({ title: topicLabel(code, lang), value: code })),
      topicErrors: lines('topic'),
      urgencyLabel: staffText(lang, 'experts.ask.urgency'),
      urgencyRequired: staffText(lang, 'experts.ask.error.urgency'),
      urgencyValue: urgency,
      urgencyChoices: TICKET_URGENCIES.map((code) => ({ title: staffText(lang, `experts.urgency.${code}`), value: code })),
      urgentHelp: staffText(lang, 'experts.ask.urgentHelp'),
      urgencyErrors: lines('urgency'),
      nextLabel: staffText(lang, 'experts.ask.next'),
      nextVerb: EXPERT_SUGGEST,
    }),
  );
}

function errorText(lang: StaffLanguage, error: AskCardError): string {
  switch (error) {
    case 'question_empty':
      return staffText(lang, 'experts.ask.error.questionRequired');
    case 'question_too_long':
      return staffText(lang, 'experts.ask.error.questionTooLong', { max: MAX_QUESTION_LENGTH });
    case 'topic':
      return staffText(lang, 'experts.ask.error.topic');
    case 'urgency':
      return staffText(lang, 'experts.ask.error.urgency');
  }
}
