import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionTokenPolicyOf } from '../../src/cards/action-token-policy.js';
import {
  ADD_ABSENCE,
  BOOK_SLOT,
  CANCEL_BOOKING,
  INTAKE_SUBMIT,
  REMOVE_ABSENCE,
  RESCHEDULE_BOOKING,
  RESCHEDULE_TO,
  SAVE_WORKING_HOURS,
  SET_MAILBOX,
  SHOW_ABSENCES,
  SHOW_MAILBOXES,
  SHOW_MY_DAY,
  SHOW_SLOTS,
  SHOW_WORKING_HOURS,
} from '../../src/cards/verbs.js';
import { t, type MessageKey } from '../../src/i18n/index.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { actions, cardText, intakeData, openIntakeCard, type Card } from '../e2e/booking-driver.js';
import type { RunningNeuvo } from '../e2e/neuvo-server.js';
import type { WireActivity } from '../harness/activities.js';
import { prototypeIsClean, startProbedNeuvo, type DatabaseProbe, type DatabaseSnapshot, type SecuredNeuvo, type TableChanges } from './security-support.js';

/**
 * Forged and replayed Adaptive Card data in Teams (DESIGN.md: "every id, municipality, verb and
 * time in `activity.value` is re-checked on the server against the caller"), sent as signed
 * activities through the local Teams channel to a real Neuvo on SQLite. Each case asserts the card
 * the person sees AND that the database holds exactly what it held before — apart from the
 * redelivery mark every signed activity leaves, and the `denied` audit row where the product
 * records the attempt.
 */
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
interface Person {
  readonly chat: Chat;
  clientId: string;
  bookingId: string;
  offered: Record<string, unknown>[];
}

let env: SecuredNeuvo;
let sut: RunningNeuvo;
let db: DatabaseProbe;
let alice: Person;
let bob: Person;
let adviserId: string;
let elsewhereAdviserId: string;
let absenceId: string;
let adviserChat: Chat;

const L = 'en' as const;
const person = (key: string) => ({ id: `29:${key}`, name: `Testi ${key}`, aadObjectId: `aad-${key}-${Math.random().toString(16).slice(2)}` });

/** An Action.Execute: the raw invoke answer (status 200 with a card, or a universal-actions error). */
async function invoke(chat: Chat, verb: string, data: unknown, activity?: WireActivity): Promise<{ status: number; card?: Card; body: unknown }> {
  // The person opens the intake card first, as in Teams: its submit button carries the action token (ADR 14).
  if (verb === INTAKE_SUBMIT && !activity) await openIntakeCard(sut, chat);
  const sent = activity ?? chat.adaptiveCardInvoke(verb, data as Record<string, unknown>);
  const res = await sut.channel.send(sut.messagesUrl, sent);
  const body = res.body as { type?: string; value?: Card } | undefined;
  return { status: res.status, body, ...(body?.type === 'application/vnd.microsoft.card.adaptive' && body.value ? { card: body.value } : {}) };
}

/** A typed message; returns the text or card the bot answered with. */
async function say(chat: Chat, text: string): Promise<string> {
  sut.channel.connector.reset();
  await sut.channel.send(sut.messagesUrl, chat.message(text));
  const [sent] = await sut.channel.connector.waitForActivities(1);
  return JSON.stringify(sent!.activity);
}

const shows = (card: Card | undefined, key: MessageKey, params?: Record<string, string>) =>
  expect(cardText(card ?? {})).toContain(JSON.stringify(t(L, key, params)).slice(1, -1));
/** Messages that name a limit. */
const PARAMS: Partial<Record<MessageKey, Record<string, string>>> = { 'intake.error.descriptionTooLong': { max: '500' } };

async function newPerson(key: string): Promise<Person> {
  const user = person(key);
  const chat = sut.channel.activities({ locale: 'en-US', user });
  await sut.channel.send(sut.messagesUrl, chat.message('hello'));
  await invoke(chat, INTAKE_SUBMIT, { verb: INTAKE_SUBMIT, ...intakeData(L, 'liperi', { name: `Client ${key}` }) });
  const offered = actions((await invoke(chat, SHOW_SLOTS, {})).card!, BOOK_SLOT);
  const booked = await invoke(chat, BOOK_SLOT, offered[key === 'alice' ? 0 : 1]);
  const bookingId = actions(booked.card!, CANCEL_BOOKING)[0]!.bookingId as string;
  const client = await sut.neuvo.uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  return { chat, clientId: client!.id, bookingId, offered };
}

/** Only the redelivery mark, and the given number of `denied` audit rows of this caller, changed. */
async function expectOnlyDenials(before: DatabaseSnapshot, who: Person, denials: { action: string; count: number } | undefined): Promise<TableChanges> {
  const changes = await db.expectUnchanged(before, { except: ['processed_activities', 'audit_log'] });
  const audit = changes.audit_log ?? { added: [], removed: [] };
  expect(audit.removed).toEqual([]);
  // Reading the caller's OWN intake (their booking criteria) is audited on every booking action;
  // it may appear, and only for the caller.
  const ownReads = audit.added.filter((a) => a.action === 'intake.read');
  expect(ownReads.every((a) => a.client_id === who.clientId && a.outcome === 'ok')).toBe(true);
  expect(audit.added.filter((a) => a.action !== 'intake.read').map((a) => ({ action: a.action, client: a.client_id, outcome: a.outcome, channel: a.channel }))).toEqual(
    Array.from({ length: denials?.count ?? 0 }, () => ({ action: denials!.action, client: who.clientId, outcome: 'denied', channel: 'bot' })),
  );
  return changes;
}

beforeAll(async () => {
  env = await startProbedNeuvo();
  ({ sut, db } = env);
  const uow = sut.neuvo.uow;
  const adviser = person('adviser');
  adviserChat = sut.channel.activities({ locale: 'en-US', user: adviser });
  const tenantId = adviserChat.scene.tenantId;
  adviserId = (await uow.staff.upsert({ entraObjectId: adviser.aadObjectId, tenantId, displayName: 'Aino Ohjaaja', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en'] })).id;
  await uow.schedules.setServedMunicipalities(adviserId, ['liperi']);
  await uow.schedules.setWeeklyHours(adviserId, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
  absenceId = (await uow.schedules.addAbsence(adviserId, { start: new Date(Date.now() + 300 * 86_400_000), end: new Date(Date.now() + 301 * 86_400_000) })).id;
  // Serves another municipality only: never offered to a Liperi client.
  const elsewhere = await uow.staff.upsert({ entraObjectId: 'aad-elsewhere', tenantId, displayName: 'Other Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en'] });
  elsewhereAdviserId = elsewhere.id;
  await uow.schedules.setServedMunicipalities(elsewhereAdviserId, ['kontiolahti']);
  await uow.schedules.setWeeklyHours(elsewhereAdviserId, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '00:00', end: '23:45' })));
  await sut.channel.send(sut.messagesUrl, adviserChat.message('hello'));

  alice = await newPerson('alice');
  bob = await newPerson('bob');
});
afterAll(async () => env?.close());

// Bob's chat never got a button for Alice's booking, so each press below carries no action token
// (ADR 14) and is refused before the ownership check (which stays, and has its own unit tests);
// the refusal is audited as the booking handlers audit theirs.
describe("another client's booking", () => {
  it("refuses Bob's cancel of Alice's booking as not found, and audits only the denial", async () => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, CANCEL_BOOKING, { verb: CANCEL_BOOKING, bookingId: alice.bookingId });
    shows(answer.card, 'card.action.invalid');
    await expectOnlyDenials(before, bob, { action: 'booking.cancel', count: 1 });
  });

  it("refuses Bob's 'change the time' of Alice's booking as not found, showing none of her times", async () => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, RESCHEDULE_BOOKING, { verb: RESCHEDULE_BOOKING, bookingId: alice.bookingId });
    shows(answer.card, 'card.action.invalid');
    expect(actions(answer.card!, RESCHEDULE_TO)).toEqual([]);
    await expectOnlyDenials(before, bob, { action: 'booking.reschedule', count: 1 });
  });

  it("refuses Bob's move of Alice's booking to a time on offer, and audits only the denial", async () => {
    const before = await db.snapshot();
    const free = alice.offered[3]!;
    const answer = await invoke(bob.chat, RESCHEDULE_TO, { verb: RESCHEDULE_TO, bookingId: alice.bookingId, start: free.start, adviserId: free.adviserId });
    shows(answer.card, 'card.action.invalid');
    await expectOnlyDenials(before, bob, { action: 'booking.reschedule', count: 1 });
  });

  // cancel-booking.ts and reschedule-booking.ts: a denied attempt records the card's booking id
  // only when it names a real booking; anything else (up to 100 characters of anything, here a
  // name and a phone number) stays out of the audit log, which must hold no personal data.
  it('keeps text from forged card data out of the denied audit row', async () => {
    const before = await db.snapshot();
    const forged = 'Alice Liperiläinen 040 123 4567';
    shows((await invoke(bob.chat, CANCEL_BOOKING, { verb: CANCEL_BOOKING, bookingId: forged })).card, 'card.action.invalid');
    const changes = await expectOnlyDenials(before, bob, { action: 'booking.cancel', count: 1 });
    expect(JSON.stringify(changes.audit_log?.added)).not.toContain(forged);
  });

  it("ignores Alice's booking id sent as an Action.Submit (not the verb's channel)", async () => {
    const before = await db.snapshot();
    sut.channel.connector.reset();
    await sut.channel.send(sut.messagesUrl, bob.chat.cardSubmit({ verb: CANCEL_BOOKING, bookingId: alice.bookingId }));
    const [reply] = await sut.channel.connector.waitForActivities(1);
    expect(reply!.activity.text).toBe(t(L, 'error.invalidInput'));
    await expectOnlyDenials(before, bob, undefined);
  });
});

describe('forged times, advisers and replays', () => {
  const offHours = () => {
    const at = new Date(bob.offered[0]!.start as string);
    at.setUTCHours(1, 7);
    return at.toISOString();
  };
  // A time, adviser or booking no button in Bob's chat names has no action token (ADR 14): refused
  // before the booking rules (which stay behind it; book-session and reschedule-booking unit tests),
  // with a denied audit row where the handler audits its own refusals (cancel, move). Forged data
  // beside a real button's ids still reaches the handler and its strict parsing.
  const INVALID = 'card.action.invalid' as const;
  const cancelDenied = { action: 'booking.cancel', count: 1 };
  const moveDenied = { action: 'booking.reschedule', count: 1 };
  const cases: [string, () => [string, Record<string, unknown>], MessageKey, { action: string; count: number } | undefined][] = [
    ['a time outside the offered slots', () => [BOOK_SLOT, { start: offHours(), adviserId }], INVALID, undefined],
    ['an offered time with an adviser who does not serve the municipality', () => [BOOK_SLOT, { start: bob.offered[2]!.start, adviserId: elsewhereAdviserId }], INVALID, undefined],
    ['an offered time with an unknown adviser id', () => [BOOK_SLOT, { start: bob.offered[2]!.start, adviserId: 'staff-does-not-exist' }], INVALID, undefined],
    ['a time in the past', () => [BOOK_SLOT, { start: new Date(Date.now() - 86_400_000).toISOString(), adviserId }], INVALID, undefined],
    ["a replay of Bob's own booked time (its button already pressed)", () => [BOOK_SLOT, { start: bob.offered[1]!.start, adviserId: bob.offered[1]!.adviserId }], INVALID, undefined],
    ["a replay of Alice's booked time", () => [BOOK_SLOT, { start: alice.offered[0]!.start, adviserId: alice.offered[0]!.adviserId }], INVALID, undefined],
    ['a move of his own booking to another adviser', () => [RESCHEDULE_TO, { bookingId: bob.bookingId, start: bob.offered[4]!.start, adviserId: elsewhereAdviserId }], INVALID, moveDenied],
    ['a move of his own booking outside the offered times', () => [RESCHEDULE_TO, { bookingId: bob.bookingId, start: offHours(), adviserId }], INVALID, moveDenied],
    ['a start that is not an ISO instant', () => [BOOK_SLOT, { start: 'tomorrow 10:00', adviserId }], INVALID, undefined],
    ["Alice's client id added to an offered button's data", () => [BOOK_SLOT, { start: bob.offered[2]!.start, adviserId, clientId: alice.clientId }], 'error.invalidInput', undefined],
    ['a booking id that is an object', () => [CANCEL_BOOKING, { bookingId: { $ne: null } }], INVALID, cancelDenied],
    ['a booking id that is an array', () => [CANCEL_BOOKING, { bookingId: [alice.bookingId] }], INVALID, cancelDenied],
    ['a 10 000-character booking id', () => [CANCEL_BOOKING, { bookingId: 'b'.repeat(10_000) }], INVALID, cancelDenied],
    ['a SQL-looking booking id', () => [CANCEL_BOOKING, { bookingId: "' OR '1'='1" }], INVALID, cancelDenied],
    ['a "later times" from that is not a date', () => [SHOW_SLOTS, { from: "1' OR '1'='1" }], 'error.invalidInput', undefined],
  ];

  it.each(cases)('refuses %s and writes nothing', async (_name, build, key, denials) => {
    const [verb, data] = build();
    // Fresh slot buttons (and their tokens) in Bob's chat, as after "show times".
    if (verb === BOOK_SLOT) await invoke(bob.chat, SHOW_SLOTS, { verb: SHOW_SLOTS });
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, verb, { verb, ...data });
    expect(answer.status).toBe(200);
    shows(answer.card, key);
    expect(cardText(answer.card!)).not.toContain('b'.repeat(200));
    await expectOnlyDenials(before, bob, denials);
  });

  it('runs a redelivered (replayed) booking invoke once: the replay writes nothing at all', async () => {
    const replay = bob.chat.adaptiveCardInvoke(SHOW_SLOTS, { verb: SHOW_SLOTS });
    await invoke(bob.chat, SHOW_SLOTS, {}, replay);
    const before = await db.snapshot();
    const again = await invoke(bob.chat, SHOW_SLOTS, {}, replay);
    expect(again.status).toBe(200);
    await db.expectUnchanged(before);
  });

  it('refuses data that is an array instead of an object', async () => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, BOOK_SLOT, [bob.offered[2]]);
    shows(answer.card, 'card.action.invalid');
    await expectOnlyDenials(before, bob, undefined);
  });

  it('refuses __proto__ and constructor keys without polluting the prototype', async () => {
    // A time on offer now, so the press carries its button's action token and reaches the handler's parsing.
    const [slot] = actions((await invoke(bob.chat, SHOW_SLOTS, { verb: SHOW_SLOTS })).card!, BOOK_SLOT);
    const before = await db.snapshot();
    const data = JSON.parse(`{"verb":"${BOOK_SLOT}","start":"${String(slot!.start)}","adviserId":"${String(slot!.adviserId)}","__proto__":{"pollutedByCard":true},"constructor":{"prototype":{"pollutedByCardCtor":true}}}`) as Record<string, unknown>;
    const answer = await invoke(bob.chat, BOOK_SLOT, data);
    shows(answer.card, 'error.invalidInput');
    expect(prototypeIsClean('pollutedByCard', 'pollutedByCardCtor')).toBe(true);
    await expectOnlyDenials(before, bob, undefined);
  });

  it('answers an unknown verb with a universal-actions error, writing nothing', async () => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, 'neuvo.admin.deleteEverything', { verb: 'neuvo.admin.deleteEverything' });
    expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    await expectOnlyDenials(before, bob, undefined);
  });
});

describe('forged intakes (nothing stored)', () => {
  const base = () => ({ verb: INTAKE_SUBMIT, ...intakeData(L, 'liperi') });
  const cases: [string, () => unknown, MessageKey][] = [
    ['an unknown municipality', () => ({ ...base(), municipality: 'helsinki' }), 'intake.error.municipalityRequired'],
    ['a SQL-looking municipality', () => ({ ...base(), municipality: "liperi' OR '1'='1" }), 'intake.error.municipalityRequired'],
    ['a client id among the keys', () => ({ ...base(), clientId: alice.clientId }), 'intake.error.unknownField'],
    ['a name that is a number', () => ({ ...base(), name: 42 }), 'intake.error.nameRequired'],
    ['topics as an array', () => ({ ...base(), topics: ['housing'] }), 'intake.error.topicsRequired'],
    ['consent as a boolean', () => ({ ...base(), consentShare: true }), 'intake.error.choiceInvalid'],
    ['a 100 000-character name', () => ({ ...base(), name: 'N'.repeat(100_000) }), 'intake.error.nameTooLong'],
    ['a 600-character description', () => ({ ...base(), description: 'D'.repeat(600) }), 'intake.error.descriptionTooLong'],
    ['a personal identity code in the description', () => ({ ...base(), description: 'my hetu is 131052-308T' }), 'intake.error.identityCodeNotAllowed'],
    ['a SQL-looking interpreter language', () => ({ ...base(), interpreterNeeded: 'true', interpreterLanguage: "Dari'; DROP TABLE intakes;--" }), 'intake.error.interpreterLanguageInvalid'],
    // No data object, so no action token in it (ADR 14): refused before the intake is parsed.
    ['data that is an array', () => [base()], 'card.action.invalid'],
    ['a __proto__ key', () => JSON.parse(`{${JSON.stringify(base()).slice(1, -1)},"__proto__":{"pollutedByIntake":true}}`) as unknown, 'intake.error.unknownField'],
  ];

  it.each(cases)('answers %s with the intake card and its error, storing nothing', async (_name, data, key) => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, INTAKE_SUBMIT, data());
    shows(answer.card, key, PARAMS[key]);
    const text = cardText(answer.card!);
    expect(text.length).toBeLessThan(60_000);
    expect(text).not.toContain('131052-308T');
    expect(prototypeIsClean('pollutedByIntake')).toBe(true);
    await expectOnlyDenials(before, bob, undefined);
  });
});

describe('staff-only verbs pressed by a client', () => {
  const verbs: [string, Record<string, unknown>][] = [
    [SHOW_MY_DAY, {}],
    [SHOW_MY_DAY, { date: new Date().toISOString().slice(0, 10) }],
    [SHOW_WORKING_HOURS, {}],
    [SAVE_WORKING_HOURS, { day1start1: '00:00', day1end1: '23:45' }],
    [SHOW_ABSENCES, {}],
    [ADD_ABSENCE, { absenceFromDate: '2030-01-01', absenceToDate: '2030-12-31', absenceFromTime: '00:00', absenceToTime: '23:45' }],
    [REMOVE_ABSENCE, { absenceId: '' }],
    [SHOW_MAILBOXES, {}],
    [SET_MAILBOX, { adviserId: '', mailbox: 'attacker@evil.test' }],
  ];

  it.each(verbs)('refuses %s %j with "not allowed" and changes nothing', async (verb, data) => {
    const filled = { ...data, ...(verb === REMOVE_ABSENCE ? { absenceId } : {}), ...(verb === SET_MAILBOX ? { adviserId } : {}) };
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, verb, { verb, ...filled });
    // A button that changes something needs the action token a client never gets (ADR 14).
    shows(answer.card, actionTokenPolicyOf(verb) ? 'card.action.invalid' : 'error.notAllowed');
    expect(cardText(answer.card!)).not.toContain('Client alice');
    await expectOnlyDenials(before, bob, undefined);
  });

  it.each(['my day', 'hours', 'absences', 'mailbox'])('refuses the typed command "%s" from a client', async (command) => {
    const before = await db.snapshot();
    const reply = await say(bob.chat, command);
    expect(reply).toContain(JSON.stringify(t(L, 'error.notAllowed')).slice(1, -1));
    await expectOnlyDenials(before, bob, undefined);
  });

  it("refuses a coordinator's verb pressed by an adviser, in the staff catalog, and changes nothing", async () => {
    const before = await db.snapshot();
    const answer = await invoke(adviserChat, SET_MAILBOX, { verb: SET_MAILBOX, adviserId, mailbox: 'attacker@evil.test' });
    // The adviser never got the coordinator's mailbox card: no action token (ADR 14), in the staff catalog.
    expect(cardText(answer.card!)).toContain(staffText('en', 'staff.cardAction.invalid'));
    await db.expectUnchanged(before, { except: ['processed_activities'] });
  });

  it("refuses the adviser's own 'my day' in a group chat, where client names must not appear", async () => {
    const group = sut.channel.activities({ locale: 'en-US', user: adviserChat.scene.user, conversation: { id: '19:sec-group@thread.v2', conversationType: 'groupChat', isGroup: true } });
    const before = await db.snapshot();
    const answer = await invoke(group, SHOW_MY_DAY, { verb: SHOW_MY_DAY });
    shows(answer.card, 'error.notAllowed');
    expect(cardText(answer.card!)).not.toContain('Client ');
    await db.expectUnchanged(before, { except: ['processed_activities'] });
  });
});

describe('free text is stored literally and never echoed into cards', () => {
  const XSS_NAME = '</script><img src=x onerror=alert(1)>';
  const cases: [string, Record<string, string>][] = [
    ['an XSS name and description', { name: XSS_NAME, description: '<script>alert("x")</script><a href="javascript:alert(1)">x</a>' }],
    ['SQL in the name', { name: "Robert'); DROP TABLE clients;--" }],
    ['SQL in the description', { description: "'; DELETE FROM bookings WHERE '1'='1'; -- \" OR 1=1 /* */ \\' %_" }],
    ['SQL metacharacters in the e-mail', { email: "o'hara+x--y@example.test" }],
    ['SQL comment dashes in the phone', { phone: '+358 (40) 123--4567' }],
  ];

  it.each(cases)('%s: the summary shows none of it, the intake reads back byte for byte', async (_name, fields) => {
    const before = await db.snapshot();
    const answer = await invoke(bob.chat, INTAKE_SUBMIT, { verb: INTAKE_SUBMIT, ...intakeData(L, 'liperi'), ...fields });
    shows(answer.card, 'intake.summary.title');
    for (const value of Object.values(fields)) expect(cardText(answer.card!)).not.toContain(JSON.stringify(value).slice(1, -1));
    const stored = (await sut.neuvo.uow.intakes.latestForClient(bob.clientId))!.intake;
    const read = { name: stored.name, description: stored.description, email: stored.contact.email, phone: stored.contact.phone };
    for (const [field, value] of Object.entries(fields)) expect(read[field as keyof typeof read], field).toBe(value);
    // Exactly one intake, one consent and their two audit rows; no table dropped, no row deleted.
    const changes = await db.expectUnchanged(before, { except: ['processed_activities', 'intakes', 'consents', 'audit_log'] });
    expect([changes.intakes?.added.length, changes.consents?.added.length, changes.audit_log?.added.length]).toEqual([1, 1, 2]);
    expect([changes.intakes?.removed.length, changes.consents?.removed.length, changes.audit_log?.removed.length]).toEqual([0, 0, 0]);
    expect(db.counts().bookings).toBe(2);
  });
});
