import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderBookingCancelledCard } from '../../../cards/booking/booking-cancelled-card.js';
import { renderBookingConfirmationCard } from '../../../cards/booking/booking-confirmation-card.js';
import { renderSlotCard } from '../../../cards/booking/slot-card.js';
import { renderIntakeCard } from '../../../cards/intake/intake-card.js';
import { parseIntakeSubmission } from '../../../cards/intake/intake-submission.js';
import { renderIntakeSummaryCard } from '../../../cards/intake/intake-summary-card.js';
import { renderMessageCard } from '../../../cards/message-card.js';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../../../cards/verbs.js';
import type { LanguageCode } from '../../../domain/staff/staff.js';
import { t } from '../../../i18n/index.js';
import { bookSession, FRESH_SLOTS } from '../../../use-cases/booking/book-session.js';
import { cancelBooking } from '../../../use-cases/booking/cancel-booking.js';
import { findSlots } from '../../../use-cases/booking/find-slots.js';
import { findRescheduleSlots, rescheduleBooking } from '../../../use-cases/booking/reschedule-booking.js';
import { chooseLanguage } from '../../../use-cases/choose-language.js';
import { submitIntake } from '../../../use-cases/intake/submit-intake.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';

/** The one service type clients book from Teams today. */
const SERVICE_TYPE = 'guidance';
const START = /^\s*(book|varaa|varaa aika|boka|boka tid)\s*[.!?]?\s*$/i;

/** Card data is forgeable: every field is re-checked, unknown keys refused. */
const BookSlotData = z.object({ verb: z.literal(BOOK_SLOT).optional(), start: z.string().datetime(), adviserId: z.string().min(1).max(100) }).strict();
const CancelData = z.object({ verb: z.literal(CANCEL_BOOKING).optional(), bookingId: z.string().min(1).max(100) }).strict();
const RescheduleData = z.object({ verb: z.literal(RESCHEDULE_BOOKING).optional(), bookingId: z.string().min(1).max(100) }).strict();
const RescheduleToData = z
  .object({ verb: z.literal(RESCHEDULE_TO).optional(), bookingId: z.string().min(1).max(100), start: z.string().datetime(), adviserId: z.string().min(1).max(100) })
  .strict();

/**
 * The client's booking flow in Teams: intake card → summary → slots → booked (confirmation with
 * "Change the time" and cancel buttons) → moved to a new time with the same adviser, or cancelled. Invokes answer with a card that replaces the one clicked
 * (Action.Execute); nothing personal is written to the chat after the intake.
 */
export function register(app: Application, deps: RouteDeps): void {
  // Every slot search (show, book, reschedule) sees the same Outlook free/busy, when Graph is on.
  const slotDeps = { uow: deps.repos, clock: deps.clock, ...(deps.calendar ? { calendar: deps.calendar } : {}) };
  const sendIntakeCard = async (context: TurnContext) => {
    const lang = await languageForTurn(deps, context);
    await context.sendActivity(MessageFactory.attachment(await intakeCard(deps, lang)));
  };
  app.message(START, sendIntakeCard);
  app.adaptiveCards.actionSubmit(START_BOOKING, sendIntakeCard);
  app.adaptiveCards.actionExecute(START_BOOKING, async (context) => card(await intakeCard(deps, await languageForTurn(deps, context))));

  app.adaptiveCards.actionExecute(INTAKE_SUBMIT, async (context, _state, data) => {
    const lang = await languageForTurn(deps, context);
    const municipalities = await deps.repos.municipalities.list();
    const parsed = parseIntakeSubmission(data, { municipalityCodes: municipalities.map((m) => m.code) });
    const who = speakerOf(context.activity);
    if (!parsed.ok || !who.entraObjectId) {
      deps.logger.info({ event: 'intake.invalid', fields: parsed.ok ? ['identity'] : Object.keys(parsed.errors) }, 'intake refused');
      return card(renderIntakeCard({ lang, municipalities, ...(parsed.ok ? {} : { values: parsed.values, errors: parsed.errors }) }));
    }
    await submitIntake({ uow: deps.repos, clock: deps.clock }, { tenantId: who.tenantId, entraObjectId: who.entraObjectId, intake: parsed.intake });
    // The language chosen on the intake is the person's language from now on.
    await chooseLanguage({ conversations: deps.repos.conversations, clock: deps.clock }, { tenantId: who.tenantId, userKey: who.userKey, language: parsed.intake.language });
    const municipality = municipalities.find((m) => m.code === parsed.intake.municipalityCode);
    return card(renderIntakeSummaryCard({ lang: parsed.intake.language, topics: parsed.intake.topics, ...(municipality ? { municipality } : {}) }));
  });

  app.adaptiveCards.actionExecute(SHOW_SLOTS, async (context) => {
    const session = await clientSession(deps, context);
    if (!session) return card(await intakeCard(deps, await languageForTurn(deps, context)));
    const found = await findSlots(slotDeps, { ...session.criteria, limit: FRESH_SLOTS });
    return card(renderSlotCard({ lang: session.lang, timeZone: timeZoneOf(context), slots: found.ok ? found.slots : [] }));
  });

  app.adaptiveCards.actionExecute(BOOK_SLOT, async (context, _state, data) => {
    const session = await clientSession(deps, context);
    const parsed = BookSlotData.safeParse(data);
    if (!session || !parsed.success) return refused(deps, context, BOOK_SLOT);
    const result = await bookSession(
      slotDeps,
      { ...session.criteria, clientId: session.clientId, actorId: session.actorId, actorTenantId: session.tenantId, start: new Date(parsed.data.start), adviserId: parsed.data.adviserId },
    );
    const timeZone = timeZoneOf(context);
    if (result.ok) return card(renderBookingConfirmationCard({ lang: session.lang, timeZone, bookingId: result.booking.id, start: result.booking.start }));
    deps.logger.info({ event: 'booking.refused', reason: result.reason }, 'booking refused');
    const slots = 'freshSlots' in result ? result.freshSlots : [];
    return card(renderSlotCard({ lang: session.lang, timeZone, slots, ...(result.reason === 'unknown_service_type' ? {} : { notice: result.reason }) }));
  });

  app.adaptiveCards.actionExecute(CANCEL_BOOKING, async (context, _state, data) => {
    const session = await clientSession(deps, context);
    const parsed = CancelData.safeParse(data);
    if (!session || !parsed.success) return refused(deps, context, CANCEL_BOOKING);
    const result = await cancelBooking(
      { uow: deps.repos, clock: deps.clock },
      { bookingId: parsed.data.bookingId, clientId: session.clientId, actorId: session.actorId, actorTenantId: session.tenantId },
    );
    if (result.ok || result.reason === 'already_cancelled') return card(renderBookingCancelledCard({ lang: session.lang }));
    return card(renderMessageCard({ lang: session.lang, text: t(session.lang, 'booking.notFound') }));
  });

  app.adaptiveCards.actionExecute(RESCHEDULE_BOOKING, async (context, _state, data) => {
    const session = await clientSession(deps, context);
    const parsed = RescheduleData.safeParse(data);
    if (!session || !parsed.success) return refused(deps, context, RESCHEDULE_BOOKING);
    const found = await findRescheduleSlots(
      slotDeps,
      { ...session.criteria, bookingId: parsed.data.bookingId, clientId: session.clientId, limit: FRESH_SLOTS },
    );
    if (!found.ok) return card(renderMessageCard({ lang: session.lang, text: t(session.lang, 'booking.notFound') }));
    return card(renderSlotCard({ lang: session.lang, timeZone: timeZoneOf(context), slots: found.slots, rescheduleBookingId: found.booking.id }));
  });

  app.adaptiveCards.actionExecute(RESCHEDULE_TO, async (context, _state, data) => {
    const session = await clientSession(deps, context);
    const parsed = RescheduleToData.safeParse(data);
    if (!session || !parsed.success) return refused(deps, context, RESCHEDULE_TO);
    const { bookingId } = parsed.data;
    const result = await rescheduleBooking(
      slotDeps,
      { ...session.criteria, bookingId, clientId: session.clientId, actorId: session.actorId, actorTenantId: session.tenantId, newStart: new Date(parsed.data.start), adviserId: parsed.data.adviserId },
    );
    const timeZone = timeZoneOf(context);
    if (result.ok) return card(renderBookingConfirmationCard({ lang: session.lang, timeZone, bookingId, start: result.booking.start, rescheduled: true }));
    deps.logger.info({ event: 'booking.reschedule.refused', reason: result.reason }, 'reschedule refused');
    if (result.reason === 'slot_taken' || result.reason === 'slot_not_offered') {
      return card(renderSlotCard({ lang: session.lang, timeZone, slots: result.freshSlots, notice: result.reason, rescheduleBookingId: bookingId }));
    }
    return card(renderMessageCard({ lang: session.lang, text: t(session.lang, 'booking.notFound') }));
  });
}

/**
 * The client behind this conversation and what they asked for on their latest intake. Looked up
 * from our database by the caller's Entra id — never taken from the card.
 */
async function clientSession(deps: RouteDeps, context: TurnContext) {
  const who = speakerOf(context.activity);
  if (!who.entraObjectId) return undefined;
  const client = await deps.repos.clients.findByEntraId(who.tenantId, who.entraObjectId);
  const intake = client ? await deps.repos.intakes.latestForClient(client.id) : undefined;
  if (!client || !intake) return undefined;
  const lang = await languageForTurn(deps, context);
  return {
    clientId: client.id,
    actorId: who.entraObjectId,
    tenantId: who.tenantId,
    lang,
    criteria: {
      municipalityCode: intake.intake.municipalityCode,
      language: intake.intake.language,
      interpreterLanguage: intake.intake.interpreterLanguage,
      topics: intake.intake.topics,
      serviceTypeCode: SERVICE_TYPE,
    },
  };
}

async function intakeCard(deps: RouteDeps, lang: LanguageCode): Promise<CardAttachment> {
  return renderIntakeCard({ lang, municipalities: await deps.repos.municipalities.list() });
}

async function refused(deps: RouteDeps, context: TurnContext, verb: string) {
  deps.logger.info({ event: 'card.invalid', verb }, 'card data refused');
  const lang = await languageForTurn(deps, context);
  return card(renderMessageCard({ lang, text: t(lang, 'error.invalidInput') }));
}

/** teams-ai sends the returned card as the Action.Execute response (it replaces the one clicked). */
function card(attachment: CardAttachment): AdaptiveCard {
  return attachment.content as unknown as AdaptiveCard;
}

/** Teams sends the client's IANA zone in `localTimezone`; the service's own zone otherwise. */
function timeZoneOf(context: TurnContext): string {
  return context.activity.localTimezone || 'Europe/Helsinki';
}
