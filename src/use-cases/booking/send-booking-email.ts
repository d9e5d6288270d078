import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { bookingIcs, bookingIcsUid } from '../../domain/booking/ics.js';
import { isRightToLeft, t, type LanguageCode } from '../../i18n/index.js';
import type { Mailer } from '../ports/graph.js';
import type { UnitOfWork } from '../ports/repositories.js';

/**
 * Outbox topic of the confirmation mail (payload `{ bookingId }`). Queued once the booking's Teams
 * meeting exists, with idempotency key `booking-email:<bookingId>`.
 */
export const BOOKING_EMAIL_TOPIC = 'mail.booking_confirmation';

/** The name of the calendar file attached to the mail. */
export const BOOKING_ICS_FILE_NAME = 'neuvo-appointment.ics';

/** Rules are in Helsinki time (docs/booking.md); the client's device zone is not stored. */
const SERVICE_TIME_ZONE = 'Europe/Helsinki';

export interface SendBookingEmailDeps {
  readonly uow: UnitOfWork;
  readonly mailer: Mailer;
  readonly clock: () => Date;
  /** The service's sending mailbox (`GRAPH_MAIL_FROM`); also the ORGANIZER of the .ics. */
  readonly fromUpn: string;
}

/**
 * - `sent`: the mail went to the client's address.
 * - `no_email`: the client's latest intake has no e-mail address: nothing to do.
 * - `not_booked`: the booking is gone or cancelled: no confirmation.
 * - `no_meeting`: the booking has no Teams meeting yet (queued too early: a wiring bug).
 * - `past`: the appointment has already started (the outbox was held up): a confirmation now
 *   would only confuse.
 */
export type SendBookingEmailOutcome = 'sent' | 'no_email' | 'not_booked' | 'no_meeting' | 'past';

/**
 * Sends the client a confirmation of a booked appointment by e-mail, in the language of their
 * latest intake, with the Teams join link and an .ics file (METHOD:REQUEST) for their calendar.
 *
 * Delivery is at least once: the outbox key makes sure one mail is queued per booking, but Graph's
 * sendMail has no idempotency key, so a retry after a timeout whose mail did go out sends it twice.
 * The calendar copy stays single: the .ics UID is the booking's, so a calendar app updates the
 * event it already has.
 *
 * Personal data: the mail holds the time, the join link and the recipient's own address — nothing
 * of the intake (no name, topics or description), since a mailbox is a place we cannot purge.
 */
export async function sendBookingConfirmationEmail(deps: SendBookingEmailDeps, bookingId: string): Promise<SendBookingEmailOutcome> {
  const booking = await deps.uow.bookings.get(bookingId);
  if (!booking || booking.status !== 'booked') return 'not_booked';
  if (!booking.meeting) return 'no_meeting';
  const now = deps.clock();
  if (booking.start.getTime() <= now.getTime()) return 'past';
  const latest = await deps.uow.intakes.latestForClient(booking.clientId);
  const email = latest?.intake.contact.email;
  if (!latest || !email) return 'no_email';

  const lang = latest.intake.language;
  const joinUrl = booking.meeting.joinUrl;
  const texts = confirmationTexts(lang, booking.start);
  const ics = bookingIcs({
    uid: bookingIcsUid(booking.id),
    start: booking.start,
    end: booking.end,
    summary: texts.subject,
    description: [texts.when, `${texts.join}: ${joinUrl}`, texts.browser, texts.contact].join('\n'),
    url: joinUrl,
    organizerEmail: deps.fromUpn,
    attendeeEmail: email,
    method: 'REQUEST',
    now,
  });
  await deps.mailer.send({
    fromUpn: deps.fromUpn,
    to: [email],
    subject: texts.subject,
    html: confirmationHtml(lang, texts, joinUrl),
    icsAttachment: { fileName: BOOKING_ICS_FILE_NAME, content: ics },
  });
  return 'sent';
}

interface ConfirmationTexts {
  readonly subject: string;
  readonly greeting: string;
  readonly when: string;
  readonly join: string;
  readonly browser: string;
  readonly contact: string;
}

function confirmationTexts(lang: LanguageCode, start: Date): ConfirmationTexts {
  return {
    subject: t(lang, 'email.confirmation.subject'),
    greeting: t(lang, 'email.confirmation.greeting'),
    when: t(lang, 'email.confirmation.when', { time: formatForZone(start, SERVICE_TIME_ZONE, lang) }),
    join: t(lang, 'email.confirmation.join'),
    browser: t(lang, 'email.confirmation.browser'),
    contact: t(lang, 'email.confirmation.contact'),
  };
}

/**
 * The mail body: short paragraphs, the join link as a link and, for mail apps that hide links,
 * as text too. Every inserted value is HTML-escaped; `dir="rtl"` for Arabic and Dari/Farsi.
 */
function confirmationHtml(lang: LanguageCode, texts: ConfirmationTexts, joinUrl: string): string {
  // The link comes from Graph; anything but https would be a broken adapter, never a link to send.
  if (!joinUrl.startsWith('https://')) throw new Error('The Teams join link is not an https URL; refusing to put it in a mail.');
  const dir = isRightToLeft(lang) ? 'rtl' : 'ltr';
  const url = escapeHtml(joinUrl);
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"></head>',
    `<body dir="${dir}">`,
    `<p>${escapeHtml(texts.greeting)}</p>`,
    `<p>${escapeHtml(texts.when)}</p>`,
    `<p><a href="${url}">${escapeHtml(texts.join)}</a><br><span dir="ltr">${url}</span></p>`,
    `<p>${escapeHtml(texts.browser)}</p>`,
    `<p>${escapeHtml(texts.contact)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
