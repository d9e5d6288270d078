import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { FigureDimension, ReportFigures } from '../../domain/reports/report-figures.js';
import type { MunicipalFigures, MunicipalFiguresInput, ReportReader, ReportScope } from '../../use-cases/ports/reports.js';
import type { Database } from './database.js';
import { sqlDialect, toNumber, type DialectName, type SqlDialect } from './dialect.js';

type Count = number | string | bigint;

/**
 * Expanding a JSON array column into rows, the one thing the report queries say differently on
 * the two dialects (contacts store topics and referrals as JSON text, database.ts): SQLite's
 * table-valued json_each, PostgreSQL's jsonb_array_elements in a lateral join. Each gives a
 * `j.value` that `element` reads a text field of.
 */
const JSON_ARRAYS: Readonly<Record<DialectName, { readonly each: (column: RawBuilder<unknown>) => RawBuilder<unknown>; readonly eachText: (column: RawBuilder<unknown>) => RawBuilder<unknown>; readonly field: (name: string) => RawBuilder<unknown> }>> = {
  sqlite: {
    each: (column) => sql`cross join json_each(${column}) as j`,
    eachText: (column) => sql`cross join json_each(${column}) as j`,
    field: (name) => sql`json_extract(j.value, ${`$.${name}`})`,
  },
  postgres: {
    each: (column) => sql`cross join lateral jsonb_array_elements(${column}::jsonb) as j(value)`,
    eachText: (column) => sql`cross join lateral jsonb_array_elements_text(${column}::jsonb) as j(value)`,
    field: (name) => sql`(j.value ->> ${name})`,
  },
};

/**
 * The reports' aggregates over SQLite and PostgreSQL. Everything is counted by the database
 * (GROUP BY; JSON arrays expanded in SQL), so a year of a million contacts comes back as a few
 * hundred rows, never as the contacts themselves.
 *
 * - Scope: `municipality_code in (…) and started_at in [first month's start, last month's end)`,
 *   a range on 0008's (municipality_code, started_at, id) index.
 * - Helsinki months: a CASE over the month boundaries the use case computed (report-period.ts),
 *   the same SQL on both dialects; SQLite has no time zones, and a boundary list is exact across
 *   DST where "add 2 hours" is not. `group by 1, 2` (by position): PostgreSQL would see the
 *   repeated CASE with fresh parameters as a different expression.
 * - Topics and referrals are de-duplicated when a contact is written (validateContactDetails), so
 *   a row per array element counts contacts.
 */
export class KyselyReportReader implements ReportReader {
  private readonly json: (typeof JSON_ARRAYS)[DialectName];
  private readonly dialect: SqlDialect;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName,
  ) {
    this.dialect = sqlDialect(dialect);
    this.json = JSON_ARRAYS[dialect];
  }

  async figures(scope: ReportScope): Promise<ReportFigures> {
    const first = scope.months[0];
    const last = scope.months.at(-1);
    if (scope.municipalities.length === 0 || first === undefined || last === undefined) return { contactsByMonth: [], counts: [], interpreterUsed: [], meetings: [] };
    const d = this.dialect;
    const inScope = sql`c.municipality_code in (${sql.join(scope.municipalities.map((m) => sql`${m}`))})
      and c.started_at >= ${d.toInstant(first.from)} and c.started_at < ${d.toInstant(last.before)}`;
    const month =
      scope.months.length === 1
        ? sql`${first.month}`
        : sql`case ${sql.join(
            scope.months.slice(0, -1).map((m) => sql`when c.started_at < ${d.toInstant(m.before)} then ${m.month}`),
            sql` `,
          )} else ${last.month} end`;

    const byMonth = sql<{ m: string; month: string; n: Count }>`
      select c.municipality_code as m, ${month} as month, count(*) as n
        from contacts c where ${inScope} group by 1, 2`;
    const byField = sql<{ m: string; language: string; channel: string; outcome: string; interpreter: number | boolean; n: Count }>`
      select c.municipality_code as m, c.language as language, c.channel as channel, c.outcome as outcome, c.interpreter_used as interpreter, count(*) as n
        from contacts c where ${inScope} group by 1, 2, 3, 4, 5`;
    const byTopic = sql<{ m: string; code: string; n: Count }>`
      select c.municipality_code as m, j.value as code, count(*) as n
        from contacts c ${this.json.eachText(sql.ref('c.topics'))} where ${inScope} group by 1, 2`;
    // Most contacts refer nowhere: `<> '[]'` skips them before any JSON is parsed.
    const byReferral = sql<{ m: string; kind: string; code: string; n: Count }>`
      select c.municipality_code as m, ${this.json.field('kind')} as kind,
             coalesce(${this.json.field('code')}, ${this.json.field('associationId')}) as code, count(*) as n
        from contacts c ${this.json.each(sql.ref('c.referrals'))} where ${inScope} and c.referrals <> '[]' group by 1, 2, 3`;
    // Meetings: the sessions of the bookings that start in the period (0009 indexes bookings.start_at).
    const meetings = sql<{ m: string; held: Count; no_shows: Count }>`
      select b.municipality_code as m, count(*) as held, count(ms.no_show_at) as no_shows
        from meeting_sessions ms join bookings b on b.id = ms.booking_id
       where b.municipality_code in (${sql.join(scope.municipalities.map((m) => sql`${m}`))})
         and b.start_at >= ${d.toInstant(first.from)} and b.start_at < ${d.toInstant(last.before)}
       group by 1`;

    // PostgreSQL runs them side by side on the pool; SQLite's one connection takes them in turn.
    const [months, fields, topics, referrals, sessions] = await Promise.all([
      byMonth.execute(this.db),
      byField.execute(this.db),
      byTopic.execute(this.db),
      byReferral.execute(this.db),
      meetings.execute(this.db),
    ]);

    const counts = new Map<string, { municipalityCode: string; dimension: FigureDimension; code: string; count: number }>();
    const add = (municipalityCode: string, dimension: FigureDimension, code: string, n: number) => {
      const key = `${municipalityCode}\u0000${dimension}\u0000${code}`;
      const found = counts.get(key);
      if (found) found.count += n;
      else counts.set(key, { municipalityCode, dimension, code, count: n });
    };
    const interpreter = new Map<string, number>();
    for (const row of fields.rows) {
      const n = toNumber(row.n);
      add(row.m, 'language', row.language, n);
      add(row.m, 'channel', row.channel, n);
      add(row.m, 'outcome', row.outcome, n);
      if (row.interpreter === true || row.interpreter === 1) interpreter.set(row.m, (interpreter.get(row.m) ?? 0) + n);
    }
    for (const row of topics.rows) add(row.m, 'topic', row.code, toNumber(row.n));
    for (const row of referrals.rows) {
      if (row.kind === 'authority' || row.kind === 'association') add(row.m, row.kind, row.code, toNumber(row.n));
    }
    return {
      contactsByMonth: months.rows.map((row) => ({ municipalityCode: row.m, month: row.month, count: toNumber(row.n) })),
      counts: [...counts.values()],
      interpreterUsed: [...interpreter].map(([municipalityCode, count]) => ({ municipalityCode, count })),
      meetings: sessions.rows.map((row) => ({ municipalityCode: row.m, held: toNumber(row.held), noShows: toNumber(row.no_shows) })),
    };
  }

  async associationReferrals(municipalities: readonly string[]): Promise<Map<string, number>> {
    if (municipalities.length === 0) return new Map();
    // `like` first: only contacts that name an association have their JSON expanded.
    const { rows } = await sql<{ id: string; n: Count }>`
      select ${this.json.field('associationId')} as id, count(*) as n
        from contacts c ${this.json.each(sql.ref('c.referrals'))}
       where c.municipality_code in (${sql.join(municipalities.map((m) => sql`${m}`))})
         and c.referrals like '%"association"%' and ${this.json.field('kind')} = 'association'
       group by 1`.execute(this.db);
    return new Map(rows.map((row) => [row.id, toNumber(row.n)]));
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
