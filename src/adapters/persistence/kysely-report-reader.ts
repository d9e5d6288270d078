import { sql, type Kysely } from 'kysely';
import { figuresFromCounts } from '../../domain/reports/contact-counts.js';
import type { ReportFigures } from '../../domain/reports/report-figures.js';
import { readContactMonthCounts } from './contact-month-counts.js';
import type { MunicipalFigures, MunicipalFiguresInput, ReportReader, ReportScope } from '../../use-cases/ports/reports.js';
import type { Database } from './database.js';
import { sqlDialect, toNumber, type DialectName, type SqlDialect } from './dialect.js';

type Count = number | string | bigint;

/**
 * The reports' figures over SQLite and PostgreSQL. Contact figures come from the monthly counts
 * the contact repository keeps (contact_month_counts, 0010): a year of five municipalities is at
 * most a few thousand rows, however many contacts there are. Meetings are counted live from the
 * meeting sessions of the period's bookings (0009 indexes bookings.start_at).
 */
export class KyselyReportReader implements ReportReader {
  private readonly dialect: SqlDialect;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName,
  ) {
    this.dialect = sqlDialect(dialect);
  }

  async figures(scope: ReportScope): Promise<ReportFigures> {
    const first = scope.months[0];
    const last = scope.months.at(-1);
    if (scope.municipalities.length === 0 || first === undefined || last === undefined) return { contactsByMonth: [], counts: [], interpreterUsed: [], meetings: [] };
    const d = this.dialect;
    const meetings = sql<{ m: string; held: Count; no_shows: Count }>`
      select b.municipality_code as m, count(*) as held, count(ms.no_show_at) as no_shows
        from meeting_sessions ms join bookings b on b.id = ms.booking_id
       where b.municipality_code in (${sql.join(scope.municipalities.map((m) => sql`${m}`))})
         and b.start_at >= ${d.toInstant(first.from)} and b.start_at < ${d.toInstant(last.before)}
       group by 1`;
    // PostgreSQL runs the two side by side on the pool; SQLite's one connection takes them in turn.
    const [counts, sessions] = await Promise.all([
      readContactMonthCounts(
        this.db,
        scope.municipalities,
        scope.months.map((m) => m.month),
      ),
      meetings.execute(this.db),
    ]);
    return {
      ...figuresFromCounts(counts),
      meetings: sessions.rows.map((row) => ({ municipalityCode: row.m, held: toNumber(row.held), noShows: toNumber(row.no_shows) })),
    };
  }

  async associationReferrals(municipalities: readonly string[]): Promise<Map<string, number>> {
    if (municipalities.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('contact_month_counts')
      .select(['code', (eb) => eb.fn.sum<Count>('count').as('n')])
      .where('dimension', '=', 'association')
      .where('municipality_code', 'in', [...municipalities])
      .groupBy('code')
      .execute();
    return new Map(rows.map((row) => [row.code, toNumber(row.n)] as const).filter(([, n]) => n !== 0));
  }

  async municipalFigures(year: number): Promise<MunicipalFigures[]> {
    const rows = await this.db.selectFrom('municipal_figures').selectAll().where('year', '=', year).orderBy('municipality_code').execute();
    return rows.map((row) => ({
      municipalityCode: row.municipality_code,
      year: row.year,
      contactTarget: row.contact_target === null ? null : toNumber(row.contact_target),
      foreignResidents: row.foreign_residents === null ? null : toNumber(row.foreign_residents),
      updatedAt: this.dialect.fromInstant(row.updated_at),
      updatedBy: row.updated_by,
    }));
  }

  async saveMunicipalFigures(year: number, figures: readonly MunicipalFiguresInput[], updatedBy: string, now: Date): Promise<void> {
    if (figures.length === 0) return;
    const updated_at = this.dialect.toInstant(now);
    await this.dialect.transaction(this.db, async (trx) => {
      for (const f of figures) {
        const values = { contact_target: f.contactTarget, foreign_residents: f.foreignResidents, updated_at, updated_by: updatedBy };
        await trx
          .insertInto('municipal_figures')
          .values({ municipality_code: f.municipalityCode, year, ...values })
          .onConflict((oc) => oc.columns(['municipality_code', 'year']).doUpdateSet(values))
          .execute();
      }
    });
  }
}
