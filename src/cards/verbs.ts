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
  | typeof RESCHEDULE_TO;
