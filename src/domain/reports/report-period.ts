import { instantAt } from '../booking/helsinki-time.js';

/**
 * Report periods are Helsinki calendar months: a contact at 23:30 UTC on 31 January is 01:30 on
 * 1 February in Helsinki, so it counts in February. Each month is the half-open range of instants
 * [local midnight of its 1st, local midnight of the next month's 1st).
 */
export interface ReportMonth {
  /** "YYYY-MM". */
  readonly month: string;
  readonly from: Date;
  readonly before: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The longest funder period: two years of months is plenty for any reporting cycle. */
export const MAX_PERIOD_MONTHS = 24;

/** "YYYY-MM" as [year, month 1–12], or undefined when it is not a month of 2000–2100. */
export function parseMonth(text: string): readonly [number, number] | undefined {
  const match = MONTH.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  return isReportYear(year) ? [year, Number(match[2])] : undefined;
}

/** Years the reports and the municipal figures accept. */
export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= 2100;
}

const monthText = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
const firstOf = (year: number, month: number): Date => instantAt(`${monthText(year, month)}-01`, '00:00');

/**
 * The Helsinki months from `from` to `to` inclusive ("YYYY-MM"), ascending and contiguous, or
 * undefined when either is not a month, `from` is after `to`, or the period is longer than
 * MAX_PERIOD_MONTHS. Worked example: "2026-01".."2026-02" → January from 2025-12-31T22:00Z
 * (+02:00) to 2026-01-31T22:00Z, February from there to 2026-02-28T22:00Z.
 */
export function helsinkiMonths(from: string, to: string): ReportMonth[] | undefined {
  const start = parseMonth(from);
  const end = parseMonth(to);
  if (!start || !end) return undefined;
  const count = (end[0] - start[0]) * 12 + (end[1] - start[1]) + 1;
  if (count < 1 || count > MAX_PERIOD_MONTHS) return undefined;
  const months: ReportMonth[] = [];
  for (let i = 0; i < count; i++) {
    const index = start[1] - 1 + i;
    const [year, month] = [start[0] + Math.floor(index / 12), (index % 12) + 1];
    const next = month === 12 ? [year + 1, 1] : [year, month + 1];
    months.push({ month: monthText(year, month), from: firstOf(year, month), before: firstOf(next[0]!, next[1]!) });
  }
  return months;
}

/** The twelve Helsinki months of `year`. */
export function monthsOfYear(year: number): ReportMonth[] {
  return helsinkiMonths(`${year}-01`, `${year}-12`) ?? [];
}
