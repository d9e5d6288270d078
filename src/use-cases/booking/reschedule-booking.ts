import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import { eligibleAdvisers, offerSlots } from '../../domain/booking/assign-adviser.js';
import type { Booking, Interval, Slot } from '../../domain/booking/booking.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { FRESH_SLOTS, MEETING_CREATE_TOPIC, REMINDER_OFFSETS_MS, REMINDER_TOPIC } from './book-session.js';
import { withOutlookBusy, type SlotCriteria, type SlotSearchDeps } from './find-slots.js';
import { queueMovedEmail } from './send-booking-change-email.js';

export interface RescheduleBookingDeps extends SlotSearchDeps {
  readonly uow: UnitOfWork;
}

/** The client's latest intake criteria, as the slot card and book-session use them. */
export type RescheduleCriteria = Omit<SlotCriteria, 'from' | 'limit'>;

/** Who asks, for the audit row of a refused look at another client's booking. */
export interface RescheduleActor {
  /** The caller, looked up from their Entra id (or page session) — never from the card. */
  readonly clientId: string;
  readonly actorId: string;
  readonly actorTenantId: string | null;
  /** Where the client acted, for the audit row; Teams unless given. */
  readonly channel?: AuditChannel;
}

export interface RescheduleBookingInput extends RescheduleCriteria, RescheduleActor {
  /** From the card: forgeable, so the owner is checked against `clientId`. */
  readonly bookingId: string;
  /** The time and adviser the client picked on the reschedule slot card: re-checked here. */
  readonly newStart: Date;
  readonly adviserId: string;
}

export type RescheduleBookingResult =
  | { readonly ok: true; readonly booking: Booking }
  /** No such booking, or another client's (answered alike; the attempt is audited as denied). */
  | { readonly ok: false; readonly reason: 'not_found' }
  /** The booking was cancelled, or its time has already begun: nothing to move. */
  | { readonly ok: false; readonly reason: 'not_booked' }
  /** Someone else took the time meanwhile; fresh times of the same adviser. */
  | { readonly ok: false; readonly reason: 'slot_taken'; readonly freshSlots: readonly Slot[] }
  /** Not a time this search offers now with the booking's adviser (forged, stale, another adviser). */
  | { readonly ok: false; readonly reason: 'slot_not_offered'; readonly freshSlots: readonly Slot[] }
  | { readonly ok: false; readonly reason: 'unknown_service_type' };

export type RescheduleSlotsResult =
  | { readonly ok: true; readonly booking: Booking; readonly slots: readonly Slot[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_booked' | 'unknown_service_type' };

/** What `graph.meeting.create` carries after a reschedule (see `createBookingMeeting`). */
export interface MovedMeetingPayload {
  readonly bookingId: string;
  /** The start the meeting is for: a create whose start is no longer the booking's skips itself. */
  readonly startMs: number;
  /**
   * Graph `externalId` of the new meeting. `createOrGet` with the booking id would return the OLD
   * meeting, so each move gets its own: `<bookingId>~<startMs>~<movedAtMs>` (the move instant
   * keeps A → B → C → B from reusing B's first, already replaced, meeting).
   */
  readonly externalId: string;
}

/**
 * The times a booking can move to: the same search as the slot card, from the client's intake
 * criteria, but only with the booking's OWN adviser (moving between advisers is out of scope) and
 * without the booking's current time. The booking's own busy time is left out, so it can move by
 * 15 minutes into its old time. Another client's booking id is `not_found`.
 */
export async function findRescheduleSlots(
  deps: RescheduleBookingDeps,
  input: RescheduleCriteria & RescheduleActor & { readonly bookingId: string; readonly limit: number; readonly from?: Date },
): Promise<RescheduleSlotsResult> {
  const booking = await deps.uow.bookings.get(input.bookingId);
  if (!booking || booking.clientId !== input.clientId) {
    // Asking for another client's booking is refused like an unknown id, and audited as denied.
    await deps.uow.audit.append(auditEntry(input, deps.clock(), 'denied', booking !== undefined));
    return { ok: false, reason: 'not_found' };
  }
  if (!isMovable(booking, deps.clock())) return { ok: false, reason: 'not_booked' };
  const found = await slotsOfOwnAdviser(deps, booking, input, input.limit, input.from);
  return found.ok ? { ok: true, booking, slots: found.slots } : found;
}

/**
 * Moves a client's booking to another time with the same adviser. The booking id is forgeable:
 * another client's id is answered like an unknown one and audited as denied (as cancel-booking).
 * The new time must be one {@link findRescheduleSlots} offers now. In one transaction: the move
 * (the database refuses an overlap with the adviser's other bookings: `slot_taken` with fresh
 * times), reminders for the new start, a `graph.meeting.create` for the new time, the "time moved"
 * mail when the client has an e-mail address (send-booking-change-email.ts) and the audit row.
 *
 * Reminders: the old rows stay queued and skip themselves at delivery (their `startMs` no longer
 * matches). Meeting: the create handler makes a meeting with a new external id and, once it is
 * stored, queues the cancel of the replaced one (booking-meeting.ts), so the Teams link is never
 * missing for a booked time and no port change is needed.
 *
 * Picking the booking's current time again (a double click) answers `ok` without writing.
 */
export async function rescheduleBooking(deps: RescheduleBookingDeps, input: RescheduleBookingInput): Promise<RescheduleBookingResult> {
  const now = deps.clock();
  const existing = await deps.uow.bookings.get(input.bookingId);
  if (!existing || existing.clientId !== input.clientId) {
    await deps.uow.audit.append(auditEntry(input, now, 'denied', existing !== undefined));
    return { ok: false, reason: 'not_found' };
  }
  if (!isMovable(existing, now)) return { ok: false, reason: 'not_booked' };
  if (existing.start.getTime() === input.newStart.getTime() && existing.adviserId === input.adviserId) return { ok: true, booking: existing };

  const serviceType = await deps.uow.serviceTypes.get(existing.serviceTypeCode);
  if (!serviceType) return { ok: false, reason: 'unknown_service_type' };
  const fresh = async () => {
    const found = await slotsOfOwnAdviser(deps, existing, input, FRESH_SLOTS);
    return found.ok ? found.slots : [];
  };
  // Same check as book-session: searching from the requested start must give exactly that time.
  const offered = await slotsOfOwnAdviser(deps, existing, input, 1, input.newStart);
  const slot = offered.ok ? offered.slots[0] : undefined;
  if (!slot || slot.start.getTime() !== input.newStart.getTime() || input.adviserId !== existing.adviserId) {
    return { ok: false, reason: 'slot_not_offered', freshSlots: await fresh() };
  }

  const end = new Date(slot.start.getTime() + serviceType.lengthMinutes * 60_000);
  const blockedUntil = new Date(end.getTime() + serviceType.bufferMinutes * 60_000);
  const moved = await deps.uow.transaction(async (tx) => {
    const result = await tx.bookings.reschedule(existing.id, slot.start, end, blockedUntil, now);
    if (!result.ok) return result;
    const booking = result.booking;
    const startMs = booking.start.getTime();
    const externalId = `${booking.id}~${startMs}~${now.getTime()}`;
    const payload: MovedMeetingPayload = { bookingId: booking.id, startMs, externalId };
    await tx.outbox.enqueue({ topic: MEETING_CREATE_TOPIC, payload: { ...payload }, idempotencyKey: `meeting:${externalId}` }, now);
    // Same key scheme as book-session: a key per start, so the old rows are distinct and skip.
    for (const offset of REMINDER_OFFSETS_MS) {
      const at = new Date(startMs - offset);
      if (at <= now) continue;
      await tx.outbox.enqueue(
        { topic: REMINDER_TOPIC, payload: { bookingId: booking.id, startMs }, idempotencyKey: `reminder:${booking.id}:${offset}:${startMs}`, availableAt: at },
        now,
      );
    }
    // The "time moved" mail (new time, new link, .ics update) when the client has an address. It
    // waits for the new meeting, so it remembers which meeting the booking holds now.
    await queueMovedEmail(tx, booking, booking.meeting?.meetingId ?? null, now);
    await tx.audit.append({ ...auditEntry(input, now, 'ok', true), clientId: booking.clientId });
    return result;
  });
  if (moved.ok) return moved;
  if (moved.reason === 'slot_taken') return { ok: false, reason: 'slot_taken', freshSlots: await fresh() };
  return { ok: false, reason: moved.reason === 'cancelled' ? 'not_booked' : 'not_found' };
}

/** Only a booked appointment that has not begun can move. */
function isMovable(booking: Booking, now: Date): boolean {
  return booking.status === 'booked' && booking.start.getTime() > now.getTime();
}

/**
 * `bookingExists`: the card's id is only written when it names a real booking; an unknown id is
 * forgeable free text (it could carry a name or a phone number) and stays out of the audit log.
 */
function auditEntry(input: RescheduleActor & { readonly bookingId: string }, now: Date, outcome: 'ok' | 'denied', bookingExists: boolean) {
  return {
    at: now,
    actorId: input.actorId,
    actorTenantId: input.actorTenantId,
    action: 'booking.reschedule',
    clientId: input.clientId,
    entityType: 'booking',
    entityId: bookingExists ? input.bookingId : null,
    fields: ['start'],
    channel: input.channel ?? 'bot',
    outcome,
  } as const;
}

/**
 * The search of find-slots, narrowed to the booking's adviser: the adviser must still be eligible
 * for this client among ALL advisers of the municipality (same routing as the slot card), then
 * only their times are searched, with the booking's own busy interval left out. The booking's
 * current start is never offered. Outlook busy time counts as in find-slots (the Teams meeting of
 * a booking is an online meeting without a calendar event, so it never blocks its own move).
 */
async function slotsOfOwnAdviser(
  deps: RescheduleBookingDeps,
  booking: Booking,
  criteria: RescheduleCriteria,
  limit: number,
  from?: Date,
): Promise<{ readonly ok: true; readonly slots: readonly Slot[] } | { readonly ok: false; readonly reason: 'unknown_service_type' }> {
  const serviceType = await deps.uow.serviceTypes.get(booking.serviceTypeCode);
  if (!serviceType) return { ok: false, reason: 'unknown_service_type' };
  const now = deps.clock();
  const request = { language: criteria.language, interpreterLanguage: criteria.interpreterLanguage, municipalityCode: criteria.municipalityCode, topics: criteria.topics };
  const advisers = await deps.uow.schedules.getProfiles({ municipalityCode: criteria.municipalityCode });
  // Eligibility over everyone first: alone, a generalist would pass routing a specialist wins.
  const eligibleIds = new Set(eligibleAdvisers(advisers, request).map((a) => a.adviserId));
  const own = advisers.find((a) => a.adviserId === booking.adviserId);
  if (!own || !eligibleIds.has(own.adviserId)) return { ok: true, slots: [] };
  const horizonEnd = new Date(now.getTime() + serviceType.horizonDays * 86_400_000);
  const busy = await deps.uow.bookings.busyByAdviser([own.adviserId], { start: now, end: horizonEnd });
  const isSelf = (i: Interval) => i.start.getTime() === booking.start.getTime() && i.end.getTime() === booking.blockedUntil.getTime();
  const ownBusy = (busy.get(own.adviserId) ?? []).filter((i) => !isSelf(i));
  const withOutlook = await withOutlookBusy(deps.calendar, [own], new Map([[own.adviserId, ownBusy]]), { start: now, end: horizonEnd });
  const slots = offerSlots({
    now,
    advisers: [own],
    busy: withOutlook,
    serviceType,
    request,
    // One adviser: load only breaks ties between advisers, so none is needed.
    loadThisWeek: new Map(),
    ...(from ? { from } : {}),
    limit: limit + 1,
  });
  return { ok: true, slots: slots.filter((s) => s.start.getTime() !== booking.start.getTime()).slice(0, limit) };
}

