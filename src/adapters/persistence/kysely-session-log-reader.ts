import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionLogCursor, SessionLogFilter, SessionLogReader, SessionLogRow } from '../../use-cases/ports/session-log.js';
import type { Database } from './database.js';
import { escapeLike, sqlDialect, type DialectName, type SqlDialect } from './dialect.js';

type LogTables = Database & { c: Database['contacts']; cl: Database['clients']; s: Database['staff']; ms: Database['meeting_sessions'] };

/** A row of one walk, as the SELECT names its columns. */
interface LogRow {
  readonly id: string;
  readonly started_at: Date | number | string;
  readonly duration_minutes: number;
  readonly municipality_code: string;
  readonly adviser_id: string;
  readonly adviser_name: string;
  readonly client_id: string;
  readonly client_name: string;
  readonly channel: string;
  readonly language: string;
  readonly interpreter_used: boolean | number;
  readonly topics: string;
  readonly outcome: string;
  readonly no_show_at: Date | number | string | null;
  readonly revision: number;
}

/**
 * The session log over SQLite and PostgreSQL with the same SQL.
 *
 * - Order and paging: `started_at desc, id desc`, keyset (`started_at <= t and (started_at < t
 *   or id < id0)`): the first conjunct is an index range, so page 100 costs what page 1 does.
 *   Migration 0008 indexes (municipality_code, started_at, id): each municipality's page is one
 *   backward index walk that stops after `limit` rows. A scope of several municipalities (a
 *   coordinator, an adviser who also serves a partner municipality) runs one such walk per
 *   municipality: on PostgreSQL inside one statement (a lateral join over the codes), on SQLite
 *   one after another, merged here. The adviser filter walks (adviser_id, started_at, id) instead.
 * - Topics are a JSON array of codes in a text column: `like '%"code"%'` with `_` escaped is exact
 *   for codes (letters, digits, `_`; the use case checks the format), on both dialects.
 * - Text search: the dialect's containsIgnoringCase (PostgreSQL ILIKE; SQLite through the
 *   connection's Unicode-aware fold function, so "ääni" finds "Ääni" on both).
 */
export class KyselySessionLogReader implements SessionLogReader {
  private readonly dialect: SqlDialect;

  /** `db` and `dialect` as returned by `createDatabase`. */
  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName,
  ) {
    this.dialect = sqlDialect(dialect);
  }

  async list(filter: SessionLogFilter, options: { readonly limit: number; readonly after?: SessionLogCursor }): Promise<SessionLogRow[]> {
    const codes = [...new Set(filter.municipalities)];
    if (codes.length === 0) return [];
    // One adviser: walk their index; the scope is then a filter on the rows it walks.
    if (filter.adviserId !== undefined || codes.length === 1) return this.rowsOf(await this.query(codes, filter, options).execute());
    // Several municipalities: one limited index walk per municipality, merged by start and id.
    // A single `in (…)` query leaves the order to the planner, and SQLite then reads every
    // matching row and sorts them (0.4 s for two municipalities of a 300,000-contact table)
    // instead of stopping after `limit`.
    if (this.dialect.name === 'postgres') {
      // PostgreSQL: the walks inside ONE statement, `unnest(codes) cross join lateral (walk)`: the
      // walk is planned once and run per code. Five parallel statements held five pool connections
      // per coordinator page (requests queued behind them: docs/bench.md); a `union all` of five
      // walks cost 18–31 ms, mostly planning, where this costs 5.3–5.6 ms (one walk: 2.8–3.0 ms).
      const codesTable = sql<{ code: string }>`(select unnest(${codes}::text[]) as code)`.as('m');
      const rows = await this.db
        .selectFrom(codesTable)
        .innerJoinLateral(
          () => this.query(codes, filter, options, sql.ref('m.code')).as('x'),
          (join) => join.onTrue(),
        )
        .selectAll('x')
        .orderBy('x.started_at', 'desc')
        .orderBy('x.id', 'desc')
        .limit(options.limit)
        .execute();
      return this.rowsOf(rows as LogRow[]);
    }
    // SQLite: one connection, so the walks run one after another anyway; merged here.
    const parts = await Promise.all(codes.map(async (code) => this.rowsOf(await this.query([code], filter, options).execute())));
    return parts
      .flat()
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || byIdDesc(a.contactId, b.contactId))
      .slice(0, options.limit);
  }

  /** One ordered, limited walk: `municipalities` is one code, or the scope of an adviser-filtered query. */
  private query(municipalities: readonly string[], filter: SessionLogFilter, options: { readonly limit: number; readonly after?: SessionLogCursor }, lateralCode?: RawBuilder<string>) {
    const d = this.dialect;
    let query = (this.db as unknown as Kysely<LogTables>)
      .selectFrom('contacts as c')
      .innerJoin('clients as cl', 'cl.id', 'c.client_id')
      .innerJoin('staff as s', 's.id', 'c.adviser_id')
      .leftJoin('meeting_sessions as ms', 'ms.booking_id', 'c.booking_id')
      .select([
        'c.id as id',
        'c.started_at as started_at',
        'c.duration_minutes as duration_minutes',
        'c.municipality_code as municipality_code',
        'c.adviser_id as adviser_id',
        's.display_name as adviser_name',
        'c.client_id as client_id',
        'cl.display_name as client_name',
        'c.channel as channel',
        'c.language as language',
        'c.interpreter_used as interpreter_used',
        'c.topics as topics',
        'c.outcome as outcome',
        'ms.no_show_at as no_show_at',
        'c.revision as revision',
      ])
      .where((eb) =>
        filter.adviserId === undefined
          ? eb('c.municipality_code', '=', lateralCode ?? municipalities[0]!)
          : // `|| ''` keeps the planner off the municipality index (both dialects): the adviser's
            // index gives the order, and one adviser's contacts are few beside a municipality's.
            eb.and([eb('c.adviser_id', '=', filter.adviserId), eb(sql<string>`${sql.ref('c.municipality_code')} || ''`, 'in', [...municipalities])]),
      );
    if (filter.from !== undefined) query = query.where('c.started_at', '>=', d.toInstant(filter.from));
    if (filter.before !== undefined) query = query.where('c.started_at', '<', d.toInstant(filter.before));
    if (filter.topic !== undefined) query = query.where(sql<SqlBool>`c.topics like ${`%"${escapeLike(filter.topic)}"%`} escape '\\'`);
    if (filter.language !== undefined) query = query.where('c.language', '=', filter.language);
    if (filter.channel !== undefined) query = query.where('c.channel', '=', filter.channel);
    if (filter.outcome !== undefined) query = query.where('c.outcome', '=', filter.outcome);
    if (filter.noShow !== undefined) query = query.where('ms.no_show_at', filter.noShow ? 'is not' : 'is', null);
    if (filter.text !== undefined) {
      const text = filter.text;
      query = query.where((eb) => eb.or([this.dialect.containsIgnoringCase('c.notes', text), this.dialect.containsIgnoringCase('cl.display_name', text)]));
    }
    if (options.after !== undefined) {
      const at = d.toInstant(options.after.startedAt);
      const id = options.after.id;
      query = query.where('c.started_at', '<=', at).where((eb) => eb.or([eb('c.started_at', '<', at), eb('c.id', '<', id)]));
    }
    return query.orderBy('c.started_at', 'desc').orderBy('c.id', 'desc').limit(options.limit);
  }

  private rowsOf(rows: readonly LogRow[]): SessionLogRow[] {
    const d = this.dialect;
    return rows.map((row) => ({
      contactId: row.id,
      startedAt: d.fromInstant(row.started_at),
      durationMinutes: row.duration_minutes,
      municipalityCode: row.municipality_code,
      adviser: { id: row.adviser_id, displayName: row.adviser_name },
      client: { id: row.client_id, displayName: row.client_name },
      channel: row.channel,
      language: row.language,
      interpreterUsed: Boolean(row.interpreter_used),
      topics: JSON.parse(row.topics) as string[],
      outcome: row.outcome,
      noShow: row.no_show_at !== null,
      revision: row.revision,
    }));
  }
}

/**
 * Ids compared as the databases compare them. Ids are UUIDs (lowercase hex and `-` at fixed
 * places), which sort the same by code point and under PostgreSQL's collations, so the merged
 * order equals the order one query would give.
 */
function byIdDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
