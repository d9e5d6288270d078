import { localDateOf } from '../../domain/booking/helsinki-time.js';
import type { ReportReader } from '../ports/reports.js';

/**
 * Invented municipal figures for the local demo (NEUVO_MODE=local), so the reports page shows
 * targets and the cost split works out of the box. Not statistics: a real deployment enters its
 * own (PUT /api/tab/municipal-figures).
 */
const DEMO_FIGURES: readonly { readonly municipalityCode: string; readonly contactTarget: number; readonly foreignResidents: number }[] = [
  { municipalityCode: 'joensuu', contactTarget: 1800, foreignResidents: 4200 },
  { municipalityCode: 'liperi', contactTarget: 150, foreignResidents: 380 },
  { municipalityCode: 'kontiolahti', contactTarget: 200, foreignResidents: 520 },
  { municipalityCode: 'ilomantsi', contactTarget: 60, foreignResidents: 140 },
  { municipalityCode: 'outokumpu', contactTarget: 120, foreignResidents: 300 },
];

/** Idempotent: fills this year and last year only where nothing has been entered, never over a coordinator's figures. */
export async function seedDemoFigures(reports: ReportReader, now: Date): Promise<void> {
  const year = Number(localDateOf(now).slice(0, 4));
  for (const y of [year - 1, year]) {
    if ((await reports.municipalFigures(y)).length === 0) await reports.saveMunicipalFigures(y, DEMO_FIGURES, 'system:demo', now);
  }
}
