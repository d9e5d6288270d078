import * as V from './verbs.js';

/**
 * Which card verbs carry an action token (issue 7, ADR 14), and how it is bound. Beside `verbs.ts`
 * so a new verb is decided here when it is added. A verb not listed carries no token: it only
 * shows something (a card, a search), or chooses the language.
 */
export interface ActionTokenPolicy {
  /** The data fields naming the entity the button acts on (joined with `|`); [] = the verb names none (a form's submit). */
  readonly entity: readonly string[];
  /**
   * The button works once (it changes state). Only for buttons in a personal chat: a card in a
   * channel is one card for every member (anyone on duty may claim a question, everyone may sign
   * up for a training), so there the token is bound to the conversation, works until it expires,
   * and the handler's state and role checks decide.
   */
  readonly singleUse: boolean;
  /**
   * Where the handler audits a denied attempt, a refused token is audited the same way (the action,
   * entity type and field names it writes), so the audit trail shows the attempt whichever lock
   * stopped it. `client: 'caller'` names the caller's own client row, as the booking handlers do;
   * `'none'` leaves it empty: the card's ids are forgeable and the token did not vouch for them.
   */
  readonly deniedAudit?: { readonly action: string; readonly entityType: string; readonly fields: readonly string[]; readonly client: 'caller' | 'none' };
}

const policy = (entity: readonly string[], singleUse: boolean, deniedAudit?: ActionTokenPolicy['deniedAudit']): ActionTokenPolicy => ({ entity, singleUse, ...(deniedAudit ? { deniedAudit } : {}) });
const client = policy;
const staff = policy;

/** The protected verbs. */
export const ACTION_TOKEN_POLICIES: Readonly<Partial<Record<V.CardVerb, ActionTokenPolicy>>> = Object.freeze({
  // The client's booking flow: the intake is stored, a time booked, moved, cancelled.
  [V.INTAKE_SUBMIT]: client([], true),
  [V.BOOK_SLOT]: client(['adviserId', 'start'], true),
  [V.CANCEL_BOOKING]: client(['bookingId'], true, { action: 'booking.cancel', entityType: 'booking', fields: ['status'], client: 'caller' }),
  // Opens the slot card for the move; changes nothing, so it may be pressed again.
  [V.RESCHEDULE_BOOKING]: client(['bookingId'], false, { action: 'booking.reschedule', entityType: 'booking', fields: ['start'], client: 'caller' }),
  [V.RESCHEDULE_TO]: client(['bookingId', 'adviserId', 'start'], true, { action: 'booking.reschedule', entityType: 'booking', fields: ['start'], client: 'caller' }),
  // Advisers and coordinators.
  [V.SAVE_WORKING_HOURS]: staff([], true),
  [V.ADD_ABSENCE]: staff([], true),
  [V.REMOVE_ABSENCE]: staff(['absenceId'], true),
  [V.SET_MAILBOX]: staff([], true),
  [V.LOG_CONTACT]: staff(['bookingId', 'clientId'], true, { action: 'contact.create', entityType: 'contact', fields: [], client: 'none' }),
  [V.REPLAY_REGISTER_FAILURES]: staff(['outboxId'], true),
  [V.ADD_FORM_OPTION]: staff([], true),
  [V.RETIRE_FORM_OPTION]: staff(['field', 'code'], true),
  // The expert channel. The ticket card lives in the experts' channel (conversation-bound); the
  // asker's answer card in their personal chat.
  [V.EXPERT_ESCALATE]: staff([], true),
  [V.EXPERT_CLAIM]: staff(['ticketId'], true),
  [V.EXPERT_ANSWER]: staff(['ticketId'], true),
  [V.EXPERT_REOPEN]: staff(['ticketId'], true),
  [V.EXPERT_CLOSE]: staff(['ticketId'], true),
  [V.EXPERT_HAND_OVER]: staff(['ticketId'], true),
  [V.EXPERT_SOLVED]: staff(['ticketId'], true),
  [V.EXPERT_FOLLOW_UP]: staff(['ticketId'], true),
  [V.EXPERT_SAVE_ARTICLE]: staff(['ticketId'], true),
  [V.EXPERT_REVIEWED]: staff(['articleId'], true),
  [V.TRAINING_ANNOUNCE]: staff([], true),
  [V.TRAINING_SIGN_UP]: staff(['trainingId'], true),
  [V.EXPERT_ROTA_SAVE]: staff([], true),
});

/** The policy of a verb, or `undefined` when its buttons carry no token. */
export function actionTokenPolicyOf(verb: unknown): ActionTokenPolicy | undefined {
  return typeof verb === 'string' && Object.prototype.hasOwnProperty.call(ACTION_TOKEN_POLICIES, verb) ? ACTION_TOKEN_POLICIES[verb as V.CardVerb] : undefined;
}

/** Where a protected button's token travels in its `data`. */
export const ACTION_TOKEN_FIELD = 'actionToken';
