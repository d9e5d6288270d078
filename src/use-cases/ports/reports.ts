import type { ReportMonth } from '../../domain/reports/report-period.js';
import type { ReportFigures } from '../../domain/reports/report-figures.js';

/**
 * The advisers' tab's reports (issue 6): a read model that aggregates contacts in the database
 * (GROUP BY, JSON arrays expanded in SQL), plus the municipal figures the reports are measured
 * against. Not part of the UnitOfWork on purpose: reports read across tables outside a
 * transaction, and the use cases write their audit rows through the UnitOfWork themselves.
 *
 * Implementations: test/fakes/in-memory-reports.ts, src/adapters/persistence/kysely-report-reader.ts
 * (SQLite and PostgreSQL); test/contract/reports.contract.test.ts runs one suite over all three.
 */

/** Which contacts: of these municipalities, started within these Helsinki months. */
export interface ReportScope {
  /** Never empty (the use case decides the scope from the caller). */
  readonly municipalities: readonly string[];
  /** Ascending and contiguous (helsinkiMonths / monthsOfYear); never empty. */
  readonly months: readonly ReportMonth[];
}

/** A municipality's figures for a year, as the coordinator entered them; null = not entered. */
export interface MunicipalFigures {
  readonly municipalityCode: string;
  readonly year: number;
  readonly contactTarget: number | null;
  readonly foreignResidents: number | null;
  readonly updatedAt: Date;
  /** Staff id of who saved them. */
  readonly updatedBy: string;
}

export interface MunicipalFiguresInput {
  readonly municipalityCode: string;
  readonly contactTarget: number | null;
  readonly foreignResidents: number | null;
}

export interface ReportReader {
  /** Counts over the scope's contacts (and the meeting sessions of its bookings). */
  figures(scope: ReportScope): Promise<ReportFigures>;
  /** Contacts ever referred to each association, over these municipalities' contacts: association id → count (absent = 0). */
  associationReferrals(municipalities: readonly string[]): Promise<Map<string, number>>;
  /** The year's stored figures, by municipality code; municipalities without a row are absent. */
  municipalFigures(year: number): Promise<MunicipalFigures[]>;
  /**
   * Inserts or replaces the figures of these municipalities for the year, all or none (one
   * transaction). Municipality codes must exist (a foreign key refuses others).
   */
  saveMunicipalFigures(year: number, figures: readonly MunicipalFiguresInput[], updatedBy: string, now: Date): Promise<void>;
}
