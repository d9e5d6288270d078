import type { Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderClientSearchCard, type ClientSearchCardViewModel } from '../../../cards/register/client-search-card.js';
import { renderContactLogCard } from '../../../cards/register/contact-log-card.js';
import { renderMessageCard } from '../../../cards/message-card.js';
import { renderRegisterFailuresCard } from '../../../cards/register/register-failures-card.js';
import { renderFormOptionsCard, type FormOptionsCardViewModel } from '../../../cards/register/form-options-card.js';
import {
  ADD_FORM_OPTION,
  CHOOSE_CONTACT_CLIENT,
  FIND_CONTACT_CLIENT,
  LOG_CONTACT,
  REPLAY_REGISTER_FAILURES,
  RETIRE_FORM_OPTION,
  SHOW_FORM_OPTIONS,
  SHOW_REGISTER_FAILURES,
} from '../../../cards/verbs.js';
import { CONTACT_CHOICE_FIELDS, offeredCodes } from '../../../domain/register/form-definition.js';
import type { Contact, ContactDetails, ContactFieldError } from '../../../domain/register/contact.js';
import { staffText } from '../../../i18n/staff/index.js';
import { contactPromptFor } from '../../../use-cases/meetings/contact-prompt.js';
import { getClientContactForm } from '../../../use-cases/register/client-contact-form.js';
import { currentContactForm } from '../../../use-cases/register/contact-form.js';
import { CLIENT_SEARCH_LIMIT, CLIENT_SEARCH_MAX_LENGTH, CLIENT_SEARCH_MIN_LENGTH, findClients, mayLogClientContacts } from '../../../use-cases/register/find-clients.js';
import { logContact, type ContactSubject } from '../../../use-cases/register/log-contact.js';
import type { RegisterActor } from '../../../use-cases/register/register-access.js';
import { changeContactForm, getContactFormForEditing } from '../../../use-cases/register/manage-contact-form.js';
import { listRegisterFailures, replayRegisterFailures } from '../../../use-cases/register/register-failures.js';
import { parseContactCardData } from '../../shared/contact-input.js';
import type { RouteDeps } from '../route-deps.js';
import { card, invalid, notHere, refusal, turnOf, type StaffTurn } from './staff-turn.js';

const FAILURES = /^\s*(register failures|rekisterivirheet|registerfel)\s*[.!?]?\s*$/i;
const NoData = z.object({ verb: z.literal(SHOW_REGISTER_FAILURES).optional() }).strict();
const FORM_OPTIONS = /^\s*(form options|lomakkeen vaihtoehdot|blankettens alternativ)\s*[.!?]?\s*$/i;
const ShowFormData = z.object({ verb: z.literal(SHOW_FORM_OPTIONS).optional() }).strict();
const field = z.enum(CONTACT_CHOICE_FIELDS);
const AddOptionData = z
  .object({
    verb: z.literal(ADD_FORM_OPTION).optional(),
    formField: z.string().max(40).optional(),
    formCode: z.string().max(40).optional(),
    labelFi: z.string().max(80).optional(),
    labelSv: z.string().max(80).optional(),
    labelEn: z.string().max(80).optional(),
  })
  .strict();
const CLIENT_CONTACT = /^\s*(log contact|kirjaa asiointi|registrera kontakt)\s*[.!?]?\s*$/i;
// The box's text is capped a little above what the use case accepts, so "too long" is a message, not a parse error.
const FindClientData = z.object({ verb: z.literal(FIND_CONTACT_CLIENT).optional(), clientSearch: z.string().max(200).optional() }).strict();
// A client ignoring `associatedInputs: "none"` also sends the search box: accepted, never used.
const ChooseClientData = z.object({ verb: z.literal(CHOOSE_CONTACT_CLIENT).optional(), clientId: z.string().min(1).max(100), clientSearch: z.string().max(200).optional() }).strict();
const RetireOptionData = z.object({ verb: z.literal(RETIRE_FORM_OPTION).optional(), field, code: z.string().min(1).max(40) }).strict();
const ReplayData = z.object({ verb: z.literal(REPLAY_REGISTER_FAILURES).optional(), outboxId: z.string().min(1).max(100).optional() }).strict();

/**
 * The client register from the bot: the adviser's "log this contact" card (sent when a meeting
 * ends) and the coordinator's list of register deliveries that failed, with "send again". Only in
 * the personal chat; roles and the booking's ownership come from our database.
 */
export function register(app: Application, deps: RouteDeps): void {
  const uc = { uow: deps.repos, clock: deps.clock, registers: deps.registers };

  app.adaptiveCards.actionExecute(LOG_CONTACT, async (context, _state, data) => {
    const turn = await turnOf(deps, context);
    if (!turn) return card(await notHere(deps, context));
    const parsed = parseContactCardData(data);
    if (!parsed) return card(await invalid(deps, context, LOG_CONTACT));
    const actor: RegisterActor = { ...turn.actor, channel: 'bot' };
    const subject: ContactSubject = parsed.bookingId !== undefined ? { bookingId: parsed.bookingId } : { clientId: parsed.clientId };
    const result = await logContact(uc, actor, subject, parsed.details);
    if (!result.ok && result.reason === 'denied') return card(parsed.clientId === undefined ? await refusal(deps, context, 'adviser') : await clientRefusal(deps, context, turn));
    if (result.ok) deps.logger.info({ event: 'contact.logged', contactId: result.contact.id, via: parsed.clientId === undefined ? 'card' : 'client_card' }, 'contact logged');
    else deps.logger.info({ event: 'contact.refused', reason: result.reason }, 'contact not logged');
    const outcome = {
      ...(result.ok ? { saved: result.contact } : {}),
      ...(!result.ok && result.reason === 'already_logged' ? { alreadyLogged: result.contact } : {}),
      ...(!result.ok && result.reason === 'invalid' ? { errors: result.errors } : {}),
      ...(!result.ok && result.reason === 'not_found' ? { gone: true } : {}),
    };
    return card(
      parsed.bookingId !== undefined
        ? await contactCard(deps, turn, parsed.bookingId, parsed.details, outcome)
        : await clientContactCard(deps, context, turn, parsed.clientId, parsed.details, outcome),
    );
  });

  const failures = async (context: TurnContext, turn: StaffTurn, requeued?: number): Promise<CardAttachment> => {
    const result = await listRegisterFailures(uc, turn.actor);
    if (!result.ok) return refusal(deps, context, 'coordinator');
    return renderRegisterFailuresCard({ lang: turn.lang, failures: result.failures, ...(requeued === undefined ? {} : { requeued }) });
  };
  app.message(FAILURES, async (context) => {
    const turn = await turnOf(deps, context);
    await context.sendActivity(MessageFactory.attachment(turn ? await failures(context, turn) : await notHere(deps, context)));
  });
  app.adaptiveCards.actionExecute(SHOW_REGISTER_FAILURES, async (context, _state, data) => {
    const turn = await turnOf(deps, context);
    if (!turn) return card(await notHere(deps, context));
    return card(NoData.safeParse(data).success ? await failures(context, turn) : await invalid(deps, context, SHOW_REGISTER_FAILURES));
  });
  app.adaptiveCards.actionExecute(REPLAY_REGISTER_FAILURES, async (context, _state, data) => {
    const turn = await turnOf(deps, context);
    if (!turn) return card(await notHere(deps, context));
    const parsed = ReplayData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, REPLAY_REGISTER_FAILURES));
    const result = await replayRegisterFailures(uc, turn.actor, parsed.data.outboxId);
    if (!result.ok) return card(await refusal(deps, context, 'coordinator'));
    deps.logger.info({ event: 'register.replayed', count: result.requeued }, 'register deliveries requeued');
    return card(await failures(context, turn, result.requeued));
  });
  registerFormOptions(app, deps);
  registerClientContacts(app, deps);
}

/**
 * "Log contact": a contact of any channel without a booking. The adviser searches the client by
 * name (only municipalities they may see; each client shown is audited, the text is never
 * logged), picks one, and gets the contact-log card for that client, saved with LOG_CONTACT.
 */
function registerClientContacts(app: Application, deps: RouteDeps): void {
  const uc = { uow: deps.repos, clock: deps.clock };
  const limits = { minLength: CLIENT_SEARCH_MIN_LENGTH, maxLength: CLIENT_SEARCH_MAX_LENGTH, limit: CLIENT_SEARCH_LIMIT };
  const searchCard = (turn: StaffTurn, vm: Pick<ClientSearchCardViewModel, 'query' | 'results' | 'error'>) => renderClientSearchCard({ lang: turn.lang, ...limits, ...vm });
  const actorOf = (turn: StaffTurn): RegisterActor => ({ ...turn.actor, channel: 'bot' });

  app.message(CLIENT_CONTACT, async (context) => {
    const turn = await turnOf(deps, context);
    const answer = !turn ? await notHere(deps, context) : (await mayLogClientContacts(uc, actorOf(turn))) ? searchCard(turn, { query: '' }) : await refusal(deps, context, 'adviser');
    await context.sendActivity(MessageFactory.attachment(answer));
  });
  app.adaptiveCards.actionExecute(FIND_CONTACT_CLIENT, async (context, _state, data) => {
    const turn = await turnOf(deps, context);
    if (!turn) return card(await notHere(deps, context));
    const parsed = FindClientData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, FIND_CONTACT_CLIENT));
    const query = parsed.data.clientSearch ?? '';
    const result = await findClients(uc, actorOf(turn), query);
    if (!result.ok && result.reason === 'denied') return card(await refusal(deps, context, 'adviser'));
    if (!result.ok) return card(searchCard(turn, { query, error: result.reason }));
    // The count only: the text and the names are personal data.
    deps.logger.info({ event: 'client.search', results: result.clients.length }, 'clients searched');
    const results = result.clients.map((c) => ({ clientId: c.id, displayName: c.displayName, municipalityName: c.municipalityName }));
    return card(searchCard(turn, { query, results }));
  });
  app.adaptiveCards.actionExecute(CHOOSE_CONTACT_CLIENT, async (context, _state, data) => {
    const turn = await turnOf(deps, context);
    if (!turn) return card(await notHere(deps, context));
    const parsed = ChooseClientData.safeParse(data);
    if (!parsed.success) return card(await invalid(deps, context, CHOOSE_CONTACT_CLIENT));
    const form = await currentContactForm(deps.repos);
    const channel = offeredCodes(form, 'channel').includes('phone') ? 'phone' : '';
    const values: ContactDetails = { channel, startedAt: deps.clock(), durationMinutes: 15, language: '', interpreterUsed: false, topics: [], services: [], referrals: [], followUpOn: null, outcome: '', notes: '' };
    return card(await clientContactCard(deps, context, turn, parsed.data.clientId, values, {}));
  });
}

/** A client the adviser may not see: staff hear why; anyone else gets the general refusal. */
async function clientRefusal(deps: RouteDeps, context: TurnContext, turn: StaffTurn): Promise<CardAttachment> {
  if (!(await mayLogClientContacts({ uow: deps.repos }, { ...turn.actor, channel: 'bot' }))) return refusal(deps, context, 'adviser');
  deps.logger.info({ event: 'staff.refused', reason: 'client_not_visible' }, 'client outside the caller\'s municipalities');
  return renderMessageCard({ lang: turn.lang, text: staffText(turn.lang, 'clientContact.denied') });
}

/**
 * The contact card for a client without a booking: the client's name (an audited read, re-checked
 * against the caller every time) and the form, with what was saved or the adviser's values.
 * An empty `language` defaults to the client's own.
 */
async function clientContactCard(
  deps: RouteDeps,
  context: TurnContext,
  turn: StaffTurn,
  clientId: string,
  values: ContactDetails,
  outcome: { saved?: Contact; alreadyLogged?: Contact; errors?: readonly ContactFieldError[]; gone?: boolean },
): Promise<CardAttachment> {
  const gone = () => renderMessageCard({ lang: turn.lang, text: staffText(turn.lang, 'contactCard.client.gone') });
  if (outcome.gone) return gone();
  const found = await getClientContactForm({ uow: deps.repos, clock: deps.clock }, { ...turn.actor, channel: 'bot' }, clientId);
  if (!found.ok) return found.reason === 'denied' ? clientRefusal(deps, context, turn) : gone();
  const { client, form, associations } = found;
  const filled = values.language === '' ? { ...values, language: client.preferredLanguage } : values;
  return renderContactLogCard({ lang: turn.lang, clientId: client.id, clientName: client.displayName, form, associations, values: filled, ...outcome });
}

/** The coordinator's form card: show, add an option, retire one (a new version of the form each time). */
function registerFormOptions(app: Application, deps: RouteDeps): void {
  const uc = { uow: deps.repos, clock: deps.clock };
  const show = async (context: TurnContext, turn: StaffTurn, extra: Omit<FormOptionsCardViewModel, 'lang' | 'form'> = {}): Promise<CardAttachment> => {
    const result = await getContactFormForEditing(uc, turn.actor);
    return result.ok ? renderFormOptionsCard({ lang: turn.lang, form: result.form, ...extra }) : refusal(deps, context, 'coordinator');
  };
  app.message(FORM_OPTIONS, async (context) => {
    const turn = await turnOf(deps, context);
    await context.sendActivity(MessageFactory.attachment(turn ? await show(context, turn) : await notHere(deps, context)));
  });
  const execute = (verb: string, handle: (context: TurnContext, turn: StaffTurn, data: unknown) => Promise<CardAttachment>) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const turn = await turnOf(deps, context);
      return card(turn ? await handle(context, turn, data) : await notHere(deps, context));
    });
  execute(SHOW_FORM_OPTIONS, async (context, turn, data) => (ShowFormData.safeParse(data).success ? show(context, turn) : invalid(deps, context, SHOW_FORM_OPTIONS)));
  execute(ADD_FORM_OPTION, async (context, turn, data) => {
    const parsed = AddOptionData.safeParse(data);
    if (!parsed.success) return invalid(deps, context, ADD_FORM_OPTION);
    const d = parsed.data;
    const values = { field: d.formField ?? '', code: (d.formCode ?? '').trim(), fi: d.labelFi ?? '', sv: d.labelSv ?? '', en: d.labelEn ?? '' };
    const chosen = field.safeParse(values.field);
    if (!chosen.success) return show(context, turn, { values, error: 'unknown_option' });
    const result = await changeContactForm(uc, turn.actor, { kind: 'add', field: chosen.data, code: values.code, labels: { fi: values.fi, sv: values.sv, en: values.en } });
    if (!result.ok) return result.reason === 'not_coordinator' ? refusal(deps, context, 'coordinator') : show(context, turn, { values, error: result.reason });
    deps.logger.info({ event: 'form.published', version: result.form.version }, 'contact form published');
    return show(context, turn, { savedVersion: result.form.version });
  });
  execute(RETIRE_FORM_OPTION, async (context, turn, data) => {
    const parsed = RetireOptionData.safeParse(data);
    if (!parsed.success) return invalid(deps, context, RETIRE_FORM_OPTION);
    const result = await changeContactForm(uc, turn.actor, { kind: 'retire', field: parsed.data.field, code: parsed.data.code });
    if (!result.ok) return result.reason === 'not_coordinator' ? refusal(deps, context, 'coordinator') : show(context, turn, { error: result.reason === 'conflict' ? 'conflict' : 'unknown_option' });
    deps.logger.info({ event: 'form.published', version: result.form.version }, 'contact form published');
    return show(context, turn, { savedVersion: result.form.version });
  });
}

/** The contact card again, for the booking: with what was saved, or the adviser's values and errors. */
async function contactCard(
  deps: RouteDeps,
  turn: StaffTurn,
  bookingId: string,
  values: ContactDetails,
  outcome: { saved?: Contact; alreadyLogged?: Contact; errors?: readonly ContactFieldError[]; gone?: boolean },
): Promise<CardAttachment> {
  const prompt = await contactPromptFor(deps.repos, bookingId, deps.clock());
  if (prompt.kind === 'gone') {
    return renderContactLogCard({ lang: turn.lang, bookingId, bookedStart: values.startedAt, noShow: false, form: await currentContactForm(deps.repos), associations: [], values, gone: true });
  }
  const noShow = prompt.kind === 'prompt' ? prompt.noShow : false;
  const associations = prompt.kind === 'prompt' ? prompt.associations : [];
  return renderContactLogCard({ lang: turn.lang, bookingId, bookedStart: prompt.booking.start, noShow, form: prompt.form, associations, values, ...outcome });
}
