import type { TicketUrgency } from '../../domain/experts/ticket.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { textLines, topicLabel } from './expert-card-text.js';
import questionSentCardJson from './question-sent-card.json' with { type: 'json' };

export interface QuestionSentCardViewModel {
  readonly lang: StaffLanguage;
  /** The ticket's number ("#42"). */
  readonly number: number;
  /** The question as stored (scrubbed). */
  readonly question: string;
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
}

const expand = compileCardTemplate<Record<string, unknown>>('question-sent', questionSentCardJson);

/**
 * Replaces the suggestions card once the question is a ticket: "Question #N was sent to the
 * experts; the answer will come to this chat", with the question as sent. No actions: the answer
 * arrives as its own card. Pure.
 */
export function renderQuestionSentCard(vm: QuestionSentCardViewModel): CardAttachment {
  const { lang } = vm;
  return expand({
    lang,
    title: staffText(lang, 'experts.sent.title'),
    text: staffText(lang, 'experts.sent.text', { number: vm.number }),
    questionLabel: staffText(lang, 'experts.answer.yourQuestion'),
    questionLines: textLines(vm.question),
    questionFacts: `${staffText(lang, 'experts.topic', { topic: topicLabel(vm.topic, lang) })} · ${staffText(lang, 'experts.ticket.urgency', { urgency: staffText(lang, `experts.urgency.${vm.urgency}`) })}`,
  });
}
