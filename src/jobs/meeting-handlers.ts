import type { OutboxMessage } from '../domain/outbox/outbox.js';
import { cancelBookingMeeting, createBookingMeeting, type BookingMeetingDeps } from '../use-cases/booking/booking-meeting.js';
import { OutboxDeliveryError } from './outbox-dispatcher.js';

/**
 * Outbox handlers for Teams meetings of bookings. Graph failures arrive as GraphError, which
 * carries `retryAfterMs` / `permanent` in the shape the dispatcher honours; outcomes that no retry
 * can fix become permanent failures here.
 */
export function createMeetingHandlers(deps: BookingMeetingDeps) {
  const bookingIdOf = (message: OutboxMessage) => (message.payload as { bookingId: string }).bookingId;
  return {
    create: async (message: OutboxMessage): Promise<void> => {
      const result = await createBookingMeeting(deps, bookingIdOf(message));
      if (result.outcome === 'no_organizer') throw new OutboxDeliveryError('The booking has no active adviser to organize its meeting.', { permanent: true });
    },
    cancel: async (message: OutboxMessage): Promise<void> => {
      const result = await cancelBookingMeeting(deps, bookingIdOf(message));
      if (result === 'no_organizer') throw new OutboxDeliveryError('The booking has no active adviser whose meeting to cancel.', { permanent: true });
    },
  };
}
