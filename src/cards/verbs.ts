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

// ── expert channel (issue 5) ──

/** Action.Execute: the "Ask an expert" card (question, topic, urgency), empty; carries no other data. */
export const EXPERT_ASK_SHOW = 'neuvo.experts.ask.show';

/**
 * Action.Execute from the ask card: the inputs `question`, `topic`, `urgency`. The answer is the
 * suggestions card (the question as it will be sent, scrubbed of identity codes, phone numbers and
 * e-mail addresses, and up to 3 knowledge-base articles), or the ask card again with its errors.
 * Nothing is stored yet.
 */
export const EXPERT_SUGGEST = 'neuvo.experts.suggest';

/**
 * Action.Execute from the suggestions card: "That answers it". `data.articleId` is only a lookup
 * key; the answer is the article in full and nothing is sent to the experts.
 */
export const EXPERT_TAKE_ARTICLE = 'neuvo.experts.takeArticle';

/**
 * Action.Execute from the suggestions card: send the question to the experts. `data.question`,
 * `data.topic`, `data.urgency` (as shown on the card) are user input like any other: checked and
 * scrubbed again on the server, which also takes the asker and their municipality from our database.
 */
export const EXPERT_ESCALATE = 'neuvo.experts.escalate';

/**
 * The ticket card's `refresh.action` (universal actions: every viewer in the experts' channel gets
 * the current state) and its "Back to the question" button. `data.ticketId` is only a lookup key.
 */
export const EXPERT_TICKET_REFRESH = 'neuvo.experts.ticket.refresh';

/**
 * Action.Execute from the ticket card: "Assign to me". `data.ticketId`; only an expert (role from
 * our database) may, and of two claims at once one wins (the other sees who has it).
 */
export const EXPERT_CLAIM = 'neuvo.experts.ticket.claim';

/** Action.Execute from the ticket card: send the input `answer` to the asker. `data.ticketId`; experts only. */
export const EXPERT_ANSWER = 'neuvo.experts.ticket.answer';

/** Action.Execute from the ticket card: open an answered, solved or closed question again. `data.ticketId`; experts only. */
export const EXPERT_REOPEN = 'neuvo.experts.ticket.reopen';

/** Action.Execute from the ticket card: close the question. `data.ticketId`; experts only. */
export const EXPERT_CLOSE = 'neuvo.experts.ticket.close';

/**
 * Action.Execute from the ticket card: hand the question over to the input `toExpertId` (a staff
 * id from the card's list, re-checked: an active expert). `data.ticketId`; experts only.
 */
export const EXPERT_HAND_OVER = 'neuvo.experts.ticket.handOver';

/** Action.Execute from the asker's answer card: "Solved, thanks". `data.ticketId`; only the asker may. */
export const EXPERT_SOLVED = 'neuvo.experts.ticket.solved';

/**
 * Action.Execute from the asker's answer card: send the input `followUp` (scrubbed like a question),
 * which opens the question again. `data.ticketId`; only the asker may.
 */
export const EXPERT_FOLLOW_UP = 'neuvo.experts.ticket.followUp';

/** Action.Execute from the ticket card: the "Save to the knowledge base" form, prefilled. `data.ticketId`; experts only. */
export const EXPERT_ARTICLE_FORM = 'neuvo.experts.article.form';

/**
 * Action.Execute from the article form: save the inputs `question`, `answer`, `topic`, `language`,
 * `reviewBy` (a Helsinki date) as a knowledge-base article; `data.ticketId` names the question it
 * comes from. Experts only; everything is re-checked.
 */
export const EXPERT_SAVE_ARTICLE = 'neuvo.experts.article.save';

/** Action.Execute from the "answers to review" card: `data.articleId` was reviewed (a new review date). Experts only. */
export const EXPERT_REVIEWED = 'neuvo.experts.article.reviewed';

/** Action.Execute from the knowledge-base card: search with the input `kbQuery`; the results replace the card. */
export const EXPERT_KB_SEARCH = 'neuvo.experts.kb.search';

/** Action.Execute: the coordinator's "Announce a training" form; no other data. */
export const TRAINING_FORM = 'neuvo.experts.training.form';

/**
 * Action.Execute from the training form: announce it in the staff channel from the inputs `title`,
 * `description`, `date`, `time` (Helsinki), `location`, `capacity` (empty = no limit). Coordinators
 * only; everything is re-checked.
 */
export const TRAINING_ANNOUNCE = 'neuvo.experts.training.announce';

/** Action.Execute from the training announcement: sign the caller up for `data.trainingId` (idempotent). */
export const TRAINING_SIGN_UP = 'neuvo.experts.training.signUp';

/** Action.Execute: the coordinator's on-duty backup rota card; no other data. */
export const EXPERT_ROTA_SHOW = 'neuvo.experts.rota.show';

/**
 * Action.Execute from the rota card: put the input `expertId` on backup duty from the input `from`
 * to `to` (Helsinki dates). Coordinators only; the expert and the dates are re-checked.
 */
export const EXPERT_ROTA_SAVE = 'neuvo.experts.rota.save';

// ── end expert channel (issue 5) ──

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
  | typeof RETIRE_FORM_OPTION
  // ── expert channel (issue 5) ──
  | typeof EXPERT_ASK_SHOW
  | typeof EXPERT_SUGGEST
  | typeof EXPERT_TAKE_ARTICLE
  | typeof EXPERT_ESCALATE
  | typeof EXPERT_TICKET_REFRESH
  | typeof EXPERT_CLAIM
  | typeof EXPERT_ANSWER
  | typeof EXPERT_REOPEN
  | typeof EXPERT_CLOSE
  | typeof EXPERT_HAND_OVER
  | typeof EXPERT_SOLVED
  | typeof EXPERT_FOLLOW_UP
  | typeof EXPERT_ARTICLE_FORM
  | typeof EXPERT_SAVE_ARTICLE
  | typeof EXPERT_REVIEWED
  | typeof EXPERT_KB_SEARCH
  | typeof TRAINING_FORM
  | typeof TRAINING_ANNOUNCE
  | typeof TRAINING_SIGN_UP
  | typeof EXPERT_ROTA_SHOW
  | typeof EXPERT_ROTA_SAVE;
