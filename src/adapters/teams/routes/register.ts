import type { Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderContactLogCard } from '../../../cards/register/contact-log-card.js';
import { renderRegisterFailuresCard } from '../../../cards/register/register-failures-card.js';
import { renderFormOptionsCard, type FormOptionsCardViewModel } from '../../../cards/register/form-options-card.js';
import { ADD_FORM_OPTION, LOG_CONTACT, REPLAY_REGISTER_FAILURES, RETIRE_FORM_OPTION, SHOW_FORM_OPTIONS, SHOW_REGISTER_FAILURES } from '../../../cards/verbs.js';
import { CONTACT_CHOICE_FIELDS } from '../../../domain/register/form-definition.js';
import type { Contact, ContactDetails, ContactFieldError } from '../../../domain/register/contact.js';
import { contactPromptFor } from '../../../use-cases/meetings/contact-prompt.js';
import { currentContactForm } from '../../../use-cases/register/contact-form.js';
import { logContact } from '../../../use-cases/register/log-contact.js';
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
    const result = await logContact(uc, { ...turn.actor, channel: 'bot' }, { bookingId: parsed.bookingId }, parsed.details);
    if (!result.ok && result.reason === 'denied') return card(await refusal(deps, context, 'adviser'));
    if (result.ok) deps.logger.info({ event: 'contact.logged', contactId: result.contact.id, via: 'card' }, 'contact logged');
    else deps.logger.info({ event: 'contact.refused', reason: result.reason }, 'contact not logged');
    return card(
      await contactCard(deps, turn, parsed.bookingId, parsed.details, {
        ...(result.ok ? { saved: result.contact } : {}),
        ...(!result.ok && result.reason === 'already_logged' ? { alreadyLogged: result.contact } : {}),
        ...(!result.ok && result.reason === 'invalid' ? { errors: result.errors } : {}),
        ...(!result.ok && result.reason === 'not_found' ? { gone: true } : {}),
      }),
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
