import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type NeuvoDatabase } from '../../src/adapters/persistence/create-database.js';
import { rebuildContactMonthCounts } from '../../src/adapters/persistence/contact-month-counts.js';
import { sqlDialect } from '../../src/adapters/persistence/dialect.js';
import { KyselyReportReader } from '../../src/adapters/persistence/kysely-report-reader.js';
import { KyselyUnitOfWork } from '../../src/adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from '../../src/adapters/persistence/migrate.js';
import { seedMunicipalities, seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import { localDateOf } from '../../src/domain/booking/helsinki-time.js';
import type { Contact, ContactDetails } from '../../src/domain/register/contact.js';
import type { ReportFigures } from '../../src/domain/reports/report-figures.js';
import { helsinkiMonths, monthsOfYear, type ReportMonth } from '../../src/domain/reports/report-period.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import type { ReportReader } from '../../src/use-cases/ports/reports.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld } from '../e2e/advisers-tab-world.js';
import { InMemoryReports } from '../fakes/in-memory-reports.js';
import { InMemoryUnitOfWork } from '../fakes/in-memory-unit-of-work.js';
import { selectedDialects, type TestDialect } from './test-databases.js';

/**
 * The reports' read model (ReportReader) over the in-memory fake, SQLite and PostgreSQL: the same
 * seeded register (the advisers' tab world + contacts on the Helsinki month boundaries) gives the
 * same figures on all three, and they equal figures computed here row by row in plain
 * TypeScript, with months taken from localDateOf (not from the boundaries the reader gets).
 *
 * One database per dialect for the whole file: the figures tests only read; the municipal-figures
 * tests each write their own year.
 */
const ALL = ['joensuu', 'liperi', 'kontiolahti', 'ilomantsi', 'outokumpu'];

interface Subject {
  readonly uow: UnitOfWork;
  readonly reports: ReportReader;
  /** Recounts contact_month_counts from the contacts (SQL dialects; the fake counts live). */
  readonly recount?: () => Promise<number>;
  close(): Promise<void>;
}

async function open(dialect: TestDialect): Promise<Subject> {
  if (dialect === 'memory') {
    const uow = new InMemoryUnitOfWork();
    return { uow, reports: new InMemoryReports(uow.store), close: async () => undefined };
  }
  if (dialect === 'sqlite') {
    const folder = await mkdtemp(join(tmpdir(), 'neuvo-reports-'));
    const database = createDatabase({ kind: 'sqlite', dataDir: folder });
    return subjectOf(database, async () => {
      await database.close();
      await rm(folder, { recursive: true, force: true });
    });
  }
  const url = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `neuvo_reports_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  // As test-databases.ts does: btree_gist once in public, so dropping this schema never drops it.
  await admin.query('create extension if not exists btree_gist with schema public').catch((error: { code?: string }) => {
    if (error.code !== '23505' && error.code !== '42710') throw error;
  });
  const database = createDatabase({ kind: 'postgres', url, schema });
  return subjectOf(database, async () => {
    await database.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
}

async function subjectOf(database: NeuvoDatabase, close: () => Promise<void>): Promise<Subject> {
  await migrateToLatest(database.db);
  return {
    uow: new KyselyUnitOfWork(database.db, database.dialect),
    reports: new KyselyReportReader(database.db, database.dialect),
    recount: () => rebuildContactMonthCounts(database.db, sqlDialect(database.dialect)),
    close,
  };
}

/** Contacts on the edges of Helsinki months, in Kontiolahti (the world's Kontiolahti client). */
const BOUNDARY_CONTACTS: readonly { readonly at: string; readonly helsinkiMonth: string }[] = [
  { at: '2026-01-31T21:59:59.999Z', helsinkiMonth: '2026-01' }, // 23:59:59 on 31 Jan in Helsinki
  { at: '2026-01-31T22:00:00.000Z', helsinkiMonth: '2026-02' }, // midnight
  { at: '2026-01-31T23:30:00.000Z', helsinkiMonth: '2026-02' }, // 01:30 on 1 Feb
  { at: '2026-02-28T22:00:00.000Z', helsinkiMonth: '2026-03' }, // midnight of 1 March: outside Jan–Feb
  { at: '2025-06-30T20:59:00.000Z', helsinkiMonth: '2025-06' }, // 23:59 summer time (+03:00)
  { at: '2025-06-30T21:00:00.000Z', helsinkiMonth: '2025-07' },
];

async function seed(uow: UnitOfWork): Promise<{ world: AdvisersTabWorld; contacts: Contact[] }> {
  await seedMunicipalities(uow, []);
  await seedServiceTypes(uow);
  const now = new Date('2026-03-15T10:00:00Z');
  const world = await seedAdvisersTabWorld(uow, undefined, now);
  const contacts: Contact[] = [...world.contacts];
  for (const [i, edge] of BOUNDARY_CONTACTS.entries()) {
    const details: ContactDetails = {
      channel: 'phone',
      startedAt: new Date(edge.at),
      durationMinutes: 15,
      language: i % 2 === 0 ? 'ru' : 'fi',
      interpreterUsed: i === 2,
      topics: ['housing', 'kela_benefits', 'health'],
      services: ['guidance'],
      referrals: [{ kind: 'authority', code: 'kela' }, { kind: 'association', associationId: world.association.id }],
      followUpOn: null,
      outcome: 'referred',
      notes: '',
    };
    const created = await uow.contacts.create(
      { clientId: world.clients.svetlana.id, adviserId: world.kontiolahtiAdviser.id, municipalityCode: 'kontiolahti', bookingId: null, formVersion: 1, ...details },
      world.kontiolahtiAdviser.id,
      now,
    );
    if (!created.ok) throw new Error('a boundary contact was refused');
    contacts.push(created.contact);
  }
  return { world, contacts };
}

/** The figures computed row by row from the seeded contacts: what every reader must answer. */
function expected(contacts: readonly Contact[], municipalities: readonly string[], months: readonly ReportMonth[]): ReportFigures {
  const keys = new Set(months.map((m) => m.month));
  const inScope = contacts.filter((c) => municipalities.includes(c.municipalityCode) && keys.has(localDateOf(c.startedAt).slice(0, 7)));
  const tally = new Map<string, number>();
  const bump = (...key: string[]) => tally.set(JSON.stringify(key), (tally.get(JSON.stringify(key)) ?? 0) + 1);
  for (const c of inScope) {
    bump('month', c.municipalityCode, localDateOf(c.startedAt).slice(0, 7));
    bump('language', c.municipalityCode, c.language);
    bump('channel', c.municipalityCode, c.channel);
    bump('outcome', c.municipalityCode, c.outcome);
    for (const t of c.topics) bump('topic', c.municipalityCode, t);
    for (const r of c.referrals) bump(r.kind, c.municipalityCode, r.kind === 'authority' ? r.code : r.associationId);
    if (c.interpreterUsed) bump('interpreter', c.municipalityCode);
  }
  const rows = [...tally].map(([key, count]) => [JSON.parse(key) as string[], count] as const);
  // The world's two booked meetings: Liperi, November 2025, one of them a no-show.
  const meetingsInScope = municipalities.includes('liperi') && keys.has('2025-11');
  return {
    contactsByMonth: rows.filter(([k]) => k[0] === 'month').map(([k, count]) => ({ municipalityCode: k[1]!, month: k[2]!, count })),
    counts: rows
      .filter(([k]) => !['month', 'interpreter'].includes(k[0]!))
      .map(([k, count]) => ({ municipalityCode: k[1]!, dimension: k[0] as ReportFigures['counts'][number]['dimension'], code: k[2]!, count })),
    interpreterUsed: rows.filter(([k]) => k[0] === 'interpreter').map(([k, count]) => ({ municipalityCode: k[1]!, count })),
    meetings: meetingsInScope ? [{ municipalityCode: 'liperi', held: 2, noShows: 1 }] : [],
  };
}

/** Order-free comparison: the port promises rows, not an order. */
function normalized(figures: ReportFigures): Record<string, string[]> {
  const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  return { contactsByMonth: sorted(figures.contactsByMonth), counts: sorted(figures.counts), interpreterUsed: sorted(figures.interpreterUsed), meetings: sorted(figures.meetings) };
}

for (const dialect of selectedDialects()) {
  describe(`the reports read model on ${dialect}`, () => {
    let subject: Subject;
    let world: AdvisersTabWorld;
    let contacts: Contact[];

    beforeAll(async () => {
      subject = await open(dialect);
      ({ world, contacts } = await seed(subject.uow));
    });
    afterAll(async () => {
      await subject?.close();
    });

    it('counts a coordinator-wide year (2025) exactly as the contacts add up: months, breakdowns, interpreter use, meetings', async () => {
      const months = monthsOfYear(2025);
      const sut = await subject.reports.figures({ municipalities: ALL, months });
      expect(normalized(sut)).toEqual(normalized(expected(contacts, ALL, months)));
      // The fixed points a reader could get wrong, stated outright:
      expect(sut.meetings).toEqual([{ municipalityCode: 'liperi', held: 2, noShows: 1 }]);
      expect(sut.contactsByMonth.find((r) => r.municipalityCode === 'kontiolahti' && r.month === '2025-06')?.count).toBe(1);
      expect(sut.contactsByMonth.find((r) => r.municipalityCode === 'kontiolahti' && r.month === '2025-07')?.count).toBe(1);
    });

    it('puts a contact at 23:30 UTC on 31 January into February, Helsinki time, and stops at Helsinki midnight of 1 March', async () => {
      const months = helsinkiMonths('2026-01', '2026-02')!;
      const sut = await subject.reports.figures({ municipalities: ['kontiolahti'], months });
      const kontiolahti = (month: string) => sut.contactsByMonth.find((r) => r.month === month)?.count ?? 0;
      const world2026 = (month: string) => world.contacts.filter((c) => c.municipalityCode === 'kontiolahti' && localDateOf(c.startedAt).startsWith(month)).length;
      expect(kontiolahti('2026-01')).toBe(world2026('2026-01') + 1);
      expect(kontiolahti('2026-02')).toBe(world2026('2026-02') + 2);
      expect(normalized(sut)).toEqual(normalized(expected(contacts, ['kontiolahti'], months)));
      // Three topics, two referrals and one interpreter among the three boundary contacts in range.
      expect(sut.counts.find((r) => r.dimension === 'topic' && r.code === 'health')?.count).toBe(3 + world.contacts.filter((c) => c.municipalityCode === 'kontiolahti' && c.topics.includes('health') && localDateOf(c.startedAt) >= '2026-01').length);
      expect(sut.counts.find((r) => r.dimension === 'association' && r.code === world.association.id)?.count).toBe(3);
      expect(sut.interpreterUsed).toEqual([{ municipalityCode: 'kontiolahti', count: 1 + world.contacts.filter((c) => c.municipalityCode === 'kontiolahti' && c.interpreterUsed && localDateOf(c.startedAt) >= '2026-01').length }]);
    });

    it("counts only the scope's municipalities (an adviser's Liperi + Outokumpu) and nothing outside the period", async () => {
      const months = helsinkiMonths('2025-09', '2026-02')!;
      const sut = await subject.reports.figures({ municipalities: ['liperi', 'outokumpu'], months });
      expect(new Set([...sut.contactsByMonth, ...sut.counts].map((r) => r.municipalityCode))).toEqual(new Set(['liperi', 'outokumpu']));
      expect(normalized(sut)).toEqual(normalized(expected(contacts, ['liperi', 'outokumpu'], months)));
      const empty = await subject.reports.figures({ municipalities: ['ilomantsi'], months });
      expect(empty).toEqual({ contactsByMonth: [], counts: [], interpreterUsed: [], meetings: [] });
    });

    it('counts referrals to each association over the given municipalities, all time', async () => {
      const liperi = world.contacts.filter((c) => c.municipalityCode === 'liperi' && c.referrals.some((r) => r.kind === 'association')).length;
      expect(liperi).toBeGreaterThan(0);
      expect(await subject.reports.associationReferrals(['liperi'])).toEqual(new Map([[world.association.id, liperi]]));
      expect(await subject.reports.associationReferrals(['liperi', 'kontiolahti'])).toEqual(new Map([[world.association.id, liperi + BOUNDARY_CONTACTS.length]]));
      expect(await subject.reports.associationReferrals(['ilomantsi'])).toEqual(new Map());
    });

    it('stores municipal figures per municipality and year, replaces them, and keeps null as "not entered"', async () => {
      const at = new Date('2026-03-01T08:00:00Z');
      await subject.reports.saveMunicipalFigures(2031, [{ municipalityCode: 'joensuu', contactTarget: 1800, foreignResidents: 4200 }, { municipalityCode: 'liperi', contactTarget: null, foreignResidents: 0 }], world.coordinator.id, at);
      await subject.reports.saveMunicipalFigures(2031, [{ municipalityCode: 'liperi', contactTarget: 150, foreignResidents: 380 }], world.coordinator.id, new Date('2026-03-02T08:00:00Z'));
      expect(await subject.reports.municipalFigures(2031)).toEqual([
        { municipalityCode: 'joensuu', year: 2031, contactTarget: 1800, foreignResidents: 4200, updatedAt: at, updatedBy: world.coordinator.id },
        { municipalityCode: 'liperi', year: 2031, contactTarget: 150, foreignResidents: 380, updatedAt: new Date('2026-03-02T08:00:00Z'), updatedBy: world.coordinator.id },
      ]);
      expect(await subject.reports.municipalFigures(2032)).toEqual([]);
    });

    it('writes all of the figures or none: an unknown municipality refuses the whole save', async () => {
      await expect(
        subject.reports.saveMunicipalFigures(2033, [{ municipalityCode: 'joensuu', contactTarget: 1, foreignResidents: 1 }, { municipalityCode: 'atlantis', contactTarget: 1, foreignResidents: 1 }], world.coordinator.id, new Date()),
      ).rejects.toThrow();
      expect(await subject.reports.municipalFigures(2033)).toEqual([]);
    });

    // Last of the figures tests: it corrects contacts of the shared register.
    it('follows corrections: a contact moved to another month with another language, topics and referrals leaves its old counts and adds the new ones', async () => {
      const [moved, relabelled] = contacts.filter((c) => c.municipalityCode === 'kontiolahti' && localDateOf(c.startedAt).startsWith('2026-02'));
      if (!moved || !relabelled) throw new Error('the world has two Kontiolahti contacts in February 2026');
      const at = new Date('2026-03-16T10:00:00Z');
      const correct = async (contact: Contact, changes: Partial<ContactDetails>) => {
        const result = await subject.uow.contacts.correct(contact.id, contact.revision, { ...contact, ...changes }, contact.formVersion, world.coordinator.id, 'wrong month', at);
        if (!result.ok) throw new Error(`correction refused: ${result.reason}`);
        contacts = contacts.map((c) => (c.id === contact.id ? result.contact : c));
        return result.contact;
      };
      const twice = await correct(moved, { startedAt: new Date('2025-06-12T09:00:00Z'), language: 'ar', topics: ['work_jobseeking'], referrals: [], interpreterUsed: true, outcome: 'resolved' });
      await correct(twice, { channel: 'walk_in', topics: ['work_jobseeking', 'housing'] });
      await correct(relabelled, { notes: 'only the notes change' });

      const periods = [monthsOfYear(2025), helsinkiMonths('2026-01', '2026-02')!];
      for (const months of periods) expect(normalized(await subject.reports.figures({ municipalities: ALL, months }))).toEqual(normalized(expected(contacts, ALL, months)));
      expect(await subject.reports.associationReferrals(['kontiolahti'])).toEqual(new Map([[world.association.id, contacts.filter((c) => c.municipalityCode === 'kontiolahti' && c.referrals.some((r) => r.kind === 'association')).length]]));

      // A recount from the contacts themselves (migration 0010, the bench fixture) gives the same figures.
      if (subject.recount) {
        expect(await subject.recount()).toBe(contacts.length);
        for (const months of periods) expect(normalized(await subject.reports.figures({ municipalities: ALL, months }))).toEqual(normalized(expected(contacts, ALL, months)));
      }
    });

    it('lists every association, inactive too, and gets one by id', async () => {
      await subject.uow.associations.upsert({ id: 'assoc-inactive', name: 'Aaa lopettanut yhdistys', municipalityCode: 'joensuu', languages: [], activities: '', contactInfo: '', active: false });
      const all = await subject.uow.associations.list();
      expect(all.map((a) => a.id)).toEqual(['assoc-inactive', world.association.id]);
      expect((await subject.uow.associations.listActive()).map((a) => a.id)).toEqual([world.association.id]);
      expect(await subject.uow.associations.get('assoc-inactive')).toEqual({ id: 'assoc-inactive', name: 'Aaa lopettanut yhdistys', municipalityCode: 'joensuu', languages: [], activities: '', contactInfo: '', active: false });
      expect(await subject.uow.associations.get('nope')).toBeUndefined();
    });
  });
}
