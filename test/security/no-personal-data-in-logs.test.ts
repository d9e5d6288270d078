import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { isNonWorkingDay } from '../../src/domain/booking/finnish-holidays.js';
import { addLocalDays, instantAt, isoWeekdayOf, localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { hashSessionToken } from '../../src/use-cases/intake/submit-intake.js';
import { actions, execute, intakeData, seedAdviser, type Card } from '../e2e/booking-driver.js';
import type { RunningNeuvo } from '../e2e/neuvo-server.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { startProbedNeuvoWithGraph, type DatabaseProbe, type SecuredNeuvo } from './security-support.js';

/**
 * Issue 7, hardening: "after a full e2e run, the logs and the bot-state table contain none of the
 * seeded names, e-mails or phone numbers". One scripted run through a real Neuvo with the Graph
 * simulator: a Teams client and a page client each give an intake with distinctive personal data,
 * book, get the meeting, the link card and the confirmation mail, move the time (moved mail, new
 * meeting, old one cancelled), get their reminders (Teams for one, e-mail for the other) and cancel
 * (cancelled mail, meeting cancelled). Then every log line, every bot-state row — and, beyond the
 * issue's letter, the outbox, the audit log and what was sent to Graph — is searched for them.
 */
const TEAMS = {
  displayName: 'Quilliam Teamsdisplayname-Vantongeren',
  name: 'Zebulon Quixotic-Marchetti',
  email: 'zebulon.quixotic@example.test',
  phone: '+358 40 765 4321',
  description: 'Zebulon asks about the Kela housing allowance for Ilkka-Petteri',
};
const PAGE = {
  name: 'Xanthippe Oyelaran-Brzezinski',
  email: 'xanthippe.oyelaran@example.test',
  phone: '050 111 2299',
  description: 'Xanthippe needs an interpreter at the Migri appointment',
};

/** Every form a seeded value could take in a log: as typed, without spaces, digits only, lower case. */
function variants(values: typeof PAGE & { displayName?: string }): string[] {
  const out = new Set<string>();
  for (const value of Object.values(values)) {
    out.add(value);
    out.add(value.toLowerCase());
    out.add(value.replace(/\s+/g, ''));
  }
  for (const phone of [values.phone]) {
    out.add(phone.replace(/\D/g, ''));
    out.add(phone.replace(/\D/g, '').replace(/^358/, '0'));
  }
  // Single distinctive words too: a log that kept half a name still leaks it.
  for (const name of [values.name, values.displayName].filter((n): n is string => n !== undefined)) for (const word of name.split(/[\s-]+/)) if (word.length >= 6) out.add(word);
  return [...out];
}
const SECRETS = [...variants(TEAMS), ...variants(PAGE)];

const found = (text: string) => SECRETS.filter((secret) => text.includes(secret));

let env: SecuredNeuvo;
let sut: RunningNeuvo;
let db: DatabaseProbe;
let graph: GraphSimulator;
/**
 * The run happens on a working morning a week ahead, 08:00 Helsinki: the first times are then two
 * hours ahead, so the 1-hour reminders fall INSIDE the page session's 2 hours and the page client
 * can still cancel after getting theirs (after that only the service can change a web booking).
 */
function workingMorning(): Date {
  let date = addLocalDays(localDateOf(new Date()), 7);
  while (isoWeekdayOf(date) > 4 || isoWeekdayOf(date) < 2 || isNonWorkingDay(date)) date = addLocalDays(date, 1);
  return instantAt(date, '08:00');
}
let now = workingMorning();

/** Runs the outbox until nothing is due; a row that waits (the moved mail) gets its minute. */
async function drain(): Promise<void> {
  for (let round = 0; round < 12; round += 1) {
    const summary = await sut.neuvo.dispatcher.runOnce();
    if (summary.delivered + summary.retried + summary.dead === 0) return;
    if (summary.retried > 0) now = new Date(now.getTime() + 61_000);
  }
}

async function page(verb: string, data: Record<string, unknown>, token?: string): Promise<{ card: Card; session?: string }> {
  const res = await fetch(`${sut.baseUrl}/api/public/actions?lang=en`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ verb, data: { verb, ...data }, lang: 'en', timeZone: 'Europe/Helsinki' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { card: Card; session?: string };
}

beforeAll(async () => {
  env = await startProbedNeuvoWithGraph({ GRAPH_MAIL_FROM: 'neuvo@neuvo.test' }, () => now);
  ({ sut, db } = env);
  graph = env.graph!;
  // Two advisers: both clients get the first time of the morning, each with their own adviser.
  await seedAdviser(sut, 'logs-1', ['fi', 'en'], ['liperi']);
  await seedAdviser(sut, 'logs-2', ['fi', 'en'], ['liperi']);

  // The Teams client: their Teams display name is personal data too.
  const user = { id: '29:pii-teams', name: TEAMS.displayName, aadObjectId: 'aad-pii-teams' };
  const chat = sut.channel.activities({ locale: 'en-US', user });
  await sut.channel.send(sut.messagesUrl, chat.message(`hello, I am ${TEAMS.name}, call me at ${TEAMS.phone}`));
  // A refused intake first (the refusal paths log too), then the real one.
  await execute(sut, chat, INTAKE_SUBMIT, intakeData('en', 'liperi', { name: TEAMS.name, email: `${TEAMS.name}@`, phone: TEAMS.phone, description: TEAMS.description }));
  await execute(sut, chat, INTAKE_SUBMIT, intakeData('en', 'liperi', { name: TEAMS.name, email: TEAMS.email, phone: TEAMS.phone, description: TEAMS.description }));
  const teamsOffered = actions(await execute(sut, chat, SHOW_SLOTS, {}), BOOK_SLOT);
  const teamsBooked = await execute(sut, chat, BOOK_SLOT, teamsOffered[0]!);
  const teamsBookingId = actions(teamsBooked, CANCEL_BOOKING)[0]!.bookingId as string;

  // The page client, also refused once first.
  await page(INTAKE_SUBMIT, { ...intakeData('en', 'liperi', { name: PAGE.name, email: PAGE.email, phone: `${PAGE.phone} x`, description: PAGE.description }), contactTeams: undefined });
  const intake = await page(INTAKE_SUBMIT, { ...intakeData('en', 'liperi', { name: PAGE.name, email: PAGE.email, phone: PAGE.phone, description: PAGE.description }), contactTeams: undefined });
  const token = intake.session!;
  const pageOffered = actions((await page(SHOW_SLOTS, {}, token)).card, BOOK_SLOT);
  const pageBooked = await page(BOOK_SLOT, pageOffered[0]!, token);
  const pageBookingId = actions(pageBooked.card, CANCEL_BOOKING)[0]!.bookingId as string;
  // Graph fails once on a meeting and once on a mail: the retry paths log and record errors too.
  graph.failNext(1, { status: 503, match: 'onlineMeetings' });
  graph.failNext(1, { status: 500, match: 'sendMail' });
  await drain(); // meetings, the Teams link card, both confirmation mails

  // Both move to their adviser's next time (a booking may move 15 minutes into its own old time),
  // so the reminders below still come while the page session lives.
  await execute(sut, chat, RESCHEDULE_TO, actions(await execute(sut, chat, RESCHEDULE_BOOKING, { bookingId: teamsBookingId }), RESCHEDULE_TO)[0]!);
  await page(RESCHEDULE_TO, actions((await page(RESCHEDULE_BOOKING, { bookingId: pageBookingId }, token)).card, RESCHEDULE_TO)[0]!, token);
  await drain(); // new meetings, old ones cancelled, both "time moved" mails

  // The 1-hour reminders of both new times are due 59 minutes before the later one.
  const starts = await Promise.all([teamsBookingId, pageBookingId].map(async (id) => (await sut.neuvo.uow.bookings.get(id))!.start.getTime()));
  now = new Date(Math.max(...starts) - 59 * 60_000);
  expect(now.getTime()).toBeLessThan(Math.min(...starts));
  await drain(); // the Teams reminder and the e-mail reminder

  await execute(sut, chat, CANCEL_BOOKING, { bookingId: teamsBookingId });
  await page(CANCEL_BOOKING, { bookingId: pageBookingId }, token);
  await drain(); // meetings cancelled, both "cancelled" mails

  // The run really exercised every path it claims to.
  expect(await sut.neuvo.uow.outbox.countByStatus()).toMatchObject({ pending: expect.any(Number), dead: 0 });
  const sentTo = graph.sentMail().map((m) => m.message.toRecipients?.[0]?.emailAddress?.address);
  expect(sentTo.filter((a) => a === TEAMS.email).length).toBeGreaterThanOrEqual(3); // confirmation, moved, cancelled
  expect(sentTo.filter((a) => a === PAGE.email).length).toBeGreaterThanOrEqual(4); // + the e-mail reminder
  expect(sut.channel.connector.activities.some((a) => String(a.activity.text ?? '').startsWith('Reminder: '))).toBe(true);
  expect(await sut.neuvo.uow.publicSessions.find(hashSessionToken(token), now)).toBeDefined();
  // And the search below is able to find what it looks for: the register itself holds it all.
  const register = JSON.stringify([db.rows('clients'), db.rows('intakes')]);
  expect(found(register)).toEqual(expect.arrayContaining([TEAMS.name, TEAMS.email, TEAMS.phone, TEAMS.description, PAGE.name, PAGE.email, PAGE.phone, PAGE.description]));
}, 60_000);
afterAll(async () => env?.close());

describe('after a full scripted session', () => {
  it('the logs contain none of the seeded names, e-mails or phone numbers', () => {
    expect(sut.logs.lines.length).toBeGreaterThan(20);
    expect(found(sut.logs.raw)).toEqual([]);
  });

  it('bot state (conversation_references) contains none of them', () => {
    const rows = db.rows('conversation_references');
    expect(rows.length).toBeGreaterThan(0);
    expect(found(JSON.stringify(rows))).toEqual([]);
  });

  it('the outbox (payloads and recorded errors) contains none of them', () => {
    expect(found(JSON.stringify(db.rows('outbox')))).toEqual([]);
  });

  it('the audit log contains none of them', () => {
    expect(found(JSON.stringify(db.rows('audit_log')))).toEqual([]);
  });

  it('Graph got no names, phones or descriptions: meeting subjects are neutral, each mail goes to its owner only', () => {
    for (const meeting of graph.meetings()) expect(found(JSON.stringify(meeting))).toEqual([]);
    const own = (secret: string, address: string | undefined) => secret === address || secret === address?.toLowerCase() || secret === address?.replace(/\s+/g, '');
    for (const mail of graph.sentMail()) {
      const address = mail.message.toRecipients?.[0]?.emailAddress?.address ?? undefined;
      expect(mail.message.toRecipients).toHaveLength(1);
      const attachments = (mail.message.attachments ?? []) as { contentBytes?: string }[];
      const text = JSON.stringify(mail.message) + attachments.map((a) => Buffer.from(a.contentBytes ?? '', 'base64').toString('utf8')).join('\n');
      // The recipient's own address is expected (To, and ATTENDEE in the .ics); nothing else is.
      expect(found(text).filter((secret) => !own(secret, address))).toEqual([]);
    }
  });
});
