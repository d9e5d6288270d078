import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffText } from '../../src/i18n/staff/index.js';
import { ADVISERS_TAB_TENANT, seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from '../e2e/advisers-tab-world.js';
import { TAB_APP_ID_URI, TAB_CLIENT_ID } from '../e2e/side-panel-world.js';
import { startSsoIssuer, type SsoIssuer, type SsoTokenOptions } from '../harness/sso-issuer.js';
import { prototypeIsClean, rawRequest, startProbedNeuvo, type SecuredNeuvo } from './security-support.js';

/**
 * Abuse of the advisers' tab and side-panel API (issue 7) against the composed server in
 * production mode: forged and misaddressed SSO tokens, another municipality's ids, bad bodies and
 * queries, XSS and SQL metacharacters, path traversal on the tab's static files. Each case checks
 * the answer AND every table of the database: a refusal before the use case writes nothing at
 * all; a refusal by the use case writes exactly its own `denied` audit row.
 */
let secured: SecuredNeuvo;
let issuer: SsoIssuer;
let world: AdvisersTabWorld;

beforeAll(async () => {
  issuer = await startSsoIssuer();
  secured = await startProbedNeuvo({ tenantId: ADVISERS_TAB_TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
  world = await seedAdvisersTabWorld(secured.sut.neuvo.uow, ADVISERS_TAB_TENANT, new Date());
}, 60_000);
afterAll(async () => {
  await secured?.close();
  await issuer?.close();
});

const token = (who: WorldStaff, bend: Partial<SsoTokenOptions> = {}) => issuer.sign({ tenantId: ADVISERS_TAB_TENANT, objectId: who.oid, audience: TAB_CLIENT_ID, ...bend });

async function send(method: string, path: string, options: { auth?: string; body?: string; contentType?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { 'accept-language': options.lang ?? 'en' };
  if (options.auth !== undefined) headers.authorization = options.auth;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const answer = await rawRequest(secured.sut.baseUrl, { method, path, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    // HTML, CSV or empty
  }
  return { ...answer, json };
}

/** Runs `act` and returns what changed in every table (rows added or removed), by table. */
async function changesOf(act: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const before = secured.db.allTables();
  await act();
  await new Promise((resolve) => setTimeout(resolve, 25));
  const after = secured.db.allTables();
  const changes: Record<string, string[]> = {};
  for (const [table, rows] of after) {
    const old = new Set(before.get(table) ?? []);
    const added = rows.filter((row) => !old.has(row));
    const removed = (before.get(table) ?? []).filter((row) => !rows.includes(row));
    if (added.length + removed.length > 0) changes[table] = [...added.map((r) => `+${r}`), ...removed.map((r) => `-${r}`)];
  }
  return changes;
}

/** Exactly one new row, in audit_log, a denial of `action`, and nothing else anywhere. */
function expectOnlyDenied(changes: Record<string, string[]>, action: string): void {
  expect(Object.keys(changes)).toEqual(['audit_log']);
  expect(changes.audit_log).toHaveLength(1);
  expect(JSON.parse(changes.audit_log![0]!.slice(1))).toMatchObject({ action, outcome: 'denied' });
}

/** A correction's details as the session log sends them: the contact's own, with another duration and notes. */
const detailsOf = (c: AdvisersTabWorld['contacts'][number], durationMinutes: number, notes: string) => ({
  channel: c.channel,
  startedAt: c.startedAt.toISOString(),
  durationMinutes,
  language: c.language,
  interpreterUsed: false,
  topics: c.topics,
  services: c.services,
  referrals: [],
  followUpOn: null,
  outcome: c.outcome,
  notes,
});

const liperiContact = () => world.contacts.find((c) => c.municipalityCode === 'liperi')!;
const kontiolahtiContact = () => world.contacts.find((c) => c.municipalityCode === 'kontiolahti')!;

describe('forged, expired and misaddressed SSO tokens: 401, nothing written', () => {
  const cases: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['an empty bearer', async () => 'Bearer '],
    ['another scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['not a JWT', async () => 'Bearer not.a.jwt'],
    ['alg none', async () => `Bearer ${await token(world.coordinator, { tamper: 'none' })}`],
    ['a key outside the JWKS with the published kid', async () => `Bearer ${await token(world.coordinator, { tamper: 'foreign-key' })}`],
    ['another audience (the bot, not the tab)', async () => `Bearer ${await token(world.coordinator, { audience: 'api://somewhere-else/123' })}`],
    ['another issuer', async () => `Bearer ${await token(world.coordinator, { issuer: 'https://login.example.org/evil/v2.0' })}`],
    ['expired an hour ago', async () => `Bearer ${await token(world.coordinator, { issuedAtSec: Math.floor(Date.now() / 1000) - 7200, lifetimeSec: 3600 })}`],
    ['issued in the future', async () => `Bearer ${await token(world.coordinator, { issuedAtSec: Math.floor(Date.now() / 1000) + 7200 })}`],
    ['a tenant not in ALLOWED_TENANT_IDS', async () => `Bearer ${await issuer.sign({ tenantId: '99999999-0000-4000-8000-000000000000', objectId: world.coordinator.oid, audience: TAB_CLIENT_ID })}`],
    ['another scope', async () => `Bearer ${await token(world.coordinator, { scope: 'User.Read' })}`],
    ['a token with a trailing byte', async () => `Bearer ${await token(world.coordinator)}x`],
  ];
  for (const [name, auth] of cases) {
    it(name, async () => {
      let status = 0;
      const changes = await changesOf(async () => {
        const header = await auth();
        const answer = await send('POST', `/api/tab/clients/${world.clients.olena.id}/erasure`, { body: JSON.stringify({ confirm: 'erase' }), ...(header === undefined ? {} : { auth: header }), lang: 'fi' });
        status = answer.status;
        expect(answer.json).toEqual({ error: { code: 'unauthorized', message: staffText('fi', 'panel.error.unauthorized') } });
      });
      expect(status).toBe(401);
      expect(changes).toEqual({});
    });
  }
});

describe("another municipality's ids: the same 404 as an unknown id, only the denial audited", () => {
  it('a Liperi adviser reads a Kontiolahti contact', async () => {
    const auth = `Bearer ${await token(world.liperiAdviser)}`;
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    const changes = await changesOf(async () => (answer = await send('GET', `/api/tab/session-log/${kontiolahtiContact().id}`, { auth })));
    expect(answer!.status).toBe(404);
    expect(answer!.text).not.toContain(world.clients.svetlana.displayName);
    expectOnlyDenied(changes, 'client.read');
  });

  it('a Liperi adviser corrects a Kontiolahti contact: unchanged', async () => {
    const c = kontiolahtiContact();
    const auth = `Bearer ${await token(world.liperiAdviser)}`;
    const body = JSON.stringify({
      expectedRevision: c.revision,
      reason: 'takeover',
      details: detailsOf(c, 5, 'overwritten'),
    });
    let status = 0;
    const changes = await changesOf(async () => (status = (await send('PUT', `/api/tab/session-log/${c.id}`, { auth, body })).status));
    expect(status).toBe(404);
    expectOnlyDenied(changes, 'contact.update');
  });

  it('a Liperi adviser filters the session log by Kontiolahti: refused, nothing listed', async () => {
    const auth = `Bearer ${await token(world.liperiAdviser)}`;
    const answer = await send('GET', '/api/tab/session-log?municipality=kontiolahti', { auth });
    expect([403, 404]).toContain(answer.status);
    expect(answer.text).not.toContain(world.clients.svetlana.displayName);
  });

  for (const [name, method, path, action] of [
    ['exports a client', 'GET', () => `/api/tab/clients/${world.clients.svetlana.id}/export`, 'client.export'],
    ["reads a client's audit trail", 'GET', () => `/api/tab/clients/${world.clients.svetlana.id}/audit`, 'audit.read'],
    ['erases a client', 'POST', () => `/api/tab/clients/${world.clients.svetlana.id}/erasure`, 'client.erase'],
  ] as const) {
    it(`an adviser ${name}: 404, only the denial audited`, async () => {
      const auth = `Bearer ${await token(world.kontiolahtiAdviser)}`;
      let status = 0;
      const changes = await changesOf(async () => (status = (await send(method, path(), { auth, ...(method === 'POST' ? { body: '{"confirm":"erase"}' } : {}) })).status));
      expect(status).toBe(404);
      expectOnlyDenied(changes, action);
    });
  }

  it('municipal staff (not an adviser) logs a contact for a Liperi client: refused', async () => {
    const auth = `Bearer ${await token(world.municipalStaff)}`;
    const body = JSON.stringify({
      clientId: world.clients.olena.id,
      details: {
        channel: 'phone',
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationMinutes: 10,
        language: 'fi',
        interpreterUsed: false,
        topics: ['housing'],
        services: ['guidance'],
        referrals: [],
        followUpOn: null,
        outcome: 'resolved',
        notes: '',
      },
    });
    let status = 0;
    const changes = await changesOf(async () => (status = (await send('POST', '/api/tab/contacts', { auth, body })).status));
    expect(status).toBe(404);
    expectOnlyDenied(changes, 'contact.create');
  });
});

describe('bad bodies and queries: 4xx before the use case, nothing written', () => {
  const cases: [string, string, string, { body?: string; contentType?: string }, number][] = [
    ['malformed JSON', 'PUT', 'contact', { body: '{"expectedRevision": 1, ' }, 400],
    ['JSON that is an array', 'PUT', 'contact', { body: '[1,2,3]' }, 400],
    ['a text/plain body', 'PUT', 'contact', { body: '{}', contentType: 'text/plain' }, 415],
    ['a form body', 'PUT', 'contact', { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }, 415],
    ['a 64 KB body', 'PUT', 'contact', { body: JSON.stringify({ pad: 'x'.repeat(64 * 1024) }) }, 413],
    ['notes over 1000 characters', 'PUT', 'contact', { body: 'LONG_NOTES' }, 400],
    ['a __proto__ key', 'PUT', 'contact', { body: '{"__proto__": {"polluted": true}, "expectedRevision": 1}' }, 400],
    ['an association without a name', 'POST', '/api/tab/associations', { body: JSON.stringify({ name: '', municipalityCode: 'liperi', languages: [], activities: '', contactInfo: '', active: true }) }, 400],
    [
      'an association of an unknown municipality',
      'POST',
      '/api/tab/associations',
      { body: JSON.stringify({ name: 'X', municipalityCode: '../../etc', languages: [], activities: '', contactInfo: '', active: true }) },
      400,
    ],
  ];
  for (const [name, method, target, options, status] of cases) {
    it(name, async () => {
      const c = liperiContact();
      const path = target === 'contact' ? `/api/tab/session-log/${c.id}` : target;
      const who = target === 'contact' ? world.liperiAdviser : world.coordinator;
      const body =
        options.body === 'LONG_NOTES'
          ? JSON.stringify({
              expectedRevision: c.revision,
              reason: 'typo',
              details: detailsOf(c, 10, 'n'.repeat(1001)),
            })
          : options.body;
      let answer: Awaited<ReturnType<typeof send>> | undefined;
      const changes = await changesOf(
        async () => (answer = await send(method, path, { auth: `Bearer ${await token(who)}`, ...(body !== undefined ? { body } : {}), ...(options.contentType ? { contentType: options.contentType } : {}) })),
      );
      expect(answer!.status, answer!.text).toBe(status);
      expect(answer!.json.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      expect(changes).toEqual({});
      expect(prototypeIsClean('polluted')).toBe(true);
    });
  }

  for (const query of ['limit=0', 'limit=100000', 'from=2025-02-30', 'to=yesterday', 'topic=<script>', 'q=a', `q=${'x'.repeat(101)}`, 'limit=10&limit=20', 'after=%00%00']) {
    it(`session log ?${query.slice(0, 40)}`, async () => {
      let status = 0;
      const changes = await changesOf(async () => (status = (await send('GET', `/api/tab/session-log?${query}`, { auth: `Bearer ${await token(world.coordinator)}` })).status));
      expect(status).toBe(400);
      expect(changes).toEqual({});
    });
  }
});

describe('XSS and SQL metacharacters are data: stored and answered literally, never run', () => {
  it('an association named with markup and SQL is stored as typed and answered as JSON text', async () => {
    const name = `<img src=x onerror=alert(1)>'; DROP TABLE contacts; --`;
    const auth = `Bearer ${await token(world.coordinator)}`;
    const contactsBefore = secured.db.allTables().get('contacts')!.length;
    const created = await send('POST', '/api/tab/associations', {
      auth,
      body: JSON.stringify({ name, municipalityCode: 'liperi', languages: ['fi'], activities: '<script>alert(2)</script>', contactInfo: '" onmouseover="x', active: true }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    const listed = await send('GET', '/api/tab/associations', { auth });
    expect(JSON.stringify(listed.json)).toContain(JSON.stringify(name).slice(1, -1));
    expect(secured.db.allTables().get('associations')!.join()).toContain(JSON.stringify(name).slice(1, -1));
    expect(secured.db.allTables().get('contacts')!.length).toBe(contactsBefore);
    // The tab's page is a static bundle: nothing of the data is rendered into its HTML.
    const page = await send('GET', '/tab/reports');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('onerror=alert(1)');
  });

  it('a search for SQL finds nothing and changes nothing', async () => {
    const auth = `Bearer ${await token(world.coordinator)}`;
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    await changesOf(async () => (answer = await send('GET', `/api/tab/session-log?q=${encodeURIComponent("' OR 1=1 --")}`, { auth })));
    expect(answer!.status).toBe(200);
    expect(answer!.json.rows).toEqual([]);
    expect(secured.db.allTables().get('contacts')!.length).toBe(world.contacts.length);
  });
});

describe("path traversal on the tab's static files: never a file outside the bundle", () => {
  for (const path of [
    '/tab/assets/../../package.json',
    '/tab/assets/..%2f..%2fpackage.json',
    '/tab/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/tab/assets/%252e%252e%252fpackage.json',
    '/tab/assets/..\\..\\package.json',
    '/tab/assets/%00.js',
  ]) {
    it(path, async () => {
      const answer = await send('GET', path);
      expect([400, 403, 404]).toContain(answer.status);
      expect(answer.text).not.toContain('"devDependencies"');
    });
  }
});
