import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { Intake } from '../../domain/intake/intake.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { icsSequenceAt } from '../../domain/booking/ics.js';
import { t } from '../../i18n/index.js';
import { createCancelledEmailHandler, createMovedEmailHandler, WAIT_FOR_MEETING_MS } from '../../jobs/mail-handlers.js';
import type { BookedMeeting, Mailer, MeetingForBooking, MeetingToCancel, OnlineMeetings, OutgoingMail } from '../ports/graph.js';
import { bookSession } from './book-session.js';
import { createBookingMeeting } from './booking-meeting.js';
import { cancelBooking } from './cancel-booking.js';
import { findSlots } from './find-slots.js';
import { findRescheduleSlots, rescheduleBooking } from './reschedule-booking.js';
import {
  BOOKING_CANCELLED_EMAIL_TOPIC,
  BOOKING_MOVED_EMAIL_TOPIC,
  cancelledEmailKey,
  movedEmailKey,
  queueMovedEmail,
  sendCancelledEmail,
  sendMovedEmail,
  type CancelledEmailPayload,
  type MovedEmailPayload,
} from './send-booking-change-email.js';
import { BOOKING_ICS_FILE_NAME, escapeHtml, type SendBookingEmailDeps } from './send-booking-email.js';
import { FakeMailer } from '../../../test/fakes/fake-mailer.js';
import { anIntake as anIntakeOf } from '../../../test/factories/intake-factory.js';

/**
 * Scenario: Monday 2026-11-30, 07:00 Helsinki (05:00Z). One adviser serving Liperi in fi/sv,
 * Mon–Fri 08:00–16:00 Helsinki. The client (Swedish intake with an e-mail address) has a booking
 * on Wednesday 2026-12-02 at 10:00 Helsinki (08:00Z) whose Teams meeting exists. Sending mailbox
 * neuvo@neuvo.test.
 */
const NOW = new Date('2026-11-30T05:00:00Z');
const BOOKED_AT = new Date('2026-12-02T08:00:00Z');
const FROM = 'neuvo@neuvo.test';
const criteria = { municipalityCode: 'liperi', language: 'sv' as const, interpreterLanguage: null, topics: ['housing' as const], serviceTypeCode: 'guidance' };

/** Graph meetings: createOrGet by external id; a new meeting gets the next id and link. */
class FakeOnlineMeetings implements OnlineMeetings {
  readonly created = new Map<string, BookedMeeting>();
  async createMeetingForBooking(meeting: MeetingForBooking): Promise<BookedMeeting> {
    const existing = this.created.get(meeting.bookingId);
    if (existing) return existing;
    const n = this.created.size + 1;
    const made = { meetingId: `m-${n}`, joinUrl: `https://teams.example/meet/m-${n}?a=1&b=2` };
    this.created.set(meeting.bookingId, made);
    return made;
  }
  async cancelMeetingForBooking(_meeting: MeetingToCancel): Promise<void> {}
}

let uow: InMemoryUnitOfWork;
let clock: Date;
let clientId: string;
let bookingId: string;
let meetings: FakeOnlineMeetings;

const ctx = () => ({ uow, clock: () => clock });
const mailDeps = (mailer: Mailer): SendBookingEmailDeps => ({ uow, mailer, clock: () => clock, fromUpn: FROM });
const meetingDeps = () => ({ uow, meetings, clock: () => clock, linkReadyTopic: 'teams.proactive_message' });

const anIntake = (overrides: Partial<Intake> = {}): Intake => anIntakeOf({ ...{ name: 'Sara', municipalityCode: 'liperi', language: 'sv', description: 'Bostad', contact: { teams: false, email: 'sara@example.test', phone: null } }, ...overrides });

beforeEach(async () => {
  clock = NOW;
  meetings = new FakeOnlineMeetings();
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'liperi', name: 'Liperi' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  const adviser = await uow.staff.upsert({ entraObjectId: 'aad-adviser', tenantId: 't1', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'liperi', languages: ['fi', 'sv'] });
  await uow.schedules.setServedMunicipalities(adviser.id, ['liperi']);
  await uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
  clientId = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Sara', preferredLanguage: 'sv' }, NOW)).id;
  await uow.intakes.save(clientId, anIntake(), NOW);
  bookingId = await book(clientId, BOOKED_AT);
  await createBookingMeeting(meetingDeps(), bookingId);
});

async function book(client: string, at: Date): Promise<string> {
  const offered = await findSlots(ctx(), { ...criteria, from: at, limit: 1 });
  const slot = offered.ok ? offered.slots[0] : undefined;
  if (!slot || slot.start.getTime() !== at.getTime()) throw new Error('scenario: no slot');
  const booked = await bookSession(ctx(), { ...criteria, clientId: client, actorId: 'self', actorTenantId: null, start: slot.start, adviserId: slot.adviserId });
  if (!booked.ok) throw new Error('scenario: booking failed');
  return booked.booking.id;
}

/** Moves the booking to `to` (a time the reschedule search offers) as the client. */
async function move(to: Date, id = bookingId, client = clientId) {
  const found = await findRescheduleSlots(ctx(), { ...criteria, bookingId: id, clientId: client, actorId: 'self', actorTenantId: null, limit: 1, from: to });
  const adviserId = found.ok ? found.slots[0]?.adviserId : undefined;
  const result = await rescheduleBooking(ctx(), { ...criteria, bookingId: id, clientId: client, actorId: 'self', actorTenantId: null, channel: 'public', newStart: to, adviserId: adviserId ?? '' });
  if (!result.ok) throw new Error(`scenario: move failed (${result.reason})`);
  return result.booking;
}

/** Every queued row of a topic. A claim leases the rows for 1 ms, so each look claims a little later. */
let looks = 0;
async function rows(topic: string): Promise<OutboxMessage[]> {
  looks += 1;
  const all = await uow.outbox.claim({ now: new Date(Date.UTC(2030, 0, 1) + looks * 10), limit: 500, leaseMs: 1 });
  return all.filter((m) => m.topic === topic);
}

/** The .ics with folding undone (RFC 5545 §3.1). */
const icsOf = (mail: OutgoingMail | undefined) => (mail?.icsAttachment?.content ?? '').replace(/\r\n /g, '');

describe('the "time moved" mail', () => {
  it('is queued with the move, keyed by the new start and the move, remembering the meeting being replaced', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    await move(thursday);
    const [row, ...more] = await rows(BOOKING_MOVED_EMAIL_TOPIC);
    expect(more).toEqual([]);
    expect(row?.idempotencyKey).toBe(movedEmailKey(bookingId, thursday.getTime(), NOW.getTime()));
    expect(row?.idempotencyKey).toContain(String(thursday.getTime()));
    expect(row?.payload).toEqual({ bookingId, startMs: thursday.getTime(), movedAtMs: NOW.getTime(), replacedMeetingId: 'm-1' } satisfies MovedEmailPayload);
  });

  it('is not queued for a client without an e-mail address, and a retried enqueue of the same move mails once', async () => {
    const other = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Ali', preferredLanguage: 'fi' }, NOW)).id;
    await uow.intakes.save(other, anIntake({ language: 'fi', contact: { teams: true, email: null, phone: null } }), NOW);
    const otherBooking = await book(other, new Date('2026-12-04T08:00:00Z'));
    await move(new Date('2026-12-04T10:00:00Z'), otherBooking, other);
    expect(await rows(BOOKING_MOVED_EMAIL_TOPIC)).toEqual([]);

    const moved = await move(new Date('2026-12-03T08:00:00Z'));
    await queueMovedEmail(uow, moved, 'm-1', NOW);
    expect(await rows(BOOKING_MOVED_EMAIL_TOPIC)).toHaveLength(1);
  });

  it('waits for the new meeting, then mails the new time, the new link and an .ics update of the same event', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    await move(thursday);
    const [row] = await rows(BOOKING_MOVED_EMAIL_TOPIC);
    const payload = row!.payload as MovedEmailPayload;

    // The booking still holds the old meeting, whose link is about to be cancelled: no mail yet.
    expect(await sendMovedEmail(mailDeps(new FakeMailer(false)), payload)).toBe('waiting_for_meeting');
    const error = await createMovedEmailHandler(mailDeps(new FakeMailer(false)))(row!).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OutboxDeliveryError', reason: 'waiting_for_meeting', retryAfterMs: WAIT_FOR_MEETING_MS });
    expect((error as { permanent?: boolean }).permanent).not.toBe(true);

    const target = { startMs: thursday.getTime(), externalId: `${bookingId}~${thursday.getTime()}~${NOW.getTime()}` };
    const created = await createBookingMeeting(meetingDeps(), bookingId, target);
    expect(created).toMatchObject({ outcome: 'created', meeting: { meetingId: 'm-2' } });
    clock = new Date(NOW.getTime() + 60_000);
    const mailer = new FakeMailer(true);
    await createMovedEmailHandler(mailDeps(mailer))(row!);

    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ fromUpn: FROM, to: ['sara@example.test'], subject: 'Din handledningstid är ändrad' });
    const newLink = 'https://teams.example/meet/m-2?a=1&b=2';
    expect(mail.html).toContain(escapeHtml(t('sv', 'email.moved.when', { time: formatForZone(thursday, 'Europe/Helsinki', 'sv') })));
    expect(mail.html).toContain(`<a href="${escapeHtml(newLink)}">Anslut till mötet</a>`);
    expect(mail.html).not.toContain('m-1');
    expect(mail.html).not.toContain('Sara');
    expect(mail.html).not.toContain('Bostad');

    expect(mail.icsAttachment?.fileName).toBe(BOOKING_ICS_FILE_NAME);
    const ics = icsOf(mail);
    expect(ics).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(ics).toContain(`\r\nUID:${bookingId}@neuvo\r\n`);
    expect(ics).toContain('\r\nDTSTART:20261203T080000Z\r\nDTEND:20261203T084500Z\r\n');
    // SEQUENCE from the instant of the move (not of the send), above the confirmation's 0.
    expect(ics).toContain(`\r\nSEQUENCE:${icsSequenceAt(NOW)}\r\nSTATUS:CONFIRMED\r\n`);
    expect(ics).toContain(`\r\nURL:${newLink}\r\n`);
    expect(ics).not.toContain('Sara');
  });

  it('two moves: the first mail is stale and skips, the second tells the time that is true now', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    const friday = new Date('2026-12-04T08:00:00Z');
    await move(thursday);
    clock = new Date(NOW.getTime() + 5 * 60_000);
    await move(friday);
    const moved = await rows(BOOKING_MOVED_EMAIL_TOPIC);
    expect(moved.map((m) => (m.payload as MovedEmailPayload).startMs).sort()).toEqual([thursday.getTime(), friday.getTime()]);
    const first = moved.find((m) => (m.payload as MovedEmailPayload).startMs === thursday.getTime())!;
    const second = moved.find((m) => (m.payload as MovedEmailPayload).startMs === friday.getTime())!;

    expect(await sendMovedEmail(mailDeps(new FakeMailer(false)), first.payload as MovedEmailPayload)).toBe('stale');
    await createBookingMeeting(meetingDeps(), bookingId, { startMs: friday.getTime(), externalId: `${bookingId}~${friday.getTime()}~${clock.getTime()}` });
    const mailer = new FakeMailer(true);
    expect(await sendMovedEmail(mailDeps(mailer), second.payload as MovedEmailPayload)).toBe('sent');
    expect(icsOf(mailer.sent[0])).toContain('\r\nDTSTART:20261204T080000Z\r\n');
    expect(icsOf(mailer.sent[0])).toContain(`\r\nSEQUENCE:${icsSequenceAt(clock)}\r\n`);
  });

  it('moving back to an earlier time mails again (the key names the move, not only the start)', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    await move(thursday);
    clock = new Date(NOW.getTime() + 60_000);
    await move(BOOKED_AT);
    clock = new Date(NOW.getTime() + 120_000);
    await move(thursday);
    const keys = (await rows(BOOKING_MOVED_EMAIL_TOPIC)).map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('sends nothing once the booking is cancelled, after the new start, or without an address any more', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    await move(thursday);
    const payload = (await rows(BOOKING_MOVED_EMAIL_TOPIC))[0]!.payload as MovedEmailPayload;
    await createBookingMeeting(meetingDeps(), bookingId, { startMs: thursday.getTime(), externalId: `${bookingId}~${thursday.getTime()}~${NOW.getTime()}` });
    const quiet = mailDeps(new FakeMailer(false));
    expect(await sendMovedEmail({ ...quiet, clock: () => thursday }, payload)).toBe('past');
    await uow.intakes.save(clientId, anIntake({ contact: { teams: false, email: null, phone: '+358401234567' } }), new Date(NOW.getTime() + 1));
    expect(await sendMovedEmail(quiet, payload)).toBe('no_email');
    await uow.intakes.save(clientId, anIntake(), new Date(NOW.getTime() + 2));
    await cancelBooking(ctx(), { bookingId, clientId, actorId: 'self', actorTenantId: null });
    expect(await sendMovedEmail(quiet, payload)).toBe('not_booked');
  });

  it('dead-letters a malformed payload', async () => {
    const handler = createMovedEmailHandler(mailDeps(new FakeMailer(false)));
    const row = { id: 'o', topic: BOOKING_MOVED_EMAIL_TOPIC, payload: { bookingId }, idempotencyKey: 'k', status: 'pending', attempts: 0, availableAt: NOW, lastError: null, createdAt: NOW } as const;
    await expect(handler(row)).rejects.toMatchObject({ permanent: true, reason: 'bad_payload' });
  });
});

describe('the "cancelled" mail', () => {
  it('is queued with the cancel and removes the event: a short note with the time and an .ics CANCEL', async () => {
    clock = new Date(NOW.getTime() + 3_600_000);
    expect(await cancelBooking(ctx(), { bookingId, clientId, actorId: 'self', actorTenantId: null })).toMatchObject({ ok: true });
    const [row, ...more] = await rows(BOOKING_CANCELLED_EMAIL_TOPIC);
    expect(more).toEqual([]);
    expect(row?.idempotencyKey).toBe(cancelledEmailKey(bookingId, BOOKED_AT.getTime()));
    expect(row?.payload).toEqual({ bookingId, startMs: BOOKED_AT.getTime(), cancelledAtMs: clock.getTime() } satisfies CancelledEmailPayload);

    const mailer = new FakeMailer(true);
    await createCancelledEmailHandler(mailDeps(mailer))(row!);
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ fromUpn: FROM, to: ['sara@example.test'], subject: 'Din handledningstid är avbokad' });
    expect(mail.html).toContain(escapeHtml(t('sv', 'email.cancelled.when', { time: formatForZone(BOOKED_AT, 'Europe/Helsinki', 'sv') })));
    expect(mail.html).not.toContain('<a href=');
    expect(mail.html).not.toContain('Sara');

    const ics = icsOf(mail);
    expect(ics).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(ics).toContain(`\r\nUID:${bookingId}@neuvo\r\n`);
    expect(ics).toContain('\r\nDTSTART:20261202T080000Z\r\n');
    expect(ics).toContain(`\r\nSEQUENCE:${icsSequenceAt(clock)}\r\nSTATUS:CANCELLED\r\n`);
    expect(ics).toContain(`\r\nORGANIZER:mailto:${FROM}\r\n`);
    expect(ics).not.toContain('URL:');
  });

  it('after a move, cancels the event at its current time with a SEQUENCE above the move', async () => {
    const thursday = new Date('2026-12-03T08:00:00Z');
    await move(thursday);
    clock = new Date(NOW.getTime() + 1000);
    await cancelBooking(ctx(), { bookingId, clientId, actorId: 'self', actorTenantId: null });
    const payload = (await rows(BOOKING_CANCELLED_EMAIL_TOPIC))[0]!.payload as CancelledEmailPayload;
    expect(payload.startMs).toBe(thursday.getTime());
    const mailer = new FakeMailer(true);
    expect(await sendCancelledEmail(mailDeps(mailer), payload)).toBe('sent');
    const sequence = Number(/\r\nSEQUENCE:(\d+)\r\n/.exec(icsOf(mailer.sent[0]))?.[1]);
    expect(sequence).toBeGreaterThan(icsSequenceAt(NOW));
    expect(icsOf(mailer.sent[0])).toContain('\r\nDTSTART:20261203T080000Z\r\n');
  });

  it('goes even when the meeting was never made, and not for a client without an address', async () => {
    const early = await book(clientId, new Date('2026-12-04T08:00:00Z'));
    expect((await uow.bookings.get(early))?.meeting).toBeNull();
    await cancelBooking(ctx(), { bookingId: early, clientId, actorId: 'self', actorTenantId: null });
    const [row] = await rows(BOOKING_CANCELLED_EMAIL_TOPIC);
    const mailer = new FakeMailer(true);
    expect(await sendCancelledEmail(mailDeps(mailer), row!.payload as CancelledEmailPayload)).toBe('sent');

    await uow.intakes.save(clientId, anIntake({ contact: { teams: true, email: null, phone: null } }), new Date(NOW.getTime() + 1));
    await cancelBooking(ctx(), { bookingId, clientId, actorId: 'self', actorTenantId: null });
    expect(await rows(BOOKING_CANCELLED_EMAIL_TOPIC)).toHaveLength(1);
  });

  it('sends nothing after the time has passed, for a booking that is not cancelled, or without an address at delivery', async () => {
    await cancelBooking(ctx(), { bookingId, clientId, actorId: 'self', actorTenantId: null });
    const payload = (await rows(BOOKING_CANCELLED_EMAIL_TOPIC))[0]!.payload as CancelledEmailPayload;
    const quiet = mailDeps(new FakeMailer(false));
    expect(await sendCancelledEmail({ ...quiet, clock: () => BOOKED_AT }, payload)).toBe('past');
    expect(await sendCancelledEmail(quiet, { ...payload, bookingId: 'gone' })).toBe('not_cancelled');
    await uow.intakes.save(clientId, anIntake({ contact: { teams: false, email: null, phone: null } }), new Date(NOW.getTime() + 1));
    expect(await sendCancelledEmail(quiet, payload)).toBe('no_email');
  });
});
