import type { Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { ABSENCE_FIELD_IDS, renderAbsencesCard, type AbsencesCardViewModel } from '../../../cards/adviser/absences-card.js';
import { renderMailboxCard, type MailboxCardViewModel } from '../../../cards/adviser/mailbox-card.js';
import { renderMyDayCard } from '../../../cards/adviser/my-day-card.js';
import { renderWorkingHoursCard, rowsFromStoredHours, rowsWithProblems } from '../../../cards/adviser/working-hours-card.js';
import { parseWorkingHoursSubmission } from '../../../cards/adviser/working-hours-submission.js';
import {
  ADD_ABSENCE,
  REMOVE_ABSENCE,
  SAVE_WORKING_HOURS,
  SET_MAILBOX,
  SHOW_ABSENCES,
  SHOW_MAILBOXES,
  SHOW_MY_DAY,
  SHOW_WORKING_HOURS,
} from '../../../cards/verbs.js';
import { addAbsence } from '../../../use-cases/adviser/add-absence.js';
import { getMyDay } from '../../../use-cases/adviser/get-my-day.js';
import { getWorkingHours } from '../../../use-cases/adviser/get-working-hours.js';
import { listAbsences } from '../../../use-cases/adviser/list-absences.js';
import { listAdviserMailboxes } from '../../../use-cases/adviser/list-adviser-mailboxes.js';
import { removeAbsence } from '../../../use-cases/adviser/remove-absence.js';
import { setAdviserMailbox } from '../../../use-cases/adviser/set-adviser-mailbox.js';
import { setWorkingHours } from '../../../use-cases/adviser/set-working-hours.js';
import type { RouteDeps } from '../route-deps.js';
import { card, invalid, notHere, refusal, turnOf, type StaffTurn } from './staff-turn.js';

/**
 * Staff commands, typed in fi / sv / en (docs/advisers.md). Whole-message matches only, so they
 * never shadow `help`, `language` or `book` (routes/messages.ts, routes/booking.ts).
 */
const MY_DAY = /^\s*(my day|päiväni|min dag)\s*[.!?]?\s*$/i;
const HOURS = /^\s*(hours|working hours|työajat|arbetstider)\s*[.!?]?\s*$/i;
const ABSENCES = /^\s*(absences|poissaolot|frånvaro)\s*[.!?]?\s*$/i;
const MAILBOX = /^\s*(mailbox|postilaatikko|postlåda)\s*[.!?]?\s*$/i;

/** Card data is forgeable: every field is re-checked, unknown keys refused. */
const NoData = <V extends string>(verb: V) => z.object({ verb: z.literal(verb).optional() }).strict();
const DayData = z.object({ verb: z.literal(SHOW_MY_DAY).optional(), date: z.string().max(10).optional() }).strict();
const AddAbsenceData = z
  .object({
    verb: z.literal(ADD_ABSENCE).optional(),
    [ABSENCE_FIELD_IDS.fromDate]: z.string().max(10).optional(),
    [ABSENCE_FIELD_IDS.toDate]: z.string().max(10).optional(),
    [ABSENCE_FIELD_IDS.fromTime]: z.string().max(8).optional(),
    [ABSENCE_FIELD_IDS.toTime]: z.string().max(8).optional(),
  })
  .strict();
const RemoveAbsenceData = z.object({ verb: z.literal(REMOVE_ABSENCE).optional(), absenceId: z.string().min(1).max(100) }).strict();
const SetMailboxData = z.object({ verb: z.literal(SET_MAILBOX).optional(), adviserId: z.string().max(100).optional(), mailbox: z.string().max(300).optional() }).strict();

type Turn = StaffTurn;

/**
 * Advisers' "my day", working hours and absences, and the coordinator's mailbox card. Every
 * handler is thin: parse, call the use case (which reads the caller's role from our database),
 * render. Only in the personal chat with the bot: the day card shows client names, which must not
 * land in a group chat or channel.
 */
export function register(app: Application, deps: RouteDeps): void {
  const uc = { uow: deps.repos, clock: deps.clock };

  const myDay = async (context: TurnContext, turn: Turn, date?: string): Promise<CardAttachment> => {
    const result = await getMyDay(uc, { actor: turn.actor, ...(date === undefined ? {} : { date }) });
    if (!result.ok) return result.reason === 'not_adviser' ? refusal(deps, context, 'adviser') : invalid(deps, context, SHOW_MY_DAY);
    return renderMyDayCard({ lang: turn.lang, date: result.date, today: result.today, sessions: result.sessions });
  };
  const hours = async (context: TurnContext, turn: Turn): Promise<CardAttachment> => {
    const result = await getWorkingHours(uc, { actor: turn.actor });
    if (!result.ok) return refusal(deps, context, 'adviser');
    return renderWorkingHoursCard({ lang: turn.lang, rows: rowsFromStoredHours(result.hours) });
  };
  const absences = async (context: TurnContext, turn: Turn, extra: Omit<AbsencesCardViewModel, 'lang' | 'absences'> = {}): Promise<CardAttachment> => {
    const result = await listAbsences(uc, { actor: turn.actor });
    if (!result.ok) return refusal(deps, context, 'adviser');
    return renderAbsencesCard({ lang: turn.lang, absences: result.absences, ...extra });
  };
  const mailboxes = async (context: TurnContext, turn: Turn, extra: Omit<MailboxCardViewModel, 'lang' | 'advisers'> = {}): Promise<CardAttachment> => {
    const result = await listAdviserMailboxes(uc, { actor: turn.actor });
    if (!result.ok) return refusal(deps, context, 'coordinator');
    return renderMailboxCard({ lang: turn.lang, advisers: result.advisers, ...extra });
  };

  /** A command answered with a card as a new message. */
  const command = (pattern: RegExp, show: (context: TurnContext, turn: Turn) => Promise<CardAttachment>) =>
    app.message(pattern, async (context) => {
      const turn = await turnOf(deps, context);
      await context.sendActivity(MessageFactory.attachment(turn ? await show(context, turn) : await notHere(deps, context)));
    });
  /** An Action.Execute answered with a card that replaces the one clicked. */
  const execute = (verb: string, handle: (context: TurnContext, turn: Turn, data: unknown) => Promise<CardAttachment>) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const turn = await turnOf(deps, context);
      return card(turn ? await handle(context, turn, data) : await notHere(deps, context));
    });

  command(MY_DAY, (context, turn) => myDay(context, turn));
  command(HOURS, hours);
  command(ABSENCES, (context, turn) => absences(context, turn));
  command(MAILBOX, (context, turn) => mailboxes(context, turn));

  execute(SHOW_MY_DAY, async (context, turn, data) => {
    const parsed = DayData.safeParse(data);
    return parsed.success ? myDay(context, turn, parsed.data.date) : invalid(deps, context, SHOW_MY_DAY);
  });
  execute(SHOW_WORKING_HOURS, async (context, turn, data) => (NoData(SHOW_WORKING_HOURS).safeParse(data).success ? hours(context, turn) : invalid(deps, context, SHOW_WORKING_HOURS)));
  execute(SHOW_ABSENCES, async (context, turn, data) => (NoData(SHOW_ABSENCES).safeParse(data).success ? absences(context, turn) : invalid(deps, context, SHOW_ABSENCES)));
  execute(SHOW_MAILBOXES, async (context, turn, data) => (NoData(SHOW_MAILBOXES).safeParse(data).success ? mailboxes(context, turn) : invalid(deps, context, SHOW_MAILBOXES)));

  execute(SAVE_WORKING_HOURS, async (context, turn, data) => {
    const parsed = parseWorkingHoursSubmission(data);
    if (!parsed.ok) return invalid(deps, context, SAVE_WORKING_HOURS);
    const result = await setWorkingHours(uc, { actor: turn.actor, hours: parsed.periods });
    if (!result.ok && result.reason === 'not_adviser') return refusal(deps, context, 'adviser');
    if (!result.ok) {
      deps.logger.info({ event: 'adviser.hours.invalid', problems: result.errors.map((e) => e.problem) }, 'working hours refused');
      return renderWorkingHoursCard({ lang: turn.lang, rows: rowsWithProblems(parsed.periods, result.errors) });
    }
    deps.logger.info({ event: 'adviser.hours.saved', adviserId: result.adviserId, periods: result.hours.length }, 'working hours saved');
    return renderWorkingHoursCard({ lang: turn.lang, rows: rowsFromStoredHours(result.hours), saved: true });
  });

  execute(ADD_ABSENCE, async (context, turn, data) => {
    const parsed = AddAbsenceData.safeParse(data);
    if (!parsed.success) return invalid(deps, context, ADD_ABSENCE);
    const values = {
      fromDate: parsed.data[ABSENCE_FIELD_IDS.fromDate] ?? '',
      toDate: parsed.data[ABSENCE_FIELD_IDS.toDate] ?? '',
      fromTime: parsed.data[ABSENCE_FIELD_IDS.fromTime] ?? '',
      toTime: parsed.data[ABSENCE_FIELD_IDS.toTime] ?? '',
    };
    const result = await addAbsence(uc, { actor: turn.actor, absence: values });
    if (!result.ok && result.reason === 'not_adviser') return refusal(deps, context, 'adviser');
    if (!result.ok) {
      deps.logger.info({ event: 'adviser.absence.invalid', problems: result.errors.map((e) => `${e.field}:${e.problem}`) }, 'absence refused');
      return absences(context, turn, { values, errors: result.errors });
    }
    deps.logger.info({ event: 'adviser.absence.added', absenceId: result.absence.id }, 'absence added');
    return absences(context, turn, { notice: { kind: 'added', overlappingBookings: result.overlappingBookings } });
  });

  execute(REMOVE_ABSENCE, async (context, turn, data) => {
    const parsed = RemoveAbsenceData.safeParse(data);
    if (!parsed.success) return invalid(deps, context, REMOVE_ABSENCE);
    const result = await removeAbsence(uc, { actor: turn.actor, absenceId: parsed.data.absenceId });
    if (!result.ok && result.reason === 'not_adviser') return refusal(deps, context, 'adviser');
    return absences(context, turn, { notice: { kind: result.ok ? 'removed' : 'not_found' } });
  });

  execute(SET_MAILBOX, async (context, turn, data) => {
    const parsed = SetMailboxData.safeParse(data);
    if (!parsed.success) return invalid(deps, context, SET_MAILBOX);
    const values = { adviserId: parsed.data.adviserId ?? '', mailbox: parsed.data.mailbox ?? '' };
    const result = await setAdviserMailbox(uc, { actor: turn.actor, adviserId: values.adviserId, mailbox: values.mailbox });
    if (!result.ok && result.reason === 'not_coordinator') return refusal(deps, context, 'coordinator');
    if (!result.ok) {
      deps.logger.info({ event: 'coordinator.mailbox.invalid', reason: result.reason }, 'mailbox refused');
      return mailboxes(context, turn, { values, errors: [result.reason === 'invalid' ? 'mailbox' : 'adviser'] });
    }
    deps.logger.info({ event: 'coordinator.mailbox.saved', adviserId: result.adviserId, cleared: result.mailbox === null }, 'adviser mailbox set');
    const adviser = await deps.repos.staff.get(result.adviserId);
    return mailboxes(context, turn, { notice: { kind: 'saved', displayName: adviser?.displayName ?? '', mailbox: result.mailbox } });
  });
}
