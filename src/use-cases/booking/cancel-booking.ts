import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import type { Booking } from '../../domain/booking/booking.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { MEETING_CANCEL_TOPIC } from './book-session.js';
import { queueCancelledEmail } from './send-booking-change-email.js';

export interface CancelBookingDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

export type CancelBookingResult =
  | { readonly ok: true; readonly booking: Booking }
  | { readonly ok: false; readonly reason: 'not_found' | 'already_cancelled' };

/**
 * Cancels a booking for the client who owns it. The booking id comes from a card and is forgeable:
 * another client's id is answered exactly like an unknown one (`not_found`), and the attempt is
 * audited as denied. The slot is freed at once; reminders check the status before sending, and the
 * Teams meeting is cancelled through the outbox, as is the "cancelled" mail (with an .ics CANCEL)
 * when the client's latest intake has an e-mail address.
 */
export async function cancelBooking(
  deps: CancelBookingDeps,
  input: { readonly bookingId: string; readonly clientId: string; readonly actorId: string; readonly actorTenantId: string | null; readonly channel?: AuditChannel },
): Promise<CancelBookingResult> {
  const now = deps.clock();
  return deps.uow.transaction(async (tx) => {
    const existing = await tx.bookings.get(input.bookingId);
    const audit = (outcome: 'ok' | 'denied', clientId: string | null) =>
      tx.audit.append({
        at: now,
        actorId: input.actorId,
        actorTenantId: input.actorTenantId,
        action: 'booking.cancel',
        clientId,
        entityType: 'booking',
        // An unknown id from the card is forgeable free text: kept out of the audit log.
        entityId: existing ? input.bookingId : null,
        fields: ['status'],
        channel: input.channel ?? 'bot',
        outcome,
      });
    if (!existing || existing.clientId !== input.clientId) {
      await audit('denied', input.clientId);
      return { ok: false, reason: 'not_found' } as const;
    }
    const result = await tx.bookings.cancel(input.bookingId, now);
    if (!result.ok) return { ok: false, reason: result.reason === 'already_cancelled' ? 'already_cancelled' : 'not_found' } as const;
    await tx.outbox.enqueue({ topic: MEETING_CANCEL_TOPIC, payload: { bookingId: input.bookingId }, idempotencyKey: `meeting-cancel:${input.bookingId}` }, now);
    // Clients with an e-mail address had the appointment mailed with an .ics: remove it there too.
    await queueCancelledEmail(tx, result.booking, now);
    await audit('ok', existing.clientId);
    return result;
  });
}
