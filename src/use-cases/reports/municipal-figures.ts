import { isReportYear } from '../../domain/reports/report-period.js';
import type { MunicipalFiguresInput } from '../ports/reports.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditReportAction, reportViewer, type ReportRefusal, type ReportsDeps } from './report-access.js';

export interface MunicipalFiguresView {
  readonly year: number;
  /** Every municipality the caller sees, entered or not (null = not entered). */
  readonly figures: readonly { readonly code: string; readonly name: string; readonly contactTarget: number | null; readonly foreignResidents: number | null }[];
}

export type GetFiguresResult = { readonly ok: true; readonly figures: MunicipalFiguresView } | { readonly ok: false; readonly reason: ReportRefusal };
export type SaveFiguresResult =
  | { readonly ok: true; readonly figures: MunicipalFiguresView }
  | { readonly ok: false; readonly reason: ReportRefusal }
  /** A year outside 2000–2100, a count that is not a whole number from 0 up, a municipality twice, or one Neuvo does not serve. */
  | { readonly ok: false; readonly reason: 'invalid' };

/** The largest figure accepted: no municipality has ten million anything. */
export const MAX_FIGURE = 10_000_000;

const fields = ['contactTarget', 'foreignResidents'] as const;

/** The year's targets and foreign residents of the caller's municipalities (a coordinator: all). */
export async function getMunicipalFigures(deps: ReportsDeps, actor: RegisterActor, year: number): Promise<GetFiguresResult> {
  const viewer = await reportViewer(deps, actor, 'figures.read');
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  return { ok: true, figures: await figuresView(deps, year, viewer.municipalities) };
}

/**
 * Stores the year's figures of the municipalities given (others keep theirs): coordinators only
 * (an adviser gets 403 and nothing is written), checked whole before anything is written, then one
 * `figures.update` audit row naming the fields. Null clears a figure.
 */
export async function saveMunicipalFigures(deps: ReportsDeps, actor: RegisterActor, year: number, figures: readonly MunicipalFiguresInput[]): Promise<SaveFiguresResult> {
  const viewer = await reportViewer(deps, actor, 'figures.update', { coordinatorOnly: true });
  if (typeof viewer === 'string') return { ok: false, reason: viewer };
  const known = new Set((await deps.uow.municipalities.list()).map((m) => m.code));
  const codes = figures.map((f) => f.municipalityCode);
  const validCount = (n: number | null) => n === null || (Number.isSafeInteger(n) && n >= 0 && n <= MAX_FIGURE);
  if (
    !isReportYear(year) ||
    figures.length === 0 ||
    new Set(codes).size !== codes.length ||
    codes.some((c) => !known.has(c)) ||
    figures.some((f) => !validCount(f.contactTarget) || !validCount(f.foreignResidents))
  ) {
    return { ok: false, reason: 'invalid' };
  }
  // The figures commit in the read model's own transaction, then the audit row: a crash in
  // between leaves a change without its row, never a row for a change that did not happen.
  await deps.reports.saveMunicipalFigures(year, figures, viewer.member.id, deps.clock());
  await auditReportAction(deps.uow.audit, deps.clock(), actor, 'figures.update', { entityType: 'municipal_figures', entityId: String(year), fields });
  return { ok: true, figures: await figuresView(deps, year, viewer.municipalities) };
}

async function figuresView(deps: ReportsDeps, year: number, codes: readonly string[]): Promise<MunicipalFiguresView> {
  const [municipalities, stored] = await Promise.all([deps.uow.municipalities.list(), deps.reports.municipalFigures(year)]);
  const byCode = new Map(stored.map((f) => [f.municipalityCode, f]));
  return {
    year,
    figures: municipalities
      .filter((m) => codes.includes(m.code))
      .map((m) => ({ code: m.code, name: m.name, contactTarget: byCode.get(m.code)?.contactTarget ?? null, foreignResidents: byCode.get(m.code)?.foreignResidents ?? null })),
  };
}
