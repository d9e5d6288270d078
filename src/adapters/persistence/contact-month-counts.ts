import { sql, type Kysely } from 'kysely';
import { contactCountKeys, countKeyText, type ContactCountDelta, type ContactCountKey, type ContactCountRow, type CountDimension } from '../../domain/reports/contact-counts.js';
import type { Referral } from '../../domain/register/contact.js';
import type { Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/** 5 parameters a row: far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 500;
/** Contacts read per query while rebuilding (keyset by id). */
const REBUILD_PAGE = 5_000;

/**
 * Adds the deltas to `contact_month_counts` (migration 0010), creating the counts a write sees
 * first. Runs in the caller's transaction: the counts change with the contact or not at all.
 * The deltas are unique by key (countDeltas), which PostgreSQL's multi-row ON CONFLICT requires.
 */
export async function applyContactCountDeltas(db: Kysely<Database>, deltas: readonly ContactCountDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto('contact_month_counts')
      .values(
        deltas.slice(i, i + ROWS_PER_STATEMENT).map((d) => ({
          municipality_code: d.municipalityCode,
          month: d.month,
          dimension: d.dimension,
          code: d.code,
          count: d.delta,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['municipality_code', 'month', 'dimension', 'code']).doUpdateSet({
          count: sql<number>`contact_month_counts.count + excluded.count`,
        }),
      )
      .execute();
  }
}

/** The stored counts of these municipalities and Helsinki months ("YYYY-MM"). */
export async function readContactMonthCounts(db: Kysely<Database>, municipalities: readonly string[], months: readonly string[]): Promise<ContactCountRow[]> {
  if (municipalities.length === 0 || months.length === 0) return [];
  const rows = await db
    .selectFrom('contact_month_counts')
    .select(['municipality_code', 'month', 'dimension', 'code', 'count'])
    .where('municipality_code', 'in', [...municipalities])
    .where('month', 'in', [...months])
    .where('count', '<>', 0)
    .execute();
  return rows.map((row) => ({
    municipalityCode: row.municipality_code,
    month: row.month,
    dimension: row.dimension as CountDimension,
    code: row.code,
    count: toNumber(row.count),
  }));
}

/**
 * Recomputes every count from the contacts (inside one transaction): migration 0010 runs it over
 * the contacts that existed before the counts, and the bench fixture after its bulk load (which
 * bypasses the repository). Reads the contacts in pages by id, so memory holds the counts only.
 * Returns the number of contacts counted.
 */
export async function rebuildContactMonthCounts(db: Kysely<Database>, dialect: SqlDialect): Promise<number> {
  return dialect.transaction(db, (trx) => recountContacts(trx, dialect));
}

/** rebuildContactMonthCounts in the caller's transaction (the migrator's, in migration 0010). */
export async function recountContacts(trx: Kysely<Database>, dialect: SqlDialect): Promise<number> {
  await trx.deleteFrom('contact_month_counts').execute();
  const totals = new Map<string, ContactCountKey & { n: number }>();
  let after = '';
  let counted = 0;
  for (;;) {
    const page = await trx
      .selectFrom('contacts')
      .select(['id', 'municipality_code', 'started_at', 'channel', 'language', 'interpreter_used', 'outcome', 'topics', 'referrals'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(REBUILD_PAGE)
      .execute();
    for (const row of page) {
      const keys = contactCountKeys(row.municipality_code, {
        startedAt: dialect.fromInstant(row.started_at),
        channel: row.channel,
        language: row.language,
        interpreterUsed: row.interpreter_used === true || row.interpreter_used === 1,
        outcome: row.outcome,
        topics: JSON.parse(row.topics) as string[],
        referrals: JSON.parse(row.referrals) as Referral[],
      });
      for (const k of keys) {
        const text = countKeyText(k);
        const found = totals.get(text);
        if (found) found.n += 1;
        else totals.set(text, { ...k, n: 1 });
      }
    }
    counted += page.length;
    const last = page.at(-1);
    if (last === undefined || page.length < REBUILD_PAGE) break;
    after = last.id;
  }
  await applyContactCountDeltas(
    trx,
    [...totals.values()].map(({ n, ...k }) => ({ ...k, delta: n })),
  );
  return counted;
}
