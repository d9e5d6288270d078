import { MAX_QUESTION_LENGTH } from '../../domain/experts/ticket.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_FOLLOW_UP, EXPERT_SOLVED } from '../verbs.js';
import { excerpt, literalText, textLines } from './expert-card-text.js';
import expertAnswerCardJson from './expert-answer-card.json' with { type: 'json' };

export interface ExpertAnswerCardViewModel {
  readonly lang: StaffLanguage;
  readonly ticketId: string;
  readonly number: number;
  /** The question as stored; the card shows an excerpt. */
  readonly question: string;
  /** The latest answer, in full. */
  readonly answer: string;
  /** The expert who answered. */
  readonly answeredBy: string;
  /** `answered` (default) offers "Solved, thanks" and a follow-up; the others say what happened, without actions. */
  readonly state?: 'answered' | 'solved' | 'follow_up_sent';
  /** The follow-up as typed, kept when the card comes back with an error. */
  readonly followUpDraft?: string;
  readonly followUpError?: 'required' | 'too_long';
}

const expand = compileCardTemplate<Record<string, unknown>>('expert-answer', expertAnswerCardJson);

/**
 * The answer, sent proactively to the asker's chat: their question (excerpt), the answer and who
 * gave it, "Solved, thanks" ({@link EXPERT_SOLVED}) and a follow-up question ({@link EXPERT_FOLLOW_UP},
 * which reopens the ticket; the same privacy reminder as the ask card). After either, the answer
 * replaces the card in place with the same answer and what happened. Pure.
 */
export function renderExpertAnswerCard(vm: ExpertAnswerCardViewModel): CardAttachment {
  const { lang, ticketId } = vm;
  const state = vm.state ?? 'answered';
  const errors =
    vm.followUpError === 'too_long'
      ? [{ text: staffText(lang, 'experts.answer.error.followUpTooLong', { max: MAX_QUESTION_LENGTH }) }]
      : vm.followUpError === 'required'
        ? [{ text: staffText(lang, 'experts.answer.error.followUpRequired') }]
        : [];
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'experts.answer.title', { number: vm.number }),
      questionLabel: staffText(lang, 'experts.answer.yourQuestion'),
      questionExcerpt: literalText(excerpt(vm.question)),
      answeredBy: literalText(staffText(lang, 'experts.answer.from', { name: vm.answeredBy })),
      answerLines: textLines(vm.answer),
      doneLines: state === 'solved' ? [{ text: staffText(lang, 'experts.answer.solvedNote') }] : state === 'follow_up_sent' ? [{ text: staffText(lang, 'experts.answer.followUpSent') }] : [],
      forms:
        state !== 'answered'
          ? []
          : [
              {
                ticketId,
                solvedLabel: staffText(lang, 'experts.answer.solved'),
                solvedVerb: EXPERT_SOLVED,
                followUpLabel: staffText(lang, 'experts.answer.followUpLabel'),
                followUpMax: MAX_QUESTION_LENGTH,
                followUpRequired: staffText(lang, 'experts.answer.error.followUpRequired'),
                followUpValue: vm.followUpDraft ?? '',
                privacy: staffText(lang, 'experts.ask.privacy'),
                followUpErrors: errors,
                followUpButton: staffText(lang, 'experts.answer.followUp'),
                followUpVerb: EXPERT_FOLLOW_UP,
              },
            ],
    }),
  );
}
