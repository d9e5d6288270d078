import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewBooking } from '../../../test/factories/booking-factory.js';
import type { Intake } from '../../domain/intake/intake.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { t } from '../../i18n/index.js';
import { createReminderEmailHandler } from '../../jobs/mail-handlers.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import type { Mailer } from '../ports/graph.js';
import { REMINDER_TOPIC } from './book-session.js';
import { escapeHtml } from './send-booking-email.js';
import { sendReminderEmail, teamsConversationOf, type SendReminderEmailDeps } from './send-reminder-email.js';
import { FakeMailer } from '../../../test/fakes/fake-mailer.js';
import { anIntake as anIntakeOf } from '../../../test/factories/intake-factory.js';

/**
 * Scenario: an appointment on Tuesday 14 April 2026 at 09:00 Helsinki (06:00Z); the 24 h reminder
 * is delivered on Monday 13 April at 06:00Z. The client booked on the public page: no Entra
 * identity, no Teams chat, an e-mail address in the intake.
 */
const START = new Date('2026-04-14T06:00:00Z');
const NOW = new Date('2026-04-13T06:00:00Z');
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_r%40thread.v2/0?context=%7b%7d&a=1';

let uow: InMemoryUnitOfWork;
let adviserId: string;
let pageClientId: string;

const anIntake = (overrides: Partial<Intake> = {}): Intake => anIntakeOf({ ...{ name: 'Oksana', language: 'uk', description: 'Житло', contact: { teams: false, email: 'oksana@example.test', phone: null } }, ...overrides });

const deps = (mailer: Mailer, now = NOW): SendReminderEmailDeps => ({ uow, mailer, clock: () => now, fromUpn: 'neuvo@neuvo.test' });

async function aBooking(clientId: string, start = START, meeting: boolean = true): Promise<string> {
  const created = await uow.bookings.create(aNewBooking({ clientId, adviserId, start }), new Date('2026-04-01T00:00:00Z'));
  if (!created.ok) throw new Error('scenario: booking refused');
  if (meeting) await uow.bookings.setMeeting(created.booking.id, { joinUrl: JOIN_URL, meetingId: 'm-1' }, NOW);
  return created.booking.id;
}

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  adviserId = (await uow.staff.upsert({ entraObjectId: 'aad-adviser', tenantId: 't1', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'uk'] })).id;
  pageClientId = (await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Oksana', preferredLanguage: 'uk' }, NOW)).id;
  await uow.intakes.save(pageClientId, anIntake(), NOW);
});

describe('sendReminderEmail', () => {
  it('mails a client without Teams in the intake language: the time and the join link, nothing of the intake', async () => {
    const bookingId = await aBooking(pageClientId);
    const mailer = new FakeMailer(true);

    expect(await sendReminderEmail(deps(mailer), { bookingId, startMs: START.getTime() })).toBe('sent');

    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ fromUpn: 'neuvo@neuvo.test', to: ['oksana@example.test'], subject: 'Нагадування: ваша консультація' });
    expect(mail.html).toContain('<html lang="uk" dir="ltr">');
    expect(mail.html).toContain(escapeHtml(t('uk', 'email.reminder.when', { time: formatForZone(START, 'Europe/Helsinki', 'uk') })));
    expect(mail.html).toContain(`<a href="${escapeHtml(JOIN_URL)}">${t('uk', 'email.confirmation.join')}</a>`);
    expect(mail.html).not.toContain('Oksana');
    expect(mail.html).not.toContain('Житло');
    // A reminder changes nothing in the calendar: no .ics.
    expect(mail.icsAttachment).toBeUndefined();
  });

  it('still reminds without a meeting, and says the link follows', async () => {
    const bookingId = await aBooking(pageClientId, START, false);
    const mailer = new FakeMailer(true);
    expect(await sendReminderEmail(deps(mailer), { bookingId, startMs: START.getTime() })).toBe('sent');
    expect(mailer.sent[0]?.html).toContain(escapeHtml(t('uk', 'email.reminder.linkLater')));
    expect(mailer.sent[0]?.html).not.toContain('<a href=');
  });

  it('never after a cancel, never for a start the booking no longer has, never after the start', async () => {
    const mailer = new FakeMailer(false);
    const cancelled = await aBooking(pageClientId);
    await uow.bookings.cancel(cancelled, NOW);
    expect(await sendReminderEmail(deps(mailer), { bookingId: cancelled, startMs: START.getTime() })).toBe('not_booked');
    expect(await sendReminderEmail(deps(mailer), { bookingId: 'no-such-booking', startMs: START.getTime() })).toBe('not_booked');

    const moved = await aBooking(pageClientId);
    const later = new Date(START.getTime() + 2 * 3_600_000);
    await uow.bookings.reschedule(moved, later, new Date(later.getTime() + 45 * 60_000), new Date(later.getTime() + 60 * 60_000), NOW);
    expect(await sendReminderEmail(deps(mailer), { bookingId: moved, startMs: START.getTime() })).toBe('stale');

    expect(await sendReminderEmail(deps(mailer, later), { bookingId: moved, startMs: later.getTime() })).toBe('past');
  });

  it('leaves a client with a Teams chat to the Teams reminder, even with an address', async () => {
    const teamsClient = await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Hodan', preferredLanguage: 'so', entraObjectId: 'aad-hodan', tenantId: 't1' }, NOW);
    await uow.intakes.save(teamsClient.id, anIntake({ language: 'so', contact: { teams: true, email: 'hodan@example.test', phone: null } }), NOW);
    const bookingId = await aBooking(teamsClient.id);
    // An Entra identity alone is not a chat: without a stored conversation the mail goes.
    const mailer = new FakeMailer(true);
    expect(await teamsConversationOf(uow, teamsClient.id, NOW)).toBeUndefined();
    expect(await sendReminderEmail(deps(mailer), { bookingId, startMs: START.getTime() })).toBe('sent');
    expect(mailer.sent[0]?.to).toEqual(['hodan@example.test']);

    await uow.conversations.save({ tenantId: 't1', userKey: 'aad-hodan', conversationId: 'a:1', serviceUrl: 'https://smba.test/', locale: 'so-SO', reference: {}, updatedAt: NOW });
    expect(await teamsConversationOf(uow, teamsClient.id, NOW)).toEqual({ tenantId: 't1', userKey: 'aad-hodan' });
    expect(await sendReminderEmail(deps(new FakeMailer(false)), { bookingId, startMs: START.getTime() })).toBe('teams_client');
  });

  it('uses the latest intake; without an address there is no channel', async () => {
    const bookingId = await aBooking(pageClientId);
    await uow.intakes.save(pageClientId, anIntake({ language: 'fa', contact: { teams: false, email: 'new@example.test', phone: null } }), new Date(NOW.getTime() + 1));
    const mailer = new FakeMailer(true);
    await sendReminderEmail(deps(mailer), { bookingId, startMs: START.getTime() });
    expect(mailer.sent[0]).toMatchObject({ to: ['new@example.test'], subject: t('fa', 'email.reminder.subject') });
    expect(mailer.sent[0]?.html).toContain('<html lang="fa" dir="rtl">');

    await uow.intakes.save(pageClientId, anIntake({ contact: { teams: false, email: null, phone: '+358401234567' } }), new Date(NOW.getTime() + 2));
    expect(await sendReminderEmail(deps(new FakeMailer(false)), { bookingId, startMs: START.getTime() })).toBe('no_email');
  });
});

describe('createReminderEmailHandler', () => {
  const message = (payload: unknown): OutboxMessage => ({
    id: 'o-1',
    topic: REMINDER_TOPIC,
    payload,
    idempotencyKey: 'reminder:x',
    status: 'pending',
    attempts: 0,
    availableAt: NOW,
    lastError: null,
    createdAt: NOW,
  });

  it('sends, completes the skips, and dead-letters a client who cannot be reached or a bad payload', async () => {
    const bookingId = await aBooking(pageClientId);
    const mailer = new FakeMailer(true);
    await createReminderEmailHandler(deps(mailer))(message({ bookingId, startMs: START.getTime() }));
    expect(mailer.sent).toHaveLength(1);

    const quiet = createReminderEmailHandler(deps(new FakeMailer(false)));
    await expect(quiet(message({ bookingId, startMs: START.getTime() - 1 }))).resolves.toBeUndefined();

    await uow.intakes.save(pageClientId, anIntake({ contact: { teams: false, email: null, phone: null } }), new Date(NOW.getTime() + 1));
    const error = await quiet(message({ bookingId, startMs: START.getTime() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboxDeliveryError);
    expect(error).toMatchObject({ permanent: true, reason: 'no_channel' });
    await expect(quiet(message({ bookingId }))).rejects.toMatchObject({ permanent: true, reason: 'bad_payload' });
  });
});
