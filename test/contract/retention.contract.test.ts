import { describe, expect, it } from 'vitest';
import { seedMunicipalities, seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../src/domain/privacy/retention.js';
import type { StaffMember } from '../../src/domain/staff/staff.js';
import type { Repositories, UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { eraseClientData } from '../../src/use-cases/privacy/erase-client-data.js';
import { purgeExpiredData } from '../../src/use-cases/privacy/purge-expired-data.js';
import type { RegisterContactPayload, RegisterRouting } from '../../src/use-cases/register/register-sync.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aNewClient } from '../factories/client-factory.js';
import { aNewContact, contactDetails } from '../factories/contact-factory.js';
import { anIntake } from '../factories/intake-factory.js';
import { aNewStaffMember, TEST_TENANT_ID } from '../factories/staff-member-factory.js';
import { selectedDialects, useTestDatabase } from './test-databases.js';

/**
 * The retention purge and the erasure (issue 7) over the in-memory fake, SQLite and PostgreSQL:
 * the use cases on each real database, so the finders' SQL, the cascades and the outbox rows they
 * write are what is checked. "Now" is 28 Nov 2026; Joensuu keeps the register six years (the
 * default), Liperi 60 days (its own records plan, in the policy).
 */
const NOW = new Date('2026-11-28T10:00:00.000Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);
const POLICY: RetentionPolicy = { ...DEFAULT_RETENTION, registerDaysByMunicipality: { liperi: 60 } };
/** Joensuu and Liperi each have one register: a REST API and a Microsoft List. */
const ROUTING: RegisterRouting = { sinkIdsFor: (code) => ({ joensuu: ['joensuu-api', 'joensuu-list'], liperi: ['liperi-api'] })[code] ?? [] };

interface Seeded {
  readonly clientId: string;
  readonly entraObjectId: string;
  readonly bookingId: string;
  readonly contactId: string | null;
}

/**
 * One client with everything a client can have: a Teams chat reference, an intake, a consent, a
 * page session, a booking with its meeting facts and (optionally) a contact logged from it and
 * corrected once.
 */
async function aClientWithHistory(repos: Repositories, adviser: StaffMember, at: Date, options: { municipalityCode: string; contact: boolean; key: string }): Promise<Seeded> {
  const entraObjectId = `aad-${options.key}`;
  const client = await repos.clients.create(aNewClient({ municipalityCode: options.municipalityCode, entraObjectId, tenantId: TEST_TENANT_ID }), at);
  await repos.conversations.save({ tenantId: TEST_TENANT_ID, userKey: entraObjectId, conversationId: `a:${options.key}`, serviceUrl: 'https://127.0.0.1/', locale: 'ar', reference: {}, updatedAt: at });
  await repos.intakes.save(client.id, anIntake(), at);
  await repos.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: true, recordedAt: at, recordedBy: 'self' });
  await repos.publicSessions.create(`hash-${options.key}`, client.id, at, new Date(at.getTime() + 7_200_000));
  const start = new Date(at.getTime() + 86_400_000);
  const created = await repos.bookings.create(aNewBooking({ clientId: client.id, adviserId: adviser.id, municipalityCode: options.municipalityCode, start }), at);
  if (!created.ok) throw new Error('slot taken in the seed');
  const bookingId = created.booking.id;
  await repos.meetingSessions.recordStart(bookingId, `19:meeting_${options.key}@thread.v2`, start);
  let contactId: string | null = null;
  if (options.contact) {
    const logged = await repos.contacts.create(aNewContact({ clientId: client.id, adviserId: adviser.id, municipalityCode: options.municipalityCode, bookingId }, { startedAt: start }), adviser.id, start);
    if (!logged.ok) throw new Error('contact not logged in the seed');
    contactId = logged.contact.id;
    const corrected = await repos.contacts.correct(contactId, 1, contactDetails({ startedAt: start, durationMinutes: 50 }), 1, adviser.id, 'duration', start);
    if (!corrected.ok) throw new Error('contact not corrected in the seed');
  }
  return { clientId: client.id, entraObjectId, bookingId, contactId };
}

/** Everything the database still holds about the client, read through the ports. */
async function whatIsLeft(uow: UnitOfWork, seeded: Seeded) {
  return {
    client: (await uow.clients.get(seeded.clientId)) !== undefined,
    intake: (await uow.intakes.latestForClient(seeded.clientId)) !== undefined,
    consent: (await uow.consents.latest(seeded.clientId, 'share_with_referral_partners')) !== undefined,
    chat: (await uow.conversations.find(TEST_TENANT_ID, seeded.entraObjectId)) !== undefined,
    bookings: (await uow.bookings.listForClient(seeded.clientId)).length,
    meeting: (await uow.meetingSessions.get(seeded.bookingId)) !== undefined,
    contacts: (await uow.contacts.listForClient(seeded.clientId, 10)).length,
    history: seeded.contactId === null ? 0 : (await uow.contacts.history(seeded.contactId)).length,
  };
}

const NOTHING = { client: false, intake: false, consent: false, chat: false, bookings: 0, meeting: false, contacts: 0, history: 0 };

async function registerDeletes(uow: UnitOfWork): Promise<RegisterContactPayload[]> {
  const claimed = await uow.outbox.claim({ now: NOW, limit: 100, leaseMs: 60_000 });
  return claimed.filter((m) => m.topic === 'register.contact').map((m) => m.payload as RegisterContactPayload);
}

for (const dialect of selectedDialects()) {
  describe(`retention purge and erasure on ${dialect}`, () => {
    const database = useTestDatabase(dialect);

    async function aWorld() {
      const { uow } = database();
      await seedMunicipalities(uow, []);
      await seedServiceTypes(uow);
      const adviser = await uow.staff.upsert(aNewStaffMember({ roles: ['adviser'], municipalityCode: 'joensuu' }));
      const coordinator = await uow.staff.upsert(aNewStaffMember({ roles: ['coordinator'], municipalityCode: 'joensuu' }));
      return { uow, adviser, coordinator };
    }

    it('deletes what has expired, queues one delete per register of each purged contact, audits each row, and keeps the rest', async () => {
      const { uow, adviser } = await aWorld();
      // Seven years ago in Joensuu (register: six years): everything goes.
      const old = await aClientWithHistory(uow, adviser, daysAgo(7 * 365), { municipalityCode: 'joensuu', contact: true, key: 'old' });
      // Seven years ago, a booking never logged (a no-show): the booking goes with the register period, then the client.
      const noShow = await aClientWithHistory(uow, adviser, daysAgo(7 * 365 + 3), { municipalityCode: 'joensuu', contact: false, key: 'noshow' });
      // 90 days ago in Liperi (register: 60 days): everything goes.
      const liperi = await aClientWithHistory(uow, adviser, daysAgo(91), { municipalityCode: 'liperi', contact: true, key: 'liperi' });
      // 90 days ago in Joensuu: the intake (30 days after the appointment) goes; the register stays.
      const recent = await aClientWithHistory(uow, adviser, daysAgo(90), { municipalityCode: 'joensuu', contact: true, key: 'recent' });
      // Yesterday, appointment tomorrow: nothing goes.
      const upcoming = await aClientWithHistory(uow, adviser, daysAgo(1), { municipalityCode: 'joensuu', contact: false, key: 'upcoming' });
      const countsBefore = await uow.audit.list({ limit: 1000 });

      const progress: number[] = [];
      const run = await purgeExpiredData({ uow, registers: ROUTING, policy: POLICY, clock: () => NOW, batchSize: 2, onProgress: (p) => progress.push(p.contacts + p.bookings + p.intakes + p.clients) });

      // Bookings: the two whose contacts went, and the no-show's.
      expect(run).toEqual({ contacts: 2, registerDeletes: 3, bookings: 3, intakes: 4, clients: 3 });
      expect(progress.length).toBeGreaterThan(0);
      for (const gone of [old, noShow, liperi]) expect(await whatIsLeft(uow, gone)).toEqual(NOTHING);
      expect(await whatIsLeft(uow, recent)).toEqual({ ...NOTHING, client: true, consent: true, chat: true, bookings: 1, meeting: true, contacts: 1, history: 2 });
      expect(await whatIsLeft(uow, upcoming)).toEqual({ ...NOTHING, client: true, intake: true, consent: true, chat: true, bookings: 1, meeting: true });

      const deletes = await registerDeletes(uow);
      expect(deletes.map((d) => [d.op, d.sinkId, d.contactId, d.revision]).sort()).toEqual(
        [
          ['delete', 'joensuu-api', old.contactId, 2],
          ['delete', 'joensuu-list', old.contactId, 2],
          ['delete', 'liperi-api', liperi.contactId, 2],
        ].sort(),
      );
      const audit = (await uow.audit.list({ limit: 1000 })).slice(0, -countsBefore.length || undefined);
      const purgeRows = audit.filter((a) => a.action.endsWith('.purge'));
      expect(purgeRows).toHaveLength(2 + 3 + 4 + 3);
      expect(purgeRows.every((a) => a.actorId === 'system:retention' && a.outcome === 'ok' && a.channel === 'worker')).toBe(true);
      expect(
        purgeRows
          .filter((a) => a.action === 'contact.purge')
          .map((a) => a.entityId)
          .sort(),
      ).toEqual([old.contactId, liperi.contactId].sort());
      // Audit rows name the client id (pseudonymous) and outlive it.
      expect((await uow.audit.list({ clientId: old.clientId })).map((a) => a.action)).toEqual(expect.arrayContaining(['contact.purge', 'booking.purge', 'intake.purge', 'client.purge']));

      // A second run finds nothing: no second delete to any register.
      expect(await purgeExpiredData({ uow, registers: ROUTING, policy: POLICY, clock: () => NOW })).toEqual({ contacts: 0, registerDeletes: 0, bookings: 0, intakes: 0, clients: 0 });
    });

    it('two instances purging at once delete each contact once and queue its register deletes once', async () => {
      const { uow, adviser } = await aWorld();
      const { peer } = database();
      const seeded: Seeded[] = [];
      for (let i = 0; i < 5; i += 1) seeded.push(await aClientWithHistory(uow, adviser, daysAgo(7 * 365 + i * 2), { municipalityCode: 'joensuu', contact: true, key: `race-${i}` }));
      const runs = await Promise.all([
        purgeExpiredData({ uow, registers: ROUTING, policy: POLICY, clock: () => NOW, batchSize: 2 }),
        purgeExpiredData({ uow: peer, registers: ROUTING, policy: POLICY, clock: () => NOW, batchSize: 2 }),
      ]);
      expect(runs[0]!.contacts + runs[1]!.contacts).toBe(5);
      expect(runs[0]!.registerDeletes + runs[1]!.registerDeletes).toBe(10);
      expect((await registerDeletes(uow)).length).toBe(10);
      for (const gone of seeded) expect(await whatIsLeft(uow, gone)).toEqual(NOTHING);
    });

    it("lists a client's every intake and whole consent history, oldest first, for the export", async () => {
      const { uow, adviser } = await aWorld();
      const seeded = await aClientWithHistory(uow, adviser, daysAgo(10), { municipalityCode: 'joensuu', contact: false, key: 'export' });
      await uow.intakes.save(seeded.clientId, anIntake({ name: 'Second' }), daysAgo(5));
      // A withdrawal at the same instant as the consent: the later-recorded one comes last.
      await uow.consents.record({ clientId: seeded.clientId, purpose: 'share_with_referral_partners', given: false, recordedAt: daysAgo(10), recordedBy: adviser.id });
      expect((await uow.retention.intakesOf(seeded.clientId)).map((i) => [i.intake.name, i.createdAt.toISOString()])).toEqual([
        ['Amina', daysAgo(10).toISOString()],
        ['Second', daysAgo(5).toISOString()],
      ]);
      expect((await uow.retention.consentsOf(seeded.clientId)).map((c) => [c.given, c.recordedBy])).toEqual([
        [true, 'self'],
        [false, adviser.id],
      ]);
      expect(await uow.retention.intakesOf('nobody')).toEqual([]);
    });

    describe('erasure', () => {
      const asCoordinator = (member: StaffMember) => ({ tenantId: member.tenantId, entraObjectId: member.entraObjectId, channel: 'tab' as const });

      it('keeps the statutory register and says until when; erases the rest', async () => {
        const { uow, adviser, coordinator } = await aWorld();
        const client = await aClientWithHistory(uow, adviser, daysAgo(90), { municipalityCode: 'joensuu', contact: true, key: 'erase-partly' });
        const result = await eraseClientData({ uow, policy: POLICY, clock: () => NOW }, asCoordinator(coordinator), client.clientId);
        if (!result.ok) throw new Error('refused');
        expect(result.record).toMatchObject({ outcome: 'partly_erased', erased: ['intakes', 'consents', 'publicSessions', 'conversations'], kept: ['client', 'contacts'], keptReason: 'statutory_register' });
        // The contact started 89 days ago and stays six years from then.
        expect(result.record.keptUntil?.toISOString()).toBe(new Date(daysAgo(89).getTime() + 6 * 365 * 86_400_000).toISOString());
        expect(await whatIsLeft(uow, client)).toEqual({ ...NOTHING, client: true, bookings: 1, meeting: true, contacts: 1, history: 2 });
        expect(await uow.retention.listErasures(client.clientId)).toEqual([result.record]);
        const [audit] = await uow.audit.list({ clientId: client.clientId, limit: 1 });
        expect(audit).toMatchObject({ action: 'client.erase', outcome: 'ok', actorId: coordinator.entraObjectId, fields: ['intakes', 'consents', 'publicSessions', 'conversations'] });
      });

      it('erases a client without contacts completely, and refuses while an appointment is ahead', async () => {
        const { uow, adviser, coordinator } = await aWorld();
        const past = await aClientWithHistory(uow, adviser, daysAgo(20), { municipalityCode: 'liperi', contact: false, key: 'erase-all' });
        const ahead = await aClientWithHistory(uow, adviser, daysAgo(0.5), { municipalityCode: 'joensuu', contact: false, key: 'erase-ahead' });
        const erased = await eraseClientData({ uow, policy: POLICY, clock: () => NOW }, asCoordinator(coordinator), past.clientId);
        expect(erased.ok && erased.record).toMatchObject({ outcome: 'erased', erased: ['intakes', 'consents', 'bookings', 'publicSessions', 'conversations', 'client'], kept: [], keptReason: null });
        expect(await whatIsLeft(uow, past)).toEqual(NOTHING);

        const before = await whatIsLeft(uow, ahead);
        const refused = await eraseClientData({ uow, policy: POLICY, clock: () => NOW }, asCoordinator(coordinator), ahead.clientId);
        expect(refused.ok && refused.record).toMatchObject({ outcome: 'refused', erased: [], keptReason: 'upcoming_booking' });
        expect(await whatIsLeft(uow, ahead)).toEqual(before);
      });

      it('an adviser, or an unknown id, erases nothing and leaves a denied audit row', async () => {
        const { uow, adviser } = await aWorld();
        const client = await aClientWithHistory(uow, adviser, daysAgo(20), { municipalityCode: 'joensuu', contact: false, key: 'erase-denied' });
        const before = await whatIsLeft(uow, client);
        const byAdviser = await eraseClientData({ uow, policy: POLICY, clock: () => NOW }, asCoordinator(adviser), client.clientId);
        expect(byAdviser).toEqual({ ok: false, reason: 'not_found' });
        expect(await whatIsLeft(uow, client)).toEqual(before);
        expect(await uow.retention.listErasures(client.clientId)).toEqual([]);
        const [audit] = await uow.audit.list({ clientId: client.clientId, limit: 1 });
        expect(audit).toMatchObject({ action: 'client.erase', outcome: 'denied', actorId: adviser.entraObjectId });
      });
    });
  });
}
