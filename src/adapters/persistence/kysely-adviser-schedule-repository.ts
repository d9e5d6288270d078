import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AdviserProfile, Interval, IsoWeekday, WeeklyHours } from '../../domain/booking/booking.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { StaffRole } from '../../domain/staff/staff.js';
import type { AdviserAbsence, AdviserProfileFilter, AdviserScheduleRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect.js';

/**
 * Advisers' schedules: who serves which municipality, topics, weekly hours and absences.
 * Weekly hours are stored as minutes after Helsinki midnight ("08:30" ↔ 510, "24:00" ↔ 1440).
 * The `set…` methods replace a whole set in one transaction (their own, or the caller's).
 */
export class KyselyAdviserScheduleRepository implements AdviserScheduleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly inTransaction: boolean,
  ) {}

  async getProfiles(filter: AdviserProfileFilter = {}): Promise<AdviserProfile[]> {
    let advisersQuery = this.db
      .selectFrom('staff')
      .select(['id', 'roles', 'languages', 'mailbox'])
      .where('active', '=', this.dialect.toFlag(true))
      // Roles are a JSON array of a closed set of names (see KyselyStaffRepository.listByRole).
      .where('roles', 'like', '%"adviser"%')
      .orderBy('id');
    const { municipalityCode } = filter;
    if (municipalityCode !== undefined) {
      advisersQuery = advisersQuery.where((eb) =>
        eb.exists(
          eb
            .selectFrom('adviser_municipalities as served')
            .select(sql.lit(1).as('one'))
            .whereRef('served.adviser_id', '=', 'staff.id')
            .where('served.municipality_code', '=', municipalityCode),
        ),
      );
    }
    const advisers = (await advisersQuery.execute()).filter((row) => (JSON.parse(row.roles) as StaffRole[]).includes('adviser'));
    if (advisers.length === 0) return [];
    const ids = advisers.map((row) => row.id);

    // Four set-based reads for all advisers at once, never one per adviser.
    const served = await this.db
      .selectFrom('adviser_municipalities')
      .selectAll()
      .where('adviser_id', 'in', ids)
      .orderBy('municipality_code')
      .execute();
    const topics = await this.db.selectFrom('adviser_topics').selectAll().where('adviser_id', 'in', ids).orderBy('topic').execute();
    const hours = await this.db
      .selectFrom('adviser_weekly_hours')
      .selectAll()
      .where('adviser_id', 'in', ids)
      .orderBy('weekday')
      .orderBy('start_min')
      .execute();
    let absencesQuery = this.db.selectFrom('adviser_absences').selectAll().where('adviser_id', 'in', ids).orderBy('start_at').orderBy('id');
    if (filter.absencesOverlapping !== undefined) {
      absencesQuery = absencesQuery
        .where('start_at', '<', this.dialect.toInstant(filter.absencesOverlapping.end))
        .where('end_at', '>', this.dialect.toInstant(filter.absencesOverlapping.start));
    }
    const absences = await absencesQuery.execute();

    return advisers.map((adviser) => ({
      adviserId: adviser.id,
      languages: JSON.parse(adviser.languages) as string[],
      municipalityCodes: served.filter((row) => row.adviser_id === adviser.id).map((row) => row.municipality_code),
      topics: topics.filter((row) => row.adviser_id === adviser.id).map((row) => row.topic as TopicCode),
      weeklyHours: hours
        .filter((row) => row.adviser_id === adviser.id)
        .map((row) => ({ weekday: row.weekday as IsoWeekday, start: toHhMm(row.start_min), end: toHhMm(row.end_min) })),
      absences: absences
        .filter((row) => row.adviser_id === adviser.id)
        .map((row) => ({ start: this.dialect.fromInstant(row.start_at), end: this.dialect.fromInstant(row.end_at) })),
      mailbox: adviser.mailbox,
    }));
  }

  async setWeeklyHours(adviserId: string, hours: readonly WeeklyHours[]): Promise<void> {
    const rows = hours.map((h) => ({ adviser_id: adviserId, weekday: h.weekday, start_min: toMinutes(h.start), end_min: toMinutes(h.end) }));
    await this.atomically(async (db) => {
      await db.deleteFrom('adviser_weekly_hours').where('adviser_id', '=', adviserId).execute();
      if (rows.length > 0) await db.insertInto('adviser_weekly_hours').values(rows).execute();
    });
  }

  async addAbsence(adviserId: string, interval: Interval): Promise<AdviserAbsence> {
    const row = await this.db
      .insertInto('adviser_absences')
      .values({
        id: randomUUID(),
        adviser_id: adviserId,
        start_at: this.dialect.toInstant(interval.start),
        end_at: this.dialect.toInstant(interval.end),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, adviserId: row.adviser_id, start: this.dialect.fromInstant(row.start_at), end: this.dialect.fromInstant(row.end_at) };
  }

  async listAbsences(adviserId: string, overlapping?: Interval): Promise<AdviserAbsence[]> {
    let query = this.db.selectFrom('adviser_absences').selectAll().where('adviser_id', '=', adviserId).orderBy('start_at').orderBy('id');
    if (overlapping !== undefined) {
      query = query.where('start_at', '<', this.dialect.toInstant(overlapping.end)).where('end_at', '>', this.dialect.toInstant(overlapping.start));
    }
    const rows = await query.execute();
    return rows.map((row) => ({ id: row.id, adviserId: row.adviser_id, start: this.dialect.fromInstant(row.start_at), end: this.dialect.fromInstant(row.end_at) }));
  }

  async removeAbsence(adviserId: string, absenceId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('adviser_absences').where('id', '=', absenceId).where('adviser_id', '=', adviserId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async servedMunicipalities(adviserId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('adviser_municipalities').select('municipality_code').where('adviser_id', '=', adviserId).orderBy('municipality_code').execute();
    return rows.map((row) => row.municipality_code);
  }

  async setServedMunicipalities(adviserId: string, municipalityCodes: readonly string[]): Promise<void> {
    const rows = [...new Set(municipalityCodes)].map((code) => ({ adviser_id: adviserId, municipality_code: code }));
    await this.atomically(async (db) => {
      await db.deleteFrom('adviser_municipalities').where('adviser_id', '=', adviserId).execute();
      if (rows.length > 0) await db.insertInto('adviser_municipalities').values(rows).execute();
    });
  }

  async setTopics(adviserId: string, topics: readonly TopicCode[]): Promise<void> {
    const rows = [...new Set(topics)].map((topic) => ({ adviser_id: adviserId, topic }));
    await this.atomically(async (db) => {
      await db.deleteFrom('adviser_topics').where('adviser_id', '=', adviserId).execute();
      if (rows.length > 0) await db.insertInto('adviser_topics').values(rows).execute();
    });
  }

  async setMailbox(adviserId: string, mailbox: string | null): Promise<void> {
    const result = await this.db.updateTable('staff').set({ mailbox }).where('id', '=', adviserId).executeTakeFirst();
    // An update of no row is silent in SQL; refuse it like the foreign keys of the other set… methods.
    if (Number(result.numUpdatedRows) === 0) throw new Error(`setMailbox: no staff member "${adviserId}".`);
  }

  /** Runs a delete + insert replacement as one transaction: the caller's, or one of its own. */
  private atomically(work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    return this.inTransaction ? work(this.db) : this.dialect.transaction(this.db, work);
  }
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** "08:30" → 510. Callers validate; a malformed value here is a bug, so it throws. */
function toMinutes(hhmm: string): number {
  const match = HH_MM.exec(hhmm);
  if (match === null) throw new TypeError(`Weekly hours must be "HH:MM" (got "${hhmm}"); validate before storing.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 510 → "08:30"; 1440 → "24:00". */
function toHhMm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
