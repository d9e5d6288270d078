import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { Slot } from '../../domain/booking/booking.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import type { BookedMeeting, MeetingForBooking, MeetingToCancel, OnlineMeetings } from '../ports/graph.js';
import { bookSession, MEETING_CANCEL_TOPIC, MEETING_CREATE_TOPIC, REMINDER_TOPIC } from './book-session.js';
import { createBookingMeeting } from './booking-meeting.js';
import { cancelBooking } from './cancel-booking.js';
import { findSlots } from './find-slots.js';
import { findRescheduleSlots, rescheduleBooking, type MovedMeetingPayload, type RescheduleBookingInput } from './reschedule-booking.js';

/**
 * Scenario: Monday 2026-11-30, 07:00 Helsinki (05:00Z). Two advisers serving Liperi in fi/en/ar,
 * Mon–Fri 08:00–16:00 Helsinki; guidance = 45 min + 15 min buffer, 2 h notice. The client has a
 * booking on Wednesday 2026-12-02 at 10:00 Helsinki (08:00Z), so both reminders are in the future.
 */
const NOW = new Date('2026-11-30T05:00:00Z');
const BOOKED_AT = new Date('2026-12-02T08:00:00Z');
const criteria = { municipalityCode: 'liperi', language: 'ar' as const, interpreterLanguage: null, topics: ['housing' as const], serviceTypeCode: 'guidance' };

let uow: InMemoryUnitOfWork;
let adviserId: string;
let otherAdviserId: string;
let clientId: string;
let otherClientId: string;
let bookingId: string;
const deps = () => ({ uow, clock: () => NOW });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'liperi', name: 'liperi' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  const ids: string[] = [];
  for (const n of ['1', '2']) {
    const adviser = await uow.staff.upsert({ entraObjectId: `aad-adviser-${n}`, tenantId: 't1', displayName: `Adviser ${n}`, roles: ['adviser'], municipalityCode: 'liperi', languages: ['fi', 'en', 'ar'] });
    await uow.schedules.setServedMunicipalities(adviser.id, ['liperi']);
    await uow.schedules.setWeeklyHours(adviser.id, [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, start: '08:00', end: '16:00' })));
    ids.push(adviser.id);
  }
  clientId = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Client', preferredLanguage: 'ar', entraObjectId: 'aad-client', tenantId: 't1' }, NOW)).id;
  otherClientId = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Other', preferredLanguage: 'fi' }, NOW)).id;
  const offered = await findSlots(deps(), { ...criteria, from: BOOKED_AT, limit: 1 });
  const slot = offered.ok ? offered.slots[0] : undefined;
  if (!slot) throw new Error('no slot in the scenario');
  const booked = await bookSession(deps(), { ...criteria, clientId, actorId: 'aad-client', actorTenantId: 't1', start: slot.start, adviserId: slot.adviserId });
  if (!booked.ok) throw new Error('scenario booking failed');
  bookingId = booked.booking.id;
  adviserId = booked.booking.adviserId;
  otherAdviserId = ids.find((id) => id !== adviserId)!;
});

/** The client asking, as the routes pass them. */
const asClient = { get clientId() { return clientId; }, actorId: 'aad-client', actorTenantId: 't1' };

function input(overrides: Partial<RescheduleBookingInput> = {}): RescheduleBookingInput {
  return { ...criteria, bookingId, clientId, actorId: 'aad-client', actorTenantId: 't1', newStart: new Date(0), adviserId, ...overrides };
}

async function rescheduleSlots(from?: Date): Promise<readonly Slot[]> {
  const found = await findRescheduleSlots(deps(), { ...criteria, ...asClient, bookingId, limit: 6, ...(from ? { from } : {}) });
  if (!found.ok) throw new Error(`no reschedule slots: ${found.reason}`);
  return found.slots;
}

/** Another client's booking with the booking's adviser at `start`, straight into the repository. */
function blockAdviserAt(start: Date) {
  const end = new Date(start.getTime() + 45 * 60_000);
  return uow.bookings.create(
    { clientId: otherClientId, adviserId, serviceTypeCode: 'guidance', municipalityCode: 'liperi', start, end, blockedUntil: new Date(end.getTime() + 15 * 60_000), language: 'fi', interpreterLanguage: null, topics: [] },
    NOW,
  );
}

async function allOutbox(): Promise<OutboxMessage[]> {
  return uow.outbox.claim({ now: new Date('2030-01-01T00:00:00Z'), limit: 100, leaseMs: 1 });
}

describe('findRescheduleSlots', () => {
  it("offers only the booking's own adviser, never the booking's current time", async () => {
    const slots = await rescheduleSlots();
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.adviserId === adviserId)).toBe(true);
    expect(slots.some((s) => s.start.getTime() === BOOKED_AT.getTime())).toBe(false);
  });

  it("answers another client's booking id like an unknown one, and audits both as denied (the forged id not kept)", async () => {
    const other = { clientId: otherClientId, actorId: 'aad-other', actorTenantId: 't1' };
    expect(await findRescheduleSlots(deps(), { ...criteria, ...other, bookingId, limit: 6 })).toEqual({ ok: false, reason: 'not_found' });
    expect(await findRescheduleSlots(deps(), { ...criteria, ...asClient, bookingId: 'Amina 040 1234567', limit: 6 })).toEqual({ ok: false, reason: 'not_found' });
    const denied = (await uow.audit.list({})).filter((a) => a.action === 'booking.reschedule');
    expect(denied.map((a) => [a.actorId, a.clientId, a.entityId, a.outcome])).toEqual([
      ['aad-client', clientId, null, 'denied'],
      ['aad-other', otherClientId, bookingId, 'denied'],
    ]);
  });
});

describe('rescheduleBooking', () => {
  it('moves the own booking to an offered time and frees the old one', async () => {
    const [target] = await rescheduleSlots();
    const result = await rescheduleBooking(deps(), input({ newStart: target!.start }));
    expect(result).toMatchObject({ ok: true, booking: { id: bookingId, adviserId, start: target!.start, status: 'booked' } });
    expect(await uow.bookings.get(bookingId)).toMatchObject({ start: target!.start, end: new Date(target!.start.getTime() + 45 * 60_000), blockedUntil: new Date(target!.start.getTime() + 60 * 60_000) });
    // The old time is offered again (to anyone searching from it).
    const again = await findSlots(deps(), { ...criteria, from: BOOKED_AT, limit: 1 });
    expect(again.ok && again.slots[0]?.start).toEqual(BOOKED_AT);
    expect(await uow.audit.list({ clientId })).toContainEqual(expect.objectContaining({ action: 'booking.reschedule', entityId: bookingId, outcome: 'ok' }));
  });

  it('queues reminders and a meeting for the new start; the old reminders no longer match the booking', async () => {
    // Thursday 10:00 Helsinki: both reminders of the new time are in the future.
    const [target] = await rescheduleSlots(new Date('2026-12-03T08:00:00Z'));
    expect(target!.start).toEqual(new Date('2026-12-03T08:00:00Z'));
    await rescheduleBooking(deps(), input({ newStart: target!.start }));
    const outbox = await allOutbox();
    const reminders = outbox.filter((m) => m.topic === REMINDER_TOPIC).map((m) => ({ at: m.availableAt, payload: m.payload as { bookingId: string; startMs: number } }));
    const newMs = target!.start.getTime();
    expect(reminders.filter((r) => r.payload.startMs === newMs).map((r) => r.at).sort((a, b) => a.getTime() - b.getTime())).toEqual([
      new Date(newMs - 24 * 3_600_000),
      new Date(newMs - 3_600_000),
    ]);
    // The reminder handler sends only when the payload's start is the booking's start: these skip.
    const stale = reminders.filter((r) => r.payload.startMs !== newMs);
    expect(stale.map((r) => r.payload.startMs)).toEqual([BOOKED_AT.getTime(), BOOKED_AT.getTime()]);
    const creates = outbox.filter((m) => m.topic === MEETING_CREATE_TOPIC).map((m) => m.payload);
    expect(creates).toContainEqual({ bookingId, startMs: newMs, externalId: `${bookingId}~${newMs}~${NOW.getTime()}` } satisfies MovedMeetingPayload);
  });

  it("refuses another client's booking id, changes nothing, and audits the denial", async () => {
    const [target] = await rescheduleSlots();
    const before = await allOutbox();
    const result = await rescheduleBooking(deps(), input({ clientId: otherClientId, actorId: 'aad-other', newStart: target!.start }));
    expect(result).toEqual({ ok: false, reason: 'not_found' });
    expect((await uow.bookings.get(bookingId))?.start).toEqual(BOOKED_AT);
    expect(await uow.audit.list({ clientId: otherClientId })).toEqual([expect.objectContaining({ action: 'booking.reschedule', actorId: 'aad-other', entityId: bookingId, outcome: 'denied' })]);
    expect(before.length).toBeGreaterThan(0);
    expect(await allOutbox()).toEqual([]); // the earlier rows are leased: only new ones would show
  });

  it('refuses a forged time or another adviser and writes nothing', async () => {
    const [target] = await rescheduleSlots();
    const forged = [
      input({ newStart: new Date('2026-12-02T08:05:00Z') }),
      input({ newStart: new Date('2026-12-05T08:00:00Z') }), // Saturday
      input({ newStart: target!.start, adviserId: otherAdviserId }),
    ];
    for (const attempt of forged) {
      const result = await rescheduleBooking(deps(), attempt);
      expect(result).toMatchObject({ ok: false, reason: 'slot_not_offered' });
      if (!result.ok && result.reason === 'slot_not_offered') expect(result.freshSlots.every((s) => s.adviserId === adviserId)).toBe(true);
    }
    // A time only the other adviser has free: the booking's adviser is busy then.
    expect((await blockAdviserAt(target!.start)).ok).toBe(true);
    const otherOnly = await findSlots(deps(), { ...criteria, from: target!.start, limit: 1 });
    expect(otherOnly.ok && otherOnly.slots[0]).toMatchObject({ start: target!.start, adviserId: otherAdviserId });
    expect(await rescheduleBooking(deps(), input({ newStart: target!.start, adviserId: otherAdviserId }))).toMatchObject({ ok: false, reason: 'slot_not_offered' });
    expect((await uow.bookings.get(bookingId))?.start).toEqual(BOOKED_AT);
    expect((await uow.audit.list({ clientId })).filter((a) => a.action === 'booking.reschedule')).toEqual([]);
  });

  it('refuses a cancelled booking', async () => {
    const [target] = await rescheduleSlots();
    await cancelBooking(deps(), { bookingId, clientId, actorId: 'aad-client', actorTenantId: 't1' });
    expect(await rescheduleBooking(deps(), input({ newStart: target!.start }))).toEqual({ ok: false, reason: 'not_booked' });
    expect(await findRescheduleSlots(deps(), { ...criteria, ...asClient, bookingId, limit: 6 })).toEqual({ ok: false, reason: 'not_booked' });
  });

  it('answers the current time again (a double click) with the booking, writing nothing', async () => {
    const result = await rescheduleBooking(deps(), input({ newStart: BOOKED_AT }));
    expect(result).toMatchObject({ ok: true, booking: { start: BOOKED_AT } });
    expect((await uow.audit.list({ clientId })).filter((a) => a.action === 'booking.reschedule')).toEqual([]);
  });

  it('answers a lost race with fresh times of the same adviser, keeping the old time', async () => {
    const [target] = await rescheduleSlots();
    // Someone books the target time between the search and the move.
    const transaction = uow.transaction.bind(uow);
    uow.transaction = async (work) => {
      uow.transaction = transaction;
      if (!(await blockAdviserAt(target!.start)).ok) throw new Error('the racing booking failed');
      return transaction(work);
    };
    const result = await rescheduleBooking(deps(), input({ newStart: target!.start }));
    expect(result).toMatchObject({ ok: false, reason: 'slot_taken' });
    if (!result.ok && result.reason === 'slot_taken') {
      expect(result.freshSlots.length).toBeGreaterThan(0);
      expect(result.freshSlots.every((s) => s.adviserId === adviserId && s.start.getTime() !== target!.start.getTime())).toBe(true);
    }
    expect((await uow.bookings.get(bookingId))?.start).toEqual(BOOKED_AT);
  });
});

/** A strict fake of Graph meetings: createOrGet by external id, cancel records the id. */
class FakeOnlineMeetings implements OnlineMeetings {
  readonly created = new Map<string, MeetingForBooking & BookedMeeting>();
  readonly cancelled: string[] = [];
  async createMeetingForBooking(meeting: MeetingForBooking): Promise<BookedMeeting> {
    const existing = this.created.get(meeting.bookingId);
    if (existing) return { joinUrl: existing.joinUrl, meetingId: existing.meetingId };
    const made = { ...meeting, meetingId: `m-${this.created.size + 1}`, joinUrl: `https://teams.example/m-${this.created.size + 1}` };
    this.created.set(meeting.bookingId, made);
    return { joinUrl: made.joinUrl, meetingId: made.meetingId };
  }
  async cancelMeetingForBooking(meeting: MeetingToCancel): Promise<void> {
    this.cancelled.push(meeting.meetingId);
  }
}

describe('the meeting after a reschedule', () => {
  it('a new meeting at the new time replaces the old one, whose cancel is queued; stale creates skip', async () => {
    const meetings = new FakeOnlineMeetings();
    const meetingDeps = { uow, meetings, clock: () => NOW, linkReadyTopic: 'teams.proactive' };
    expect(await createBookingMeeting(meetingDeps, bookingId)).toMatchObject({ outcome: 'created', meeting: { meetingId: 'm-1' } });

    const [first, second] = await rescheduleSlots();
    await rescheduleBooking(deps(), input({ newStart: first!.start }));
    const staleTarget = { startMs: first!.start.getTime(), externalId: `${bookingId}~${first!.start.getTime()}~1` };
    await rescheduleBooking(deps(), input({ newStart: second!.start }));
    // The create queued for the first move skips itself: the booking has moved on.
    expect(await createBookingMeeting(meetingDeps, bookingId, staleTarget)).toEqual({ outcome: 'skipped' });

    const target = { startMs: second!.start.getTime(), externalId: `${bookingId}~${second!.start.getTime()}~${NOW.getTime()}` };
    expect(await createBookingMeeting(meetingDeps, bookingId, target)).toMatchObject({ outcome: 'created', meeting: { meetingId: 'm-2' } });
    expect(meetings.created.get(target.externalId)).toMatchObject({ start: second!.start });
    expect((await uow.bookings.get(bookingId))?.meeting).toMatchObject({ meetingId: 'm-2' });
    const cancels = (await allOutbox()).filter((m) => m.topic === MEETING_CANCEL_TOPIC);
    expect(cancels.map((m) => m.payload)).toEqual([{ bookingId, meetingId: 'm-1' }]);
    // Redelivery: the same meeting, nothing new queued.
    expect(await createBookingMeeting(meetingDeps, bookingId, target)).toMatchObject({ outcome: 'already_created', meeting: { meetingId: 'm-2' } });
    // A first-meeting row arriving late leaves the moved booking's meeting alone.
    expect(await createBookingMeeting(meetingDeps, bookingId)).toMatchObject({ outcome: 'already_created', meeting: { meetingId: 'm-2' } });
  });
});
