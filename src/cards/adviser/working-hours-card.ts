import type { WeeklyHours } from '../../domain/booking/booking.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { MAX_PERIODS_PER_DAY, type WorkingHoursProblem } from '../../use-cases/adviser/set-working-hours.js';
import { withoutEmptyInputValues } from './staff-format.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { SAVE_WORKING_HOURS, SHOW_MY_DAY } from '../verbs.js';
import workingHoursCardJson from './working-hours-card.json' with { type: 'json' };
import { WEEKDAYS, workingHoursFieldId, type SubmittedPeriod } from './working-hours-submission.js';

/** Rows every weekday shows: a morning and an afternoon period, e.g. around a lunch break. */
export const PERIODS_SHOWN_PER_DAY = 2;

/** What is wrong with one row: the use case's problem, or one of its two times missing. */
export type WorkingHoursRowProblem = WorkingHoursProblem | 'incomplete';

/** One row's values (as stored, or as typed) and its problem, if any. */
export interface WorkingHoursRow {
  readonly weekday: number;
  /** 1-based row within the weekday. */
  readonly period: number;
  readonly start: string;
  readonly end: string;
  readonly problem?: WorkingHoursRowProblem;
}

export interface WorkingHoursCardViewModel {
  readonly lang: StaffLanguage;
  /** Rows with values; weekdays and rows not listed are shown empty. */
  readonly rows: readonly WorkingHoursRow[];
  /** After a successful save: a "saved" line on top. */
  readonly saved?: boolean;
}

interface Line {
  readonly text: string;
}

interface WorkingHoursTemplateData {
  readonly lang: StaffLanguage;
  readonly title: string;
  readonly intro: string;
  readonly savedLines: readonly Line[];
  readonly summaryErrors: readonly Line[];
  readonly days: readonly {
    label: string;
    periods: readonly { startId: string; endId: string; startLabel: string; endLabel: string; start: string; end: string; errors: readonly Line[] }[];
  }[];
  readonly saveLabel: string;
  readonly saveVerb: typeof SAVE_WORKING_HOURS;
  readonly myDayLabel: string;
  readonly myDayVerb: typeof SHOW_MY_DAY;
}

const expandWorkingHoursCard = compileCardTemplate<WorkingHoursTemplateData>('working-hours', workingHoursCardJson);

/**
 * The adviser's weekly hours, Monday to Sunday, as Input.Time pairs (`day<weekday>start<row>`,
 * `day<weekday>end<row>`): {@link PERIODS_SHOWN_PER_DAY} rows a day, more when more are stored
 * (up to MAX_PERIODS_PER_DAY), so saving the card never drops a stored period. Rows with a problem
 * show a message under them and the values as typed; a summary line says nothing was saved.
 * "Save working hours" sends {@link SAVE_WORKING_HOURS} with every input. Pure.
 */
export function renderWorkingHoursCard(vm: WorkingHoursCardViewModel): CardAttachment {
  const { lang } = vm;
  const hasErrors = vm.rows.some((r) => r.problem !== undefined);
  return withoutEmptyInputValues(expandWorkingHoursCard({
    lang,
    title: staffText(lang, 'hours.title'),
    intro: staffText(lang, 'hours.intro'),
    savedLines: vm.saved && !hasErrors ? [{ text: staffText(lang, 'hours.saved') }] : [],
    summaryErrors: hasErrors ? [{ text: staffText(lang, 'hours.error.summary') }] : [],
    days: WEEKDAYS.map((weekday) => {
      const rows = vm.rows.filter((r) => r.weekday === weekday);
      const shown = Math.min(MAX_PERIODS_PER_DAY, Math.max(PERIODS_SHOWN_PER_DAY, ...rows.map((r) => r.period)));
      return {
        label: staffText(lang, `weekday.${weekday}`),
        periods: Array.from({ length: shown }, (_, i) => {
          const row = rows.find((r) => r.period === i + 1);
          return {
            startId: workingHoursFieldId(weekday, 'start', i + 1),
            endId: workingHoursFieldId(weekday, 'end', i + 1),
            startLabel: staffText(lang, 'hours.from'),
            endLabel: staffText(lang, 'hours.to'),
            start: row?.start ?? '',
            end: row?.end ?? '',
            errors: row?.problem === undefined ? [] : [{ text: problemText(lang, row.problem) }],
          };
        }),
      };
    }),
    saveLabel: staffText(lang, 'hours.save'),
    saveVerb: SAVE_WORKING_HOURS,
    myDayLabel: staffText(lang, 'action.myDay'),
    myDayVerb: SHOW_MY_DAY,
  }));
}

/** Stored weekly hours as card rows, numbered per weekday in start order. */
export function rowsFromStoredHours(hours: readonly WeeklyHours[]): WorkingHoursRow[] {
  const count = new Map<number, number>();
  return [...hours]
    .sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : 1))
    .map((h) => {
      const period = (count.get(h.weekday) ?? 0) + 1;
      count.set(h.weekday, period);
      return { weekday: h.weekday, period, start: h.start, end: h.end };
    });
}

/**
 * Submitted rows with the use case's errors (`index` = position in `periods`). A `time_format`
 * error on a row with one time empty reads better as "give both times".
 */
export function rowsWithProblems(periods: readonly SubmittedPeriod[], errors: readonly { readonly index: number; readonly problem: WorkingHoursProblem }[]): WorkingHoursRow[] {
  return periods.map((p, index) => {
    const error = errors.find((e) => e.index === index);
    if (!error) return { weekday: p.weekday, period: p.period, start: p.start, end: p.end };
    const problem: WorkingHoursRowProblem = error.problem === 'time_format' && (p.start === '' || p.end === '') ? 'incomplete' : error.problem;
    return { weekday: p.weekday, period: p.period, start: p.start, end: p.end, problem };
  });
}

function problemText(lang: StaffLanguage, problem: WorkingHoursRowProblem): string {
  return problem === 'too_many_periods' ? staffText(lang, 'hours.error.too_many_periods', { max: MAX_PERIODS_PER_DAY }) : staffText(lang, `hours.error.${problem}`);
}
