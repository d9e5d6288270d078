import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, SHOW_MY_DAY, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { actions, execute, intakeData } from '../e2e/booking-driver.js';
import type { RunningNeuvo } from '../e2e/neuvo-server.js';
import { startProbedNeuvoWithGraph, type DatabaseProbe, type DatabaseSnapshot, type SecuredNeuvo } from './security-support.js';

/**
 * Issue 7: "A test counts audit rows against the personal-data operations of a scripted session:
 * equal." The session: a Teams client gives an intake, looks at times, books, the outbox makes the
 * meeting and mails the confirmation, the adviser opens "my day" (which shows the client's name),
 * the client cancels and the outbox cancels the meeting and mails the cancellation.
 *
 * The first test holds the product to its promise: every personal-data write, every read (the
 * client's own criteria on each booking action, the workers' reads, the adviser's "my day"), the
 * disclosure of the address to Graph and the refused attempt are audited, once each, with the
 * right actor, client, channel and outcome, and nothing else is. The tests after it pin each
 * read path by name (audited-reads.ts is the one way to read them with a row).
 */
let env: SecuredNeuvo;
let sut: RunningNeuvo;
let db: DatabaseProbe;
let before: DatabaseSnapshot;

type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
const client = { id: '29:audit-client', name: 'Audit Client Display', aadObjectId: 'aad-audit-client' };
const adviser = { id: '29:audit-adviser', name: 'Audit Adviser', aadObjectId: 'aad-audit-adviser' };
const otherClient = { id: '29:audit-other', name: 'Other Client', aadObjectId: 'aad-audit-other' };
let clientChat: Chat;
let tenantId: string;
let clientId: string;
let otherClientId: string;
let bookingId: string;
let otherBookingId: string;

/** One audit row as the comparison sees it: what, about whom, by whom, through what, how it went. */
interface Row {
  readonly action: string;
  readonly clientId: string | null;
  readonly actorId: string;
  readonly channel: string;
  readonly outcome: string;
  readonly entityType: string;
}
let written: Row[] = [];
/** Whose names "my day" showed (the day's bookings, earliest first): one `client.read` each. */
let shownOnMyDay: string[] = [];

async function drain(): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    const summary = await sut.neuvo.dispatcher.runOnce();
    if (summary.delivered + summary.retried + summary.dead === 0) return;
  }
}

beforeAll(async () => {
  env = await startProbedNeuvoWithGraph({ GRAPH_MAIL_FROM: 'neuvo@neuvo.test' }, () => new Date());
  ({ sut, db } = env);
  const uow = sut.neuvo.uow;
  clientChat = sut.channel.activities({ locale: 'en-US', user: client });
  tenantId = clientChat.scene.tenantId;
  const adviserRow = await uow.staff.upsert({ entraObjectId: adviser.aadObjectId, tenantId, displayName: 'Audit Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en'] });
  await uow.schedules.setServedMunicipalities(adviserRow.id, ['liperi']);
  await uow.schedules.setWeeklyHours(adviserRow.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));

  // Another client with a booking, set up before the counted session: the target of a forged id.
  const otherChat = sut.channel.activities({ locale: 'en-US', user: otherClient });
  await execute(sut, otherChat, INTAKE_SUBMIT, intakeData('en', 'liperi'));
  const otherOffered = actions(await execute(sut, otherChat, SHOW_SLOTS, {}), BOOK_SLOT);
  otherBookingId = actions(await execute(sut, otherChat, BOOK_SLOT, otherOffered[5]!), CANCEL_BOOKING)[0]!.bookingId as string;
  otherClientId = (await uow.clients.findByEntraId(tenantId, otherClient.aadObjectId))!.id;
  await drain();

  before = await db.snapshot();
  const adviserChat = sut.channel.activities({ locale: 'en-US', user: adviser });
  await sut.channel.send(sut.messagesUrl, clientChat.message('hello'));
  await execute(sut, clientChat, INTAKE_SUBMIT, intakeData('en', 'liperi', { name: 'Audit Person', email: 'audit.person@example.test', phone: '040 765 0000' }));
  const offered = actions(await execute(sut, clientChat, SHOW_SLOTS, {}), BOOK_SLOT);
  bookingId = actions(await execute(sut, clientChat, BOOK_SLOT, offered[0]!), CANCEL_BOOKING)[0]!.bookingId as string;
  await drain(); // meeting (reads the client), link card, confirmation mail (reads the intake)
  const bookingDate = localDateOf((await uow.bookings.get(bookingId))!.start);
  await execute(sut, adviserChat, SHOW_MY_DAY, { date: bookingDate });
  const dayBookings = await Promise.all([bookingId, otherBookingId].map(async (id) => (await uow.bookings.get(id))!));
  shownOnMyDay = dayBookings.filter((b) => localDateOf(b.start) === bookingDate).sort((a, b) => a.start.getTime() - b.start.getTime()).map((b) => b.clientId);
  // A forged "change the time" on the other client's booking: refused, shows nothing.
  await execute(sut, clientChat, RESCHEDULE_BOOKING, { bookingId: otherBookingId });
  await execute(sut, clientChat, CANCEL_BOOKING, { bookingId });
  await drain(); // meeting cancelled, cancellation mail (reads the intake)

  clientId = (await uow.clients.findByEntraId(tenantId, client.aadObjectId))!.id;
  // The worker paths named below really ran: the meeting and both mails.
  expect(env.graph!.sentMail().filter((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'audit.person@example.test')).toHaveLength(2);
  expect((await uow.bookings.get(bookingId))!.meeting).toBeDefined();
  const changes = await db.changesSince(before);
  written = (changes.audit_log?.added ?? []).map((r) => ({
    action: String(r.action),
    clientId: (r.client_id as string | null) ?? null,
    actorId: String(r.actor_id),
    channel: String(r.channel),
    outcome: String(r.outcome),
    entityType: String(r.entity_type),
  }));
}, 60_000);
afterAll(async () => env?.close());

describe('audit rows of a scripted session', () => {
  it('equal the personal-data operations the product audits today, in order, each once', () => {
    expect(shownOnMyDay).toContain(clientId);
    const byClient = (action: string, entityType: string) => ({ action, clientId, actorId: client.aadObjectId, channel: 'bot', outcome: 'ok', entityType });
    const worker = (job: string, action: string, entityType: string) => ({ action, clientId, actorId: `system:${job}`, channel: 'worker', outcome: 'ok', entityType });
    const ownIntakeRead = byClient('intake.read', 'intake'); // the booking criteria, read for the caller
    expect(written).toEqual([
      byClient('client.create', 'client'), // intake → a new client row (name, municipality, language)
      byClient('intake.create', 'intake'), // the intake itself
      byClient('consent.record', 'consent'), // the optional-sharing decision
      ownIntakeRead, // "choose a time"
      ownIntakeRead, // book
      byClient('booking.create', 'booking'), // the booking
      worker('meetings', 'client.read', 'client'), // the meeting worker: the Teams identity for the link card
      worker('mail', 'intake.read', 'intake'), // the confirmation mail: address and language
      worker('mail', 'mail.confirmation.send', 'booking'), // the address leaves for Graph sendMail
      // "my day" shows the name of each client booked that day (ours, and the other client's when
      // their booking falls on the same day)
      ...shownOnMyDay.map((id) => ({ action: 'client.read', clientId: id, actorId: adviser.aadObjectId, channel: 'bot', outcome: 'ok', entityType: 'client' })),
      // the forged "change the time" carries no action token: refused before the caller's criteria are read (ADR 14)
      { ...byClient('booking.reschedule', 'booking'), outcome: 'denied' },
      ownIntakeRead, // cancel
      worker('mail', 'intake.read', 'intake'), // inside the cancel: is there an address to mail?
      byClient('booking.cancel', 'booking'), // the cancel
      worker('mail', 'intake.read', 'intake'), // the cancellation mail: address and language
      worker('mail', 'mail.cancelled.send', 'booking'),
    ]);
  });

  it('hold no personal data themselves', () => {
    const rows = JSON.stringify(db.rows('audit_log'));
    for (const value of ['Audit Person', 'audit.person@example.test', '040 765 0000', 'Audit Client Display']) expect(rows).not.toContain(value);
  });

  // routes/booking.ts `clientActor` → shared/booking-card-actions.ts `bookingCriteriaFor`
  // (`uow.intakes.latestForClient`) and `uow.clients.findByEntraId`: every booking action (slots,
  // book, cancel) reads the caller's client row and latest intake (municipality, language,
  // interpreter language, topics). The public page does the same in public-booking.ts `sessionActor`.
  it("audits the client's own intake read for the slot search (bot)", () => {
    expect(written).toContainEqual(expect.objectContaining({ clientId, channel: 'bot', entityType: 'intake', action: expect.stringMatching(/read/) }));
  });

  // use-cases/booking/booking-meeting.ts `createBookingMeeting`: `uow.clients.get(booking.clientId)`
  // (the whole client row, display name included) to decide whether to queue the Teams link card.
  it('audits the meeting worker’s read of the client row (worker)', () => {
    expect(written).toContainEqual(expect.objectContaining({ clientId, channel: 'worker', entityType: 'client' }));
  });

  // use-cases/booking/send-booking-email.ts `sendBookingConfirmationEmail`:
  // `uow.intakes.latestForClient` for the e-mail address and language; also
  // send-booking-change-email.ts (`queueCancelledEmail` inside the cancel's transaction and
  // `sendCancelledEmail`/`sendMovedEmail`) and send-reminder-email.ts (`clients.get`, intake).
  it('audits the mail worker’s read of the intake for the e-mail address (worker)', () => {
    expect(written).toContainEqual(expect.objectContaining({ clientId, channel: 'worker', entityType: 'intake' }));
  });

  // Same handlers: the address (and the time) leave the system to Microsoft Graph `sendMail`
  // (adapters/graph/graph-mailer.ts); nothing records that disclosure.
  it('audits the disclosure of the e-mail address to Graph (confirmation and cancellation mails)', () => {
    expect(written.filter((r) => r.clientId === clientId && r.channel === 'worker' && /mail/.test(r.action))).toHaveLength(2);
  });

  // use-cases/booking/reschedule-booking.ts `findRescheduleSlots` (called from
  // shared/booking-card-actions.ts `reschedule`): another client's booking id is answered
  // `not_found` and the attempt audited as denied, like cancel and rescheduleTo.
  it("audits the refused 'change the time' on another client's booking as denied", () => {
    expect(written).toContainEqual(expect.objectContaining({ action: 'booking.reschedule', clientId, outcome: 'denied' }));
    expect(otherClientId).toBeDefined();
  });
});
