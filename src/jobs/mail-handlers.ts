import type { OutboxMessage } from '../domain/outbox/outbox.js';
import type { Mailer } from '../use-cases/ports/graph.js';
import { sendBookingConfirmationEmail, type SendBookingEmailDeps } from '../use-cases/booking/send-booking-email.js';
import { OutboxDeliveryError } from './outbox-dispatcher.js';

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
 * The handler when Graph or the sending mailbox (`GRAPH_MAIL_FROM`) is not configured: the row
 * fails permanently with a message an operator can act on, and stays in the outbox to be requeued.
 * A row requeued after the appointment has started is completed without a mail (outcome `past`).
 */
export async function mailNotConfigured(): Promise<void> {
  throw new OutboxDeliveryError('Mail is not configured: the booking confirmation was not sent. Set the GRAPH_* settings and GRAPH_MAIL_FROM, then requeue.', { permanent: true, reason: 'not_configured' });
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
