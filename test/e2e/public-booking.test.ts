import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../../src/cards/verbs.js';
import type { LanguageCode } from '../../src/domain/staff/staff.js';
import { t } from '../../src/i18n/index.js';
import { hashSessionToken } from '../../src/use-cases/intake/submit-intake.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { actions, cardText, intakeData, seedAdviser, shows, startNeuvoWithGraph, type Card, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * The public booking page's API end to end (the page itself runs in test/browser/public-booking):
 * a client without Teams books, moves and cancels through `/api/public/actions` with the session
 * token the intake gave them, gets the join link by e-mail through the Graph simulator, and every
 * forged or malformed request is refused with a localized message and nothing written.
 */
const FROM = 'neuvo@neuvo.test';
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
let now = new Date();

interface Answer {
  readonly status: number;
  readonly body: { card?: Card; session?: string; error?: string; message?: string };
  readonly headers: Headers;
}

/** Like the page, names its language in the query too, so even an unreadable body gets a localized answer. */
async function post(body: unknown, options: { token?: string; contentType?: string; raw?: string; lang?: string } = {}): Promise<Answer> {
  const lang = options.lang ?? (body as { lang?: string }).lang ?? 'en';
  const res = await fetch(`${sut.baseUrl}/api/public/actions?lang=${lang}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: options.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'], headers: res.headers };
}

const action = (lang: LanguageCode, verb: string, data: Record<string, unknown> = {}, token?: string) =>
  post({ verb, data: { verb, ...data }, lang, timeZone: 'Asia/Kabul' }, token ? { token } : {});

/** A valid page intake: the Teams-only toggle is not on the page; the e-mail is required. */
function pageIntake(lang: LanguageCode, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { contactTeams: _teams, ...data } = intakeData(lang, 'liperi', { email: 'client@example.test', ...overrides });
  return data;
}

async function counts() {
  const { uow } = sut.neuvo;
  const audit = await uow.audit.list({ limit: 1000 });
  const outbox = await uow.outbox.countByStatus();
  return { audit: audit.length, outbox: outbox.pending + outbox.done + outbox.dead };
}

async function startSession(lang: LanguageCode, overrides: Record<string, unknown> = {}): Promise<{ token: string; card: Card }> {
  const answer = await action(lang, INTAKE_SUBMIT, pageIntake(lang, overrides));
  expect(answer.status).toBe(200);
  expect(answer.body.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { token: answer.body.session!, card: answer.body.card! };
}

beforeAll(async () => {
  env = await startNeuvoWithGraph({ GRAPH_MAIL_FROM: FROM }, () => now);
  ({ sut, graph } = env);
  await seedAdviser(sut, 'page', ['fi', 'ar', 'fa'], ['liperi']);
});
afterAll(async () => env?.close());

describe('the page', () => {
  it('is served in the language asked for, right to left for Arabic, with a strict CSP and the web intake card', async () => {
    const res = await fetch(`${sut.baseUrl}/book?lang=ar`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(`<h1>${t('ar', 'public.title')}</h1>`);
    const config = JSON.parse(/<script id="neuvo-config" type="application\/json">(.*)<\/script>/.exec(html)![1]!) as { lang: string; card: Card };
    expect(config.lang).toBe('ar');
    expect(config.card).toMatchObject({ type: 'AdaptiveCard', lang: 'ar', rtl: true });
    // The web variant: no "contact me in Teams" toggle, and the e-mail is required.
    expect(cardText(config.card)).not.toContain('"contactTeams"');
    expect(cardText(config.card)).toContain(JSON.stringify({ type: 'Input.Text', id: 'email', label: t('ar', 'intake.email.requiredLabel') }).slice(1, -1));
  });

  it('takes the browser language when none is asked for, and English when it serves none of them', async () => {
    const html = async (acceptLanguage: string) => (await fetch(`${sut.baseUrl}/book`, { headers: { 'accept-language': acceptLanguage } })).text();
    expect(await html('de-DE,prs-AF;q=0.8,en;q=0.5')).toContain('<html lang="fa" dir="rtl">');
    expect(await html('sv-FI,fi;q=0.9')).toContain('<html lang="sv" dir="ltr">');
    expect(await html('tr-TR')).toContain('<html lang="en" dir="ltr">');
  });

  it('serves its fixed assets and nothing else', async () => {
    const get = (path: string) => fetch(`${sut.baseUrl}${path}`);
    const renderer = await get('/book/assets/adaptivecards.min.js');
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await renderer.text()).toContain('AdaptiveCards');
    expect((await get('/book/assets/book.js')).status).toBe(200);
    for (const path of ['/book/assets/..%2F..%2Fpackage.json', '/book/assets/%2e%2e%2fbook.js', '/book/assets/book.js.map', '/book/assets/']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('"name": "neuvo"');
    }
  });
});

describe('booking on the page', () => {
  it('books, moves and cancels in Arabic; the join link comes by e-mail', async () => {
    // Without an e-mail the same card comes back with the localized message; nothing is stored.
    const before = await counts();
    const noEmail = await action('ar', INTAKE_SUBMIT, pageIntake('ar', { email: '' }));
    expect(noEmail.status).toBe(200);
    expect(noEmail.body.session).toBeUndefined();
    shows(noEmail.body.card!, t('ar', 'intake.error.emailRequired'));
    expect(await counts()).toEqual(before);

    const { token, card: summary } = await startSession('ar', { name: 'Layla', email: 'layla@example.test' });
    shows(summary, t('ar', 'intake.summary.title'));
    expect(cardText(summary)).not.toContain('Layla');
    // Only the token's hash is stored, and the audit rows say the page did it.
    const session = await sut.neuvo.uow.publicSessions.find(hashSessionToken(token), now);
    expect(session).toBeDefined();
    const audit = await sut.neuvo.uow.audit.list({ clientId: session!.clientId });
    expect(audit.map((a) => a.action).sort()).toEqual(['client.create', 'consent.record', 'intake.create']);
    expect(audit.every((a) => a.channel === 'public' && a.actorId.startsWith('public:') && !a.actorId.includes(token))).toBe(true);

    const slots = await action('ar', SHOW_SLOTS, {}, token);
    const offered = actions(slots.body.card!, BOOK_SLOT);
    expect(offered).toHaveLength(6);

    // "Later times": the next six, all after the last one shown; a forged past `from` means now.
    const [more] = actions(slots.body.card!, SHOW_SLOTS);
    expect(more).toMatchObject({ verb: SHOW_SLOTS, from: expect.any(String) });
    const later = actions((await action('ar', SHOW_SLOTS, more!, token)).body.card!, BOOK_SLOT);
    expect(later).toHaveLength(6);
    expect(later.every((s) => new Date(s.start as string) > new Date(offered[5]!.start as string))).toBe(true);
    const fromPast = actions((await action('ar', SHOW_SLOTS, { from: '2000-01-01T00:00:00.000Z' }, token)).body.card!, BOOK_SLOT);
    expect(fromPast).toEqual(offered);

    const booked = await action('ar', BOOK_SLOT, offered[0]!, token);
    shows(booked.body.card!, t('ar', 'booking.confirmed.title'));
    shows(booked.body.card!, t('ar', 'booking.confirmed.linkByEmail'));
    const [booking] = await sut.neuvo.uow.bookings.listForClient(session!.clientId);
    expect(booking).toMatchObject({ status: 'booked', start: new Date(offered[0]!.start as string), language: 'ar' });

    // The meeting, then the confirmation mail with its join link, to the address on the intake.
    await sut.neuvo.dispatcher.runOnce();
    await sut.neuvo.dispatcher.runOnce();
    const joinUrl = (await sut.neuvo.uow.bookings.get(booking!.id))?.meeting?.joinUrl;
    expect(joinUrl).toMatch(/^https:\/\//);
    const mail = graph.sentMail().find((m) => m.message.toRecipients?.[0]?.emailAddress?.address === 'layla@example.test');
    expect(mail?.message.subject).toBe(t('ar', 'email.confirmation.subject'));
    expect(mail?.message.body?.content).toContain(joinUrl!.replace(/&/g, '&amp;'));

    // Move it to another time with the same adviser.
    const moveTo = actions((await action('ar', RESCHEDULE_BOOKING, { bookingId: booking!.id }, token)).body.card!, RESCHEDULE_TO);
    const target = moveTo.find((s) => s.start !== offered[0]!.start)!;
    const moved = await action('ar', RESCHEDULE_TO, target, token);
    shows(moved.body.card!, t('ar', 'booking.rescheduled.title'));
    expect((await sut.neuvo.uow.bookings.get(booking!.id))?.start).toEqual(new Date(target.start as string));

    const cancelled = await action('ar', CANCEL_BOOKING, { bookingId: booking!.id }, token);
    shows(cancelled.body.card!, t('ar', 'booking.cancelled.title'));
    expect((await sut.neuvo.uow.bookings.get(booking!.id))?.status).toBe('cancelled');
    expect(actions(cancelled.body.card!, START_BOOKING)).toHaveLength(1);
  });

  it("refuses another session's booking, a forged slot and an unknown municipality, writing nothing", async () => {
    const first = await startSession('fa', { email: 'first@example.test' });
    const offered = actions((await action('fa', SHOW_SLOTS, {}, first.token)).body.card!, BOOK_SLOT);
    const booked = await action('fa', BOOK_SLOT, offered[0]!, first.token);
    const bookingId = actions(booked.body.card!, CANCEL_BOOKING)[0]!.bookingId as string;
    const other = await startSession('fa', { email: 'second@example.test' });
    const before = await counts();

    const cancelOther = await action('fa', CANCEL_BOOKING, { bookingId }, other.token);
    shows(cancelOther.body.card!, t('fa', 'booking.notFound'));
    const moveOther = await action('fa', RESCHEDULE_TO, { bookingId, start: offered[1]!.start, adviserId: offered[1]!.adviserId }, other.token);
    shows(moveOther.body.card!, t('fa', 'booking.notFound'));
    expect((await sut.neuvo.uow.bookings.get(bookingId))).toMatchObject({ status: 'booked', start: new Date(offered[0]!.start as string) });

    const offHours = new Date(offered[0]!.start as string);
    offHours.setUTCHours(1, 7);
    const forgedTime = await action('fa', BOOK_SLOT, { start: offHours.toISOString(), adviserId: offered[0]!.adviserId }, other.token);
    shows(forgedTime.body.card!, t('fa', 'booking.slots.notOffered'));
    const forgedAdviser = await action('fa', BOOK_SLOT, { start: offered[1]!.start, adviserId: 'someone-else' }, other.token);
    shows(forgedAdviser.body.card!, t('fa', 'booking.slots.notOffered'));

    const unknownMunicipality = await action('fa', INTAKE_SUBMIT, pageIntake('fa', { municipality: 'helsinki' }));
    expect(unknownMunicipality.body.session).toBeUndefined();
    shows(unknownMunicipality.body.card!, t('fa', 'intake.error.municipalityRequired'));
    const extraKey = await action('fa', INTAKE_SUBMIT, { ...pageIntake('fa'), clientId: 'c-1' });
    expect(extraKey.body.session).toBeUndefined();

    // Refused attempts write "denied" audit rows, and each action audits reading the caller's own
    // criteria; nothing else was written.
    const after = await counts();
    expect(after.outbox).toBe(before.outbox);
    const newAudit = (await sut.neuvo.uow.audit.list({ limit: after.audit - before.audit })).map((a) => `${a.action}:${a.outcome}`);
    expect(newAudit.filter((entry) => entry !== 'intake.read:ok')).toEqual(['booking.reschedule:denied', 'booking.cancel:denied']);
  });

  it('asks for the form again, in the page language, without a live session', async () => {
    const before = await counts();
    for (const token of [undefined, 'not-a-token', 'A'.repeat(43)]) {
      const answer = await action('uk', SHOW_SLOTS, {}, token);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'session_expired', message: t('uk', 'public.error.sessionExpired') });
      shows(answer.body.card!, t('uk', 'intake.title'));
    }
    const { token } = await startSession('uk', { language: 'uk' });
    now = new Date(now.getTime() + 2 * 60 * 60 * 1000 + 1);
    const expired = await action('uk', SHOW_SLOTS, {}, token);
    expect(expired.status).toBe(401);
    expect(before.outbox).toBe((await counts()).outbox);
  });
});

describe('bad requests', () => {
  it('answers each with its status and a localized message, and writes nothing', async () => {
    const before = await counts();
    const invalid = t('so', 'error.invalidInput');
    const cases: [string, () => Promise<Answer>, number, string][] = [
      ['text/plain', () => post({}, { contentType: 'text/plain', raw: 'verb=x', lang: 'so' }), 415, invalid],
      ['malformed JSON', () => post({}, { raw: '{"verb":', lang: 'so' }), 400, invalid],
      ['oversize', () => post({ verb: INTAKE_SUBMIT, lang: 'so', data: { description: 'x'.repeat(20_000) } }), 413, t('so', 'error.tooLarge')],
      ['unknown verb', () => post({ verb: 'neuvo.admin.delete', lang: 'so', data: {} }), 400, invalid],
      ['unknown key', () => post({ verb: SHOW_SLOTS, lang: 'so', data: {}, clientId: 'x' }), 400, invalid],
      ['unknown language', () => post({ verb: SHOW_SLOTS, lang: 'de', data: {} }, { lang: 'so' }), 400, invalid],
      ['not an object', () => post(['x'], { lang: 'so' }), 400, invalid],
    ];
    for (const [name, send, status, message] of cases) {
      const answer = await send();
      expect(answer.status, name).toBe(status);
      expect(answer.body.message, name).toBe(message);
      expect(answer.body.card, name).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
  });

  it('slows down a flood from one address with 429 and Retry-After', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 70 && last?.status !== 429; i += 1) last = await action('ru', START_BOOKING);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.body.message).toBe(t('ru', 'public.error.tooMany'));
  });
});
