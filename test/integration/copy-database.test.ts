import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../../scripts/copy-sqlite-to-postgres.js';
import { COPY_ORDER, copyDatabase, DatabaseCopyError, openSqliteSource, type CopyProgress } from '../../src/adapters/persistence/copy-database.js';
import { createDatabase, SQLITE_FILE_NAME, type NeuvoDatabase } from '../../src/adapters/persistence/create-database.js';
import type { Database } from '../../src/adapters/persistence/database.js';
import { KyselyReportReader } from '../../src/adapters/persistence/kysely-report-reader.js';
import { KyselyUnitOfWork } from '../../src/adapters/persistence/kysely-unit-of-work.js';
import { migrateToLatest } from '../../src/adapters/persistence/migrate.js';
import { seedMunicipalities, seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import type { Intake } from '../../src/domain/intake/intake.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import type { ReportReader } from '../../src/use-cases/ports/reports.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aNewClient } from '../factories/client-factory.js';
import { aNewContact, contactDetails } from '../factories/contact-factory.js';
import { ensureShippedForms } from '../../src/use-cases/register/contact-form.js';
import { aNewStaffMember } from '../factories/staff-member-factory.js';

/**
 * The SQLite → PostgreSQL copy (`npm run db:copy`): data generated through the real repositories on
 * a SQLite file, copied into a fresh PostgreSQL database, and read back through the PostgreSQL
 * repositories. Also the refusals that keep a register from being overwritten or merged.
 */
const URL_ = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const NOW = new Date('2025-03-03T07:00:00.000Z');
const HOUR = 3_600_000;

let folder = '';
let admin: pg.Client;
const databases: string[] = [];
const opened: NeuvoDatabase[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'neuvo-copy-'));
  admin = new pg.Client({ connectionString: URL_, connectionTimeoutMillis: 5000 });
  await admin.connect();
});

afterAll(async () => {
  await Promise.all(opened.map((d) => d.close()));
  for (const name of databases) await admin?.query(`drop database if exists ${name} with (force)`);
  await admin?.end();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/**
 * A new, empty PostgreSQL database (not a schema of the shared test database): Kysely's migrator
 * looks for its bookkeeping tables in every schema it can see, so a fresh schema beside a migrated
 * one is taken as migrated already, and our schemas would break other files' migrations the same
 * way. A database of its own is also exactly what the copy expects in production.
 */
async function newTarget(): Promise<{ database: NeuvoDatabase; uow: UnitOfWork; url: string }> {
  const name = `neuvo_copy_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  databases.push(name);
  const url = new URL(URL_);
  url.pathname = `/${name}`;
  const database = createDatabase({ kind: 'postgres', url: url.toString() });
  opened.push(database);
  return { database, uow: new KyselyUnitOfWork(database.db, 'postgres'), url: url.toString() };
}

let folders = 0;
/** A migrated SQLite database in a data folder of its own, as the app leaves it. */
async function newSqlite(): Promise<{ dataDir: string; database: NeuvoDatabase; uow: UnitOfWork }> {
  folders += 1;
  const dataDir = join(folder, `data-${folders}`);
  const database = createDatabase({ kind: 'sqlite', dataDir });
  await migrateToLatest(database.db);
  return { dataDir, database, uow: new KyselyUnitOfWork(database.db, 'sqlite') };
}

const intake = (name: string, overrides: Partial<Intake> = {}): Intake => ({
  name,
  municipalityCode: 'liperi',
  language: 'uk',
  interpreterLanguage: null,
  topics: ['housing', 'residence_permit'],
  description: 'Kysymys oleskeluluvasta — ääkköset ja emoji 🙂 pysyvät',
  contact: { teams: true, email: `${name.toLowerCase()}@example.org`, phone: null },
  consent: { shareWithReferralPartners: true },
  ...overrides,
});

/**
 * Rows in every table through the real repositories. Some tables get more rows than one batch
 * (25 in the test) so batching and keyset paging are exercised.
 */
async function generate(uow: UnitOfWork, reports: ReportReader) {
  await seedMunicipalities(uow, [{ code: 'juuka', name: 'Juuka' }]);
  await uow.municipalities.upsert({ code: 'outokumpu', name: 'Outokumpu (renamed)' });
  await seedServiceTypes(uow);
  await uow.serviceTypes.upsert({ code: 'short', lengthMinutes: 20, bufferMinutes: 5, minNoticeMinutes: 60, horizonDays: 14, slotStepMinutes: 10 });

  const adviser = await uow.staff.upsert(aNewStaffMember({ languages: ['fi', 'uk'], roles: ['adviser', 'coordinator'] }));
  const other = await uow.staff.upsert(aNewStaffMember({ municipalityCode: 'liperi' }));
  await uow.staff.upsert(aNewStaffMember({ roles: ['municipal_staff'], municipalityCode: 'ilomantsi' }));
  await uow.schedules.setServedMunicipalities(adviser.id, ['joensuu', 'liperi', 'juuka']);
  await uow.schedules.setTopics(adviser.id, ['housing', 'residence_permit']);
  await uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: weekday === 5 ? '12:00' : '16:00' })));
  await uow.schedules.addAbsence(adviser.id, { start: new Date('2025-03-10T06:00:00Z'), end: new Date('2025-03-12T14:00:00Z') });
  await uow.schedules.setMailbox(adviser.id, 'adviser@joensuu.example');
  await uow.schedules.setServedMunicipalities(other.id, ['liperi']);
  await uow.schedules.setWeeklyHours(other.id, [{ weekday: 2, start: '09:00', end: '11:30' }]);

  const clientIds: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    const client = await uow.clients.create(
      aNewClient({ municipalityCode: i % 2 === 0 ? 'liperi' : 'juuka', ...(i % 3 === 0 ? { entraObjectId: `aad-${i}`, tenantId: 'tenant-a' } : {}) }),
      new Date(NOW.getTime() + i * 1000),
    );
    clientIds.push(client.id);
    await uow.intakes.save(client.id, intake(`Client${i}`), new Date(NOW.getTime() + i * 1000 + 1));
    await uow.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: true, recordedAt: new Date(NOW.getTime() + i), recordedBy: 'self' });
    if (i % 4 === 0) await uow.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: false, recordedAt: new Date(NOW.getTime() + HOUR), recordedBy: adviser.id });
  }
  const [first, second, third] = clientIds as [string, string, string];

  const bookingIds: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const start = new Date(Date.parse('2025-03-04T07:00:00Z') + i * HOUR);
    const created = await uow.bookings.create(
      aNewBooking({ clientId: clientIds[i] ?? first, adviserId: adviser.id, municipalityCode: 'liperi', start, topics: ['housing'], interpreterLanguage: i === 0 ? 'uk' : null }),
      NOW,
    );
    if (!created.ok) throw new Error('test data: booking refused');
    bookingIds.push(created.booking.id);
  }
  await uow.bookings.setMeeting(bookingIds[0]!, { joinUrl: 'https://teams.example/l/meetup-join/abc', meetingId: 'MSo1' }, NOW);
  await uow.bookings.cancel(bookingIds[1]!, new Date(NOW.getTime() + 60_000));
  // A booking at the cancelled one's time: allowed because the first is cancelled.
  const again = await uow.bookings.create(aNewBooking({ clientId: second, adviserId: adviser.id, municipalityCode: 'liperi', start: new Date(Date.parse('2025-03-04T08:00:00Z')) }), NOW);
  if (!again.ok) throw new Error('test data: rebooking refused');

  await uow.conversations.save({
    tenantId: 'tenant-a',
    userKey: 'aad-0',
    conversationId: 'a:1xyz',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    locale: 'uk-UA',
    reference: { conversation: { id: 'a:1xyz' }, bot: { id: '28:bot' }, channelId: 'msteams' },
    updatedAt: NOW,
  });
  await uow.conversations.save({ tenantId: 'tenant-a', userKey: 'aad-3', conversationId: 'a:2', serviceUrl: 'https://smba.trafficmanager.net/emea/', locale: null, reference: {}, updatedAt: NOW });
  await uow.processedActivities.markProcessed('a:1xyz|act-1', NOW, new Date(NOW.getTime() + 24 * HOUR));
  await uow.processedActivities.markProcessed('a:1xyz|act-2', NOW, new Date(NOW.getTime() + 24 * HOUR));
  await uow.publicSessions.create('f'.repeat(64), third, NOW, new Date(NOW.getTime() + 2 * HOUR));

  // The register: forms, an association, contacts with a correction, meeting events.
  await ensureShippedForms(uow, NOW);
  await uow.associations.upsert({ id: 'spr-liperi', name: 'SPR Liperi', municipalityCode: 'liperi', languages: ['fi', 'ar'], activities: 'Peer support', contactInfo: 'liperi@example.org', active: true });
  await uow.meetingSessions.recordStart(bookingIds[0]!, '19:meeting_abc@thread.v2', NOW);
  await uow.meetingSessions.recordEnd(bookingIds[0]!, '19:meeting_abc@thread.v2', new Date(NOW.getTime() + HOUR));
  const contactIds: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    const logged = await uow.contacts.create(
      aNewContact({ clientId: clientIds[i]!, adviserId: adviser.id, municipalityCode: 'liperi', bookingId: i === 0 ? bookingIds[0]! : null }, { referrals: [{ kind: 'association', associationId: 'spr-liperi' }], followUpOn: i % 2 === 0 ? '2025-04-01' : null }),
      adviser.id,
      new Date(NOW.getTime() + i),
    );
    if (!logged.ok) throw new Error('test data: contact refused');
    contactIds.push(logged.contact.id);
  }
  await uow.contacts.correct(contactIds[1]!, 1, contactDetails({ durationMinutes: 12 }), 1, adviser.id, 'Wrong length', new Date(NOW.getTime() + HOUR));
  // The reports' municipal figures (0009), one with a figure not entered (null).
  await reports.saveMunicipalFigures(2025, [{ municipalityCode: 'joensuu', contactTarget: 1800, foreignResidents: 4200 }, { municipalityCode: 'liperi', contactTarget: null, foreignResidents: 380 }], adviser.id, NOW);

  for (let i = 0; i < 60; i += 1) {
    await uow.outbox.enqueue({ topic: 'teams.proactive_message', payload: { tenantId: 'tenant-a', userKey: `aad-${i}`, messageKey: 'booking.meetingReady', params: { url: `u${i}` } } }, new Date(NOW.getTime() + i));
  }
  const claimed = await uow.outbox.claim({ now: new Date(NOW.getTime() + HOUR), limit: 3, leaseMs: 60_000 });
  await uow.outbox.markDone(claimed[0]!.id, new Date(NOW.getTime() + HOUR));
  await uow.outbox.markDead(claimed[1]!.id, 'Teams refused the message (403).', new Date(NOW.getTime() + HOUR));
  await uow.outbox.markRetry(claimed[2]!.id, 'Teams did not take the message (429).', new Date(NOW.getTime() + 2 * HOUR));

  for (let i = 0; i < 120; i += 1) {
    await uow.audit.append({
      at: new Date(NOW.getTime() + i * 10),
      actorId: i % 2 === 0 ? 'aad-0' : 'system:outbox',
      actorTenantId: i % 2 === 0 ? 'tenant-a' : null,
      action: i % 3 === 0 ? 'client.read' : 'booking.create',
      clientId: clientIds[i % clientIds.length] ?? null,
      entityType: 'booking',
      entityId: i % 5 === 0 ? null : `e-${i}`,
      fields: i % 2 === 0 ? ['name', 'email'] : [],
      channel: i % 2 === 0 ? 'bot' : 'worker',
      outcome: i % 7 === 0 ? 'denied' : 'ok',
    });
  }
  // ── expert channel (issue 5) ── a ticket with its thread and card, an article (FTS5 on SQLite,
  // tsvector generated on PostgreSQL), the rota, a channel, a training with a sign-up.
  const asker = await uow.staff.upsert(aNewStaffMember({ roles: ['municipal_staff'], municipalityCode: 'liperi' }));
  const ticket = await uow.tickets.create({ askerId: asker.id, municipalityCode: 'liperi', topic: 'residence_permit', urgency: 'urgent', language: 'fi', question: 'Oleskeluluvan jatkaminen?', claimDueAt: new Date(NOW.getTime() + HOUR) }, NOW);
  await uow.tickets.update(ticket.id, 1, { status: 'answered', assigneeId: adviser.id, answer: 'Jatkolupa haetaan ennen vanhan päättymistä.', firstClaimedAt: NOW, firstAnsweredAt: NOW }, { at: NOW, actorId: adviser.id, kind: 'answered', text: 'Jatkolupa haetaan ennen vanhan päättymistä.' }, NOW);
  await uow.tickets.create({ askerId: asker.id, municipalityCode: 'liperi', topic: 'housing', urgency: 'normal', language: 'en', question: 'Deposit?', claimDueAt: new Date(NOW.getTime() + HOUR) }, NOW);
  await uow.tickets.savePost({ ticketId: ticket.id, conversationId: '19:experts@thread.tacv2', activityId: '1700000000001' });
  const article = await uow.knowledgeBase.save({ ticketId: ticket.id, question: 'Oleskeluluvan jatkaminen', answer: 'Jatkolupa haetaan ennen vanhan päättymistä.', topic: 'residence_permit', language: 'fi', reviewBy: '2026-03-01', createdBy: adviser.id }, NOW);
  await uow.knowledgeBase.save({ ticketId: null, question: 'Residence permits for a spouse', answer: 'Apply online.', topic: 'residence_permit', language: 'en', reviewBy: '2026-03-01', createdBy: adviser.id }, NOW);
  await uow.expertRota.replace('2025-03-03', '2025-03-09', [{ expertId: adviser.id, from: '2025-03-03', to: '2025-03-09' }]);
  await uow.channels.set({ purpose: 'experts', tenantId: 'tenant-a', conversationId: '19:experts@thread.tacv2', reference: { conversation: { id: '19:experts@thread.tacv2' } }, setBy: adviser.id, setAt: NOW });
  const training = await uow.trainings.create({ title: 'Kotoutumislaki', description: 'Koulutus', startsAt: new Date(NOW.getTime() + 24 * HOUR), location: 'Teams', capacity: 20, createdBy: adviser.id }, NOW);
  await uow.trainings.signUp(training.id, asker.id, NOW);
  // ── retention and erasure (issue 7) ── a record of an erasure request (its client row may be gone).
  await uow.retention.recordErasure({ id: 'erasure-1', clientId: 'client-gone', municipalityCode: 'liperi', requestedAt: NOW, recordedBy: adviser.id, outcome: 'partly_erased', erased: ['intakes'], kept: ['client', 'contacts'], keptReason: 'statutory_register', keptUntil: new Date(NOW.getTime() + 1000 * HOUR) });
  // ── card action tokens (ADR 14) ── one button's token: hashes, a flag and instants.
  await uow.actionTokens.saveAll([
    { tokenHash: 'a'.repeat(64), tenantId: 'tenant-a', holder: { kind: 'user', userKey: 'b'.repeat(64) }, conversationId: 'c'.repeat(64), verb: 'neuvo.booking.cancel', entityId: 'd'.repeat(64), createdAt: NOW, expiresAt: new Date(NOW.getTime() + 1000 * HOUR), singleUse: true, usedAt: NOW },
  ]);
  const experts = { ticketId: ticket.id, articleId: article.id, trainingId: training.id, askerId: asker.id };

  return { adviserId: adviser.id, otherId: other.id, clientIds, bookingIds, contactIds, outboxIds: claimed.map((m) => m.id), experts };
}

type Generated = Awaited<ReturnType<typeof generate>>;

/** Everything the sample compares, read through one side's repositories. */
async function sample(uow: UnitOfWork, g: Generated) {
  const clients = await Promise.all(g.clientIds.slice(0, 6).map((id) => uow.clients.get(id)));
  return {
    municipalities: await uow.municipalities.list(),
    serviceTypes: await uow.serviceTypes.list(),
    staff: await Promise.all([g.adviserId, g.otherId].map((id) => uow.staff.get(id))),
    coordinators: await uow.staff.listByRole('coordinator'),
    profiles: await uow.schedules.getProfiles(),
    liperiClients: await uow.clients.listByMunicipality('liperi', 100),
    clients,
    byEntra: await uow.clients.findByEntraId('tenant-a', 'aad-3'),
    intakes: await Promise.all(g.clientIds.slice(0, 5).map((id) => uow.intakes.latestForClient(id))),
    consents: await Promise.all(g.clientIds.slice(0, 5).map((id) => uow.consents.latest(id, 'share_with_referral_partners'))),
    bookings: await Promise.all(g.bookingIds.map((id) => uow.bookings.get(id))),
    forClient: await uow.bookings.listForClient(g.clientIds[1]!),
    busy: await uow.bookings.busyByAdviser([g.adviserId], { start: new Date('2025-03-04T00:00:00Z'), end: new Date('2025-03-05T00:00:00Z') }),
    conversation: await uow.conversations.find('tenant-a', 'aad-0'),
    session: await uow.publicSessions.find('f'.repeat(64), NOW),
    contacts: await Promise.all(g.contactIds.map((id) => uow.contacts.get(id))),
    history: await uow.contacts.history(g.contactIds[1]!),
    forms: await uow.forms.latest('contact_log'),
    associations: await uow.associations.listActive(),
    meeting: await uow.meetingSessions.get(g.bookingIds[0]!),
    outbox: await Promise.all(g.outboxIds.map((id) => uow.outbox.get(id))),
    outboxCounts: await uow.outbox.countByStatus(),
    audit: await uow.audit.list({ limit: 500 }),
    auditOfClient: await uow.audit.list({ clientId: g.clientIds[0]!, limit: 50 }),
    // ── expert channel (issue 5) ──
    ticket: await uow.tickets.get(g.experts.ticketId),
    ticketEvents: await uow.tickets.events(g.experts.ticketId),
    askerTickets: await uow.tickets.listByAsker(g.experts.askerId, 10),
    ticketPost: await uow.tickets.getPost(g.experts.ticketId),
    article: await uow.knowledgeBase.get(g.experts.articleId),
    search: (await uow.knowledgeBase.search('oleskelulupa', 3)).map((h) => h.article.id),
    rota: await uow.expertRota.onDate('2025-03-05'),
    channel: await uow.channels.get('experts'),
    training: await uow.trainings.get(g.experts.trainingId),
    signUps: await uow.trainings.signUpCount(g.experts.trainingId),
    erasures: await uow.retention.listErasures('client-gone'),
    actionToken: await uow.actionTokens.find('a'.repeat(64)),
  };
}

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COPY_ORDER) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

describe('copying a SQLite database into PostgreSQL', () => {
  it('copies every table in batches: equal row counts, equal rows through the PostgreSQL repositories, sequences and constraints still working', async () => {
    const source = await newSqlite();
    const generated = await generate(source.uow, new KyselyReportReader(source.database.db, 'sqlite'));
    const expected = await sample(source.uow, generated);
    const sourceCounts = await rowCounts(source.database.db);
    await source.database.close();
    // Every table of the Database interface holds rows, so every table is really copied here.
    expect(Object.entries(sourceCounts).filter(([, n]) => n === 0)).toEqual([]);

    // The target already ran the app once (App Service started on it): migrated and seeded.
    const target = await newTarget();
    await migrateToLatest(target.database.db);
    await seedMunicipalities(target.uow, [{ code: 'polvijarvi', name: 'Polvijärvi' }]);
    await seedServiceTypes(target.uow);

    const reader = openSqliteSource(source.dataDir);
    const progress: CopyProgress[] = [];
    try {
      const copied = await copyDatabase(reader.db, target.database.db, { batchSize: 25, onProgress: (p) => progress.push(p) });
      expect(copied.map((c) => c.table)).toEqual([...COPY_ORDER]);
      expect(Object.fromEntries(copied.map((c) => [c.table, c.rows]))).toEqual(sourceCounts);
    } finally {
      await reader.close();
    }

    expect(await rowCounts(target.database.db)).toEqual(sourceCounts);
    // Batches of 25: the audit log (120 rows) in 5 steps, the last one complete.
    expect(progress.filter((p) => p.table === 'audit_log').map((p) => p.copied)).toEqual([25, 50, 75, 100, 120]);
    for (const table of COPY_ORDER) expect(progress.filter((p) => p.table === table).at(-1)).toEqual({ table, copied: sourceCounts[table], total: sourceCounts[table] });

    // Read back through the PostgreSQL repositories: the same domain values as on SQLite.
    const actual = await sample(target.uow, generated);
    expect(actual).toEqual(expected);
    // The seeds the target had are replaced by the source's (its rename and its extra municipality).
    expect(actual.municipalities.map((m) => m.code)).toContain('juuka');
    expect(actual.municipalities.map((m) => m.code)).not.toContain('polvijarvi');
    expect(actual.municipalities.find((m) => m.code === 'outokumpu')?.name).toBe('Outokumpu (renamed)');
    // Spot checks of converted values: instants, flags, JSON text with non-ASCII, identity ids.
    expect(actual.bookings[0]?.meeting).toEqual({ joinUrl: 'https://teams.example/l/meetup-join/abc', meetingId: 'MSo1' });
    expect(actual.bookings[1]?.status).toBe('cancelled');
    expect(actual.intakes[0]?.intake.description).toContain('ääkköset ja emoji 🙂');
    expect(actual.consents[0]?.given).toBe(false);
    expect(actual.staff[0]?.active).toBe(true);
    expect(actual.audit.map((a) => a.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    // ── expert channel (issue 5) ── the copied article is found by PostgreSQL's own index, the ticket
    // numbers continue after the copied ones, and the English stem works on the copied rows too.
    expect(actual.search).toEqual([generated.experts.articleId]);
    expect(actual.askerTickets.map((t) => t.number).sort()).toEqual([1, 2]);
    const next = await target.uow.tickets.create({ askerId: generated.experts.askerId, municipalityCode: 'liperi', topic: 'other', urgency: 'normal', language: 'fi', question: 'Uusi', claimDueAt: NOW }, NOW);
    expect(next.number).toBe(3);
    expect(await target.uow.knowledgeBase.search('permit', 3)).toHaveLength(1);

    // Identity sequences continue after the copied ids: new rows get new ids, no collision.
    await target.uow.audit.append({ ...expected.audit[0]!, at: new Date(NOW.getTime() + 10 * HOUR) });
    expect((await target.uow.audit.list({ limit: 1 }))[0]?.id).toBe(121);
    await target.uow.consents.record({ clientId: generated.clientIds[0]!, purpose: 'share_with_referral_partners', given: true, recordedAt: new Date(NOW.getTime() + 10 * HOUR), recordedBy: 'self' });
    expect(await target.uow.consents.latest(generated.clientIds[0]!, 'share_with_referral_partners')).toMatchObject({ given: true });
    // The copied rows are under PostgreSQL's own guards: no double booking, append-only audit log.
    const clash = await target.uow.bookings.create(aNewBooking({ clientId: generated.clientIds[5]!, adviserId: generated.adviserId, municipalityCode: 'liperi', start: new Date('2025-03-04T07:30:00Z') }), NOW);
    expect(clash).toEqual({ ok: false, reason: 'slot_taken' });
    await expect(sql`update audit_log set outcome = 'ok'`.execute(target.database.db)).rejects.toThrow(/append-only/);
    // The redelivery record came along: the copied activity is not handled a second time.
    expect(await target.uow.processedActivities.markProcessed('a:1xyz|act-1', NOW, new Date(NOW.getTime() + HOUR))).toBe(false);
  });

  it('refuses a target that already holds data, and leaves it as it was', async () => {
    const source = await newSqlite();
    await generate(source.uow, new KyselyReportReader(source.database.db, 'sqlite'));
    await source.database.close();
    const target = await newTarget();
    await migrateToLatest(target.database.db);
    await seedMunicipalities(target.uow, []);
    const existing = await target.uow.clients.create(aNewClient(), NOW);
    const before = await rowCounts(target.database.db);

    const reader = openSqliteSource(join(source.dataDir, SQLITE_FILE_NAME));
    try {
      const error = await copyDatabase(reader.db, target.database.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseCopyError);
      expect(error).toMatchObject({ reason: 'target_not_empty', message: expect.stringContaining('clients') });
    } finally {
      await reader.close();
    }
    expect(await rowCounts(target.database.db)).toEqual(before);
    expect(await target.uow.clients.get(existing.id)).toEqual(existing);
  });

  it('refuses a source that is not at this version\'s migrations, and a missing source', async () => {
    const source = await newSqlite();
    await source.database.close();
    const file = join(source.dataDir, SQLITE_FILE_NAME);
    const raw = new SQLite(file);
    raw.prepare(`delete from kysely_migration where name = '0005_public_sessions'`).run();
    raw.close();
    const target = await newTarget();

    const reader = openSqliteSource(file);
    try {
      await expect(copyDatabase(reader.db, target.database.db)).rejects.toMatchObject({ name: 'DatabaseCopyError', reason: 'source_not_migrated' });
    } finally {
      await reader.close();
    }
    expect(() => openSqliteSource(join(folder, 'no-such-folder'))).toThrow(expect.objectContaining({ reason: 'source_missing' }));
  });

  it('runs as `npm run db:copy` (URL from --to or DATABASE_URL): progress and per-table counts are printed', async () => {
    const source = await newSqlite();
    await generate(source.uow, new KyselyReportReader(source.database.db, 'sqlite'));
    const counts = await rowCounts(source.database.db);
    await source.database.close();
    const target = await newTarget();

    const lines: string[] = [];
    await expect(copySqliteToPostgres(['--from', source.dataDir, '--to', target.url, '--force'], (l) => lines.push(l))).rejects.toThrow(/--force is not supported/);
    await copySqliteToPostgres(['--from', source.dataDir, '--batch-size', '50'], (l) => lines.push(l), { DATABASE_URL: target.url });

    expect(await rowCounts(target.database.db)).toEqual(counts);
    expect(lines[0]).toMatch(/^copying .*neuvo\.sqlite → postgres:\/\//);
    expect(lines).toContain('  audit_log: 50/120');
    expect(lines.some((l) => /^committed in [\d.]+ s/.test(l))).toBe(true);
    for (const table of COPY_ORDER) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${table} +${counts[table]}$`)));
  });
});
