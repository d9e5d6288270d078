/**
 * Every card verb in one place (STYLE.md habit 1), so a route and the card that sends it cannot
 * drift apart. Verbs are namespaced `neuvo.*` so they never collide with another app's data.
 *
 * Card `data` is forgeable (DESIGN.md): a verb only picks the handler; the handler re-checks
 * everything else in `activity.value` on the server.
 */

/** Action.Submit from the language picker; `data.lang` is the chosen language code. */
export const SET_LANGUAGE = 'neuvo.setLanguage';

/** Action.Submit that asks for the help text; carries no other data. */
export const SHOW_HELP = 'neuvo.help';

/**
 * Action.Execute that submits the intake card; the inputs arrive in `value.action.data` next to
 * `verb`. Action.Execute (universal actions), not Submit, so the answer can replace the card in
 * place: with the same card and its errors, or with the redacted summary (DESIGN.md privacy).
 */
export const INTAKE_SUBMIT = 'neuvo.intake.submit';

/** Action.Execute from the intake summary: show free appointment times; carries no other data. */
export const SHOW_SLOTS = 'neuvo.slots.show';

/**
 * Action.Execute that opens the intake to start a booking (welcome card, "Book a new time" after a
 * cancellation); carries no other data.
 */
export const START_BOOKING = 'neuvo.booking.start';

/**
 * Action.Execute from the slot card: book this time. `data.start` is the slot start as an ISO 8601
 * UTC string and `data.adviserId` the adviser offered with it; the handler re-checks both against
 * the times it offers (forgeable data).
 */
export const BOOK_SLOT = 'neuvo.booking.book';

/**
 * Action.Execute from the confirmation card: cancel this booking. `data.bookingId` is only a
 * lookup key; the handler checks that the booking belongs to the person who pressed the button.
 */
export const CANCEL_BOOKING = 'neuvo.booking.cancel';

/**
 * Action.Execute from the confirmation card: "Change the time". `data.bookingId` is only a lookup
 * key; the handler checks that the booking belongs to the caller and answers with a slot card in
 * reschedule mode (times of the same adviser).
 */
export const RESCHEDULE_BOOKING = 'neuvo.booking.reschedule';

/**
 * Action.Execute from a slot card in reschedule mode: move the booking to this time.
 * `data: { bookingId, start: ISO 8601 UTC, adviserId }`; all three are re-checked on the server
 * (the booking's owner, and a time the search offers now with the booking's own adviser).
 */
export const RESCHEDULE_TO = 'neuvo.booking.rescheduleTo';

/**
 * Action.Execute: the adviser's "my day" card. `data.date` (optional, `'YYYY-MM-DD'`, a Helsinki
 * calendar date) picks the day, default today; the handler checks it is a real date near today,
 * and the adviser is always the caller (role from our database).
 */
export const SHOW_MY_DAY = 'neuvo.adviser.day';

/** Action.Execute: the caller's working-hours card, prefilled from the database; no other data. */
export const SHOW_WORKING_HOURS = 'neuvo.adviser.hours.show';

/**
 * Action.Execute from the working-hours card: the Input.Time values `day<1-7>start<n>` /
 * `day<1-7>end<n>` next to `verb`. Replaces ALL of the caller's weekly hours; invalid input comes
 * back as the same card with errors, nothing written.
 */
export const SAVE_WORKING_HOURS = 'neuvo.adviser.hours.save';

/** Action.Execute: the caller's absences card (upcoming absences and an add form); no other data. */
export const SHOW_ABSENCES = 'neuvo.adviser.absences.show';

/**
 * Action.Execute from the absences card: add an absence from the inputs `absenceFromDate`,
 * `absenceToDate`, `absenceFromTime`, `absenceToTime` (dates and times in Helsinki).
 */
export const ADD_ABSENCE = 'neuvo.adviser.absences.add';

/**
 * Action.Execute from the absences card: remove `data.absenceId`. Only a lookup key: the handler
 * removes it only when it is the caller's own absence.
 */
export const REMOVE_ABSENCE = 'neuvo.adviser.absences.remove';

/** Action.Execute: the coordinator's card for advisers' Outlook mailboxes; no other data. */
export const SHOW_MAILBOXES = 'neuvo.coordinator.mailbox.show';

/**
 * Action.Execute from the mailbox card: `adviserId` (ChoiceSet) and `mailbox` (a UPN; empty =
 * stop reading Outlook). Only a coordinator may, checked against our database; the adviser id is
 * re-checked (an active adviser of the coordinator's tenant).
 */
export const SET_MAILBOX = 'neuvo.coordinator.mailbox.set';

/**
 * Action.Execute from the adviser's "log this contact" card. Inputs `topics`, `services`,
 * `referrals`, `outcome`, `durationMinutes`, `followUpOn`, `interpreterUsed`, `notes` next to
 * either `data: { bookingId, channel, startedAt, language }` (the card sent when a meeting ends)
 * or `data: { clientId, startedAt, language }` plus a `channel` input (a phone call, walk-in,
 * e-mail or chat picked with {@link CHOOSE_CONTACT_CLIENT}); exactly one of the two ids. Either id
 * is only a lookup key: the use case takes client, municipality (and adviser) from our database
 * and checks the caller may log it.
 */
export const LOG_CONTACT = 'neuvo.register.logContact';

/**
 * Action.Execute from the "log a contact" search card: the input `clientSearch` (a name, at least
 * 2 characters). The answer is the same card with up to 5 clients of the municipalities the
 * caller may see; the text is never logged.
 */
export const FIND_CONTACT_CLIENT = 'neuvo.register.contactClient.find';

/**
 * Action.Execute from a search result: log a contact with `data.clientId`. Only a lookup key: the
 * handler checks the caller may see that client before it shows the contact-log card.
 */
export const CHOOSE_CONTACT_CLIENT = 'neuvo.register.contactClient.choose';

/** Action.Execute: the coordinator's list of register deliveries that failed; no other data. */
export const SHOW_REGISTER_FAILURES = 'neuvo.register.failures.show';

/**
 * Action.Execute from the failures card: send again. `data.outboxId` names one failed delivery,
 * absent = all listed; only a coordinator may, and only register deliveries are requeued.
 */
export const REPLAY_REGISTER_FAILURES = 'neuvo.register.failures.replay';

/** Action.Execute: the coordinator's card of the contact-log form's options; no other data. */
export const SHOW_FORM_OPTIONS = 'neuvo.register.form.show';

/**
 * Action.Execute from the form card: add an option from the inputs `formField`, `formCode`,
 * `labelFi`, `labelSv`, `labelEn`. Only a coordinator may; everything is re-checked.
 */
export const ADD_FORM_OPTION = 'neuvo.register.form.add';

/** Action.Execute from the form card: retire `data.field` / `data.code` (no longer offered). */
export const RETIRE_FORM_OPTION = 'neuvo.register.form.retire';

/** Every verb a Neuvo card can send. */
export type CardVerb =
  | typeof SET_LANGUAGE
  | typeof SHOW_HELP
  | typeof INTAKE_SUBMIT
  | typeof SHOW_SLOTS
  | typeof START_BOOKING
  | typeof BOOK_SLOT
  | typeof CANCEL_BOOKING
  | typeof RESCHEDULE_BOOKING
  | typeof RESCHEDULE_TO
  | typeof SHOW_MY_DAY
  | typeof SHOW_WORKING_HOURS
  | typeof SAVE_WORKING_HOURS
  | typeof SHOW_ABSENCES
  | typeof ADD_ABSENCE
  | typeof REMOVE_ABSENCE
  | typeof SHOW_MAILBOXES
  | typeof SET_MAILBOX
  | typeof LOG_CONTACT
  | typeof FIND_CONTACT_CLIENT
  | typeof CHOOSE_CONTACT_CLIENT
  | typeof SHOW_REGISTER_FAILURES
  | typeof REPLAY_REGISTER_FAILURES
  | typeof SHOW_FORM_OPTIONS
  | typeof ADD_FORM_OPTION
  | typeof RETIRE_FORM_OPTION;
