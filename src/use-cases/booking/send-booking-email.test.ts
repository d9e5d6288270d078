import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewBooking } from '../../../test/factories/booking-factory.js';
import type { Intake } from '../../domain/intake/intake.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { t } from '../../i18n/index.js';
import { createBookingEmailHandler, mailNotConfigured } from '../../jobs/mail-handlers.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import type { Mailer } from '../ports/graph.js';
import { BOOKING_EMAIL_TOPIC, BOOKING_ICS_FILE_NAME, escapeHtml, sendBookingConfirmationEmail, type SendBookingEmailDeps } from './send-booking-email.js';
import { FakeMailer } from '../../../test/fakes/fake-mailer.js';
import { anIntake as anIntakeOf } from '../../../test/factories/intake-factory.js';

/**
 * Scenario: booked Tuesday 14 April 2026 at 09:00 Helsinki (06:00Z, summer time), 45 minutes;
 * the confirmation goes out on 1 April. Sending mailbox neuvo@neuvo.test.
 */
const NOW = new Date('2026-04-01T10:00:00Z');
const START = new Date('2026-04-14T06:00:00Z');
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d&a=1';

let uow: InMemoryUnitOfWork;
let clientId: string;
let adviserId: string;

const anIntake = (overrides: Partial<Intake> = {}): Intake => anIntakeOf({ ...{ description: 'Asunto <b>haku</b>' }, ...overrides });

function deps(mailer: Mailer): SendBookingEmailDeps {
  return { uow, mailer, clock: () => NOW, fromUpn: 'neuvo@neuvo.test' };
}

async function aBookedBooking(meeting = true): Promise<string> {
  const created = await uow.bookings.create(aNewBooking({ clientId, adviserId, start: START }), NOW);
  if (!created.ok) throw new Error('scenario: booking refused');
  if (meeting) await uow.bookings.setMeeting(created.booking.id, { joinUrl: JOIN_URL, meetingId: 'm-1' }, NOW);
  return created.booking.id;
}

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  adviserId = (await uow.staff.upsert({ entraObjectId: 'aad-adviser', tenantId: 't1', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi'] })).id;
  clientId = (await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Amina', preferredLanguage: 'fi' }, NOW)).id;
});

describe('sendBookingConfirmationEmail', () => {
  it('sends the client a mail in the intake language with the time, the link and the .ics', async () => {
    await uow.intakes.save(clientId, anIntake(), NOW);
    const bookingId = await aBookedBooking();
    const mailer = new FakeMailer(true);

    expect(await sendBookingConfirmationEmail(deps(mailer), bookingId)).toBe('sent');

    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ fromUpn: 'neuvo@neuvo.test', to: ['amina@example.test'], subject: 'Ohjausaikasi on varattu' });
    expect(mail.html).toContain('<html lang="fi" dir="ltr">');
    expect(mail.html).toContain(escapeHtml(t('fi', 'email.confirmation.when', { time: formatForZone(START, 'Europe/Helsinki', 'fi') })));
    expect(mail.html).toContain(`<a href="${escapeHtml(JOIN_URL)}">Liity tapaamiseen</a>`);
    expect(mail.html).toContain('Et tarvitse Teams-sovellusta.');
    expect(mail.html).toContain('ota yhteyttä palveluun');
    // Nothing of the intake beyond the address: no name, no description.
    expect(mail.html).not.toContain('Amina');
    expect(mail.html).not.toContain('haku');

    expect(mail.icsAttachment?.fileName).toBe(BOOKING_ICS_FILE_NAME);
    const ics = mail.icsAttachment!.content.replace(/\r\n /g, '');
    expect(ics).toContain(`UID:${bookingId}@neuvo\r\n`);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('DTSTART:20260414T060000Z\r\nDTEND:20260414T064500Z\r\n');
    expect(ics).toContain('DTSTAMP:20260401T100000Z\r\n');
    expect(ics).toContain(`URL:${JOIN_URL}\r\n`);
    expect(ics).toContain('SUMMARY:Ohjausaikasi on varattu\r\n');
    expect(ics).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:amina@example.test\r\n');
    expect(ics).not.toContain('Amina');
  });

  it('writes right to left for Arabic and Dari/Farsi', async () => {
    for (const language of ['ar', 'fa'] as const) {
      await uow.intakes.save(clientId, anIntake({ language }), new Date(NOW.getTime() + (language === 'ar' ? 1 : 2)));
      const mailer = new FakeMailer(true);
      expect(await sendBookingConfirmationEmail(deps(mailer), await aBookedBookingAt(language === 'ar' ? 0 : 1))).toBe('sent');
      expect(mailer.sent[0]?.html).toContain(`<html lang="${language}" dir="rtl">`);
      expect(mailer.sent[0]?.subject).toBe(t(language, 'email.confirmation.subject'));
    }
  });

  it('uses the latest intake: its language and address', async () => {
    await uow.intakes.save(clientId, anIntake({ language: 'fi', contact: { teams: true, email: 'old@example.test', phone: null } }), new Date('2026-03-01T00:00:00Z'));
    await uow.intakes.save(clientId, anIntake({ language: 'sv', contact: { teams: true, email: 'new@example.test', phone: null } }), new Date('2026-03-02T00:00:00Z'));
    const mailer = new FakeMailer(true);
    await sendBookingConfirmationEmail(deps(mailer), await aBookedBooking());
    expect(mailer.sent[0]).toMatchObject({ to: ['new@example.test'], subject: 'Din handledningstid är bokad' });
  });

  it('does nothing without an e-mail address in the latest intake (or without an intake)', async () => {
    const bookingId = await aBookedBooking();
    expect(await sendBookingConfirmationEmail(deps(new FakeMailer(false)), bookingId)).toBe('no_email');
    await uow.intakes.save(clientId, anIntake({ contact: { teams: true, email: null, phone: '+358401234567' } }), NOW);
    expect(await sendBookingConfirmationEmail(deps(new FakeMailer(false)), bookingId)).toBe('no_email');
  });

  it('sends nothing for a cancelled or unknown booking, one without a meeting, or one already started', async () => {
    await uow.intakes.save(clientId, anIntake(), NOW);
    const mailer = new FakeMailer(false);
    expect(await sendBookingConfirmationEmail(deps(mailer), 'no-such-booking')).toBe('not_booked');
    const cancelled = await aBookedBooking();
    await uow.bookings.cancel(cancelled, NOW);
    expect(await sendBookingConfirmationEmail(deps(mailer), cancelled)).toBe('not_booked');
    const withoutMeeting = await aBookedBookingAt(1, false);
    expect(await sendBookingConfirmationEmail(deps(mailer), withoutMeeting)).toBe('no_meeting');
    const started = await aBookedBookingAt(2);
    const startedAt = (await uow.bookings.get(started))!.start;
    expect(await sendBookingConfirmationEmail({ ...deps(mailer), clock: () => startedAt }, started)).toBe('past');
  });

  it('HTML-escapes what it inserts, the link included', async () => {
    await uow.intakes.save(clientId, anIntake(), NOW);
    const created = await uow.bookings.create(aNewBooking({ clientId, adviserId, start: START }), NOW);
    if (!created.ok) throw new Error('scenario');
    await uow.bookings.setMeeting(created.booking.id, { joinUrl: 'https://x.test/?a=1&b="><script>', meetingId: 'm' }, NOW);
    const mailer = new FakeMailer(true);
    await sendBookingConfirmationEmail(deps(mailer), created.booking.id);
    expect(mailer.sent[0]?.html).toContain('href="https://x.test/?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
    expect(mailer.sent[0]?.html).not.toContain('<script>');
  });
});

describe('createBookingEmailHandler', () => {
  const message = (payload: unknown): OutboxMessage => ({
    id: 'o-1',
    topic: BOOKING_EMAIL_TOPIC,
    payload,
    idempotencyKey: 'booking-email:x',
    status: 'pending',
    attempts: 0,
    availableAt: NOW,
    lastError: null,
    createdAt: NOW,
  });

  it('completes the row when there is nothing to send, and sends when there is', async () => {
    const quiet = createBookingEmailHandler(deps(new FakeMailer(false)));
    await expect(quiet(message({ bookingId: 'gone' }))).resolves.toBeUndefined();
    const bookingId = await aBookedBooking();
    await expect(quiet(message({ bookingId }))).resolves.toBeUndefined();

    await uow.intakes.save(clientId, anIntake(), NOW);
    const mailer = new FakeMailer(true);
    await createBookingEmailHandler(deps(mailer))(message({ bookingId }));
    expect(mailer.sent.map((m) => m.to)).toEqual([['amina@example.test']]);
  });

  it('dead-letters a malformed payload and a booking without its meeting', async () => {
    await uow.intakes.save(clientId, anIntake(), NOW);
    const handler = createBookingEmailHandler(deps(new FakeMailer(false)));
    await expect(handler(message({}))).rejects.toMatchObject({ name: 'OutboxDeliveryError', permanent: true, reason: 'bad_payload' });
    const bookingId = await aBookedBooking(false);
    const error = await handler(message({ bookingId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboxDeliveryError);
    expect(error).toMatchObject({ permanent: true, reason: 'no_meeting' });
  });

  it('dead-letters every row while mail is not configured', async () => {
    await expect(mailNotConfigured()).rejects.toMatchObject({ name: 'OutboxDeliveryError', permanent: true, reason: 'not_configured' });
  });
});

/** Bookings on later days of the same week, so they never overlap (the repository refuses that). */
async function aBookedBookingAt(dayOffset: number, meeting = true): Promise<string> {
  const start = new Date(START.getTime() + (dayOffset + 1) * 86_400_000);
  const created = await uow.bookings.create(aNewBooking({ clientId, adviserId, start }), NOW);
  if (!created.ok) throw new Error('scenario: booking refused');
  if (meeting) await uow.bookings.setMeeting(created.booking.id, { joinUrl: JOIN_URL, meetingId: `m-${dayOffset}` }, NOW);
  return created.booking.id;
}
