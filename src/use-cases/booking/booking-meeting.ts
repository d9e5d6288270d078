import type { BookingMeeting } from '../../domain/booking/booking.js';
import type { OnlineMeetings } from '../ports/graph.js';
import { readClient, workerActor } from '../audited-reads.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { MEETING_CANCEL_TOPIC } from './book-session.js';
import { BOOKING_EMAIL_TOPIC } from './send-booking-email.js';

/**
 * Payload of the "your meeting link is ready" message (outbox topic `linkReadyTopic`): ids only;
 * the card with the join button is rendered at delivery from what the booking holds then.
 */
export interface LinkReadyPayload {
  readonly tenantId: string;
  readonly userKey: string;
  readonly bookingId: string;
}

export interface BookingMeetingDeps {
  readonly uow: UnitOfWork;
  readonly meetings: OnlineMeetings;
  readonly clock: () => Date;
  /** Queues the proactive "link ready" card (the Teams adapter's outbox topic, {@link LinkReadyPayload}). */
  readonly linkReadyTopic: string;
}

export type CreateBookingMeetingResult =
  | { readonly outcome: 'created' | 'already_created'; readonly meeting: BookingMeeting }
  /** Nothing to do: the booking is gone or was cancelled before the meeting was made. */
  | { readonly outcome: 'skipped' }
  /** The adviser is no longer staff: the meeting cannot have an organizer. */
  | { readonly outcome: 'no_organizer' };

/**
 * Which meeting a `graph.meeting.create` row is for. Omitted (rows from book-session): the
 * booking's first meeting, Graph `externalId` = booking id. Set (rows from reschedule-booking):
 * the meeting for the booking's time `startMs`, under its own `externalId`.
 */
export interface MeetingTarget {
  readonly startMs: number;
  readonly externalId: string;
}

/**
 * Creates the Teams meeting of a booking (outbox `graph.meeting.create`). Safe to run again: the
 * Graph call is idempotent on the external id, and a booking that already has this meeting is left
 * as it is. The subject carries no personal data. When the client uses Teams, a message with the
 * join link is queued in the same transaction as the stored meeting.
 *
 * After a reschedule (`target` set): a row for a start the booking no longer has skips itself (a
 * later row is queued for the current start). Otherwise the new meeting replaces the stored one,
 * and the cancel of the replaced meeting (old time, or one a first-meeting row made after the move)
 * is queued in the same transaction, carrying its meeting id.
 */
export async function createBookingMeeting(deps: BookingMeetingDeps, bookingId: string, target?: MeetingTarget): Promise<CreateBookingMeetingResult> {
  const booking = await deps.uow.bookings.get(bookingId);
  if (!booking || booking.status !== 'booked') return { outcome: 'skipped' };
  if (target && booking.start.getTime() !== target.startMs) return { outcome: 'skipped' };
  if (!target && booking.meeting) return { outcome: 'already_created', meeting: booking.meeting };
  const organizer = await activeAdviser(deps.uow, booking.adviserId);
  if (!organizer) return { outcome: 'no_organizer' };

  const externalId = target?.externalId ?? bookingId;
  const meeting = await deps.meetings.createMeetingForBooking({
    bookingId: externalId,
    organizerId: organizer.entraObjectId,
    subject: 'Neuvo – guidance appointment',
    start: booking.start,
    end: booking.end,
  });
  const replaced = booking.meeting;
  if (replaced?.meetingId === meeting.meetingId) return { outcome: 'already_created', meeting: replaced };
  const now = deps.clock();
  // Only the Teams identity is used: to queue the "link ready" card to their chat.
  const client = await readClient(deps.uow, booking.clientId, workerActor('meetings'), ['entraObjectId', 'tenantId'], now);
  await deps.uow.transaction(async (tx) => {
    await tx.bookings.setMeeting(bookingId, meeting, now);
    if (replaced) {
      await tx.outbox.enqueue(
        { topic: MEETING_CANCEL_TOPIC, payload: { bookingId, meetingId: replaced.meetingId }, idempotencyKey: `meeting-cancel:${bookingId}:${replaced.meetingId}` },
        now,
      );
    }
    if (client?.entraObjectId && client.tenantId) {
      await tx.outbox.enqueue(
        {
          topic: deps.linkReadyTopic,
          payload: { tenantId: client.tenantId, userKey: client.entraObjectId, bookingId } satisfies LinkReadyPayload,
          // The first meeting keeps its old key; a moved one gets one per external id.
          idempotencyKey: target ? `meeting-ready:${target.externalId}` : `meeting-ready:${bookingId}`,
        },
        now,
      );
    }
    // Clients who gave an e-mail address also get the link and an .ics by mail (checked at delivery).
    // Only for the first meeting: a moved booking's new link goes in the "time moved" mail queued
    // with the move (send-booking-change-email.ts), so one move gives one mail.
    if (!target) await tx.outbox.enqueue({ topic: BOOKING_EMAIL_TOPIC, payload: { bookingId }, idempotencyKey: `booking-email:${bookingId}` }, now);
  });
  return { outcome: 'created', meeting };
}

/**
 * Cancels a Teams meeting of a booking (outbox `graph.meeting.cancel`). Without `meetingId` (a
 * cancelled booking): the booking's stored meeting; a booking without one has nothing to cancel —
 * and its pending create will skip it, since it checks the status first. With `meetingId` (a
 * meeting replaced after a reschedule): exactly that meeting, whatever the booking holds now.
 * Meetings of one booking share its adviser as organizer (a reschedule never changes adviser).
 */
export async function cancelBookingMeeting(
  deps: Pick<BookingMeetingDeps, 'uow' | 'meetings'>,
  bookingId: string,
  meetingId?: string,
): Promise<'cancelled' | 'nothing_to_cancel' | 'no_organizer'> {
  const booking = await deps.uow.bookings.get(bookingId);
  const toCancel = meetingId ?? booking?.meeting?.meetingId;
  if (!booking || toCancel === undefined) return 'nothing_to_cancel';
  const organizer = await activeAdviser(deps.uow, booking.adviserId);
  if (!organizer) return 'no_organizer';
  await deps.meetings.cancelMeetingForBooking({ bookingId, organizerId: organizer.entraObjectId, meetingId: toCancel });
  return 'cancelled';
}

/** The booking's adviser, if still active staff with the adviser role: the meeting's organizer. */
async function activeAdviser(uow: UnitOfWork, adviserId: string) {
  const member = await uow.staff.get(adviserId);
  return member?.active && member.roles.includes('adviser') ? member : undefined;
}
