import { readClient, workerActor, type AuditActor } from '../audited-reads.js';
import { t } from '../../i18n/index.js';
import type { Repositories } from '../ports/repositories.js';
import { bookingMailHtml, mailRecipient, mailTime, sendBookingMail, type MailParagraph, type SendBookingEmailDeps } from './send-booking-email.js';

/** What a `booking.reminder` outbox row carries (book-session.ts, reschedule-booking.ts). */
export interface ReminderEmailInput {
  readonly bookingId: string;
  /** The start the reminder was queued for: a moved booking has its own, newer reminders. */
  readonly startMs: number;
}

export type SendReminderEmailDeps = SendBookingEmailDeps;

/**
 * - `sent`: the reminder went to the address of the client's latest intake.
 * - `not_booked`: the booking is gone or cancelled: never a reminder after a cancel.
 * - `stale`: the booking has moved since this reminder was queued (its `startMs` is not the
 *   booking's start); the reminders queued with the move remind of the new time.
 * - `past`: the appointment has already started (the outbox was held up).
 * - `teams_client`: the client has a Teams chat with the bot: the Teams reminder goes instead.
 * - `no_email`: no Teams chat and no e-mail address: the client cannot be reminded.
 */
export type SendReminderEmailOutcome = 'sent' | 'not_booked' | 'stale' | 'past' | 'teams_client' | 'no_email';

/**
 * Where a client's Teams personal chat with the bot is, if they have one: their Entra identity
 * and a stored conversation reference (saved on their first message). Clients who booked on the
 * public page have neither.
 */
export async function teamsConversationOf(
  repos: Pick<Repositories, 'clients' | 'conversations' | 'audit'>,
  clientId: string,
  now: Date,
  reader: AuditActor = workerActor('reminders'),
): Promise<{ readonly tenantId: string; readonly userKey: string } | undefined> {
  const client = await readClient(repos, clientId, reader, ['entraObjectId', 'tenantId'], now);
  if (!client?.entraObjectId || !client.tenantId) return undefined;
  const stored = await repos.conversations.find(client.tenantId, client.entraObjectId);
  return stored ? { tenantId: client.tenantId, userKey: client.entraObjectId } : undefined;
}

/**
 * The reminder 24 h or 1 h before an appointment, by e-mail, for a client who has no Teams chat
 * with the bot (booked on the public page): the time and the join link, in the language of the
 * latest intake. The same rules as the Teams reminder, checked at delivery: nothing after a
 * cancel, nothing for a start the booking no longer has, and one send per outbox row (the row's
 * key is per booking, offset and start; a Graph timeout retried after the mail did go out can
 * still send twice, as for every mail).
 *
 * A client with both a Teams chat and an address gets only the Teams reminder: one reminder,
 * through the channel they booked in. Two would be noise, and the Teams one arrives where they
 * already talk to us.
 *
 * The link: the booking's current meeting. If it is not created yet (Graph was down), the
 * reminder still goes with the time, and says the link follows: the confirmation mail is queued
 * the moment the meeting exists. Personal data: the time, the link and the recipient's own address.
 */
export async function sendReminderEmail(deps: SendReminderEmailDeps, reminder: ReminderEmailInput): Promise<SendReminderEmailOutcome> {
  const booking = await deps.uow.bookings.get(reminder.bookingId);
  if (!booking || booking.status !== 'booked') return 'not_booked';
  if (booking.start.getTime() !== reminder.startMs) return 'stale';
  const now = deps.clock();
  if (booking.start.getTime() <= now.getTime()) return 'past';
  if (await teamsConversationOf(deps.uow, booking.clientId, now)) return 'teams_client';
  const recipient = await mailRecipient(deps.uow, booking.clientId, now);
  if (!recipient) return 'no_email';
  const { email, lang } = recipient;

  const link: MailParagraph = booking.meeting
    ? { link: booking.meeting.joinUrl, label: t(lang, 'email.confirmation.join') }
    : t(lang, 'email.reminder.linkLater');
  await sendBookingMail(deps, booking, 'reminder', email, {
    subject: t(lang, 'email.reminder.subject'),
    html: bookingMailHtml(lang, [
      t(lang, 'email.confirmation.greeting'),
      t(lang, 'email.reminder.when', { time: mailTime(booking.start, lang) }),
      link,
      t(lang, 'email.confirmation.browser'),
      t(lang, 'email.confirmation.contact'),
    ]),
  }, now);
  return 'sent';
}
