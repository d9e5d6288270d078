/**
 * Aggregated contact figures of one period over some municipalities: counts only, never a person.
 * The database computes them (GROUP BY); the report and funder views are pure functions of them.
 */

/** The breakdowns of a contact: by its language, topics, channel, outcome, and where it referred to. */
export const FIGURE_DIMENSIONS = ['language', 'topic', 'channel', 'outcome', 'authority', 'association'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

export interface ReportFigures {
  /** Contacts per municipality and Helsinki month ("YYYY-MM"); months without contacts are absent. */
  readonly contactsByMonth: readonly { readonly municipalityCode: string; readonly month: string; readonly count: number }[];
  /**
   * Contacts per municipality with each code. A contact with two topics counts once under each, so
   * topics (and referrals) add up to more than the contacts.
   */
  readonly counts: readonly { readonly municipalityCode: string; readonly dimension: FigureDimension; readonly code: string; readonly count: number }[];
  readonly interpreterUsed: readonly { readonly municipalityCode: string; readonly count: number }[];
  /** Meeting sessions of the period's bookings (by the booking's start), and how many were no-shows. */
  readonly meetings: readonly { readonly municipalityCode: string; readonly held: number; readonly noShows: number }[];
}

export interface CodeCount {
  readonly code: string;
  readonly count: number;
}

/** One dimension summed over the municipalities: most first, then by code (a stable order). */
export function totalsOf(figures: ReportFigures, dimension: FigureDimension): CodeCount[] {
  const sums = new Map<string, number>();
  for (const row of figures.counts) if (row.dimension === dimension) sums.set(row.code, (sums.get(row.code) ?? 0) + row.count);
  return sortCounts([...sums].map(([code, count]) => ({ code, count })));
}

export function sortCounts(counts: readonly CodeCount[]): CodeCount[] {
  return [...counts].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Contacts of one municipality per month, index 0 = the first of `months`. */
export function monthlyContacts(figures: ReportFigures, municipalityCode: string, months: readonly string[]): number[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => 0);
  for (const row of figures.contactsByMonth) {
    const i = index.get(row.month);
    if (row.municipalityCode === municipalityCode && i !== undefined) counts[i] = (counts[i] ?? 0) + row.count;
  }
  return counts;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The sum of `pick` over the rows of `municipalityCode` (all municipalities when null). */
export function sumFor<R extends { readonly municipalityCode: string }>(rows: readonly R[], municipalityCode: string | null, pick: (row: R) => number): number {
  return sum(rows.filter((r) => municipalityCode === null || r.municipalityCode === municipalityCode).map(pick));
}
