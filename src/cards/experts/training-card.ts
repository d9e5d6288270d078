import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { TRAINING_SIGN_UP } from '../verbs.js';
import { literalText, textLines } from './expert-card-text.js';
import trainingCardJson from './training-card.json' with { type: 'json' };

export interface TrainingCardViewModel {
  readonly lang: StaffLanguage;
  readonly trainingId: string;
  readonly title: string;
  readonly description: string;
  /** Date and start time in Helsinki, formatted by the caller. */
  readonly when: string;
  /** A place or a Teams link, as the coordinator wrote it. */
  readonly location: string;
  readonly signUpCount: number;
  /** Places; null = no limit. */
  readonly capacity: number | null;
  /** For the person who pressed "Sign up" (the Action.Execute answer). */
  readonly notice?: 'signed_up' | 'already_signed_up' | 'full' | 'not_found';
}

const expand = compileCardTemplate<Record<string, unknown>>('training', trainingCardJson);

/**
 * A training announced to the staff channel: title, time, place, description, how many have signed
 * up (of how many places) or that it is full, and "Sign up" ({@link TRAINING_SIGN_UP}) while there
 * is room. After signing up, the answer is this card with "You are signed up" and no button. Pure.
 */
export function renderTrainingCard(vm: TrainingCardViewModel): CardAttachment {
  const { lang } = vm;
  const full = vm.notice === 'full' || (vm.capacity !== null && vm.signUpCount >= vm.capacity);
  const done = vm.notice === 'signed_up' || vm.notice === 'already_signed_up' || vm.notice === 'not_found';
  const countLine = full
    ? staffText(lang, 'training.full')
    : vm.capacity === null
      ? staffText(lang, 'training.count', { count: vm.signUpCount })
      : staffText(lang, 'training.countOf', { count: vm.signUpCount, capacity: vm.capacity });
  return expand({
    lang,
    label: staffText(lang, 'training.label'),
    title: literalText(vm.title),
    when: literalText(staffText(lang, 'training.when', { when: vm.when })),
    where: literalText(staffText(lang, 'training.where', { location: vm.location })),
    descriptionLines: textLines(vm.description),
    countLine,
    noticeLines: vm.notice === undefined ? [] : [{ text: noticeText(lang, vm.notice), color: vm.notice === 'signed_up' || vm.notice === 'already_signed_up' ? 'Good' : 'Attention' }],
    signUpActions: full || done ? [] : [{ title: staffText(lang, 'training.signUp'), verb: TRAINING_SIGN_UP, trainingId: vm.trainingId }],
  });
}

function noticeText(lang: StaffLanguage, notice: NonNullable<TrainingCardViewModel['notice']>): string {
  switch (notice) {
    case 'signed_up':
      return staffText(lang, 'training.notice.signedUp');
    case 'already_signed_up':
      return staffText(lang, 'training.notice.alreadySignedUp');
    case 'full':
      return staffText(lang, 'training.notice.full');
    case 'not_found':
      return staffText(lang, 'training.notice.notFound');
  }
}
