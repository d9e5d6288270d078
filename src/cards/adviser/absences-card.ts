import { instantAt, localDateOf } from '../../domain/booking/helsinki-time.js';
import type { Interval } from '../../domain/booking/booking.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { MAX_ABSENCE_DAYS, type AbsenceField, type AbsenceProblem } from '../../use-cases/adviser/add-absence.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { ADD_ABSENCE, REMOVE_ABSENCE, SHOW_MY_DAY } from '../verbs.js';
import absencesCardJson from './absences-card.json' with { type: 'json' };
import { helsinkiClock, helsinkiDate, withoutEmptyInputValues } from './staff-format.js';

/** Input ids of the add form; the card JSON, the route's schema and the error mapping share them. */
export const ABSENCE_FIELD_IDS = {
  fromDate: 'absenceFromDate',
  toDate: 'absenceToDate',
  fromTime: 'absenceFromTime',
  toTime: 'absenceToTime',
} as const satisfies Record<AbsenceField, string>;

/** An absence with the id its remove button sends back. */
export interface AbsenceListItem extends Interval {
  readonly id: string;
}

/** What happened just before this card is shown. */
export type AbsencesNotice = { readonly kind: 'added'; readonly overlappingBookings: number } | { readonly kind: 'removed' } | { readonly kind: 'not_found' };

export interface AbsencesCardViewModel {
  readonly lang: StaffLanguage;
  /** Upcoming absences, earliest first. */
  readonly absences: readonly AbsenceListItem[];
  readonly notice?: AbsencesNotice;
  /** The add form's values as typed (after an invalid add); empty otherwise. */
  readonly values?: Partial<Record<AbsenceField, string>>;
  readonly errors?: readonly { readonly field: AbsenceField; readonly problem: AbsenceProblem }[];
}

interface Line {
  readonly text: string;
}

interface FieldView {
  readonly label: string;
  readonly value: string;
  readonly errors: readonly Line[];
}

interface AbsencesTemplateData {
  readonly lang: StaffLanguage;
  readonly title: string;
  readonly intro: string;
  readonly goodLines: readonly Line[];
  readonly attentionLines: readonly Line[];
  readonly upcomingHeading: string;
  readonly noneLines: readonly Line[];
  readonly absences: readonly { label: string; absenceId: string }[];
  readonly removeLabel: string;
  readonly removeVerb: typeof REMOVE_ABSENCE;
  readonly addHeading: string;
  readonly help: string;
  readonly fromDate: FieldView;
  readonly toDate: FieldView;
  readonly fromTime: FieldView;
  readonly toTime: FieldView;
  readonly addLabel: string;
  readonly addVerb: typeof ADD_ABSENCE;
  readonly myDayLabel: string;
  readonly myDayVerb: typeof SHOW_MY_DAY;
}

const expandAbsencesCard = compileCardTemplate<AbsencesTemplateData>('absences', absencesCardJson);

/**
 * The adviser's upcoming absences, each with a "Remove" button ({@link REMOVE_ABSENCE} with its
 * id), and a form to add one ({@link ADD_ABSENCE}): first day, optional last day, optional start
 * and end times (Input.Date / Input.Time, Helsinki). After an invalid add the values come back
 * with a message under each wrong field. Pure.
 */
export function renderAbsencesCard(vm: AbsencesCardViewModel): CardAttachment {
  const { lang } = vm;
  const errors = vm.errors ?? [];
  const field = (name: AbsenceField, label: Parameters<typeof staffText>[1]): FieldView => ({
    label: staffText(lang, label),
    value: vm.values?.[name] ?? '',
    errors: errors.filter((e) => e.field === name).map((e) => ({ text: problemText(lang, e.problem) })),
  });
  const notice = vm.notice;
  return withoutEmptyInputValues(expandAbsencesCard({
    lang,
    title: staffText(lang, 'absences.title'),
    intro: staffText(lang, 'absences.intro'),
    goodLines:
      notice?.kind === 'removed' ? [{ text: staffText(lang, 'absences.removed') }] : notice?.kind === 'added' && notice.overlappingBookings === 0 ? [{ text: staffText(lang, 'absences.added') }] : [],
    attentionLines: [
      ...(errors.length > 0 ? [{ text: staffText(lang, 'absences.error.summary') }] : []),
      ...(notice?.kind === 'not_found' ? [{ text: staffText(lang, 'absences.notFound') }] : []),
      ...(notice?.kind === 'added' && notice.overlappingBookings > 0 ? [{ text: staffText(lang, 'absences.addedWithBookings', { count: notice.overlappingBookings }) }] : []),
    ],
    upcomingHeading: staffText(lang, 'absences.upcoming'),
    noneLines: vm.absences.length === 0 ? [{ text: staffText(lang, 'absences.none') }] : [],
    absences: vm.absences.map((a) => ({ label: absenceLabel(a, lang), absenceId: a.id })),
    removeLabel: staffText(lang, 'absences.remove'),
    removeVerb: REMOVE_ABSENCE,
    addHeading: staffText(lang, 'absences.add.heading'),
    help: staffText(lang, 'absences.help'),
    fromDate: field('fromDate', 'absences.fromDate'),
    toDate: field('toDate', 'absences.toDate'),
    fromTime: field('fromTime', 'absences.fromTime'),
    toTime: field('toTime', 'absences.toTime'),
    addLabel: staffText(lang, 'absences.add'),
    addVerb: ADD_ABSENCE,
    myDayLabel: staffText(lang, 'action.myDay'),
    myDayVerb: SHOW_MY_DAY,
  }));
}

/**
 * An absence in words, Helsinki time. Whole days (midnight to midnight) show dates only, the last
 * day inclusive: [2026-04-06 00:00, 2026-04-11 00:00) → "ma 6.4.2026 – pe 10.4.2026"; one whole
 * day → just the date; otherwise dates with times ("ma 6.4.2026 09.00–12.00" within one day).
 */
export function absenceLabel(absence: Interval, lang: StaffLanguage): string {
  const firstDay = localDateOf(absence.start);
  const wholeDays = absence.start.getTime() === instantAt(firstDay, '00:00').getTime() && absence.end.getTime() === instantAt(localDateOf(absence.end), '00:00').getTime();
  if (wholeDays) {
    // The end is the midnight after the last day; a minute earlier is still the last day.
    const lastDayInstant = new Date(absence.end.getTime() - 60_000);
    const first = helsinkiDate(absence.start, lang);
    const last = helsinkiDate(lastDayInstant, lang);
    return first === last ? first : `${first} – ${last}`;
  }
  const sameDay = firstDay === localDateOf(absence.end);
  const start = `${helsinkiDate(absence.start, lang)} ${helsinkiClock(absence.start, lang)}`;
  return sameDay ? `${start}–${helsinkiClock(absence.end, lang)}` : `${start} – ${helsinkiDate(absence.end, lang)} ${helsinkiClock(absence.end, lang)}`;
}

function problemText(lang: StaffLanguage, problem: AbsenceProblem): string {
  return problem === 'too_long' ? staffText(lang, 'absences.error.too_long', { max: MAX_ABSENCE_DAYS }) : staffText(lang, `absences.error.${problem}`);
}
