import type { FigureDimension, ReportFigures } from '../../src/domain/reports/report-figures.js';
import type { MunicipalFigures, MunicipalFiguresInput, ReportReader, ReportScope } from '../../src/use-cases/ports/reports.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/**
 * The reports over the in-memory fake's tables: the behaviour the Kysely reader must match
 * (test/contract/reports.contract.test.ts). The municipal figures live here, beside the store,
 * because they are not part of the UnitOfWork either.
 */
export class InMemoryReports implements ReportReader {
  private readonly figuresByKey = new Map<string, MunicipalFigures>();

  constructor(private readonly store: InMemoryStore) {}

  async figures(scope: ReportScope): Promise<ReportFigures> {
    const t = this.store.tables;
    const first = scope.months[0];
    const last = scope.months.at(-1);
    if (first === undefined || last === undefined) return { contactsByMonth: [], counts: [], interpreterUsed: [], meetings: [] };
    const inPeriod = (at: Date) => at.getTime() >= first.from.getTime() && at.getTime() < last.before.getTime();
    const byMonth = new Map<string, number>();
    const counts = new Map<string, number>();
    const interpreter = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    const count = (m: string, dimension: FigureDimension, code: string) => bump(counts, JSON.stringify([m, dimension, code]));
    for (const c of t.contacts.values()) {
      if (!scope.municipalities.includes(c.municipalityCode) || !inPeriod(c.startedAt)) continue;
      const month = scope.months.find((m) => c.startedAt.getTime() < m.before.getTime())!;
      bump(byMonth, JSON.stringify([c.municipalityCode, month.month]));
      count(c.municipalityCode, 'language', c.language);
      count(c.municipalityCode, 'channel', c.channel);
      count(c.municipalityCode, 'outcome', c.outcome);
      for (const topic of c.topics) count(c.municipalityCode, 'topic', topic);
      for (const r of c.referrals) count(c.municipalityCode, r.kind, r.kind === 'authority' ? r.code : r.associationId);
      if (c.interpreterUsed) bump(interpreter, c.municipalityCode);
    }
    const meetings = new Map<string, { held: number; noShows: number }>();
    for (const session of t.meetingSessions.values()) {
      const booking = t.bookings.get(session.bookingId);
      if (!booking || !scope.municipalities.includes(booking.municipalityCode) || !inPeriod(booking.start)) continue;
      const m = meetings.get(booking.municipalityCode) ?? { held: 0, noShows: 0 };
      meetings.set(booking.municipalityCode, { held: m.held + 1, noShows: m.noShows + (session.noShowAt !== null ? 1 : 0) });
    }
    return {
      contactsByMonth: [...byMonth].map(([key, n]) => {
        const [municipalityCode, month] = JSON.parse(key) as [string, string];
        return { municipalityCode, month, count: n };
      }),
      counts: [...counts].map(([key, n]) => {
        const [municipalityCode, dimension, code] = JSON.parse(key) as [string, FigureDimension, string];
        return { municipalityCode, dimension, code, count: n };
      }),
      interpreterUsed: [...interpreter].map(([municipalityCode, n]) => ({ municipalityCode, count: n })),
      meetings: [...meetings].map(([municipalityCode, m]) => ({ municipalityCode, ...m })),
    };
  }

  async associationReferrals(municipalities: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const c of this.store.tables.contacts.values()) {
      if (!municipalities.includes(c.municipalityCode)) continue;
      for (const r of c.referrals) if (r.kind === 'association') counts.set(r.associationId, (counts.get(r.associationId) ?? 0) + 1);
    }
    return counts;
  }

  async municipalFigures(year: number): Promise<MunicipalFigures[]> {
    return [...this.figuresByKey.values()]
      .filter((f) => f.year === year)
      .sort((a, b) => (a.municipalityCode < b.municipalityCode ? -1 : 1))
      .map((f) => ({ ...f, updatedAt: new Date(f.updatedAt.getTime()) }));
  }

  async saveMunicipalFigures(year: number, figures: readonly MunicipalFiguresInput[], updatedBy: string, now: Date): Promise<void> {
    // All or none, like the database's transaction: check every row before writing any.
    for (const f of figures) {
      if (!this.store.tables.municipalities.has(f.municipalityCode)) throw new Error(`FOREIGN KEY constraint failed: no municipality "${f.municipalityCode}" (InMemoryReports).`);
    }
    for (const f of figures) {
      this.figuresByKey.set(`${f.municipalityCode}/${year}`, { ...f, year, updatedAt: new Date(now.getTime()), updatedBy });
    }
  }
}
