import type { OutboxMessage } from '../domain/outbox/outbox.js';
import type { Mailer } from '../use-cases/ports/graph.js';
import {
  BOOKING_CANCELLED_EMAIL_TOPIC,
  BOOKING_MOVED_EMAIL_TOPIC,
  sendCancelledEmail,
  sendMovedEmail,
  type CancelledEmailPayload,
  type MovedEmailPayload,
} from '../use-cases/booking/send-booking-change-email.js';
import { BOOKING_EMAIL_TOPIC, sendBookingConfirmationEmail, type SendBookingEmailDeps } from '../use-cases/booking/send-booking-email.js';
import { sendReminderEmail, type ReminderEmailInput } from '../use-cases/booking/send-reminder-email.js';
import { OutboxDeliveryError, type OutboxHandler } from './outbox-dispatcher.js';

/**
 * How long a "time moved" mail waits before looking again for the new meeting. The meeting row
 * is queued with the move and normally done within a poll or two; a minute keeps a Graph outage
 * from spinning, and the dispatcher's attempt limit dead-letters the mail (to be requeued by an
 * operator) if the meeting never comes.
 */
export const WAIT_FOR_MEETING_MS = 60_000;

/** Every mail a booking causes, by outbox topic, plus the e-mail leg of the reminder. */
export interface MailHandlers {
  readonly byTopic: Readonly<Record<string, OutboxHandler>>;
  /**
   * The reminder for a client without a Teams chat. Not a topic of its own: `booking.reminder`
   * rows go to the Teams reminder handler, which hands them here when there is no chat.
   */
  readonly reminderByEmail: OutboxHandler;
}

/** The mail handlers over one mailer and sending mailbox (composition-root.ts). */
export function createMailHandlers(deps: SendBookingEmailDeps): MailHandlers {
  return {
    byTopic: {
      [BOOKING_EMAIL_TOPIC]: createBookingEmailHandler(deps),
      [BOOKING_MOVED_EMAIL_TOPIC]: createMovedEmailHandler(deps),
      [BOOKING_CANCELLED_EMAIL_TOPIC]: createCancelledEmailHandler(deps),
    },
    reminderByEmail: createReminderEmailHandler(deps),
  };
}

/**
 * Outbox handler for `mail.booking_confirmation` (payload `{ bookingId }`). Graph failures arrive
 * as GraphError, whose `retryAfterMs` / `permanent` the dispatcher honours. Outcomes with nothing
 * to send (no address, booking gone or cancelled, appointment already started) complete the row;
 * a booking without its meeting cannot get better by waiting and is dead-lettered for an operator.
 */
export function createBookingEmailHandler(deps: SendBookingEmailDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const bookingId = (message.payload as { bookingId?: unknown } | null)?.bookingId;
    if (typeof bookingId !== 'string') throw new OutboxDeliveryError('The booking e-mail message has no bookingId.', { permanent: true, reason: 'bad_payload' });
    const outcome = await sendBookingConfirmationEmail(deps, bookingId);
    if (outcome === 'no_meeting') {
      throw new OutboxDeliveryError('The booking has no Teams meeting yet: the confirmation mail was queued too early.', { permanent: true, reason: 'no_meeting' });
    }
  };
}

/**
 * The e-mail reminder (payload `{ bookingId, startMs }` of `booking.reminder`). A cancelled,
 * moved or started booking completes the row without a mail, as the Teams reminder does. A client
 * with neither a Teams chat nor an address cannot be reminded: dead-lettered so it shows.
 */
export function createReminderEmailHandler(deps: SendBookingEmailDeps): OutboxHandler {
  return async (message) => {
    const payload = message.payload as Partial<ReminderEmailInput> | null;
    if (typeof payload?.bookingId !== 'string' || typeof payload.startMs !== 'number') {
      throw new OutboxDeliveryError('The reminder message has no bookingId or startMs.', { permanent: true, reason: 'bad_payload' });
    }
    const outcome = await sendReminderEmail(deps, { bookingId: payload.bookingId, startMs: payload.startMs });
    if (outcome === 'no_email') {
      throw new OutboxDeliveryError('The client has neither a Teams chat nor an e-mail address for a reminder.', { permanent: true, reason: 'no_channel' });
    }
    if (outcome === 'teams_client') {
      // The chat was saved after the Teams handler looked: on the next try the Teams reminder goes.
      throw new OutboxDeliveryError('The client has a Teams chat now: the reminder goes through Teams.', { reason: 'teams_client' });
    }
  };
}

/** `mail.booking_moved`: waits (retries) while the new meeting is not stored; other skips complete the row. */
export function createMovedEmailHandler(deps: SendBookingEmailDeps): OutboxHandler {
  return async (message) => {
    const payload = message.payload as Partial<MovedEmailPayload> | null;
    if (
      typeof payload?.bookingId !== 'string' ||
      typeof payload.startMs !== 'number' ||
      typeof payload.movedAtMs !== 'number' ||
      (payload.replacedMeetingId !== null && typeof payload.replacedMeetingId !== 'string')
    ) {
      throw new OutboxDeliveryError('The moved-booking mail message has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    }
    const outcome = await sendMovedEmail(deps, {
      bookingId: payload.bookingId,
      startMs: payload.startMs,
      movedAtMs: payload.movedAtMs,
      replacedMeetingId: payload.replacedMeetingId,
    });
    if (outcome === 'waiting_for_meeting') {
      throw new OutboxDeliveryError('The Teams meeting for the new time is not stored yet: the moved mail waits for its link.', {
        reason: 'waiting_for_meeting',
        retryAfterMs: WAIT_FOR_MEETING_MS,
      });
    }
  };
}

/** `mail.booking_cancelled`: every outcome but a Graph failure completes the row. */
export function createCancelledEmailHandler(deps: SendBookingEmailDeps): OutboxHandler {
  return async (message) => {
    const payload = message.payload as Partial<CancelledEmailPayload> | null;
    if (typeof payload?.bookingId !== 'string' || typeof payload.startMs !== 'number' || typeof payload.cancelledAtMs !== 'number') {
      throw new OutboxDeliveryError('The cancelled-booking mail message has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    }
    await sendCancelledEmail(deps, { bookingId: payload.bookingId, startMs: payload.startMs, cancelledAtMs: payload.cancelledAtMs });
  };
}

/**
 * The handler when Graph or the sending mailbox (`GRAPH_MAIL_FROM`) is not configured: the row
 * fails permanently with a message an operator can act on, and stays in the outbox to be requeued.
 * A row requeued after the appointment has started is completed without a mail (outcome `past`).
 */
export async function mailNotConfigured(): Promise<void> {
  throw new OutboxDeliveryError('Mail is not configured: the booking mail was not sent. Set the GRAPH_* settings and GRAPH_MAIL_FROM, then requeue.', { permanent: true, reason: 'not_configured' });
}

/**
 * The mailer used while mail is not configured: bookings of clients without an e-mail address still
 * complete quietly (the handler checks that first), and only a mail that would really be sent fails —
 * permanently, with a message an operator can act on, kept in the outbox to be requeued.
 */
export const unconfiguredMailer: Mailer = {
  async send(): Promise<void> {
    await mailNotConfigured();
  },
};
