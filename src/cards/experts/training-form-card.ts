import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { TRAINING_ANNOUNCE } from '../verbs.js';
import trainingFormCardJson from './training-form-card.json' with { type: 'json' };

export type TrainingField = 'title' | 'description' | 'date' | 'time' | 'location' | 'capacity';

/** A problem found on the server (the use case's `TrainingInputError`): a field, or `in_past` (date and time already passed, shown under the time). */
export type TrainingFormError = TrainingField | 'in_past';

/** The limits the server checks, shown on the form (lengths in characters, capacity in places). */
export interface TrainingLimits {
  readonly title: number;
  readonly description: number;
  readonly location: number;
  readonly capacity: number;
}

export interface TrainingFormCardViewModel {
  readonly lang: StaffLanguage;
  readonly limits: TrainingLimits;
  /** As the coordinator typed them, when the card comes back with errors; date `YYYY-MM-DD`, time `HH:MM`. */
  readonly values?: Partial<Readonly<Record<TrainingField, string>>>;
  /** What the server refused; each shows its own message under its field. */
  readonly errors?: readonly TrainingFormError[];
  /** Nothing was announced because no staff channel is set. */
  readonly noChannel?: boolean;
  /** Announced: the card says so, without the form. */
  readonly announced?: boolean;
}

const expand = compileCardTemplate<Record<string, unknown>>('training-form', trainingFormCardJson);

/**
 * The coordinator's "Announce a training" form: title, description, date and start time (Finnish
 * time), place or Teams link, places (empty = no limit); {@link TRAINING_ANNOUNCE} posts the
 * announcement to the staff channel and answers with this card, announced or with its errors. Pure.
 */
export function renderTrainingFormCard(vm: TrainingFormCardViewModel): CardAttachment {
  const { lang, limits } = vm;
  const values = vm.values ?? {};
  const errors = new Set(vm.errors ?? []);
  const lines = (...codes: TrainingFormError[]) => codes.filter((code) => errors.has(code)).map((code) => ({ text: errorText(lang, code, limits) }));
  const errorLines = [
    ...(errors.size > 0 ? [{ text: staffText(lang, 'training.form.error.summary') }] : []),
    ...(vm.noChannel ? [{ text: staffText(lang, 'training.form.error.noChannel') }] : []),
  ];
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'training.form.title'),
      intro: staffText(lang, 'training.form.intro'),
      goodLines: vm.announced ? [{ text: staffText(lang, 'training.form.announced') }] : [],
      errorLines: vm.announced ? [] : errorLines,
      forms: vm.announced
        ? []
        : [
            {
              titleLabel: staffText(lang, 'training.form.titleLabel'),
              titleMax: limits.title,
              titleError: errorText(lang, 'title', limits),
              titleValue: values.title ?? '',
              titleErrors: lines('title'),
              descriptionLabel: staffText(lang, 'training.form.description'),
              descriptionMax: limits.description,
              descriptionValue: values.description ?? '',
              descriptionErrors: lines('description'),
              dateLabel: staffText(lang, 'training.form.date'),
              dateError: errorText(lang, 'date', limits),
              dateValue: values.date ?? '',
              dateErrors: lines('date'),
              timeLabel: staffText(lang, 'training.form.time'),
              timeError: errorText(lang, 'time', limits),
              timeValue: values.time ?? '',
              timeErrors: lines('time', 'in_past'),
              locationLabel: staffText(lang, 'training.form.location'),
              locationMax: limits.location,
              locationError: errorText(lang, 'location', limits),
              locationValue: values.location ?? '',
              locationErrors: lines('location'),
              capacityLabel: staffText(lang, 'training.form.capacity'),
              capacityMax: limits.capacity,
              // Input.Number takes a number: anything else typed is not shown again (its error is).
              capacityValue: /^\d{1,9}$/.test(values.capacity ?? '') ? Number(values.capacity) : '',
              capacityErrors: lines('capacity'),
              announceLabel: staffText(lang, 'training.form.announce'),
              announceVerb: TRAINING_ANNOUNCE,
            },
          ],
    }),
  );
}

function errorText(lang: StaffLanguage, field: TrainingFormError, limits: TrainingLimits): string {
  switch (field) {
    case 'title':
      return staffText(lang, 'training.form.error.title', { max: limits.title });
    case 'description':
      return staffText(lang, 'training.form.error.description', { max: limits.description });
    case 'date':
      return staffText(lang, 'training.form.error.date');
    case 'time':
      return staffText(lang, 'training.form.error.time');
    case 'in_past':
      return staffText(lang, 'training.form.error.inPast');
    case 'location':
      return staffText(lang, 'training.form.error.location', { max: limits.location });
    case 'capacity':
      return staffText(lang, 'training.form.error.capacity', { max: limits.capacity });
  }
}
