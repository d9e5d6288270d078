import { funderRows, type FunderRow } from '../../domain/reports/funder-report.js';
import { helsinkiMonths } from '../../domain/reports/report-period.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditReportAction, reportViewer, type ReportRefusal, type ReportsDeps } from './report-access.js';

export interface FunderReport {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly FunderRow[];
}

export type FunderReportResult = { readonly ok: true; readonly report: FunderReport } | { readonly ok: false; readonly reason: ReportRefusal | 'bad_period' };

/**
 * The funder's report for the Helsinki months `from`..`to` ("YYYY-MM", at most 24 months) over the
 * caller's municipalities (a coordinator: all), small counts suppressed (funder-report.ts).
 * Audited as one `report.read` row, for the JSON view and the CSV alike.
 */
export async function getFunderReport(deps: ReportsDeps, actor: RegisterActor, period: { readonly from: string; readonly to: string }): Promise<FunderReportResult> {
  const viewer = await reportViewer(deps, actor, 'report.read');
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  const months = helsinkiMonths(period.from, period.to);
  if (months === undefined) return { ok: false, reason: 'bad_period' };
  const figures = await deps.reports.figures({ municipalities: viewer.municipalities, months });
  await auditReportAction(deps.uow.audit, deps.clock(), actor, 'report.read', { entityType: 'report', entityId: `funder:${period.from}/${period.to}` });
  return { ok: true, report: { from: period.from, to: period.to, rows: funderRows(figures, viewer.municipalities) } };
}
