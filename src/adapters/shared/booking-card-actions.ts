import type { Logger } from 'pino';
import { z } from 'zod';
import type { CardAttachment } from '../../cards/adaptive-card.js';
import { renderBookingCancelledCard } from '../../cards/booking/booking-cancelled-card.js';
import { renderBookingConfirmationCard } from '../../cards/booking/booking-confirmation-card.js';
import { renderSlotCard } from '../../cards/booking/slot-card.js';
import { renderMessageCard } from '../../cards/message-card.js';
import { BOOK_SLOT, CANCEL_BOOKING, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS } from '../../cards/verbs.js';
import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import type { Slot } from '../../domain/booking/booking.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import { t } from '../../i18n/index.js';
import { bookSession, FRESH_SLOTS } from '../../use-cases/booking/book-session.js';
import { cancelBooking } from '../../use-cases/booking/cancel-booking.js';
import { findSlots, type SlotCriteria } from '../../use-cases/booking/find-slots.js';
import { findRescheduleSlots, rescheduleBooking } from '../../use-cases/booking/reschedule-booking.js';
import type { AdviserCalendar } from '../../use-cases/ports/graph.js';
import { readLatestIntake, type AuditActor } from '../../use-cases/audited-reads.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';

/** The one service type clients book today (Teams and the public page alike). */
export const CLIENT_SERVICE_TYPE = 'guidance';

/** Card data is forgeable: every field is re-checked, unknown keys refused. */
const BookSlotData = z.object({ verb: z.literal(BOOK_SLOT).optional(), start: z.string().datetime(), adviserId: z.string().min(1).max(100) }).strict();
const CancelData = z.object({ verb: z.literal(CANCEL_BOOKING).optional(), bookingId: z.string().min(1).max(100) }).strict();
/** `from`: "Later times" asks for the times after the last one shown. */
const ShowSlotsData = z.object({ verb: z.literal(SHOW_SLOTS).optional(), from: z.string().datetime().optional() }).strict();
const RescheduleData = z
  .object({ verb: z.literal(RESCHEDULE_BOOKING).optional(), bookingId: z.string().min(1).max(100), from: z.string().datetime().optional() })
  .strict();
const RescheduleToData = z
  .object({ verb: z.literal(RESCHEDULE_TO).optional(), bookingId: z.string().min(1).max(100), start: z.string().datetime(), adviserId: z.string().min(1).max(100) })
  .strict();

/**
 * The client a booking action is for, resolved by the caller from something the client cannot
 * forge (their Entra id in Teams, the session token on the public page) — never from card data.
 */
export interface BookingActor {
  readonly clientId: string;
  /** For the audit row: the Entra object id, or `public:<session>` on the page. */
  readonly actorId: string;
  readonly actorTenantId: string | null;
  readonly channel: AuditChannel;
  readonly lang: LanguageCode;
  /** The client's own IANA time zone: every time on a card is shown in it. */
  readonly timeZone: string;
  /** How the join link reaches them before the meeting: the Teams chat, or e-mail. */
  readonly linkVia: 'chat' | 'email';
  readonly criteria: Omit<SlotCriteria, 'from' | 'limit'>;
}

export interface BookingCardActionDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Advisers' Outlook free/busy; absent when Graph is not configured. */
  readonly calendar?: AdviserCalendar;
}

/**
 * The booking half of the client's flow, shared by the Teams routes and the public booking page so
 * both offer, book, move and cancel by the same rules and answer with the same cards: slots →
 * booked (confirmation with "Change the time" and cancel) → moved or cancelled. Each action takes
 * the raw card data, re-checks it, calls a use case and returns the card to show next.
 */
export function createBookingCardActions(deps: BookingCardActionDeps) {
  // Every slot search (show, book, reschedule) sees the same Outlook free/busy, when Graph is on.
  const slotDeps = { uow: deps.uow, clock: deps.clock, ...(deps.calendar ? { calendar: deps.calendar } : {}) };
  const refused = (actor: Pick<BookingActor, 'lang'>, verb: string): CardAttachment => {
    deps.logger.info({ event: 'card.invalid', verb }, 'card data refused');
    return renderMessageCard({ lang: actor.lang, text: t(actor.lang, 'error.invalidInput') });
  };
  const notFound = (actor: BookingActor): CardAttachment => renderMessageCard({ lang: actor.lang, text: t(actor.lang, 'booking.notFound') });
  const who = (actor: BookingActor) => ({ clientId: actor.clientId, actorId: actor.actorId, actorTenantId: actor.actorTenantId, channel: actor.channel });

  return {
    refused,

    async showSlots(actor: BookingActor, data: unknown = {}): Promise<CardAttachment> {
      const parsed = ShowSlotsData.safeParse(data ?? {});
      if (!parsed.success) return refused(actor, SHOW_SLOTS);
      // One more than shown, to know whether a "Later times" button has anything behind it.
      const found = await findSlots(slotDeps, { ...actor.criteria, ...searchFrom(parsed.data.from, deps.clock()), limit: FRESH_SLOTS + 1 });
      const slots = found.ok ? found.slots : [];
      return renderSlotCard({ lang: actor.lang, timeZone: actor.timeZone, ...page(slots) });
    },

    async book(actor: BookingActor, data: unknown): Promise<CardAttachment> {
      const parsed = BookSlotData.safeParse(data);
      if (!parsed.success) return refused(actor, BOOK_SLOT);
      const result = await bookSession(slotDeps, { ...actor.criteria, ...who(actor), start: new Date(parsed.data.start), adviserId: parsed.data.adviserId });
      const { lang, timeZone } = actor;
      if (result.ok) return renderBookingConfirmationCard({ lang, timeZone, bookingId: result.booking.id, start: result.booking.start, linkVia: actor.linkVia });
      deps.logger.info({ event: 'booking.refused', reason: result.reason }, 'booking refused');
      const slots = 'freshSlots' in result ? result.freshSlots : [];
      return renderSlotCard({ lang, timeZone, slots, ...(result.reason === 'unknown_service_type' ? {} : { notice: result.reason }) });
    },

    async cancel(actor: BookingActor, data: unknown): Promise<CardAttachment> {
      const parsed = CancelData.safeParse(data);
      if (!parsed.success) return refused(actor, CANCEL_BOOKING);
      const result = await cancelBooking({ uow: deps.uow, clock: deps.clock }, { bookingId: parsed.data.bookingId, ...who(actor) });
      if (result.ok || result.reason === 'already_cancelled') return renderBookingCancelledCard({ lang: actor.lang });
      return notFound(actor);
    },

    async reschedule(actor: BookingActor, data: unknown): Promise<CardAttachment> {
      const parsed = RescheduleData.safeParse(data);
      if (!parsed.success) return refused(actor, RESCHEDULE_BOOKING);
      const found = await findRescheduleSlots(slotDeps, {
        ...actor.criteria,
        ...searchFrom(parsed.data.from, deps.clock()),
        ...who(actor),
        bookingId: parsed.data.bookingId,
        limit: FRESH_SLOTS + 1,
      });
      if (!found.ok) return notFound(actor);
      return renderSlotCard({ lang: actor.lang, timeZone: actor.timeZone, ...page(found.slots), rescheduleBookingId: found.booking.id });
    },

    async rescheduleTo(actor: BookingActor, data: unknown): Promise<CardAttachment> {
      const parsed = RescheduleToData.safeParse(data);
      if (!parsed.success) return refused(actor, RESCHEDULE_TO);
      const { bookingId } = parsed.data;
      const result = await rescheduleBooking(slotDeps, {
        ...actor.criteria,
        ...who(actor),
        bookingId,
        newStart: new Date(parsed.data.start),
        adviserId: parsed.data.adviserId,
      });
      const { lang, timeZone } = actor;
      if (result.ok) return renderBookingConfirmationCard({ lang, timeZone, bookingId, start: result.booking.start, rescheduled: true, linkVia: actor.linkVia });
      deps.logger.info({ event: 'booking.reschedule.refused', reason: result.reason }, 'reschedule refused');
      if (result.reason === 'slot_taken' || result.reason === 'slot_not_offered') {
        return renderSlotCard({ lang, timeZone, slots: result.freshSlots, notice: result.reason, rescheduleBookingId: bookingId });
      }
      return notFound(actor);
    },
  };
}

export type BookingCardActions = ReturnType<typeof createBookingCardActions>;

/** A `from` sent back by "Later times": forgeable, so a time in the past just means "from now". */
function searchFrom(from: string | undefined, now: Date): { readonly from?: Date } {
  if (from === undefined) return {};
  const at = new Date(from);
  return at.getTime() > now.getTime() ? { from: at } : {};
}

/**
 * The first {@link FRESH_SLOTS} of `slots` (searched with one extra) and, when there was an extra,
 * where "Later times" continues: just after the last time shown (times are unique per start).
 */
function page(slots: readonly Slot[]): { readonly slots: readonly Slot[]; readonly moreFrom?: Date } {
  const shown = slots.slice(0, FRESH_SLOTS);
  const last = shown[shown.length - 1];
  return slots.length > FRESH_SLOTS && last ? { slots: shown, moreFrom: new Date(last.start.getTime() + 1) } : { slots: shown };
}

/** The intake fields a slot search and a booking use. */
const CRITERIA_FIELDS: readonly string[] = ['municipalityCode', 'language', 'interpreterLanguage', 'topics'];

/**
 * The client's booking criteria from their latest intake (what the slot search and booking
 * use). Undefined when the client has not given an intake yet: the caller shows the intake card.
 */
export async function bookingCriteriaFor(
  uow: UnitOfWork,
  clientId: string,
  reader: AuditActor,
  now: Date,
): Promise<BookingActor['criteria'] | undefined> {
  // The client's own data, read on their behalf: audited like any personal-data read.
  const latest = await readLatestIntake(uow, clientId, reader, CRITERIA_FIELDS, now);
  if (!latest) return undefined;
  const { intake } = latest;
  return {
    municipalityCode: intake.municipalityCode,
    language: intake.language,
    interpreterLanguage: intake.interpreterLanguage,
    topics: intake.topics,
    serviceTypeCode: CLIENT_SERVICE_TYPE,
  };
}
