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
 * Suppression: every count of 1–4 is hidden (primary), and then enough others that no hidden count
 * can be worked out from the shown ones (complementary suppression, {@link protectGroups}).
 */
export function funderRows(figures: ReportFigures, municipalityCodes: readonly string[]): FunderRow[] {
  const cells: Cell[] = [];
  const add = (section: FunderSection, item: string, count: (code: string | null) => number) => {
    for (const code of [...municipalityCodes, null]) {
      const raw = count(code);
      cells.push({ section, item, municipalityCode: code, raw, hidden: suppressSmallCount(raw) === null });
    }
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
  protectGroups(groupsOf(cells, municipalityCodes));
  return cells.map(({ section, item, municipalityCode, raw, hidden }) => ({ section, item, municipalityCode, count: hidden ? null : raw }));
}

interface Cell {
  readonly section: FunderSection;
  readonly item: string;
  readonly municipalityCode: string | null;
  readonly raw: number;
  hidden: boolean;
}

/**
 * Cells that add up to a shown total. `preferTotal`: when a second cell must be hidden, hide the
 * total rather than a municipality's own figure (the funder reads the report per municipality).
 */
interface Group {
  readonly members: readonly Cell[];
  readonly total: Cell;
  readonly preferTotal: boolean;
}

/** Sections whose items split the contacts: each contact has exactly one channel and one language. */
const PARTITIONS: readonly FunderSection[] = ['channel', 'language'];

/**
 * The additive groups of the report: each item across the municipalities adds up to its total
 * row; each municipality's (and the total's) channels, and its languages, add up to its contacts.
 * Topics and referrals do not add up to anything shown (a contact has several, or none).
 */
function groupsOf(cells: readonly Cell[], municipalityCodes: readonly string[]): Group[] {
  const groups: Group[] = [];
  const byItem = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = `${cell.section}\u0000${cell.item}`;
    byItem.set(key, [...(byItem.get(key) ?? []), cell]);
  }
  for (const itemCells of byItem.values()) {
    groups.push({ members: itemCells.filter((c) => c.municipalityCode !== null), total: itemCells.find((c) => c.municipalityCode === null)!, preferTotal: true });
  }
  for (const code of [...municipalityCodes, null]) {
    const contacts = cells.find((c) => c.section === 'contacts' && c.municipalityCode === code)!;
    for (const section of PARTITIONS) {
      const members = cells.filter((c) => c.section === section && c.municipalityCode === code);
      if (members.length > 0) groups.push({ members, total: contacts, preferTotal: false });
    }
  }
  return groups;
}

/**
 * Complementary suppression. A group with exactly one hidden cell gives it away (the total minus
 * the shown members, or the members' sum for a hidden total), so a second cell is hidden: the
 * group's total where `preferTotal` and the hidden cell is a member, otherwise the smallest shown
 * non-zero member. Repeated until no group has exactly one hidden cell, since hiding a cell can
 * leave another group it belongs to with one. Hiding only grows, so this ends.
 *
 * Known limit: this protects against subtraction within each group, not against every
 * combination of groups (a full linear-programming audit); with the report's few groups per cell
 * that is the standard practice of statistical offices for tables of this size.
 */
function protectGroups(groups: readonly Group[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const { members, total, preferTotal } of groups) {
      const hidden = [...members, total].filter((c) => c.hidden);
      if (hidden.length !== 1) continue;
      const candidates = members.filter((c) => !c.hidden && c.raw > 0).sort((a, b) => a.raw - b.raw);
      const second = preferTotal && hidden[0] !== total && total.raw > 0 ? total : (candidates[0] ?? (total.raw > 0 && !total.hidden ? total : undefined));
      if (second) {
        second.hidden = true;
        changed = true;
      }
    }
  }
}
