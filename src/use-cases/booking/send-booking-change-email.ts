import type { Booking } from '../../domain/booking/booking.js';
import { bookingIcs, bookingIcsUid, icsSequenceAt } from '../../domain/booking/ics.js';
import { t } from '../../i18n/index.js';
import { readLatestIntake, workerActor } from '../audited-reads.js';
import type { Repositories } from '../ports/repositories.js';
import { BOOKING_ICS_FILE_NAME, bookingMailHtml, mailRecipient, mailTime, sendBookingMail, type SendBookingEmailDeps } from './send-booking-email.js';

/**
 * The "time moved" and "cancelled" mails (issue 3). Both are queued in the same transaction as
 * the change (reschedule-booking.ts, cancel-booking.ts) when the client's latest intake has an
 * e-mail address, and checked again at delivery. Payloads hold ids and instants only; the address
 * and the language are read at delivery from the latest intake.
 *
 * Personal data in the mails: the time, the join link and the recipient's own address — no name,
 * topics or description (a mailbox is a place we cannot purge).
 */

/** Outbox topic of the "your time was moved" mail; payload {@link MovedEmailPayload}. */
export const BOOKING_MOVED_EMAIL_TOPIC = 'mail.booking_moved';
/** Outbox topic of the "your appointment is cancelled" mail; payload {@link CancelledEmailPayload}. */
export const BOOKING_CANCELLED_EMAIL_TOPIC = 'mail.booking_cancelled';

export interface MovedEmailPayload {
  readonly bookingId: string;
  /** The new start: a row whose start the booking no longer has is stale and sends nothing. */
  readonly startMs: number;
  /** When the move was made: the .ics SEQUENCE, so every move outranks the copies sent before. */
  readonly movedAtMs: number;
  /**
   * The meeting the booking held when it moved (null: none yet). The move's own meeting is made
   * later by the outbox (booking-meeting.ts); until the stored meeting differs from this one, the
   * booking still shows the link that is about to be cancelled, and the mail waits.
   */
  readonly replacedMeetingId: string | null;
}

export interface CancelledEmailPayload {
  readonly bookingId: string;
  readonly startMs: number;
  /** When the cancel was made: the SEQUENCE of the CANCEL, above every earlier copy. */
  readonly cancelledAtMs: number;
}

/**
 * Key of a moved mail: one per move. It names the new start, and the instant of the move like the
 * move's meeting does (`<bookingId>~<startMs>~<movedAtMs>`): two moves mail twice — also A → B →
 * A, or back to B later — while the same move enqueued again (a retried transaction) mails once.
 */
export function movedEmailKey(bookingId: string, startMs: number, movedAtMs: number): string {
  return `booking-moved-email:${bookingId}~${startMs}~${movedAtMs}`;
}

/** Key of a cancelled mail: a booking is cancelled at most once, at one start. */
export function cancelledEmailKey(bookingId: string, startMs: number): string {
  return `booking-cancelled-email:${bookingId}~${startMs}`;
}

/** Whether the client's latest intake has an e-mail address: only then is a change mail queued. */
async function hasEmail(repos: Pick<Repositories, 'intakes' | 'audit'>, clientId: string, now: Date): Promise<boolean> {
  const latest = await readLatestIntake(repos, clientId, workerActor('mail'), ['contact.email'], now);
  return Boolean(latest?.intake.contact.email);
}

/**
 * Queues the "time moved" mail for a booking that has just moved. Call it inside the move's
 * transaction with the transaction's repositories, so the mail exists exactly when the move does.
 */
export async function queueMovedEmail(
  tx: Pick<Repositories, 'intakes' | 'outbox' | 'audit'>,
  moved: Booking,
  replacedMeetingId: string | null,
  now: Date,
): Promise<void> {
  if (!(await hasEmail(tx, moved.clientId, now))) return;
  const startMs = moved.start.getTime();
  const payload: MovedEmailPayload = { bookingId: moved.id, startMs, movedAtMs: now.getTime(), replacedMeetingId };
  await tx.outbox.enqueue({ topic: BOOKING_MOVED_EMAIL_TOPIC, payload: { ...payload }, idempotencyKey: movedEmailKey(moved.id, startMs, now.getTime()) }, now);
}

/** Queues the "cancelled" mail for a booking that has just been cancelled; inside the cancel's transaction. */
export async function queueCancelledEmail(tx: Pick<Repositories, 'intakes' | 'outbox' | 'audit'>, cancelled: Booking, now: Date): Promise<void> {
  if (!(await hasEmail(tx, cancelled.clientId, now))) return;
  const startMs = cancelled.start.getTime();
  const payload: CancelledEmailPayload = { bookingId: cancelled.id, startMs, cancelledAtMs: now.getTime() };
  await tx.outbox.enqueue({ topic: BOOKING_CANCELLED_EMAIL_TOPIC, payload: { ...payload }, idempotencyKey: cancelledEmailKey(cancelled.id, startMs) }, now);
}

/**
 * - `sent`: the mail went to the address of the latest intake.
 * - `not_booked`: the booking is gone or was cancelled after the move: the cancel mail says so.
 * - `stale`: the booking moved again before this mail went: the later move's mail tells the time
 *   that is true now, so this one is skipped rather than rewritten (two mails with the same news
 *   would be one too many, and an old time would be wrong).
 * - `past`: the new time has already started (the outbox was held up).
 * - `no_email`: the latest intake has no address any more.
 * - `waiting_for_meeting`: the meeting for the new time is not stored yet; try again shortly.
 */
export type SendMovedEmailOutcome = 'sent' | 'not_booked' | 'stale' | 'past' | 'no_email' | 'waiting_for_meeting';

/**
 * Tells the client their appointment has a new time: the time, the NEW join link (a move makes a
 * new Teams meeting and cancels the old one) and an .ics update — same UID as the confirmation,
 * METHOD:REQUEST, SEQUENCE from the instant of the move — so the calendar moves the event
 * instead of adding a second one.
 *
 * The mail waits for the move's meeting rather than going out without a link: the link is what
 * the client needs, and the meeting normally exists within seconds. booking-meeting.ts queues no
 * "booked" confirmation for a moved booking's meeting, so one move gives one mail.
 */
export async function sendMovedEmail(deps: SendBookingEmailDeps, payload: MovedEmailPayload): Promise<SendMovedEmailOutcome> {
  const booking = await deps.uow.bookings.get(payload.bookingId);
  if (!booking || booking.status !== 'booked') return 'not_booked';
  if (booking.start.getTime() !== payload.startMs) return 'stale';
  const now = deps.clock();
  if (booking.start.getTime() <= now.getTime()) return 'past';
  const recipient = await mailRecipient(deps.uow, booking.clientId, now);
  if (!recipient) return 'no_email';
  const { email, lang } = recipient;
  const meeting = booking.meeting;
  if (!meeting || meeting.meetingId === payload.replacedMeetingId) return 'waiting_for_meeting';

  const when = t(lang, 'email.moved.when', { time: mailTime(booking.start, lang) });
  const join = t(lang, 'email.confirmation.join');
  const ics = bookingIcs({
    uid: bookingIcsUid(booking.id),
    start: booking.start,
    end: booking.end,
    // The event's title stays the confirmation's: calendar apps replace it on update.
    summary: t(lang, 'email.confirmation.subject'),
    description: [when, `${join}: ${meeting.joinUrl}`, t(lang, 'email.confirmation.browser')].join('\n'),
    url: meeting.joinUrl,
    organizerEmail: deps.fromUpn,
    attendeeEmail: email,
    method: 'REQUEST',
    sequence: icsSequenceAt(new Date(payload.movedAtMs)),
    now,
  });
  await sendBookingMail(deps, booking, 'moved', email, {
    subject: t(lang, 'email.moved.subject'),
    html: bookingMailHtml(lang, [
      t(lang, 'email.confirmation.greeting'),
      when,
      t(lang, 'email.moved.newLink'),
      { link: meeting.joinUrl, label: join },
      t(lang, 'email.confirmation.browser'),
      t(lang, 'email.confirmation.contact'),
    ]),
    icsAttachment: { fileName: BOOKING_ICS_FILE_NAME, content: ics },
  }, now);
  return 'sent';
}

/**
 * - `sent`: the mail went out.
 * - `not_cancelled`: the booking is gone (purged) or, against the rules, booked again.
 * - `past`: the cancelled time has already passed: a note now would only confuse.
 * - `no_email`: the latest intake has no address any more.
 */
export type SendCancelledEmailOutcome = 'sent' | 'not_cancelled' | 'past' | 'no_email';

/**
 * Tells the client their appointment is cancelled: a short note with the time, and an .ics
 * METHOD:CANCEL with the confirmation's UID (and a SEQUENCE above every earlier copy) so calendar
 * apps remove the event. It does not need the meeting: a booking cancelled before its meeting was
 * made gets the same mail (a CANCEL for an event the calendar never had is ignored).
 */
export async function sendCancelledEmail(deps: SendBookingEmailDeps, payload: CancelledEmailPayload): Promise<SendCancelledEmailOutcome> {
  const booking = await deps.uow.bookings.get(payload.bookingId);
  if (!booking || booking.status !== 'cancelled') return 'not_cancelled';
  const now = deps.clock();
  if (booking.start.getTime() <= now.getTime()) return 'past';
  const recipient = await mailRecipient(deps.uow, booking.clientId, now);
  if (!recipient) return 'no_email';
  const { email, lang } = recipient;

  const when = t(lang, 'email.cancelled.when', { time: mailTime(booking.start, lang) });
  const ics = bookingIcs({
    uid: bookingIcsUid(booking.id),
    start: booking.start,
    end: booking.end,
    summary: t(lang, 'email.confirmation.subject'),
    description: when,
    organizerEmail: deps.fromUpn,
    attendeeEmail: email,
    method: 'CANCEL',
    sequence: icsSequenceAt(new Date(payload.cancelledAtMs)),
    now,
  });
  await sendBookingMail(deps, booking, 'cancelled', email, {
    subject: t(lang, 'email.cancelled.subject'),
    html: bookingMailHtml(lang, [t(lang, 'email.confirmation.greeting'), when, t(lang, 'email.cancelled.bookNew')]),
    icsAttachment: { fileName: BOOKING_ICS_FILE_NAME, content: ics },
  }, now);
  return 'sent';
}
