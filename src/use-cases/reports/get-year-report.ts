import { monthlyContacts, sumFor, totalsOf, type CodeCount } from '../../domain/reports/report-figures.js';
import { monthsOfYear } from '../../domain/reports/report-period.js';
import { expertFigures, type ExpertFigures } from '../experts/expert-figures.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditReportAction, reportViewer, type ReportRefusal, type ReportsDeps } from './report-access.js';

/** The reports page's figures for one year (the tab's ReportJson). Counts only: no suppression in the tab's own view. */
export interface YearReport {
  readonly year: number;
  readonly municipalities: readonly { readonly code: string; readonly name: string; readonly months: readonly number[]; readonly total: number; readonly target: number | null }[];
  readonly languages: readonly CodeCount[];
  readonly topics: readonly CodeCount[];
  readonly channels: readonly CodeCount[];
  readonly outcomes: readonly CodeCount[];
  readonly meetings: { readonly held: number; readonly noShows: number };
  readonly interpreterUsed: number;
  readonly contacts: number;
  readonly referralsToAuthorities: readonly CodeCount[];
  readonly referralsToAssociations: readonly (CodeCount & { readonly name: string })[];
  /** The expert channel (issue 5): questions asked by staff of these municipalities in the year, median minutes to claim and to answer. */
  readonly expertChannel: ExpertFigures;
}

export type YearReportResult = { readonly ok: true; readonly report: YearReport } | { readonly ok: false; readonly reason: ReportRefusal };

/**
 * The year's contacts per municipality and Helsinki month against the year's targets, and the
 * breakdowns over the same contacts: the caller's municipalities, or the one asked for (403 when
 * it is outside them). Audited as one `report.read` row.
 */
export async function getYearReport(deps: ReportsDeps, actor: RegisterActor, query: { readonly year: number; readonly municipality?: string }): Promise<YearReportResult> {
  const viewer = await reportViewer(deps, actor, 'report.read', query.municipality !== undefined ? { municipality: query.municipality } : {});
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  const codes = query.municipality !== undefined ? [query.municipality] : viewer.municipalities;
  const months = monthsOfYear(query.year);
  const [figures, stored, municipalities, associations, expertChannel] = await Promise.all([
    deps.reports.figures({ municipalities: codes, months }),
    deps.reports.municipalFigures(query.year),
    deps.uow.municipalities.list(),
    deps.uow.associations.list(),
    expertFigures(deps.uow, codes, months[0]!.from, months.at(-1)!.before),
  ]);
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const targets = new Map(stored.map((f) => [f.municipalityCode, f.contactTarget]));
  const associationNames = new Map(associations.map((a) => [a.id, a.name]));
  const monthKeys = months.map((m) => m.month);
  const rows = codes.map((code) => {
    const perMonth = monthlyContacts(figures, code, monthKeys);
    return { code, name: names.get(code) ?? code, months: perMonth, total: perMonth.reduce((a, b) => a + b, 0), target: targets.get(code) ?? null };
  });
  await auditReportAction(deps.uow.audit, deps.clock(), actor, 'report.read', { entityType: 'report', entityId: `year:${query.year}${query.municipality !== undefined ? `:${query.municipality}` : ''}` });
  return {
    ok: true,
    report: {
      year: query.year,
      municipalities: rows,
      languages: totalsOf(figures, 'language'),
      topics: totalsOf(figures, 'topic'),
      channels: totalsOf(figures, 'channel'),
      outcomes: totalsOf(figures, 'outcome'),
      meetings: { held: sumFor(figures.meetings, null, (m) => m.held), noShows: sumFor(figures.meetings, null, (m) => m.noShows) },
      interpreterUsed: sumFor(figures.interpreterUsed, null, (r) => r.count),
      contacts: rows.reduce((n, r) => n + r.total, 0),
      referralsToAuthorities: totalsOf(figures, 'authority'),
      // An association deleted from the directory keeps its referrals; its id stands in for the name.
      referralsToAssociations: totalsOf(figures, 'association').map((c) => ({ ...c, name: associationNames.get(c.code) ?? c.code })),
      expertChannel,
    },
  };
}
