import { localDateOf } from '../booking/helsinki-time.js';
import type { ContactDetails } from '../register/contact.js';
import type { FigureDimension, ReportFigures } from './report-figures.js';

/**
 * Monthly contact counts kept beside the contacts (issue 6's "monthly report ≤ 250 ms" on a
 * million contacts): each contact version adds one to a count per municipality, Helsinki month,
 * dimension and code; a correction takes the replaced version's ones away and adds the new
 * version's. A report then sums a few hundred counts instead of reading a year of contacts.
 *
 * `contacts` and `interpreter` have the empty code: one count of contacts, one of those with an
 * interpreter. The other dimensions are the report's (FigureDimension): a contact with two topics
 * adds one to each topic (topics and referrals are de-duplicated when a contact is written).
 */
export type CountDimension = 'contacts' | 'interpreter' | FigureDimension;

export interface ContactCountKey {
  readonly municipalityCode: string;
  /** Helsinki month "YYYY-MM". */
  readonly month: string;
  readonly dimension: CountDimension;
  readonly code: string;
}

export interface ContactCountDelta extends ContactCountKey {
  /** Never 0. */
  readonly delta: number;
}

export interface ContactCountRow extends ContactCountKey {
  readonly count: number;
}

/** The Helsinki month an instant falls in: 2026-01-31T22:30Z → "2026-02" (00:30 +02:00 on 1 February). */
export function helsinkiMonthOf(instant: Date): string {
  return localDateOf(instant).slice(0, 7);
}

type CountedDetails = Pick<ContactDetails, 'startedAt' | 'channel' | 'language' | 'interpreterUsed' | 'outcome' | 'topics' | 'referrals'>;

/** The counts one contact version adds one to. */
export function contactCountKeys(municipalityCode: string, details: CountedDetails): ContactCountKey[] {
  const month = helsinkiMonthOf(details.startedAt);
  const key = (dimension: CountDimension, code: string): ContactCountKey => ({ municipalityCode, month, dimension, code });
  return [
    key('contacts', ''),
    ...(details.interpreterUsed ? [key('interpreter', '')] : []),
    key('language', details.language),
    key('channel', details.channel),
    key('outcome', details.outcome),
    ...details.topics.map((code) => key('topic', code)),
    ...details.referrals.map((r) => (r.kind === 'authority' ? key('authority', r.code) : key('association', r.associationId))),
  ];
}

/** One text per count (a Map key). */
export const countKeyText = (k: ContactCountKey): string => `${k.municipalityCode}\u0000${k.month}\u0000${k.dimension}\u0000${k.code}`;

/**
 * What a write changes: +1 for each key of `added`, −1 for each of `removed`, netted (a correction
 * that keeps the language changes no language count). Sorted by key, so that two transactions
 * updating the same counts lock them in the same order and cannot deadlock on PostgreSQL.
 */
export function countDeltas(removed: readonly ContactCountKey[], added: readonly ContactCountKey[]): ContactCountDelta[] {
  const deltas = new Map<string, ContactCountDelta>();
  const add = (k: ContactCountKey, by: number) => {
    const text = countKeyText(k);
    const found = deltas.get(text);
    deltas.set(text, { municipalityCode: k.municipalityCode, month: k.month, dimension: k.dimension, code: k.code, delta: (found?.delta ?? 0) + by });
  };
  for (const k of removed) add(k, -1);
  for (const k of added) add(k, 1);
  return [...deltas]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

/** The report's contact figures from stored counts (meetings are counted elsewhere; zero counts are left out). */
export function figuresFromCounts(rows: readonly ContactCountRow[]): Omit<ReportFigures, 'meetings'> {
  const contactsByMonth: { municipalityCode: string; month: string; count: number }[] = [];
  const counts = new Map<string, { municipalityCode: string; dimension: FigureDimension; code: string; count: number }>();
  const interpreter = new Map<string, number>();
  for (const row of rows) {
    if (row.count === 0) continue;
    if (row.dimension === 'contacts') contactsByMonth.push({ municipalityCode: row.municipalityCode, month: row.month, count: row.count });
    else if (row.dimension === 'interpreter') interpreter.set(row.municipalityCode, (interpreter.get(row.municipalityCode) ?? 0) + row.count);
    else {
      const text = `${row.municipalityCode}\u0000${row.dimension}\u0000${row.code}`;
      const found = counts.get(text);
      if (found) found.count += row.count;
      else counts.set(text, { municipalityCode: row.municipalityCode, dimension: row.dimension, code: row.code, count: row.count });
    }
  }
  return {
    contactsByMonth,
    counts: [...counts.values()],
    interpreterUsed: [...interpreter].map(([municipalityCode, count]) => ({ municipalityCode, count })),
  };
}
