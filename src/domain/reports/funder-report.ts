import { sumFor, totalsOf, type FigureDimension, type ReportFigures } from './report-figures.js';
import { suppressSmallCount } from './suppression.js';

/**
 * The funder's report in "the ministry's shape": a flat list of (section, item, municipality,
 * count) rows that a spreadsheet can pivot. Each section has a row per municipality and a total
 * row (municipality null) per item. Counts 1–4 are suppressed (null) in every row, totals too.
 */
export const FUNDER_SECTIONS = ['contacts', 'channel', 'language', 'topic', 'authority_referral', 'interpreter', 'meetings'] as const;
export type FunderSection = (typeof FUNDER_SECTIONS)[number];

export interface FunderRow {
  readonly section: FunderSection;
  /** A code: `contacts`, `interpreter_used`, `held`, `no_shows`, or the channel / language / topic / authority code. */
  readonly item: string;
  /** null: all the report's municipalities together. */
  readonly municipalityCode: string | null;
  /** null when suppressed (1–4). */
  readonly count: number | null;
}

const DIMENSION_SECTIONS: readonly (readonly [FunderSection, FigureDimension])[] = [
  ['channel', 'channel'],
  ['language', 'language'],
  ['topic', 'topic'],
  ['authority_referral', 'authority'],
];

/**
 * The rows for `municipalityCodes` (in that order). Items of a breakdown are the codes that occur
 * in the period, most first; a municipality without any gets 0 (never left out, so every
 * municipality has the same rows).
 *
 * Known limit: suppression is per cell only. Where exactly one cell of an item is suppressed, the
 * total minus the shown cells reveals it; the ministry's templates accept this for counts that
 * are not about individual people's characteristics, and the coordinator reviews before sending.
 */
export function funderRows(figures: ReportFigures, municipalityCodes: readonly string[]): FunderRow[] {
  const rows: FunderRow[] = [];
  const add = (section: FunderSection, item: string, count: (code: string | null) => number) => {
    for (const code of municipalityCodes) rows.push({ section, item, municipalityCode: code, count: suppressSmallCount(count(code)) });
    rows.push({ section, item, municipalityCode: null, count: suppressSmallCount(count(null)) });
  };
  add('contacts', 'contacts', (m) => sumFor(figures.contactsByMonth, m, (r) => r.count));
  for (const [section, dimension] of DIMENSION_SECTIONS) {
    const ofDimension = figures.counts.filter((r) => r.dimension === dimension);
    for (const { code } of totalsOf(figures, dimension)) {
      const ofCode = ofDimension.filter((r) => r.code === code);
      add(section, code, (m) => sumFor(ofCode, m, (r) => r.count));
    }
  }
  add('interpreter', 'interpreter_used', (m) => sumFor(figures.interpreterUsed, m, (r) => r.count));
  add('meetings', 'held', (m) => sumFor(figures.meetings, m, (r) => r.held));
  add('meetings', 'no_shows', (m) => sumFor(figures.meetings, m, (r) => r.noShows));
  return rows;
}
