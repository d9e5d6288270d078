import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import type { Booking, Slot } from '../../domain/booking/booking.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { findSlots, offeredSlotAt, type SlotSearchDeps } from './find-slots.js';

/** Outbox topics a booking causes; their handlers live at the edge (Graph, Teams). */
export const MEETING_CREATE_TOPIC = 'graph.meeting.create';
export const MEETING_CANCEL_TOPIC = 'graph.meeting.cancel';
export const REMINDER_TOPIC = 'booking.reminder';

/** Reminders before the start (issue 3): 24 h and 1 h. */
export const REMINDER_OFFSETS_MS = [24 * 60 * 60 * 1000, 60 * 60 * 1000] as const;

export interface BookSessionDeps extends SlotSearchDeps {
  readonly uow: UnitOfWork;
}

export interface BookSessionInput {
  readonly clientId: string;
  /** Who acts: the client's Entra object id (or staff booking for them), for the audit row. */
  readonly actorId: string;
  readonly actorTenantId: string | null;
  /** Where the client acted, for the audit row; Teams unless given. */
  readonly channel?: AuditChannel;
  readonly municipalityCode: string;
  readonly language: LanguageCode;
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  readonly serviceTypeCode: string;
  /** The time and adviser the client picked on the card: forgeable, so re-checked here. */
  readonly start: Date;
  readonly adviserId: string;
}

export type BookSessionResult =
  | { readonly ok: true; readonly booking: Booking }
  /** Someone else took the time meanwhile: an expected outcome; show these fresh slots. */
  | { readonly ok: false; readonly reason: 'slot_taken'; readonly freshSlots: readonly Slot[] }
  /** The card offered no such slot (forged, or stale beyond the offer): nothing was written. */
  | { readonly ok: false; readonly reason: 'slot_not_offered'; readonly freshSlots: readonly Slot[] }
  | { readonly ok: false; readonly reason: 'unknown_service_type' };

/**
 * Books one guidance appointment. The slot must be one that Neuvo would offer this client right
 * now (same search as the slot card), so a forged time, adviser or municipality is refused. The
 * booking, its outbox rows (Teams meeting, reminders) and the audit row commit together; the
 * database refuses an overlap, and losing that race returns fresh slots.
 */
export async function bookSession(deps: BookSessionDeps, input: BookSessionInput): Promise<BookSessionResult> {
  const serviceType = await deps.uow.serviceTypes.get(input.serviceTypeCode);
  if (!serviceType) return { ok: false, reason: 'unknown_service_type' };
  const criteria = {
    municipalityCode: input.municipalityCode,
    language: input.language,
    interpreterLanguage: input.interpreterLanguage,
    topics: input.topics,
    serviceTypeCode: input.serviceTypeCode,
  };

  // The search from the requested start must still offer this time, with this adviser; only the
  // busy time around that start is read (offeredSlotAt: the same decision as the full search).
  const slot = await offeredSlotAt(deps, criteria, serviceType, { start: input.start, adviserId: input.adviserId });
  if (!slot) {
    const fresh = await findSlots(deps, { ...criteria, limit: FRESH_SLOTS });
    return { ok: false, reason: 'slot_not_offered', freshSlots: fresh.ok ? fresh.slots : [] };
  }

  const now = deps.clock();
  const end = new Date(slot.start.getTime() + serviceType.lengthMinutes * 60_000);
  const blockedUntil = new Date(end.getTime() + serviceType.bufferMinutes * 60_000);
  const created = await deps.uow.transaction(async (tx) => {
    const result = await tx.bookings.create(
      {
        clientId: input.clientId,
        adviserId: slot.adviserId,
        serviceTypeCode: serviceType.code,
        municipalityCode: input.municipalityCode,
        start: slot.start,
        end,
        blockedUntil,
        language: input.language,
        interpreterLanguage: input.interpreterLanguage,
        topics: input.topics,
      },
      now,
    );
    if (!result.ok) return result;
    const booking = result.booking;
    // Ids only in the payloads: handlers look up what they need at delivery time.
    await tx.outbox.enqueue({ topic: MEETING_CREATE_TOPIC, payload: { bookingId: booking.id }, idempotencyKey: `meeting:${booking.id}` }, now);
    for (const offset of REMINDER_OFFSETS_MS) {
      const at = new Date(booking.start.getTime() - offset);
      if (at <= now) continue;
      await tx.outbox.enqueue(
        { topic: REMINDER_TOPIC, payload: { bookingId: booking.id, startMs: booking.start.getTime() }, idempotencyKey: `reminder:${booking.id}:${offset}:${booking.start.getTime()}`, availableAt: at },
        now,
      );
    }
    await tx.audit.append({
      at: now,
      actorId: input.actorId,
      actorTenantId: input.actorTenantId,
      action: 'booking.create',
      clientId: input.clientId,
      entityType: 'booking',
      entityId: booking.id,
      fields: ['start', 'adviserId', 'topics', 'language', 'interpreterLanguage'],
      channel: input.channel ?? 'bot',
      outcome: 'ok',
    });
    return result;
  });
  if (created.ok) return created;
  const fresh = await findSlots(deps, { ...criteria, limit: FRESH_SLOTS });
  return { ok: false, reason: 'slot_taken', freshSlots: fresh.ok ? fresh.slots : [] };
}

/** How many times a slot card shows at first ("more on request"). */
export const FRESH_SLOTS = 6;
