import { centsToEuros, splitCosts } from '../../domain/reports/cost-shares.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditReportAction, reportViewer, type ReportRefusal, type ReportsDeps } from './report-access.js';

export interface CostShares {
  readonly year: number;
  /** Euros (two decimals at most). */
  readonly total: number;
  readonly state: number;
  readonly municipalitiesTotal: number;
  readonly shares: readonly { readonly code: string; readonly name: string; readonly foreignResidents: number; readonly percent: number; readonly amount: number }[];
}

export type CostSharesResult =
  | { readonly ok: true; readonly shares: CostShares }
  | { readonly ok: false; readonly reason: ReportRefusal | 'no_residents' }
  /** These municipalities have no foreign-residents figure for the year: enter them first. */
  | { readonly ok: false; readonly reason: 'missing_figures'; readonly municipalities: readonly { readonly code: string; readonly name: string }[] };

/**
 * Each municipality's share of `totalCents` for `year` (cost-shares.ts: the state 70 %, the rest
 * by foreign residents). Every municipality Neuvo serves pays, so the split is always over all of
 * them, whoever asks; the figures are public statistics, not personal data. Audited as one
 * `report.read` row.
 */
export async function getCostShares(deps: ReportsDeps, actor: RegisterActor, query: { readonly year: number; readonly totalCents: number }): Promise<CostSharesResult> {
  const viewer = await reportViewer(deps, actor, 'report.read');
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  const [municipalities, stored] = await Promise.all([deps.uow.municipalities.list(), deps.reports.municipalFigures(query.year)]);
  const residents = new Map(stored.map((f) => [f.municipalityCode, f.foreignResidents]));
  const split = splitCosts(
    query.totalCents,
    municipalities.map((m) => ({ code: m.code, foreignResidents: residents.get(m.code) ?? null })),
  );
  if (!split.ok) {
    if (split.reason === 'no_residents') return { ok: false, reason: 'no_residents' };
    const missing = new Set(split.codes);
    return { ok: false, reason: 'missing_figures', municipalities: municipalities.filter((m) => missing.has(m.code)).map((m) => ({ code: m.code, name: m.name })) };
  }
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  await auditReportAction(deps.uow.audit, deps.clock(), actor, 'report.read', { entityType: 'report', entityId: `cost_shares:${query.year}` });
  return {
    ok: true,
    shares: {
      year: query.year,
      total: centsToEuros(split.totalCents),
      state: centsToEuros(split.stateCents),
      municipalitiesTotal: centsToEuros(split.municipalitiesCents),
      shares: split.shares.map((s) => ({ code: s.code, name: names.get(s.code) ?? s.code, foreignResidents: s.foreignResidents, percent: s.percent, amount: centsToEuros(s.amountCents) })),
    },
  };
}
