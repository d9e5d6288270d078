import type { OutboxMessage } from '../domain/outbox/outbox.js';
import { cancelBookingMeeting, createBookingMeeting, type BookingMeetingDeps, type MeetingTarget } from '../use-cases/booking/booking-meeting.js';
import { checkNoShow, type MeetingEventDeps } from '../use-cases/meetings/meeting-events.js';
import { OutboxDeliveryError } from './outbox-dispatcher.js';

/**
 * Outbox handlers for Teams meetings of bookings. Graph failures arrive as GraphError, which
 * carries `retryAfterMs` / `permanent` in the shape the dispatcher honours; outcomes that no retry
 * can fix become permanent failures here.
 *
 * Payloads: create `{ bookingId }` (book-session) or `{ bookingId, startMs, externalId }` (after a
 * reschedule); cancel `{ bookingId }` (cancelled booking) or `{ bookingId, meetingId }` (a meeting
 * replaced by a reschedule).
 */
export function createMeetingHandlers(deps: BookingMeetingDeps) {
  return {
    create: async (message: OutboxMessage): Promise<void> => {
      const payload = payloadOf(message);
      const result = await createBookingMeeting(deps, payload.bookingId, targetOf(payload));
      if (result.outcome === 'no_organizer') throw new OutboxDeliveryError('The booking has no active adviser to organize its meeting.', { permanent: true });
    },
    cancel: async (message: OutboxMessage): Promise<void> => {
      const payload = payloadOf(message);
      const meetingId = typeof payload.meetingId === 'string' ? payload.meetingId : undefined;
      const result = await cancelBookingMeeting(deps, payload.bookingId, meetingId);
      if (result === 'no_organizer') throw new OutboxDeliveryError('The booking has no active adviser whose meeting to cancel.', { permanent: true });
    },
  };
}

interface MeetingPayload {
  readonly bookingId: string;
  readonly [key: string]: unknown;
}

function payloadOf(message: OutboxMessage): MeetingPayload {
  const payload = message.payload as Partial<MeetingPayload> | null;
  if (typeof payload?.bookingId !== 'string') throw new OutboxDeliveryError(`Outbox message ${message.id} (${message.topic}) has no bookingId.`, { permanent: true });
  return payload as MeetingPayload;
}

function targetOf(payload: MeetingPayload): MeetingTarget | undefined {
  const { startMs, externalId } = payload;
  return typeof startMs === 'number' && typeof externalId === 'string' ? { startMs, externalId } : undefined;
}

/** The no-show check 15 minutes after a meeting's start (payload `{ bookingId }`). */
export function createNoShowCheckHandler(deps: MeetingEventDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    await checkNoShow(deps, payloadOf(message).bookingId);
  };
}
