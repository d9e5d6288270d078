import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffText } from '../../src/i18n/staff/index.js';
import { startSsoIssuer, type SsoIssuer, type SsoTokenOptions } from '../harness/sso-issuer.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';
import { followUpInTwoWeeks, seedSidePanelWorld, TAB_APP_ID_URI, TAB_CLIENT_ID, worldReferrals, XSS_NOTES, type SidePanelWorld } from './side-panel-world.js';

/**
 * The meeting side panel's API against the composed server (production mode, SQLite), signed in
 * with Teams SSO tokens from a local issuer: what an adviser sees and saves, what everyone else
 * does not, and that no refusal writes anything but the use case's own `denied` audit row.
 */
let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: SidePanelWorld;
const TENANT = '5f1a0c2e-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '9a8b7c6d-0000-4000-8000-0000000000bb';

/** The parts of the panel's JSON the tests read. */
interface PanelJson {
  readonly booking: { readonly start: string };
  readonly client: unknown;
  readonly intake: unknown;
  readonly recentContacts: readonly { readonly notes: string }[];
  readonly loggedContact: unknown;
  readonly form: { readonly options: Readonly<Record<'topics' | 'outcome', readonly { readonly code: string; readonly labels: unknown }[]>> };
  readonly associations: readonly { readonly id: string }[];
}

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

const token = (overrides: Partial<SsoTokenOptions> = {}) => issuer.sign({ tenantId: TENANT, objectId: world.adviser.oid, audience: TAB_CLIENT_ID, ...overrides });

async function call(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string; lang?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'accept-language': options.lang ?? 'en' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${sut.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the test looks at `text`
  }
  return { status: res.status, headers: res.headers, text, json };
}

const panelOf = async (threadId: string, auth?: string, lang?: string) =>
  call('GET', `/api/tab/meeting-panel?chatId=${encodeURIComponent(threadId)}`, { ...(auth ? { token: auth } : {}), ...(lang ? { lang } : {}) });

function details(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'teams_meeting',
    startedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
    durationMinutes: 40,
    language: 'uk',
    interpreterUsed: true,
    topics: ['residence_permit'],
    services: ['guidance'],
    referrals: worldReferrals(world),
    followUpOn: followUpInTwoWeeks(),
    outcome: 'follow_up',
    notes: XSS_NOTES,
    ...overrides,
  };
}

/** Everything a request could write: audit rows, contacts and their history, outbox rows. */
async function writes() {
  const uow = sut.neuvo.uow;
  const contacts = [...(await uow.contacts.listForClient(world.client.id, 100)), ...(await uow.contacts.listForClient(world.otherClient.id, 100))];
  const histories = await Promise.all(contacts.map((c) => uow.contacts.history(c.id)));
  return {
    audit: (await uow.audit.list({ limit: 100_000 })).length,
    contacts: contacts.map((c) => `${c.id}@${c.revision}`).sort(),
    history: histories.reduce((n, h) => n + h.length, 0),
    outbox: await uow.outbox.countByStatus(),
  };
}

beforeAll(async () => {
  issuer = await startSsoIssuer();
  sut = await startNeuvoWithLocalTeams({ tenantId: TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
  world = await seedSidePanelWorld(sut.neuvo.uow, TENANT, new Date());
});
afterAll(async () => {
  await sut?.close();
  await issuer?.close();
});

describe('the meeting side panel API, for the adviser of the booking', () => {
  it("answers the panel of the meeting's booking: intake summary, the last five contacts, the form; every read audited", async () => {
    const auditBefore = (await sut.neuvo.uow.audit.list({ clientId: world.client.id, limit: 1000 })).length;
    const reply = await panelOf(world.threadId, await token());

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    const panel = reply.json.panel as PanelJson;
    expect(panel.booking).toMatchObject({ id: world.bookingId, municipalityCode: 'liperi', language: 'uk' });
    expect(panel.booking.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(panel.client).toEqual({ id: world.client.id, displayName: world.client.displayName, preferredLanguage: 'uk' });
    expect(panel.intake).toMatchObject({ description: world.intakeDescription, topics: ['residence_permit', 'housing'], interpreterLanguage: 'uk' });
    expect(panel.recentContacts.map((c) => c.notes)).toEqual(world.earlierNotes.slice(0, 5));
    expect(panel.loggedContact).toBeNull();
    expect(panel.form.options.topics.map((o) => o.code)).toContain('residence_permit');
    expect(panel.form.options.outcome[0]?.labels).toEqual({ fi: 'Asia hoidettu', sv: 'Ärendet klart', en: 'Resolved' });
    expect(panel.associations.map((a) => a.id)).toEqual([world.associationId]);

    const all = await sut.neuvo.uow.audit.list({ clientId: world.client.id, limit: 1000 });
    const audit = all.slice(0, all.length - auditBefore);
    expect(audit.every((row) => row.actorId === world.adviser.oid && row.channel === 'side_panel' && row.outcome === 'ok')).toBe(true);
    expect(audit.map((row) => row.action).sort()).toEqual(['client.read', 'contact.read', 'contact.read', 'contact.read', 'contact.read', 'contact.read', 'intake.read']);
    expect(JSON.stringify(audit)).not.toContain(world.intakeDescription);
  });

  it('logs the contact: the row, its history and its audit row; the notes are stored and returned literally as JSON', async () => {
    const reply = await call('POST', '/api/tab/contacts', { token: await token(), body: { bookingId: world.bookingId, details: details() } });

    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const contact = reply.json.contact as { id: string; revision: number; notes: string };
    expect(contact).toMatchObject({ revision: 1, notes: XSS_NOTES });
    const stored = await sut.neuvo.uow.contacts.findByBooking(world.bookingId);
    expect(stored).toMatchObject({
      id: contact.id,
      clientId: world.client.id,
      adviserId: world.adviser.id,
      municipalityCode: 'liperi',
      notes: XSS_NOTES,
      referrals: worldReferrals(world),
      outcome: 'follow_up',
    });
    expect(await sut.neuvo.uow.contacts.history(contact.id)).toHaveLength(1);
    const [audit] = await sut.neuvo.uow.audit.list({ clientId: world.client.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'contact.create', entityId: contact.id, actorId: world.adviser.oid, channel: 'side_panel', outcome: 'ok' });

    // The panel now shows it, so the form offers a correction.
    const again = await panelOf(world.threadId, await token());
    expect((again.json.panel as { loggedContact: { id: string } }).loggedContact.id).toBe(contact.id);
  });

  it('refuses a second log of the same booking with 409 and the contact already there', async () => {
    const before = await writes();
    const reply = await call('POST', '/api/tab/contacts', { token: await token(), body: { bookingId: world.bookingId, details: details({ notes: 'second' }) }, lang: 'fi' });

    expect(reply.status).toBe(409);
    expect(reply.json.error).toEqual({ code: 'already_logged', message: staffText('fi', 'panel.error.alreadyLogged') });
    expect((reply.json.contact as { notes: string }).notes).toBe(XSS_NOTES);
    expect(await writes()).toEqual(before);
  });

  it('corrects it with a reason as revision 2, refuses a stale revision with 409 and the current one, and a blank reason with 400', async () => {
    const contact = (await sut.neuvo.uow.contacts.findByBooking(world.bookingId))!;
    const corrected = await call('PUT', `/api/tab/contacts/${contact.id}`, {
      token: await token(),
      body: { expectedRevision: 1, reason: 'Wrong outcome', details: details({ outcome: 'resolved', followUpOn: null }) },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json.contact).toMatchObject({ id: contact.id, revision: 2, outcome: 'resolved', followUpOn: null });
    const history = await sut.neuvo.uow.contacts.history(contact.id);
    expect(history.map((h) => [h.revision, h.reason])).toEqual([
      [1, null],
      [2, 'Wrong outcome'],
    ]);

    const before = await writes();
    const stale = await call('PUT', `/api/tab/contacts/${contact.id}`, { token: await token(), body: { expectedRevision: 1, reason: 'Late edit', details: details() }, lang: 'sv' });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toEqual({ code: 'stale', message: staffText('sv', 'panel.error.stale') });
    expect(stale.json.contact).toMatchObject({ revision: 2, outcome: 'resolved' });

    const blank = await call('PUT', `/api/tab/contacts/${contact.id}`, { token: await token(), body: { expectedRevision: 2, reason: '   ', details: details() } });
    expect(blank.status).toBe(400);
    expect((blank.json.error as { code: string }).code).toBe('reason_required');
    expect(await writes()).toEqual(before);
  });

  it('answers invalid details with 400 and one localized message per field, writing nothing', async () => {
    const before = await writes();
    const reply = await call('POST', '/api/tab/contacts', {
      token: await token(),
      lang: 'fi-FI,fi;q=0.9,en;q=0.8',
      body: { clientId: world.client.id, details: details({ topics: [], outcome: 'made_up' }) },
    });

    expect(reply.status).toBe(400);
    expect(reply.json.error).toEqual({
      code: 'invalid',
      message: staffText('fi', 'panel.error.invalid'),
      fields: expect.arrayContaining([
        { field: 'topics', code: 'required', message: staffText('fi', 'panel.field.required') },
        { field: 'outcome', code: 'unknown_option', message: staffText('fi', 'panel.field.unknown_option') },
      ]),
    });
    expect(await writes()).toEqual(before);
  });
});

describe('the meeting side panel API, for anyone else', () => {
  it('shows a client who opens the app nothing of any client: the same 404 as a chat without a booking', async () => {
    const unknownChat = await panelOf('19:meeting_nosuchmeeting@thread.v2', await token());
    const asClient = await panelOf(world.threadId, await token({ objectId: world.client.oid }));

    expect(asClient.status).toBe(404);
    expect(asClient.json).toEqual(unknownChat.json);
    for (const secret of [world.client.displayName, world.client.id, world.bookingId, world.intakeDescription, 'Earlier contact']) expect(asClient.text).not.toContain(secret);
    const [audit] = await sut.neuvo.uow.audit.list({ actorId: world.client.oid, limit: 1 });
    expect(audit).toMatchObject({ action: 'client.read', outcome: 'denied', fields: [], channel: 'side_panel' });

    const log = await call('POST', '/api/tab/contacts', { token: await token({ objectId: world.client.oid }), body: { bookingId: world.otherBookingId, details: details() } });
    expect(log.status).toBe(404);
    expect(await sut.neuvo.uow.contacts.findByBooking(world.otherBookingId)).toBeUndefined();
  });

  it("refuses a Liperi adviser a Kontiolahti client's meeting with 404 and a denied audit row", async () => {
    const reply = await panelOf(world.otherThreadId, await token());

    expect(reply.status).toBe(404);
    expect((reply.json.error as { code: string }).code).toBe('not_found');
    expect(reply.text).not.toContain(world.otherClient.displayName);
    const [audit] = await sut.neuvo.uow.audit.list({ clientId: world.otherClient.id, limit: 1 });
    expect(audit).toMatchObject({ actorId: world.adviser.oid, action: 'client.read', outcome: 'denied', entityId: world.otherBookingId, channel: 'side_panel' });

    const log = await call('POST', '/api/tab/contacts', { token: await token(), body: { bookingId: world.otherBookingId, details: details() } });
    expect(log.status).toBe(404);
    expect(await sut.neuvo.uow.contacts.findByBooking(world.otherBookingId)).toBeUndefined();
  });

  const nowSec = () => Math.floor(Date.now() / 1000);
  const forgeries: [string, () => Promise<string>][] = [
    ['the wrong audience', () => token({ audience: '00000000-0000-4000-8000-000000000000' })],
    ['a foreign issuer', () => token({ issuer: 'https://login.microsoftonline.com/5f1a0c2e-0000-4000-8000-0000000000aa/v2.0' })],
    ["another tenant's issuer", () => token({ issuer: issuer.issuerTemplate.replace('{tid}', OTHER_TENANT) })],
    ['a tenant not served', () => token({ tenantId: OTHER_TENANT })],
    ['no access_as_user scope', () => token({ scope: 'User.Read' })],
    ['an expired token', () => token({ issuedAtSec: nowSec() - 7200, lifetimeSec: 3600 })],
    ['alg none', () => token({ tamper: 'none' })],
    ['a bad signature', () => token({ tamper: 'foreign-key' })],
    ['no oid', () => token({ extraClaims: { oid: undefined } })],
    ['garbage', async () => 'not.a.token'],
  ];

  it.each(forgeries)('answers %s with 401 and WWW-Authenticate, writing nothing', async (_name, forge) => {
    const before = await writes();
    const forged = await forge();
    const panel = await panelOf(world.threadId, forged);
    const log = await call('POST', '/api/tab/contacts', { token: forged, body: { bookingId: world.otherBookingId, details: details() } });

    for (const reply of [panel, log]) {
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
      expect((reply.json.error as { code: string }).code).toBe('unauthorized');
      expect(reply.text).not.toContain(world.client.displayName);
    }
    expect(await writes()).toEqual(before);
  });

  it('answers a call without a token with 401', async () => {
    const reply = await panelOf(world.threadId, undefined, 'sv');
    expect(reply.status).toBe(401);
    expect(reply.json.error).toEqual({ code: 'unauthorized', message: staffText('sv', 'panel.error.unauthorized') });
  });
});

describe('the meeting side panel API, for malformed requests', () => {
  const bodies: [string, number, { rawBody?: string; body?: unknown; contentType?: string }][] = [
    ['an oversize body', 413, { rawBody: JSON.stringify({ bookingId: 'b', details: { notes: 'x'.repeat(17 * 1024) } }) }],
    ['malformed JSON', 400, { rawBody: '{"bookingId": ' }],
    ['a form post', 415, { rawBody: 'bookingId=x', contentType: 'application/x-www-form-urlencoded' }],
    ['unknown keys', 400, { body: { bookingId: 'b', details: {}, admin: true } }],
  ];

  it.each(bodies)('answers %s with %i, writing nothing', async (_name, status, request) => {
    const before = await writes();
    const reply = await call('POST', '/api/tab/contacts', { token: await token(), ...request });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(reply.json.error as object).sort()).toEqual(['code', 'message']);
    expect(await writes()).toEqual(before);
  });

  it('answers a chat id that is no Teams thread with 400', async () => {
    expect((await panelOf('not a thread', await token())).status).toBe(400);
  });

  it('limits one person to 120 calls a minute: then 429 with Retry-After, before anything is read', async () => {
    const busy = await token({ objectId: '0b0b0b0b-0000-4000-8000-000000000001' });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await panelOf('19:meeting_nosuchmeeting@thread.v2', busy)).status);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    const limited = await panelOf(world.threadId, busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another person is not slowed down by them.
    expect((await panelOf(world.threadId, await token())).status).toBe(200);
  });
});
