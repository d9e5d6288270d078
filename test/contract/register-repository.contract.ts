import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_LOG_FORM, withAddedOption, type FormDefinition } from '../../src/domain/register/form-definition.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aNewContact, contactDetails } from '../factories/contact-factory.js';
import { aBookingWorld } from './booking-world.js';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T09:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7B%7D';
const THREAD = '19:meeting_abc@thread.v2';

export function registerRepositoryContract(subject: () => TestDatabase): void {
  describe('ContactRepository', () => {
    it('stores a contact whole, as revision 1 with its history, and lists the client\'s newest first', async () => {
      const { uow, peer } = subject();
      const world = await aBookingWorld(uow);
      const ids = { clientId: world.client.id, adviserId: world.adviser.id };
      const older = await uow.contacts.create(aNewContact(ids, { startedAt: minutes(-600), channel: 'phone' }), world.adviser.id, T0);
      const newer = await uow.contacts.create(aNewContact(ids, { interpreterUsed: true, followUpOn: '2025-04-01' }), world.adviser.id, T0);
      if (!older.ok || !newer.ok) throw new Error('create failed');

      expect(newer.contact).toMatchObject({ ...aNewContact(ids, { interpreterUsed: true, followUpOn: '2025-04-01' }), revision: 1, createdAt: T0, updatedAt: T0 });
      expect(await peer.contacts.get(newer.contact.id)).toEqual(newer.contact);
      expect((await peer.contacts.listForClient(world.client.id, 10)).map((c) => c.id)).toEqual([newer.contact.id, older.contact.id]);
      expect(await peer.contacts.listForClient(world.client.id, 1)).toHaveLength(1);
      expect(await peer.contacts.listForClient(world.otherClient.id, 10)).toEqual([]);
      expect(await peer.contacts.history(newer.contact.id)).toEqual([
        { contactId: newer.contact.id, revision: 1, details: contactDetails({ interpreterUsed: true, followUpOn: '2025-04-01' }), changedBy: world.adviser.id, reason: null, changedAt: T0 },
      ]);
    });

    it('keeps one contact per booking: a second one is refused as a value', async () => {
      const { uow, peer } = subject();
      const world = await aBookingWorld(uow);
      const booked = await uow.bookings.create(aNewBooking({ clientId: world.client.id, adviserId: world.adviser.id }), T0);
      if (!booked.ok) throw new Error('booking failed');
      const ids = { clientId: world.client.id, adviserId: world.adviser.id, bookingId: booked.booking.id };
      const first = await uow.contacts.create(aNewContact(ids), world.adviser.id, T0);
      expect(first.ok).toBe(true);
      // In a transaction too: the refusal must not abort the rest of it (PostgreSQL).
      const second = await uow.transaction(async (tx) => {
        const result = await tx.contacts.create(aNewContact(ids, { outcome: 'resolved' }), world.adviser.id, T0);
        await tx.outbox.enqueue({ topic: 'test.after_refusal', payload: {} }, T0);
        return result;
      });
      expect(second).toEqual({ ok: false, reason: 'booking_already_logged' });
      expect((await peer.outbox.countByStatus()).pending).toBe(1);
      expect((await peer.contacts.findByBooking(booked.booking.id))?.outcome).toBe('referred');
    });

    it('corrects with optimistic locking: a stale revision is refused with the current contact, and history keeps every version', async () => {
      const { uow, peer } = subject();
      const world = await aBookingWorld(uow);
      const created = await uow.contacts.create(aNewContact({ clientId: world.client.id, adviserId: world.adviser.id }), world.adviser.id, T0);
      if (!created.ok) throw new Error('create failed');
      const id = created.contact.id;

      const corrected = await uow.contacts.correct(id, 1, contactDetails({ durationMinutes: 55, outcome: 'resolved' }), 2, world.otherAdviser.id, 'Wrong length', minutes(5));
      expect(corrected).toMatchObject({ ok: true, contact: { revision: 2, durationMinutes: 55, outcome: 'resolved', formVersion: 2, updatedAt: minutes(5), createdAt: T0 } });
      const stale = await peer.contacts.correct(id, 1, contactDetails({ durationMinutes: 10 }), 2, world.adviser.id, 'Late edit', minutes(6));
      expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { revision: 2, durationMinutes: 55 } });
      expect(await uow.contacts.correct('missing', 1, contactDetails(), 1, world.adviser.id, 'x', minutes(6))).toEqual({ ok: false, reason: 'not_found' });

      const history = await peer.contacts.history(id);
      expect(history.map((h) => [h.revision, h.details.durationMinutes, h.changedBy, h.reason])).toEqual([
        [1, 40, world.adviser.id, null],
        [2, 55, world.otherAdviser.id, 'Wrong length'],
      ]);
    });

    it('refuses a contact of an unknown client', async () => {
      const { uow } = subject();
      const world = await aBookingWorld(uow);
      await expect(uow.contacts.create(aNewContact({ clientId: 'nobody', adviserId: world.adviser.id }), world.adviser.id, T0)).rejects.toThrow();
      expect(await uow.contacts.listForClient('nobody', 10)).toEqual([]);
    });
  });

  describe('FormDefinitionRepository', () => {
    it('publishes versions once each and returns the latest', async () => {
      const { uow, peer } = subject();
      expect(await uow.forms.latest('contact_log')).toBeUndefined();
      expect(await uow.forms.publish(DEFAULT_CONTACT_LOG_FORM, 'system', T0)).toBe(true);
      const v2 = withAddedOption(DEFAULT_CONTACT_LOG_FORM, 'services', { code: 'digital_help', labels: { fi: 'Digituki', sv: 'Digitalt stöd', en: 'Digital help' } }) as FormDefinition;
      expect(await peer.forms.publish(v2, 'coordinator-1', minutes(1))).toBe(true);
      expect(await uow.forms.publish({ ...v2, options: DEFAULT_CONTACT_LOG_FORM.options }, 'coordinator-2', minutes(2))).toBe(false);
      expect(await uow.forms.latest('contact_log')).toEqual(v2);
      expect(await uow.forms.get('contact_log', 1)).toEqual(DEFAULT_CONTACT_LOG_FORM);
      expect(await uow.forms.get('contact_log', 3)).toBeUndefined();
    });
  });

  describe('AssociationRepository', () => {
    it('lists active associations by name, per municipality', async () => {
      const { uow, peer } = subject();
      await aBookingWorld(uow);
      const base = { languages: ['fi', 'ar'], activities: 'Peer support', contactInfo: 'info@example.org', active: true };
      await uow.associations.upsert({ id: 'a2', name: 'SPR Joensuu', municipalityCode: 'joensuu', ...base });
      await uow.associations.upsert({ id: 'a1', name: 'Monikulttuurinen yhdistys', municipalityCode: 'joensuu', ...base });
      await uow.associations.upsert({ id: 'a3', name: 'Liperin kyläyhdistys', municipalityCode: 'liperi', ...base });
      await uow.associations.upsert({ id: 'a4', name: 'Old', municipalityCode: 'joensuu', ...base, active: false });
      expect((await peer.associations.listActive()).map((a) => a.id)).toEqual(['a3', 'a1', 'a2']);
      expect(await peer.associations.listActive('joensuu')).toEqual([
        { id: 'a1', name: 'Monikulttuurinen yhdistys', municipalityCode: 'joensuu', ...base },
        { id: 'a2', name: 'SPR Joensuu', municipalityCode: 'joensuu', ...base },
      ]);
      await uow.associations.upsert({ id: 'a2', name: 'SPR Joensuu', municipalityCode: 'joensuu', ...base, active: false });
      expect((await peer.associations.listActive('joensuu')).map((a) => a.id)).toEqual(['a1']);
    });
  });

  describe('MeetingSessionRepository', () => {
    async function aMeetingBooking(database: TestDatabase) {
      const { uow } = database;
      const world = await aBookingWorld(uow);
      const booked = await uow.bookings.create(aNewBooking({ clientId: world.client.id, adviserId: world.adviser.id }), T0);
      if (!booked.ok) throw new Error('booking failed');
      await uow.bookings.setMeeting(booked.booking.id, { joinUrl: JOIN_URL, meetingId: 'm-1' }, T0);
      return booked.booking.id;
    }

    it('finds the booking of a meeting chat from its join link', async () => {
      const database = subject();
      const bookingId = await aMeetingBooking(database);
      expect(await database.peer.meetingSessions.bookingForThread(THREAD)).toBe(bookingId);
      expect(await database.peer.meetingSessions.bookingForThread('19:meeting_other@thread.v2')).toBeUndefined();
    });

    it('keeps the first start and join, the latest end, whatever order events arrive in', async () => {
      const database = subject();
      const { uow, peer } = database;
      const bookingId = await aMeetingBooking(database);
      await uow.meetingSessions.recordClientJoined(bookingId, THREAD, minutes(2));
      await uow.meetingSessions.recordStart(bookingId, THREAD, minutes(1));
      await peer.meetingSessions.recordStart(bookingId, THREAD, minutes(3));
      await uow.meetingSessions.recordClientJoined(bookingId, THREAD, minutes(4));
      await uow.meetingSessions.recordEnd(bookingId, THREAD, minutes(40));
      const session = await peer.meetingSessions.recordEnd(bookingId, THREAD, minutes(30));
      expect(session).toEqual({ bookingId, conversationId: THREAD, startedAt: minutes(1), endedAt: minutes(40), clientJoinedAt: minutes(2), noShowAt: null, contactPromptedAt: null });
      expect(await peer.meetingSessions.get(bookingId)).toEqual(session);
    });

    it('marks a no-show only when the client never joined, and prompts for the contact once', async () => {
      const database = subject();
      const { uow, peer } = database;
      const bookingId = await aMeetingBooking(database);
      expect(await uow.meetingSessions.markNoShow(bookingId, minutes(15))).toBe(false); // no session yet
      await uow.meetingSessions.recordStart(bookingId, THREAD, minutes(0));
      expect(await uow.meetingSessions.markNoShow(bookingId, minutes(15))).toBe(true);
      expect(await peer.meetingSessions.markNoShow(bookingId, minutes(16))).toBe(false);
      expect(await uow.meetingSessions.markContactPrompted(bookingId, minutes(30))).toBe(true);
      expect(await peer.meetingSessions.markContactPrompted(bookingId, minutes(31))).toBe(false);
      expect(await peer.meetingSessions.get(bookingId)).toMatchObject({ noShowAt: minutes(15), contactPromptedAt: minutes(30) });

      const joined = await (async () => {
        const world = await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'X', preferredLanguage: 'en' }, T0);
        const b = await uow.bookings.create(aNewBooking({ clientId: world.id, adviserId: (await uow.staff.listByRole('adviser'))[0]!.id, start: minutes(120) }), T0);
        if (!b.ok) throw new Error('booking failed');
        await uow.meetingSessions.recordClientJoined(b.booking.id, '19:meeting_other@thread.v2', minutes(121));
        return b.booking.id;
      })();
      expect(await uow.meetingSessions.markNoShow(joined, minutes(140))).toBe(false);
    });
  });

  describe('OutboxRepository dead letters', () => {
    it('lists dead rows of a topic prefix, newest first, and requeues one as pending with attempts reset', async () => {
      const { uow, peer } = subject();
      const a = await uow.outbox.enqueue({ topic: 'register.contact', payload: { n: 1 } }, T0);
      const b = await uow.outbox.enqueue({ topic: 'register.contact', payload: { n: 2 } }, T0);
      const other = await uow.outbox.enqueue({ topic: 'registerXcontact', payload: {} }, T0);
      const pending = await uow.outbox.enqueue({ topic: 'register.contact', payload: { n: 3 } }, T0);
      await uow.outbox.claim({ now: T0, limit: 10, leaseMs: 1000 });
      await uow.outbox.markDead(a.id, 'RegisterSinkError: 400', minutes(1));
      await uow.outbox.markDead(b.id, 'RegisterSinkError: 503', minutes(2));
      await uow.outbox.markDead(other.id, 'x', minutes(3));
      expect((await peer.outbox.listDead({ topicPrefix: 'register.', limit: 10 })).map((m) => m.id)).toEqual([b.id, a.id]);
      expect(await peer.outbox.listDead({ topicPrefix: 'register.', limit: 1 })).toHaveLength(1);

      expect(await peer.outbox.requeue(a.id, minutes(10))).toBe(true);
      expect(await uow.outbox.requeue(a.id, minutes(10))).toBe(false);
      expect(await uow.outbox.requeue(pending.id, minutes(10))).toBe(false);
      expect(await uow.outbox.get(a.id)).toMatchObject({ status: 'pending', attempts: 0, availableAt: minutes(10) });
      const claimed = await uow.outbox.claim({ now: minutes(10), limit: 10, leaseMs: 1000 });
      expect(claimed.map((m) => m.id)).toContain(a.id);
    });
  });
}
