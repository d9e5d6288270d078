import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderIntakeCard } from '../../../cards/intake/intake-card.js';
import { parseIntakeSubmission } from '../../../cards/intake/intake-submission.js';
import { renderIntakeSummaryCard } from '../../../cards/intake/intake-summary-card.js';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../../../cards/verbs.js';
import type { LanguageCode } from '../../../domain/staff/staff.js';
import { chooseLanguage } from '../../../use-cases/choose-language.js';
import { submitIntake } from '../../../use-cases/intake/submit-intake.js';
import { bookingCriteriaFor, createBookingCardActions, type BookingActor } from '../../shared/booking-card-actions.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';

const START = /^\s*(book|varaa|varaa aika|boka|boka tid)\s*[.!?]?\s*$/i;

/**
 * The client's booking flow in Teams: intake card → summary → slots → booked (confirmation with
 * "Change the time" and cancel buttons) → moved to a new time with the same adviser, or cancelled.
 * Invokes answer with a card that replaces the one clicked (Action.Execute); nothing personal is
 * written to the chat after the intake. The booking steps are shared with the public page
 * (`shared/booking-card-actions.ts`); this module only finds out who the client is.
 */
export function register(app: Application, deps: RouteDeps): void {
  const actions = createBookingCardActions({ uow: deps.repos, clock: deps.clock, logger: deps.logger, ...(deps.calendar ? { calendar: deps.calendar } : {}) });
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

  app.adaptiveCards.actionExecute(SHOW_SLOTS, async (context, _state, data) => {
    const actor = await clientActor(deps, context);
    if (!actor) return card(await intakeCard(deps, await languageForTurn(deps, context)));
    return card(await actions.showSlots(actor, data));
  });

  const forClient = (verb: string, action: (actor: BookingActor, data: unknown) => Promise<CardAttachment>) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const actor = await clientActor(deps, context);
      if (!actor) return card(actions.refused({ lang: await languageForTurn(deps, context) }, verb));
      return card(await action(actor, data));
    });
  forClient(BOOK_SLOT, actions.book);
  forClient(CANCEL_BOOKING, actions.cancel);
  forClient(RESCHEDULE_BOOKING, actions.reschedule);
  forClient(RESCHEDULE_TO, actions.rescheduleTo);
}

/**
 * The client behind this conversation and what they asked for on their latest intake. Looked up
 * from our database by the caller's Entra id — never taken from the card.
 */
async function clientActor(deps: RouteDeps, context: TurnContext): Promise<BookingActor | undefined> {
  const who = speakerOf(context.activity);
  if (!who.entraObjectId) return undefined;
  const client = await deps.repos.clients.findByEntraId(who.tenantId, who.entraObjectId);
  const reader = { actorId: who.entraObjectId, actorTenantId: who.tenantId, channel: 'bot' } as const;
  const criteria = client ? await bookingCriteriaFor(deps.repos, client.id, reader, deps.clock()) : undefined;
  if (!client || !criteria) return undefined;
  return {
    clientId: client.id,
    ...reader,
    lang: await languageForTurn(deps, context),
    // Teams sends the client's IANA zone in `localTimezone`; the service's own zone otherwise.
    timeZone: context.activity.localTimezone || 'Europe/Helsinki',
    linkVia: 'chat',
    criteria,
  };
}

async function intakeCard(deps: RouteDeps, lang: LanguageCode): Promise<CardAttachment> {
  return renderIntakeCard({ lang, municipalities: await deps.repos.municipalities.list() });
}

/** teams-ai sends the returned card as the Action.Execute response (it replaces the one clicked). */
function card(attachment: CardAttachment): AdaptiveCard {
  return attachment.content as unknown as AdaptiveCard;
}
