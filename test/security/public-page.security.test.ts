import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../../src/cards/verbs.js';
import { t, type MessageKey } from '../../src/i18n/index.js';
import { hashSessionToken } from '../../src/use-cases/intake/submit-intake.js';
import { actions, cardText, intakeData, seedAdviser, type Card } from '../e2e/booking-driver.js';
import type { RunningNeuvo } from '../e2e/neuvo-server.js';
import { prototypeIsClean, rawRequest, startProbedNeuvoWithGraph, stringsIn, type DatabaseProbe, type DatabaseSnapshot, type SecuredNeuvo } from './security-support.js';

/**
 * Abuse of the public booking page (`GET /book`, `/book/assets/*`, `POST /api/public/actions`)
 * against a real production-mode Neuvo with the Graph simulator and an injected clock. Every case
 * asserts the answer AND the database: a refused request leaves every table as it was (a forged
 * booking id of someone else's booking adds exactly the `denied` audit row the product writes).
 *
 * The page's rate limit counts per client address (the LAST X-Forwarded-For entry, as App
 * Service's front end appends it): each request here names its own address, so the limit only
 * bites where a case floods on purpose.
 */
const L = 'en' as const;
let env: SecuredNeuvo;
let sut: RunningNeuvo;
let db: DatabaseProbe;
let now = new Date();
let elsewhereAdviserId: string;
let adviserId: string;

interface Visitor {
  readonly token: string;
  readonly clientId: string;
  readonly bookingId: string;
  readonly offered: Record<string, unknown>[];
}
let alice: Visitor;
let bob: Visitor;

interface Answer {
  readonly status: number;
  readonly body: { card?: Card; session?: string; error?: string; message?: string };
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

let addressCounter = 0;
/** A fresh client address per request (a header only: nothing is contacted). */
const nextAddress = () => {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
};

async function post(
  body: unknown,
  options: { authorization?: string; contentType?: string | null; raw?: string | Buffer; query?: string; address?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(options.contentType === null ? {} : { 'content-type': options.contentType ?? 'application/json' }),
    'x-forwarded-for': options.address ?? nextAddress(),
    ...(options.authorization ? { authorization: options.authorization } : {}),
    ...options.headers,
  };
  const res = await rawRequest(sut.baseUrl, { method: 'POST', path: `/api/public/actions?lang=${L}${options.query ?? ''}`, headers, body: options.raw ?? JSON.stringify(body) });
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(res.text) as Answer['body'];
  } catch {
    // not JSON: the assertions on `text` say so
  }
  return { status: res.status, body: parsed, headers: res.headers, text: res.text };
}

const action = (verb: string, data: unknown = {}, token?: string, options: Parameters<typeof post>[1] = {}) =>
  post({ verb, data: data !== null && typeof data === 'object' && !Array.isArray(data) ? { verb, ...data } : data, lang: L, timeZone: 'Europe/Helsinki' }, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options });

const shows = (card: Card | undefined, key: MessageKey) => expect(cardText(card ?? {})).toContain(JSON.stringify(t(L, key)).slice(1, -1));

function pageIntake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { contactTeams: _teams, ...data } = intakeData(L, 'liperi', { email: 'visitor@example.test', ...overrides });
  return data;
}

async function visit(name: string, slot: number): Promise<Visitor> {
  const started = await action(INTAKE_SUBMIT, pageIntake({ name }));
  expect(started.status).toBe(200);
  const token = started.body.session!;
  const offered = actions((await action(SHOW_SLOTS, {}, token)).body.card!, BOOK_SLOT);
  const booked = await action(BOOK_SLOT, offered[slot], token);
  const bookingId = actions(booked.body.card!, CANCEL_BOOKING)[0]!.bookingId as string;
  const session = await sut.neuvo.uow.publicSessions.find(hashSessionToken(token), now);
  return { token, clientId: session!.clientId, bookingId, offered };
}

/** Nothing changed but `denials` audit rows, each `denied` and of the given action. */
async function expectOnlyDenials(before: DatabaseSnapshot, denials?: { action: string; count: number }): Promise<void> {
  const changes = await db.expectUnchanged(before, { except: ['audit_log'] });
  const audit = changes.audit_log ?? { added: [], removed: [] };
  expect(audit.removed).toEqual([]);
  // Reading the session's own intake (its booking criteria) is audited on every booking action.
  const rows = audit.added.map((a) => `${String(a.action)}:${String(a.outcome)}:${String(a.channel)}`);
  expect(rows.filter((r) => r.startsWith('intake.read:')).every((r) => r === 'intake.read:ok:public')).toBe(true);
  expect(rows.filter((r) => !r.startsWith('intake.read:'))).toEqual(
    Array.from({ length: denials?.count ?? 0 }, () => `${denials!.action}:denied:public`),
  );
}

beforeAll(async () => {
  env = await startProbedNeuvoWithGraph({ GRAPH_MAIL_FROM: 'neuvo@neuvo.test' }, () => now);
  ({ sut, db } = env);
  await seedAdviser(sut, 'page', ['fi', 'en'], ['liperi']);
  await seedAdviser(sut, 'elsewhere', ['fi', 'en'], ['kontiolahti']);
  const profiles = await sut.neuvo.uow.schedules.getProfiles();
  elsewhereAdviserId = profiles.find((p) => p.municipalityCodes.includes('kontiolahti'))!.adviserId;
  adviserId = profiles.find((p) => p.municipalityCodes.includes('liperi'))!.adviserId;
  alice = await visit('Alice Visitor', 0);
  bob = await visit('Bob Visitor', 1);
});
afterAll(async () => env?.close());

describe('session tokens on /api/public/actions', () => {
  const cancelAlice = () => ({ verb: CANCEL_BOOKING, data: { verb: CANCEL_BOOKING, bookingId: alice.bookingId }, lang: L });
  const cases: [string, () => Promise<Answer>][] = [
    ['no Authorization header', () => post(cancelAlice())],
    ['a malformed token', () => post(cancelAlice(), { authorization: 'Bearer !!!!not-a-token!!!!' })],
    ['a token too short to be one', () => post(cancelAlice(), { authorization: 'Bearer abc' })],
    ['the token under another scheme', () => post(cancelAlice(), { authorization: `Basic ${alice.token}` })],
    ['the token with trailing garbage', () => post(cancelAlice(), { authorization: `Bearer ${alice.token} x` })],
    ['two tokens in one header', () => post(cancelAlice(), { authorization: `Bearer ${bob.token}, Bearer ${alice.token}` })],
    ['a well-formed token nobody was given', () => post(cancelAlice(), { authorization: `Bearer ${'A'.repeat(43)}` })],
    ['the stored hash of the token instead of the token', () => post(cancelAlice(), { authorization: `Bearer ${hashSessionToken(alice.token)}` })],
    ['the token in the query string (?session=)', () => post(cancelAlice(), { query: `&session=${alice.token}` })],
    ['the token in the query string (?access_token=)', () => post(cancelAlice(), { query: `&access_token=${alice.token}` })],
    ['the token in a cookie', () => post(cancelAlice(), { headers: { cookie: `session=${alice.token}` } })],
  ];

  it.each(cases)('refuses %s with 401 and a fresh intake card, changing nothing', async (_name, send) => {
    const before = await db.snapshot();
    const answer = await send();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'session_expired', message: t(L, 'public.error.sessionExpired') });
    shows(answer.body.card, 'intake.title');
    await expectOnlyDenials(before);
  });

  it('refuses the token inside the body (an unknown key) with 400', async () => {
    const before = await db.snapshot();
    const answer = await post({ ...cancelAlice(), session: alice.token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_body');
    await expectOnlyDenials(before);
  });

  it("does not let Bob's session cancel Alice's booking: not found, one denied audit row", async () => {
    const before = await db.snapshot();
    const answer = await action(CANCEL_BOOKING, { bookingId: alice.bookingId }, bob.token);
    expect(answer.status).toBe(200);
    shows(answer.body.card, 'booking.notFound');
    await expectOnlyDenials(before, { action: 'booking.cancel', count: 1 });
  });

  it("does not show Bob the times of Alice's booking: not found, one denied audit row", async () => {
    const before = await db.snapshot();
    const answer = await action(RESCHEDULE_BOOKING, { bookingId: alice.bookingId }, bob.token);
    shows(answer.body.card, 'booking.notFound');
    expect(actions(answer.body.card!, RESCHEDULE_TO)).toEqual([]);
    await expectOnlyDenials(before, { action: 'booking.reschedule', count: 1 });
  });

  it("does not let Bob's session move Alice's booking: not found, one denied audit row", async () => {
    const before = await db.snapshot();
    const free = alice.offered[4]!;
    const answer = await action(RESCHEDULE_TO, { bookingId: alice.bookingId, start: free.start, adviserId: free.adviserId }, bob.token);
    shows(answer.body.card, 'booking.notFound');
    await expectOnlyDenials(before, { action: 'booking.reschedule', count: 1 });
  });

  it('refuses a session two hours old (injected clock): 401, its booking untouched', async () => {
    const carol = await visit('Carol Visitor', 2);
    const before = await db.snapshot();
    const started = now;
    now = new Date(now.getTime() + 2 * 60 * 60 * 1000 + 1000);
    try {
      const answer = await action(CANCEL_BOOKING, { bookingId: carol.bookingId }, carol.token);
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('session_expired');
    } finally {
      now = started;
    }
    await expectOnlyDenials(before);
  });
});

describe('forged card data on the page', () => {
  const offHours = () => {
    const at = new Date(bob.offered[0]!.start as string);
    at.setUTCHours(1, 7);
    return at.toISOString();
  };
  const cases: [string, () => [string, unknown], MessageKey][] = [
    ['a time outside the offered slots', () => [BOOK_SLOT, { start: offHours(), adviserId }], 'booking.slots.notOffered'],
    ['an adviser who does not serve the municipality', () => [BOOK_SLOT, { start: bob.offered[3]!.start, adviserId: elsewhereAdviserId }], 'booking.slots.notOffered'],
    ['an unknown adviser id', () => [BOOK_SLOT, { start: bob.offered[3]!.start, adviserId: 'nobody' }], 'booking.slots.notOffered'],
    ['a time in the past', () => [BOOK_SLOT, { start: new Date(now.getTime() - 86_400_000).toISOString(), adviserId }], 'booking.slots.notOffered'],
    ["a replay of Alice's booked time", () => [BOOK_SLOT, { start: alice.offered[0]!.start, adviserId: alice.offered[0]!.adviserId }], 'booking.slots.notOffered'],
    ['a move of his own booking to another adviser', () => [RESCHEDULE_TO, { bookingId: bob.bookingId, start: bob.offered[3]!.start, adviserId: elsewhereAdviserId }], 'booking.slots.notOffered'],
    ["Alice's client id in the data", () => [BOOK_SLOT, { start: bob.offered[3]!.start, adviserId, clientId: alice.clientId }], 'error.invalidInput'],
    ['data that is an array', () => [BOOK_SLOT, [bob.offered[3]]], 'error.invalidInput'],
    ['a booking id that is an object', () => [CANCEL_BOOKING, { bookingId: { $gt: '' } }], 'error.invalidInput'],
    ['a 10 000-character booking id', () => [CANCEL_BOOKING, { bookingId: 'b'.repeat(10_000) }], 'error.invalidInput'],
    ['a start with SQL in it', () => [BOOK_SLOT, { start: "2030-01-01T08:00:00Z' OR '1'='1", adviserId }], 'error.invalidInput'],
  ];

  it.each(cases)('refuses %s and writes nothing', async (_name, build, key) => {
    const [verb, data] = build();
    const before = await db.snapshot();
    const answer = await action(verb, data, bob.token);
    expect(answer.status).toBe(200);
    shows(answer.body.card, key);
    await expectOnlyDenials(before);
  });

  it('refuses __proto__ and constructor keys in the body and in the data, polluting nothing', async () => {
    const before = await db.snapshot();
    const top = await post(null, { raw: `{"verb":"${SHOW_SLOTS}","data":{},"lang":"en","__proto__":{"pollutedByPage":true}}`, authorization: `Bearer ${bob.token}` });
    expect(top.status).toBe(400);
    const inData = await post(null, {
      raw: `{"verb":"${BOOK_SLOT}","data":{"start":"${String(bob.offered[3]!.start)}","adviserId":"${adviserId}","constructor":{"prototype":{"pollutedByPageData":true}}},"lang":"en"}`,
      authorization: `Bearer ${bob.token}`,
    });
    shows(inData.body.card, 'error.invalidInput');
    expect(prototypeIsClean('pollutedByPage', 'pollutedByPageData')).toBe(true);
    await expectOnlyDenials(before);
  });

  const intakes: [string, Record<string, unknown> | unknown[], MessageKey][] = [
    ['an unknown municipality', pageIntake({ municipality: 'helsinki' }), 'intake.error.municipalityRequired'],
    ['an unknown key', { ...pageIntake(), clientId: 'c-1' }, 'intake.error.unknownField'],
    ['a name that is an object', pageIntake({ name: { first: 'x' } }), 'intake.error.nameRequired'],
    ['no e-mail (required on the page)', pageIntake({ email: '' }), 'intake.error.emailRequired'],
    ['an e-mail with a header injection', pageIntake({ email: 'a@example.test\r\nBcc: all@example.test' }), 'intake.error.emailInvalid'],
  ];

  it.each(intakes)('answers an intake with %s by the same card, no session, nothing stored', async (_name, data, key) => {
    const before = await db.snapshot();
    const answer = await action(INTAKE_SUBMIT, data);
    expect(answer.status).toBe(200);
    expect(answer.body.session).toBeUndefined();
    shows(answer.body.card, key);
    await expectOnlyDenials(before);
  });
});

describe('bodies, content types and methods', () => {
  const valid = JSON.stringify({ verb: START_BOOKING, data: {}, lang: L });
  const cases: [string, () => Promise<Answer>, number, string][] = [
    ['a declared body over 16 KB', () => post({ verb: INTAKE_SUBMIT, lang: L, data: { description: 'x'.repeat(20_000) } }), 413, 'too_large'],
    ['a chunked body over 16 KB', () => post(null, { raw: Buffer.from(JSON.stringify({ verb: INTAKE_SUBMIT, lang: L, data: { d: 'y'.repeat(20_000) } })), headers: { 'transfer-encoding': 'chunked' } }), 413, 'too_large'],
    ['malformed JSON', () => post(null, { raw: '{"verb":' }), 400, 'malformed_json'],
    ['JSON null', () => post(null, { raw: 'null' }), 400, 'invalid_body'],
    ['a JSON number', () => post(null, { raw: '42' }), 400, 'invalid_body'],
    ['a JSON array', () => post(null, { raw: `[${valid}]` }), 400, 'invalid_body'],
    ['an unknown top-level key', () => post({ verb: SHOW_SLOTS, data: {}, lang: L, clientId: 'x' }), 400, 'invalid_body'],
    ['an unknown language', () => post({ verb: SHOW_SLOTS, data: {}, lang: 'de' }), 400, 'invalid_body'],
    ['a 65-character verb', () => post({ verb: 'v'.repeat(65), data: {}, lang: L }), 400, 'invalid_body'],
    ['an unknown verb', () => post({ verb: 'neuvo.admin.export', data: {}, lang: L }), 400, 'unknown_action'],
    ['a staff verb', () => post({ verb: 'neuvo.adviser.day', data: {}, lang: L }), 400, 'unknown_action'],
    ['a 100-character time zone', () => post({ verb: SHOW_SLOTS, data: {}, lang: L, timeZone: 'Z'.repeat(100) }), 400, 'invalid_body'],
    ['text/plain', () => post(null, { raw: valid, contentType: 'text/plain' }), 415, 'unsupported_media_type'],
    ['form-urlencoded', () => post(null, { raw: 'verb=neuvo.booking.start', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
    ['no content type', () => post(null, { raw: valid, contentType: null }), 415, 'unsupported_media_type'],
    ['multipart', () => post(null, { raw: `--b\r\n\r\n${valid}\r\n--b--`, contentType: 'multipart/form-data; boundary=b' }), 415, 'unsupported_media_type'],
  ];

  it.each(cases)('answers %s with its status and a localized message, writing nothing', async (_name, send, status, error) => {
    const before = await db.snapshot();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(answer.body.message).toBe(t(L, status === 413 ? 'error.tooLarge' : 'error.invalidInput'));
    expect(answer.body.card).toBeUndefined();
    expect(answer.text).not.toMatch(/\n\s+at |node_modules|SQLITE/);
    await expectOnlyDenials(before);
  });

  const methods: [string, string][] = [
    ['GET', '/api/public/actions'],
    ['PUT', '/api/public/actions'],
    ['DELETE', '/api/public/actions'],
    ['POST', '/book'],
    ['DELETE', '/book'],
    ['POST', '/book/assets/book.js'],
    ['PUT', '/book/assets/book.js'],
  ];
  it.each(methods)('answers %s %s with 405 and no stack, writing nothing', async (method, path) => {
    const before = await db.snapshot();
    const res = await rawRequest(sut.baseUrl, { method, path, headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
    expect(res.status).toBe(405);
    expect(res.text).not.toMatch(/\n\s+at /);
    await expectOnlyDenials(before);
  });
});

describe('XSS', () => {
  const PAYLOAD = '</script><img src=x onerror=alert(1)>';
  const unescaped = /<\/script><img|<img src=x|onerror=alert/i;

  it.each([
    ['?lang=', `/book?lang=${encodeURIComponent(PAYLOAD)}`, {}],
    ['Accept-Language', '/book', { 'accept-language': PAYLOAD }],
    ['a stray query parameter', `/book?name=${encodeURIComponent(PAYLOAD)}&lang=en`, {}],
  ] as const)('GET /book never puts a payload from %s into the HTML', async (_name, path, headers) => {
    const res = await rawRequest(sut.baseUrl, { method: 'GET', path, headers: { ...headers } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).not.toMatch(unescaped);
    expect(res.text).toContain('<html lang="en" dir="ltr">');
  });

  it('sends an XSS name back only inside the JSON card, as the value of the name input, never as HTML', async () => {
    const before = await db.snapshot();
    const answer = await action(INTAKE_SUBMIT, pageIntake({ name: PAYLOAD, email: '' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const found = stringsIn(answer.body).filter((s) => s.value.includes('onerror'));
    expect(found).toEqual([{ key: 'value', value: PAYLOAD }]);
    await expectOnlyDenials(before);
    // And the page itself, fetched afterwards, holds nothing of it.
    expect((await rawRequest(sut.baseUrl, { method: 'GET', path: '/book?lang=en' })).text).not.toMatch(unescaped);
  });

  it('keeps an XSS name and description out of the summary, and stores them literally', async () => {
    const description = '<script>alert(document.cookie)</script><a href="javascript:alert(1)">x</a>';
    const answer = await action(INTAKE_SUBMIT, pageIntake({ name: PAYLOAD, description }));
    shows(answer.body.card, 'intake.summary.title');
    expect(answer.text).not.toMatch(unescaped);
    expect(answer.text).not.toContain('document.cookie');
    const session = await sut.neuvo.uow.publicSessions.find(hashSessionToken(answer.body.session!), now);
    const stored = (await sut.neuvo.uow.intakes.latestForClient(session!.clientId))!.intake;
    expect([stored.name, stored.description]).toEqual([PAYLOAD, description]);
  });

  it('answers an unknown path with JSON, never HTML, even when the path carries a payload', async () => {
    const res = await rawRequest(sut.baseUrl, { method: 'GET', path: `/book/${encodeURIComponent(PAYLOAD)}` });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-type']).not.toMatch(/html/);
  });
});

describe('SQL metacharacters in every free-text field of the page', () => {
  const fields: [string, Record<string, string>][] = [
    ['name', { name: "O'Brien\"; DROP TABLE clients; --" }],
    ['description', { description: "x'); DELETE FROM intakes; SELECT ('1" }],
    ['e-mail', { email: "o'brien+--@example.test" }],
    ['phone', { phone: '040--123 (4567)' }],
    ['interpreter language', { interpreterLanguage: 'Dari-Pashto' }],
  ];

  it.each(fields)('stores the %s literally: the intake reads back byte for byte, no row lost', async (_name, values) => {
    const before = await db.snapshot();
    const answer = await action(INTAKE_SUBMIT, pageIntake({ ...values, ...(values.interpreterLanguage ? { interpreterNeeded: 'true' } : {}) }));
    expect(answer.body.session).toBeDefined();
    const session = await sut.neuvo.uow.publicSessions.find(hashSessionToken(answer.body.session!), now);
    const stored = (await sut.neuvo.uow.intakes.latestForClient(session!.clientId))!.intake;
    const read: Record<string, unknown> = { name: stored.name, description: stored.description, email: stored.contact.email, phone: stored.contact.phone, interpreterLanguage: stored.interpreterLanguage };
    for (const [field, value] of Object.entries(values)) expect(read[field], field).toBe(value);
    const changes = await db.changesSince(before);
    // One visitor's rows were added; nothing anywhere was removed or rewritten.
    expect(Object.values(changes).flatMap((c) => c!.removed)).toEqual([]);
    expect(Object.keys(changes).sort()).toEqual(['audit_log', 'clients', 'consents', 'intakes', 'public_sessions']);
  });
});

describe('path traversal on /book/assets', () => {
  const paths = [
    '/book/assets/../../package.json',
    '/book/assets/..%2F..%2Fpackage.json',
    '/book/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/book/assets/%2E%2E/%2E%2E/package.json',
    '/book/assets/%252e%252e%252f%252e%252e%252fpackage.json',
    '/book/assets/..%252f..%252fpackage.json',
    '/book/assets/..%5c..%5cpackage.json',
    '/book/assets/....//....//package.json',
    '/book/assets/..%c0%af..%c0%afpackage.json',
    '/book/assets/book.js%00.png',
    '/book/assets/book.js%2f..%2f..%2f..%2fpackage.json',
    '/book/assets/%2fetc%2fpasswd',
    '/book/assets/..%2F..%2Fsrc%2Fconfig%2Fconfig.ts',
    '/book/assets/BOOK.JS',
    '/book/assets/book.js.map',
  ];

  it.each(paths)('GET %s is a plain 404 with nothing of any file', async (path) => {
    const before = await db.snapshot();
    const res = await rawRequest(sut.baseUrl, { method: 'GET', path });
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/"name": "neuvo"|root:|process\.env|AdaptiveCards|neuvo-config/);
    expect(res.text.length).toBeLessThan(500);
    await expectOnlyDenials(before);
  });
});

describe('rate limit', () => {
  it('answers a flood from one address with 429 + Retry-After, writes nothing while limited, spares other addresses, and lifts after the window', async () => {
    const address = '203.0.113.77';
    let last: Answer | undefined;
    for (let i = 0; i < 70 && last?.status !== 429; i += 1) last = await action(START_BOOKING, {}, undefined, { address });
    expect(last?.status).toBe(429);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.body).toMatchObject({ error: 'too_many_requests', message: t(L, 'public.error.tooMany') });

    const before = await db.snapshot();
    // While limited, even a valid intake is refused before it is read: no client, no session.
    const limited = await action(INTAKE_SUBMIT, pageIntake(), undefined, { address });
    expect(limited.status).toBe(429);
    // Only the LAST X-Forwarded-For entry counts: entries a client adds in front change nothing.
    const spoofed = await action(START_BOOKING, {}, undefined, { address: `10.0.0.1, 192.0.2.9, ${address}` });
    expect(spoofed.status).toBe(429);
    await expectOnlyDenials(before);

    expect((await action(START_BOOKING, {}, undefined, { address: '203.0.113.78' })).status).toBe(200);
    const started = now;
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    try {
      expect((await action(START_BOOKING, {}, undefined, { address })).status).toBe(200);
    } finally {
      now = started;
    }
  });
});
