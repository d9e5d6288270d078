import { noShowCheckAt } from '../../domain/booking/meeting-session.js';
import { teamsConversationOf } from '../booking/send-reminder-email.js';
import { workerActor } from '../audited-reads.js';
import type { UnitOfWork } from '../ports/repositories.js';

/** Outbox topic: 15 minutes after the start, was the client there? Payload `{ bookingId }`. */
export const NO_SHOW_CHECK_TOPIC = 'meeting.no_show_check';
/** Outbox topic: the "log this contact" card to the booking's adviser. Payload `{ bookingId }`. */
export const CONTACT_PROMPT_TOPIC = 'teams.contact_prompt';
/** Outbox topic: a staff catalog text to one staff member's chat (StaffNoticePayload). */
export const STAFF_NOTICE_TOPIC = 'teams.staff_notice';
/** Outbox topic: "You missed your appointment" with a rebooking button, to the client. */
export const NO_SHOW_CARD_TOPIC = 'teams.no_show_card';

/** Ids and a catalog key; instants are formatted at delivery in the reader's language. */
export interface StaffNoticePayload {
  readonly tenantId: string;
  readonly userKey: string;
  readonly messageKey: 'noShow.adviserNotice';
  /** Placeholder → ISO instant, shown as Helsinki clock time. */
  readonly times: Readonly<Record<string, string>>;
}

export interface NoShowCardPayload {
  readonly bookingId: string;
  readonly tenantId: string;
  readonly userKey: string;
}

export interface MeetingEventDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/** A meeting event as the Teams adapter normalized it: which meeting chat, and when. */
export interface MeetingEvent {
  /** The meeting chat's thread id (the activity's conversation id). */
  readonly threadId: string;
  readonly at: Date;
}

/** Someone in a participant event; a guest who joined from a browser has no Entra id. */
export interface MeetingParticipant {
  readonly tenantId: string | undefined;
  readonly entraObjectId: string | undefined;
}

export type MeetingEventOutcome = 'recorded' | 'unknown_meeting';

/**
 * Teams' meetingStart. Records the actual start and schedules the no-show check 15 minutes after
 * the later of the booked and the actual start. Both in one transaction; a redelivered event
 * keeps the first start and queues nothing new (the check's key is per booking).
 */
export async function meetingStarted(deps: MeetingEventDeps, event: MeetingEvent): Promise<MeetingEventOutcome> {
  const booking = await bookingOf(deps, event.threadId);
  if (!booking) return 'unknown_meeting';
  await deps.uow.transaction(async (tx) => {
    const session = await tx.meetingSessions.recordStart(booking.id, event.threadId, event.at);
    const checkAt = noShowCheckAt(booking.start, session.startedAt ?? event.at);
    await tx.outbox.enqueue({ topic: NO_SHOW_CHECK_TOPIC, payload: { bookingId: booking.id }, idempotencyKey: `no-show:${booking.id}`, availableAt: checkAt }, deps.clock());
  });
  return 'recorded';
}

/**
 * Teams' participant join. Anyone who is not one of our staff counts as the client: clients often
 * join from a browser as anonymous guests, with no identity to match (DESIGN.md).
 */
export async function participantsJoined(deps: MeetingEventDeps, event: MeetingEvent & { readonly participants: readonly MeetingParticipant[] }): Promise<MeetingEventOutcome> {
  const booking = await bookingOf(deps, event.threadId);
  if (!booking) return 'unknown_meeting';
  for (const person of event.participants) {
    const staff = person.tenantId && person.entraObjectId ? await deps.uow.staff.findByEntraId(person.tenantId, person.entraObjectId) : undefined;
    if (staff) continue;
    await deps.uow.meetingSessions.recordClientJoined(booking.id, event.threadId, event.at);
    break;
  }
  return 'recorded';
}

/**
 * Teams' meetingEnd. Records the end and, when nothing is logged for the booking yet, queues the
 * "log this contact" card to its adviser — once per meeting, even if Teams sends the end twice or
 * the meeting is restarted and ended again.
 */
export async function meetingEnded(deps: MeetingEventDeps, event: MeetingEvent): Promise<MeetingEventOutcome> {
  const booking = await bookingOf(deps, event.threadId);
  if (!booking) return 'unknown_meeting';
  const now = deps.clock();
  await deps.uow.transaction(async (tx) => {
    await tx.meetingSessions.recordEnd(booking.id, event.threadId, event.at);
    if (await tx.contacts.findByBooking(booking.id)) return;
    if (!(await tx.meetingSessions.markContactPrompted(booking.id, now))) return;
    await tx.outbox.enqueue({ topic: CONTACT_PROMPT_TOPIC, payload: { bookingId: booking.id }, idempotencyKey: `contact-prompt:${booking.id}` }, now);
  });
  return 'recorded';
}

export type NoShowOutcome = 'marked' | 'client_joined' | 'not_applicable';

/**
 * The no-show check (outbox, 15 minutes after the start): when the client has not joined, the
 * session is marked a no-show, the adviser is told, and the client gets a rebooking card in their
 * language in their Teams chat. The three writes commit together; a redelivery finds the mark and
 * does nothing. A client without a Teams chat (public page) gets no card here.
 */
export async function checkNoShow(deps: MeetingEventDeps, bookingId: string): Promise<NoShowOutcome> {
  const now = deps.clock();
  const booking = await deps.uow.bookings.get(bookingId);
  if (!booking || booking.status === 'cancelled') return 'not_applicable';
  const session = await deps.uow.meetingSessions.get(bookingId);
  if (!session) return 'not_applicable';
  if (session.clientJoinedAt) return 'client_joined';
  return deps.uow.transaction(async (tx) => {
    if (!(await tx.meetingSessions.markNoShow(bookingId, now))) return 'not_applicable';
    const adviser = await tx.staff.get(booking.adviserId);
    if (adviser?.active) {
      const notice: StaffNoticePayload = { tenantId: adviser.tenantId, userKey: adviser.entraObjectId, messageKey: 'noShow.adviserNotice', times: { time: booking.start.toISOString() } };
      await tx.outbox.enqueue({ topic: STAFF_NOTICE_TOPIC, payload: notice, idempotencyKey: `no-show-notice:${bookingId}` }, now);
    }
    const chat = await teamsConversationOf(tx, booking.clientId, now, workerActor('meetings'));
    if (chat) {
      const card: NoShowCardPayload = { bookingId, ...chat };
      await tx.outbox.enqueue({ topic: NO_SHOW_CARD_TOPIC, payload: card, idempotencyKey: `no-show-card:${bookingId}` }, now);
    }
    return 'marked';
  });
}

async function bookingOf(deps: MeetingEventDeps, threadId: string) {
  const bookingId = await deps.uow.meetingSessions.bookingForThread(threadId);
  const booking = bookingId ? await deps.uow.bookings.get(bookingId) : undefined;
  return booking && booking.status !== 'cancelled' ? booking : undefined;
}
