import type { BookingMeeting } from '../../domain/booking/booking.js';
import type { OnlineMeetings } from '../ports/graph.js';
import type { UnitOfWork } from '../ports/repositories.js';

/** Outbox topic of the "your meeting link is ready" message to the client. */
export const MEETING_READY_MESSAGE_KEY = 'booking.meetingReady';

export interface BookingMeetingDeps {
  readonly uow: UnitOfWork;
  readonly meetings: OnlineMeetings;
  readonly clock: () => Date;
  /** Queues the proactive "link ready" message (the Teams adapter's outbox topic). */
  readonly linkReadyTopic: string;
}

export type CreateBookingMeetingResult =
  | { readonly outcome: 'created' | 'already_created'; readonly meeting: BookingMeeting }
  /** Nothing to do: the booking is gone or was cancelled before the meeting was made. */
  | { readonly outcome: 'skipped' }
  /** The adviser is no longer staff: the meeting cannot have an organizer. */
  | { readonly outcome: 'no_organizer' };

/**
 * Creates the Teams meeting of a booking (outbox `graph.meeting.create`). Safe to run again: the
 * Graph call is idempotent on the booking id, and a booking that already has its meeting is left
 * as it is. The subject carries no personal data. When the client uses Teams, a message with the
 * join link is queued in the same transaction as the stored meeting.
 */
export async function createBookingMeeting(deps: BookingMeetingDeps, bookingId: string): Promise<CreateBookingMeetingResult> {
  const booking = await deps.uow.bookings.get(bookingId);
  if (!booking || booking.status !== 'booked') return { outcome: 'skipped' };
  if (booking.meeting) return { outcome: 'already_created', meeting: booking.meeting };
  const advisers = await deps.uow.staff.listByRole('adviser');
  const organizer = advisers.find((a) => a.id === booking.adviserId);
  if (!organizer) return { outcome: 'no_organizer' };

  const meeting = await deps.meetings.createMeetingForBooking({
    bookingId,
    organizerId: organizer.entraObjectId,
    subject: 'Neuvo – guidance appointment',
    start: booking.start,
    end: booking.end,
  });
  const now = deps.clock();
  const client = await deps.uow.clients.get(booking.clientId);
  await deps.uow.transaction(async (tx) => {
    await tx.bookings.setMeeting(bookingId, meeting, now);
    if (client?.entraObjectId && client.tenantId) {
      await tx.outbox.enqueue(
        {
          topic: deps.linkReadyTopic,
          payload: { tenantId: client.tenantId, userKey: client.entraObjectId, messageKey: MEETING_READY_MESSAGE_KEY, params: { url: meeting.joinUrl } },
          idempotencyKey: `meeting-ready:${bookingId}`,
        },
        now,
      );
    }
  });
  return { outcome: 'created', meeting };
}

/**
 * Cancels the Teams meeting of a cancelled booking (outbox `graph.meeting.cancel`). A booking
 * without a meeting has nothing to cancel — and its pending create will skip it, since it checks
 * the status first.
 */
export async function cancelBookingMeeting(deps: Pick<BookingMeetingDeps, 'uow' | 'meetings'>, bookingId: string): Promise<'cancelled' | 'nothing_to_cancel' | 'no_organizer'> {
  const booking = await deps.uow.bookings.get(bookingId);
  if (!booking?.meeting) return 'nothing_to_cancel';
  const organizer = (await deps.uow.staff.listByRole('adviser')).find((a) => a.id === booking.adviserId);
  if (!organizer) return 'no_organizer';
  await deps.meetings.cancelMeetingForBooking({ bookingId, organizerId: organizer.entraObjectId, meetingId: booking.meeting.meetingId });
  return 'cancelled';
}
