import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { bookingIcs, bookingIcsUid } from '../../domain/booking/ics.js';
import { isRightToLeft, t, type LanguageCode } from '../../i18n/index.js';
import { auditMailSent, readLatestIntake, workerActor } from '../audited-reads.js';
import type { Mailer, OutgoingMail } from '../ports/graph.js';
import type { Booking } from '../../domain/booking/booking.js';
import type { UnitOfWork } from '../ports/repositories.js';

/**
 * Outbox topic of the confirmation mail (payload `{ bookingId }`). Queued once the booking's first
 * Teams meeting exists, with idempotency key `booking-email:<bookingId>`; a moved booking's new
 * link goes in the "time moved" mail instead (send-booking-change-email.ts).
 */
export const BOOKING_EMAIL_TOPIC = 'mail.booking_confirmation';

/** The intake fields a booking mail reads: where to send it and in which language. */
export const MAIL_READS: readonly string[] = ['contact.email', 'language'];

/**
 * Where and in which language a booking mail goes: the address and language of the client's
 * latest intake, read with an audit row (the mail worker). Undefined when there is no address.
 */
export async function mailRecipient(uow: UnitOfWork, clientId: string, now: Date): Promise<{ readonly email: string; readonly lang: LanguageCode } | undefined> {
  const latest = await readLatestIntake(uow, clientId, workerActor('mail'), MAIL_READS, now);
  const email = latest?.intake.contact.email;
  return latest && email ? { email, lang: latest.intake.language } : undefined;
}

/**
 * Sends one booking mail from the service mailbox to the client's address, then records that the
 * address left the system (`mail.<kind>.send`). The one way booking mails go out.
 */
export async function sendBookingMail(
  deps: SendBookingEmailDeps,
  booking: Pick<Booking, 'id' | 'clientId'>,
  kind: 'confirmation' | 'moved' | 'cancelled' | 'reminder',
  email: string,
  mail: Pick<OutgoingMail, 'subject' | 'html' | 'icsAttachment'>,
  now: Date,
): Promise<void> {
  await deps.mailer.send({ fromUpn: deps.fromUpn, to: [email], ...mail });
  await auditMailSent(deps.uow, booking.clientId, booking.id, kind, now);
}

/** The name of the calendar file attached to the mail. */
export const BOOKING_ICS_FILE_NAME = 'neuvo-appointment.ics';

/** Rules are in Helsinki time (docs/booking.md); the client's device zone is not stored. */
const SERVICE_TIME_ZONE = 'Europe/Helsinki';

/** A time as every booking mail shows it: Helsinki time, in the reader's language, zone named. */
export function mailTime(start: Date, lang: LanguageCode): string {
  return formatForZone(start, SERVICE_TIME_ZONE, lang);
}

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
  const recipient = await mailRecipient(deps.uow, booking.clientId, now);
  if (!recipient) return 'no_email';
  const { email, lang } = recipient;

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
  await sendBookingMail(deps, booking, 'confirmation', email, {
    subject: texts.subject,
    html: confirmationHtml(lang, texts, joinUrl),
    icsAttachment: { fileName: BOOKING_ICS_FILE_NAME, content: ics },
  }, now);
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
    when: t(lang, 'email.confirmation.when', { time: mailTime(start, lang) }),
    join: t(lang, 'email.confirmation.join'),
    browser: t(lang, 'email.confirmation.browser'),
    contact: t(lang, 'email.confirmation.contact'),
  };
}

/** The confirmation body: the time, the join link, how to join, whom to contact. */
function confirmationHtml(lang: LanguageCode, texts: ConfirmationTexts, joinUrl: string): string {
  return bookingMailHtml(lang, [texts.greeting, texts.when, { link: joinUrl, label: texts.join }, texts.browser, texts.contact]);
}

/** One paragraph of a booking mail: plain text, or the join link with its label. */
export type MailParagraph = string | { readonly link: string; readonly label: string };

/**
 * The body of every booking mail (confirmation, reminder, time moved, cancelled): short
 * paragraphs, the join link as a link and, for mail apps that hide links, as text too. Every
 * inserted value is HTML-escaped; `dir="rtl"` for Arabic and Dari/Farsi.
 */
export function bookingMailHtml(lang: LanguageCode, paragraphs: readonly MailParagraph[]): string {
  const dir = isRightToLeft(lang) ? 'rtl' : 'ltr';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"></head>',
    `<body dir="${dir}">`,
    ...paragraphs.map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : linkParagraph(p.link, p.label))),
    '</body>',
    '</html>',
  ].join('\n');
}

function linkParagraph(joinUrl: string, label: string): string {
  // The link comes from Graph; anything but https would be a broken adapter, never a link to send.
  if (!joinUrl.startsWith('https://')) throw new Error('The Teams join link is not an https URL; refusing to put it in a mail.');
  const url = escapeHtml(joinUrl);
  return `<p><a href="${url}">${escapeHtml(label)}</a><br><span dir="ltr">${url}</span></p>`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
