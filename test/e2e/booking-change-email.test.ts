import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FileAttachment } from '@microsoft/microsoft-graph-types';
import { formatForZone } from '../../src/domain/booking/helsinki-time.js';
import type { Intake } from '../../src/domain/intake/intake.js';
import { t, type LanguageCode } from '../../src/i18n/index.js';
import { bookSession } from '../../src/use-cases/booking/book-session.js';
import { cancelBooking } from '../../src/use-cases/booking/cancel-booking.js';
import { findSlots } from '../../src/use-cases/booking/find-slots.js';
import { findRescheduleSlots, rescheduleBooking } from '../../src/use-cases/booking/reschedule-booking.js';
import { escapeHtml } from '../../src/use-cases/booking/send-booking-email.js';
import type { GraphSimulator, SentMail } from '../graph-simulator/graph-simulator.js';
import { bookFirstTime, intakeData, newClient, seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * The e-mail side of a booking for a client WITHOUT Teams (as the public booking page will make
 * them: a client and an intake with an e-mail address, no Entra identity, no chat), end to end up
 * to the local Graph simulator through the real GraphMailer, in Arabic: book → meeting →
 * confirmation → change the time → "time moved" mail with the new link and an .ics update, the
 * old time's reminders silent → reminders by e-mail for the new time → cancel → "cancelled" mail
 * with an .ics CANCEL, no reminder after. And a Teams client with an address keeps getting their
 * reminder in Teams only. Time moves with an injected clock; the dispatcher runs by hand.
 */
const FROM = 'neuvo@neuvo.test';
const HOUR = 3_600_000;
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
let now = new Date();

beforeAll(async () => {
  env = await startNeuvoWithGraph({ GRAPH_MAIL_FROM: FROM }, () => now);
  ({ sut, graph } = env);
  await seedAdviser(sut, 'chg', ['fi', 'ar'], ['kontiolahti']);
  await seedAdviser(sut, 'chg-teams', ['fi', 'so'], ['outokumpu']);
});
afterAll(async () => env?.close());

const ctx = () => ({ uow: sut.neuvo.uow, clock: () => now });
const criteria = { municipalityCode: 'kontiolahti', language: 'ar' as const, interpreterLanguage: null, topics: ['housing' as const], serviceTypeCode: 'guidance' };
const run = () => sut.neuvo.dispatcher.runOnce();
const mailsTo = (address: string): SentMail[] => graph.sentMail().filter((m) => m.message.toRecipients?.some((r) => r.emailAddress?.address === address));
const helsinki = (d: Date, lang: LanguageCode) => formatForZone(d, 'Europe/Helsinki', lang);
const icsUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function icsOf(mail: SentMail | undefined): string {
  const attachment = mail?.message.attachments?.[0] as FileAttachment | undefined;
  return Buffer.from(attachment?.contentBytes ?? '', 'base64').toString('utf8').replace(/\r\n /g, '');
}

it('mails a client without Teams: confirmation, time moved, reminders for the new time only, cancelled', async () => {
  const uow = sut.neuvo.uow;
  const email = 'layla@example.test';
  const client = await uow.clients.create({ municipalityCode: 'kontiolahti', displayName: 'Layla', preferredLanguage: 'ar' }, now);
  const intake: Intake = {
    name: 'Layla',
    municipalityCode: 'kontiolahti',
    language: 'ar',
    interpreterLanguage: null,
    topics: ['housing'],
    description: 'سكن قريب',
    contact: { teams: false, email, phone: null },
    consent: { shareWithReferralPartners: false },
  };
  await uow.intakes.save(client.id, intake, now);

  // Book a time at least three days ahead, so both reminders of it are queued.
  const offered = await findSlots(ctx(), { ...criteria, from: new Date(now.getTime() + 72 * HOUR), limit: 1 });
  const slot = offered.ok ? offered.slots[0] : undefined;
  expect(slot).toBeDefined();
  const booked = await bookSession(ctx(), { ...criteria, clientId: client.id, actorId: 'public', actorTenantId: null, channel: 'public', start: slot!.start, adviserId: slot!.adviserId });
  expect(booked.ok).toBe(true);
  const bookingId = booked.ok ? booked.booking.id : '';
  const firstStart = slot!.start;

  // The meeting, then the confirmation (Arabic, right to left).
  await run();
  await run();
  const firstLink = (await uow.bookings.get(bookingId))?.meeting?.joinUrl;
  expect(firstLink).toBeDefined();
  expect(mailsTo(email).map((m) => m.message.subject)).toEqual([t('ar', 'email.confirmation.subject')]);

  // Change the time to one at least a day later, before the old reminders are due.
  const moves = await findRescheduleSlots(ctx(), { ...criteria, bookingId, clientId: client.id, actorId: 'self', actorTenantId: null, limit: 1, from: new Date(firstStart.getTime() + 24 * HOUR) });
  const target = moves.ok ? moves.slots[0] : undefined;
  expect(target).toBeDefined();
  const movedAt = now;
  const moved = await rescheduleBooking(ctx(), { ...criteria, bookingId, clientId: client.id, actorId: 'public', actorTenantId: null, channel: 'public', newStart: target!.start, adviserId: target!.adviserId });
  expect(moved.ok).toBe(true);
  const newStart = target!.start;

  // The new meeting and the moved mail are queued together; the mail waits for the meeting if it
  // runs first, so look again a couple of minutes later.
  await run();
  now = new Date(now.getTime() + 2 * 60_000);
  await run();
  const newLink = (await uow.bookings.get(bookingId))?.meeting?.joinUrl;
  expect(newLink).toBeDefined();
  expect(newLink).not.toBe(firstLink);
  const afterMove = mailsTo(email);
  // One mail for the move: the "moved" one, not a second "booked" confirmation.
  expect(afterMove.map((m) => m.message.subject)).toEqual([t('ar', 'email.confirmation.subject'), t('ar', 'email.moved.subject')]);
  const movedMail = afterMove[1]!;
  expect(movedMail).toMatchObject({ from: FROM, saveToSentItems: false });
  expect(movedMail.message.toRecipients).toEqual([{ emailAddress: { address: email } }]);
  const movedHtml = movedMail.message.body?.content ?? '';
  expect(movedHtml).toContain('<html lang="ar" dir="rtl">');
  expect(movedHtml).toContain(escapeHtml(t('ar', 'email.moved.when', { time: helsinki(newStart, 'ar') })));
  expect(movedHtml).toContain(`<a href="${escapeHtml(newLink!)}">`);
  expect(movedHtml).not.toContain(escapeHtml(firstLink!));
  expect(movedHtml).not.toContain('Layla');
  expect(movedHtml).not.toContain('سكن قريب');
  const movedIcs = icsOf(movedMail);
  expect(movedIcs).toContain('\r\nMETHOD:REQUEST\r\n');
  expect(movedIcs).toContain(`\r\nUID:${bookingId}@neuvo\r\n`);
  expect(movedIcs).toContain(`\r\nDTSTART:${icsUtc(newStart)}\r\n`);
  expect(movedIcs).toContain(`\r\nURL:${newLink!}\r\n`);
  const movedSequence = Number(/\r\nSEQUENCE:(\d+)\r\n/.exec(movedIcs)?.[1]);
  expect(movedSequence).toBeGreaterThan(0);
  expect(movedIcs).not.toContain('Layla');

  // A retry sends nothing more, and picking the same time again (a double click) is no new move.
  await run();
  const again = await rescheduleBooking(ctx(), { ...criteria, bookingId, clientId: client.id, actorId: 'public', actorTenantId: null, newStart, adviserId: target!.adviserId });
  expect(again.ok).toBe(true);
  await run();
  expect(mailsTo(email)).toHaveLength(2);

  // The old time's reminders come due: they skip themselves (the booking moved).
  now = new Date(firstStart.getTime() - 30 * 60_000);
  await run();
  expect(mailsTo(email)).toHaveLength(2);
  expect(movedAt.getTime()).toBeLessThan(firstStart.getTime() - 24 * HOUR);

  // The new time's 24 h reminder: by e-mail (no Teams chat), in Arabic, with the time and the link.
  now = new Date(newStart.getTime() - 24 * HOUR + 60_000);
  await run();
  const reminders = mailsTo(email).slice(2);
  expect(reminders.map((m) => m.message.subject)).toEqual([t('ar', 'email.reminder.subject')]);
  const reminderHtml = reminders[0]?.message.body?.content ?? '';
  expect(reminderHtml).toContain(escapeHtml(t('ar', 'email.reminder.when', { time: helsinki(newStart, 'ar') })));
  expect(reminderHtml).toContain(`<a href="${escapeHtml(newLink!)}">`);
  expect(reminders[0]?.message.attachments ?? []).toEqual([]);
  await run();
  expect(mailsTo(email)).toHaveLength(3);

  // Cancel before the 1 h reminder: the "cancelled" mail removes the event; no reminder after.
  const cancelled = await cancelBooking(ctx(), { bookingId, clientId: client.id, actorId: 'public', actorTenantId: null, channel: 'public' });
  expect(cancelled.ok).toBe(true);
  await run();
  const cancelMails = mailsTo(email).slice(3);
  expect(cancelMails.map((m) => m.message.subject)).toEqual([t('ar', 'email.cancelled.subject')]);
  expect(cancelMails[0]?.message.body?.content).toContain(escapeHtml(t('ar', 'email.cancelled.when', { time: helsinki(newStart, 'ar') })));
  const cancelIcs = icsOf(cancelMails[0]);
  expect(cancelIcs).toContain('\r\nMETHOD:CANCEL\r\n');
  expect(cancelIcs).toContain(`\r\nUID:${bookingId}@neuvo\r\n`);
  expect(cancelIcs).toContain(`\r\nDTSTART:${icsUtc(newStart)}\r\n`);
  expect(cancelIcs).toContain('\r\nSTATUS:CANCELLED\r\n');
  expect(Number(/\r\nSEQUENCE:(\d+)\r\n/.exec(cancelIcs)?.[1])).toBeGreaterThan(movedSequence);

  now = new Date(newStart.getTime() - 30 * 60_000);
  await run();
  expect(mailsTo(email)).toHaveLength(4);
  // Nothing was dead-lettered on the way: every skip completed its row.
  expect((await uow.outbox.countByStatus()).dead).toBe(0);
  // No Teams message ever went to this client (they have no chat).
  expect(sut.channel.connector.activities).toHaveLength(0);
});

it('reminds a Teams client with an e-mail address in Teams only', async () => {
  const hodan = newClient(sut, 'chg-so', 'so-SO');
  const email = 'hodan@example.test';
  const booking = await bookFirstTime(sut, hodan, intakeData('so', 'outokumpu', { name: 'Hodan', topics: 'health', email }));
  await run(); // the meeting
  await run(); // the confirmation mail and the Teams link message
  expect(mailsTo(email).map((m) => m.message.subject)).toEqual([t('so', 'email.confirmation.subject')]);

  sut.channel.connector.reset();
  now = new Date(booking.start.getTime() - 30 * 60_000);
  await run();
  const text = t('so', 'booking.reminder', { time: helsinki(booking.start, 'so') });
  const sent = sut.channel.connector.activities.filter((a) => a.activity.type === 'message');
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.every((a) => a.activity.text === text && a.conversationId === hodan.chat.scene.conversation.id)).toBe(true);
  // The confirmation is still the only mail: no e-mail reminder beside the Teams one.
  expect(mailsTo(email)).toHaveLength(1);
});
