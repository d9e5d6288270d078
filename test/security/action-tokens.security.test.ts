import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, SAVE_WORKING_HOURS, SHOW_SLOTS, SHOW_WORKING_HOURS } from '../../src/cards/verbs.js';
import { t, type MessageKey } from '../../src/i18n/index.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { actions, actionsWithTokens, cardText, execute, intakeData, type Card } from '../e2e/booking-driver.js';
import type { RunningNeuvo } from '../e2e/neuvo-server.js';
import { startProbedNeuvo, type DatabaseProbe, type SecuredNeuvo } from './security-support.js';

/**
 * Card action tokens (issue 7, ADR 14) through the real bot endpoint: signed activities on the
 * local Teams channel, a real Neuvo on SQLite, an injected clock. Each abuse of a button's token —
 * replayed, pressed by another person, in another chat, for another booking, with another verb,
 * expired, missing, malformed — is answered with a message card in the person's language, and the
 * database holds exactly what it held before: every table, the tokens' own included, apart from
 * the redelivery mark every signed activity leaves and the `denied` audit row the booking
 * handlers write for a refused cancel or move (so the audit trail shows the attempt).
 */
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
interface Person {
  readonly chat: Chat;
  readonly clientId: string;
  readonly bookingId: string;
  /** The confirmation card the person's chat shows, with its buttons' tokens. */
  readonly confirmation: Card;
}

let env: SecuredNeuvo;
let sut: RunningNeuvo;
let db: DatabaseProbe;
let alice: Person;
let bob: Person;
let adviserChat: Chat;
/** The business clock runs this far ahead of the wall clock (the JWTs keep real time). */
let aheadMs = 0;

const L = 'en' as const;
const person = (key: string) => ({ id: `29:${key}`, name: `Testi ${key}`, aadObjectId: `aad-${key}-${Math.random().toString(16).slice(2)}` });
const tokenOf = (card: Card, verb: string): string => actionsWithTokens(card, verb)[0]!.actionToken as string;

/** An Action.Execute sent exactly as given (the wallet leaves data with an `actionToken` key alone); the card that replaces the pressed one. */
async function press(chat: Chat, verb: string, data: Record<string, unknown>, overrides?: Parameters<Chat['adaptiveCardInvoke']>[3]): Promise<Card> {
  const res = await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(verb, { verb, ...data }, undefined, overrides));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: Card };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

const shows = (card: Card, key: MessageKey) => expect(cardText(card)).toContain(JSON.stringify(t(L, key)).slice(1, -1));

/** Every table, as JSON rows; the redelivery marks left out. */
function everything(): Map<string, string[]> {
  const all = db.allTables();
  all.delete('processed_activities');
  return all;
}

/**
 * Nothing changed but the given `denied` audit rows (by action and caller). Compares every table,
 * `card_action_tokens` included: a refused press uses up nothing and mints nothing.
 */
function expectNothingWritten(before: Map<string, string[]>, denials: readonly { action: string; clientId: string }[] = []): void {
  const after = everything();
  const auditBefore = new Set(before.get('audit_log'));
  const added = (after.get('audit_log') ?? []).filter((row) => !auditBefore.has(row)).map((row) => JSON.parse(row) as Record<string, unknown>);
  expect(added.map((a) => ({ action: a.action, clientId: a.client_id, outcome: a.outcome, channel: a.channel, entityId: a.entity_id }))).toEqual(
    denials.map((d) => ({ action: d.action, clientId: d.clientId, outcome: 'denied', channel: 'bot', entityId: null })),
  );
  for (const [table, rows] of before) {
    if (table === 'audit_log') expect(after.get(table)!.slice(0, rows.length), table).toEqual(rows);
    else expect(after.get(table), table).toEqual(rows);
  }
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
}

async function newPerson(key: string, slot: number): Promise<Person> {
  const user = person(key);
  const chat = sut.channel.activities({ locale: 'en-US', user });
  await sut.channel.send(sut.messagesUrl, chat.message('hello'));
  await execute(sut, chat, INTAKE_SUBMIT, intakeData(L, 'liperi', { name: `Client ${key}` }));
  const offered = actions(await execute(sut, chat, SHOW_SLOTS, {}), BOOK_SLOT);
  const confirmation = await execute(sut, chat, BOOK_SLOT, offered[slot]!);
  const bookingId = actions(confirmation, CANCEL_BOOKING)[0]!.bookingId as string;
  const client = await sut.neuvo.uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  return { chat, clientId: client!.id, bookingId, confirmation };
}

beforeAll(async () => {
  env = await startProbedNeuvo({}, {}, () => new Date(Date.now() + aheadMs));
  ({ sut, db } = env);
  const uow = sut.neuvo.uow;
  const adviser = person('adviser');
  adviserChat = sut.channel.activities({ locale: 'en-US', user: adviser });
  const tenantId = adviserChat.scene.tenantId;
  const adviserId = (await uow.staff.upsert({ entraObjectId: adviser.aadObjectId, tenantId, displayName: 'Aino Ohjaaja', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en'] })).id;
  await uow.schedules.setServedMunicipalities(adviserId, ['liperi']);
  await uow.schedules.setWeeklyHours(
    adviserId,
    ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
  );
  await sut.channel.send(sut.messagesUrl, adviserChat.message('hello'));
  alice = await newPerson('alice', 0);
  bob = await newPerson('bob', 1);
});
afterAll(async () => env?.close());

describe("a button's token is bound to its person, chat, verb and booking", () => {
  it("refuses Bob's press of Alice's cancel button in Alice's chat (another user)", async () => {
    const before = everything();
    const answer = await press(bob.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: tokenOf(alice.confirmation, CANCEL_BOOKING) }, { conversation: alice.chat.scene.conversation });
    shows(answer, 'card.action.invalid');
    expectNothingWritten(before, [{ action: 'booking.cancel', clientId: bob.clientId }]);
    expect((await sut.neuvo.uow.bookings.get(alice.bookingId))?.status).toBe('booked');
  });

  it("refuses Alice's own cancel token pressed in another chat (a group chat she is in)", async () => {
    const group = sut.channel.activities({ locale: 'en-US', user: alice.chat.scene.user, conversation: { id: '19:tokens-group@thread.v2', conversationType: 'groupChat', isGroup: true } });
    const before = everything();
    const answer = await press(group, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: tokenOf(alice.confirmation, CANCEL_BOOKING) });
    shows(answer, 'card.action.invalid');
    expectNothingWritten(before, [{ action: 'booking.cancel', clientId: alice.clientId }]);
  });

  it("refuses Bob's cancel token with Alice's booking id swapped in (another entity)", async () => {
    const before = everything();
    const answer = await press(bob.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: tokenOf(bob.confirmation, CANCEL_BOOKING) });
    shows(answer, 'card.action.invalid');
    expectNothingWritten(before, [{ action: 'booking.cancel', clientId: bob.clientId }]);
    expect((await sut.neuvo.uow.bookings.get(alice.bookingId))?.status).toBe('booked');
  });

  it("refuses Alice's cancel token sent with the 'change the time' verb (another verb)", async () => {
    const before = everything();
    const answer = await press(alice.chat, RESCHEDULE_BOOKING, { bookingId: alice.bookingId, actionToken: tokenOf(alice.confirmation, CANCEL_BOOKING) });
    shows(answer, 'card.action.invalid');
    expect(actions(answer, 'neuvo.booking.rescheduleTo')).toEqual([]);
    expectNothingWritten(before, [{ action: 'booking.reschedule', clientId: alice.clientId }]);
  });
});

describe('missing, malformed and expired tokens', () => {
  it('refuses a press without a token', async () => {
    const before = everything();
    // `actionToken: undefined` keeps the wallet from filling it in, and JSON leaves the key out: no token on the wire.
    shows(await press(alice.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: undefined }), 'card.action.invalid');
    shows(await press(alice.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: '' }), 'card.action.invalid');
    expectNothingWritten(before, [
      { action: 'booking.cancel', clientId: alice.clientId },
      { action: 'booking.cancel', clientId: alice.clientId },
    ]);
  });

  it.each([
    ['SQL', "' OR '1'='1"],
    ['a token one character short', () => tokenOf(alice.confirmation, CANCEL_BOOKING).slice(1)],
    ['a well-formed token nobody was given', 'A'.repeat(43)],
    ['10 000 characters', 'x'.repeat(10_000)],
    ['an object', { $ne: null }],
    ['a number', 42],
  ] as [string, unknown][])('refuses a malformed token: %s', async (_name, token) => {
    const before = everything();
    const answer = await press(alice.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: typeof token === 'function' ? (token as () => string)() : token });
    shows(answer, 'card.action.invalid');
    expect(cardText(answer)).not.toContain('x'.repeat(100));
    expectNothingWritten(before, [{ action: 'booking.cancel', clientId: alice.clientId }]);
  });

  it('refuses an expired token (the clock past CARD_ACTION_TOKEN_DAYS) with its own message', async () => {
    const before = everything();
    aheadMs = 61 * 86_400_000;
    try {
      shows(await press(alice.chat, RESCHEDULE_BOOKING, { bookingId: alice.bookingId, actionToken: tokenOf(alice.confirmation, RESCHEDULE_BOOKING) }), 'card.action.expired');
    } finally {
      aheadMs = 0;
    }
    expectNothingWritten(before, [{ action: 'booking.reschedule', clientId: alice.clientId }]);
  });

  it("answers staff in the staff catalog: an adviser's save without a token", async () => {
    const hours = await execute(sut, adviserChat, SHOW_WORKING_HOURS, {});
    expect(actionsWithTokens(hours, SAVE_WORKING_HOURS)[0]!.actionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = everything();
    const answer = await press(adviserChat, SAVE_WORKING_HOURS, { day1start1: '00:00', day1end1: '23:45', actionToken: '' });
    expect(cardText(answer)).toContain(staffText('en', 'staff.cardAction.invalid'));
    expectNothingWritten(before);
  });
});

describe('single use', () => {
  it("cancels with the button's token once; the same token again is 'already used' and writes nothing", async () => {
    const token = tokenOf(alice.confirmation, CANCEL_BOOKING);
    const cancelled = await press(alice.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: token });
    shows(cancelled, 'booking.cancelled.title');
    expect((await sut.neuvo.uow.bookings.get(alice.bookingId))?.status).toBe('cancelled');

    const before = everything();
    const replay = await press(alice.chat, CANCEL_BOOKING, { bookingId: alice.bookingId, actionToken: token });
    shows(replay, 'card.action.used');
    expectNothingWritten(before, [{ action: 'booking.cancel', clientId: alice.clientId }]);
  });

  it('keeps the token out of the logs', () => {
    expect(sut.logs.raw).not.toContain(tokenOf(bob.confirmation, CANCEL_BOOKING));
    expect(sut.logs.raw).toContain('card.token_refused');
  });
});
