import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffText } from '../../src/i18n/staff/index.js';
import { startSsoIssuer, type SsoIssuer } from '../harness/sso-issuer.js';
import { ADVISERS_TAB_TENANT, seedAdvisersTabWorld, type AdvisersTabWorld, type WorldContact, type WorldStaff } from './advisers-tab-world.js';
import { advisersTabCall, advisersTabToken } from './advisers-tab-http.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';
import { TAB_APP_ID_URI } from './side-panel-world.js';

/**
 * The advisers' tab's session log API (issue 6) against the composed server (production mode,
 * SQLite), signed in with SSO tokens from a local issuer: what each role sees, every filter,
 * paging, search, the detail and its correction, the CSV export, and that refusals write nothing
 * but their own `denied` audit row. Expected rows are computed from the seeded world.
 */
let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: AdvisersTabWorld;

interface RowJson {
  readonly contactId: string;
  readonly startedAt: string;
  readonly municipalityCode: string;
  readonly noShow: boolean;
  readonly revision: number;
  readonly client: { readonly id: string; readonly displayName: string };
  readonly adviser: { readonly id: string; readonly displayName: string };
}
interface PageJson {
  readonly rows: readonly RowJson[];
  readonly next: string | null;
}

const call = advisersTabCall(() => ({ sut, issuer }));

const page = async (who: WorldStaff, params: Record<string, string> = {}) => {
  const reply = await call('GET', `/api/tab/session-log?${new URLSearchParams(params).toString()}`, who);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as unknown as PageJson;
};
const idsOf = async (who: WorldStaff, params: Record<string, string>) => (await page(who, { limit: '100', ...params })).rows.map((r) => r.contactId);
const expected = (keep: (c: WorldContact) => boolean) => world.contacts.filter(keep).map((c) => c.id);

/** The contact's details as the tab's correction form sends them. */
const detailsOf = (c: WorldContact, overrides: Record<string, unknown> = {}) => ({
  channel: c.channel,
  startedAt: c.startedAt.toISOString(),
  durationMinutes: c.durationMinutes,
  language: c.language,
  interpreterUsed: c.interpreterUsed,
  topics: c.topics,
  services: c.services,
  referrals: c.referrals,
  followUpOn: c.followUpOn,
  outcome: c.outcome,
  notes: c.notes,
  ...overrides,
});

/** Everything a request could write: audit rows, contact revisions, outbox rows. */
async function writes() {
  const uow = sut.neuvo.uow;
  const audit = await uow.audit.list({ limit: 100_000 });
  const revisions = await Promise.all(world.contacts.map(async (c) => `${c.id}@${(await uow.contacts.get(c.id))?.revision}`));
  return { audit: audit.length, revisions, outbox: await uow.outbox.countByStatus() };
}

/** The audit rows written since `count` rows existed, newest first. */
async function auditSince(count: number) {
  const all = await sut.neuvo.uow.audit.list({ limit: 100_000 });
  return all.slice(0, all.length - count);
}

beforeAll(async () => {
  issuer = await startSsoIssuer();
  const sinks = [{ id: 'liperi-api', kind: 'rest', municipalities: ['liperi', 'outokumpu'], baseUrl: 'http://127.0.0.1:9/api', tokenSetting: 'REGISTER_TOKEN_LIPERI' }];
  sut = await startNeuvoWithLocalTeams({ tenantId: ADVISERS_TAB_TENANT }, { ...issuer.tabEnv(TAB_APP_ID_URI), REGISTER_SINKS: JSON.stringify(sinks), REGISTER_TOKEN_LIPERI: 'local-register-token' });
  world = await seedAdvisersTabWorld(sut.neuvo.uow, ADVISERS_TAB_TENANT, new Date());
});
afterAll(async () => {
  await sut?.close();
  await issuer?.close();
});

describe('GET /api/tab/me', () => {
  it("tells an adviser who they are, their municipalities by name, their advisers and the form", async () => {
    const reply = await call('GET', '/api/tab/me', world.liperiAdviser);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.json).toMatchObject({
      displayName: 'Aino Ohjaaja',
      roles: ['adviser'],
      municipalities: [
        { code: 'liperi', name: 'Liperi' },
        { code: 'outokumpu', name: 'Outokumpu' },
      ],
      advisers: [{ id: world.liperiAdviser.id, displayName: 'Aino Ohjaaja' }],
      isCoordinator: false,
      form: { formId: 'contact_log' },
    });
  });

  it('gives a coordinator every municipality and adviser', async () => {
    const reply = await call('GET', '/api/tab/me', world.coordinator);
    expect(reply.status).toBe(200);
    expect(reply.json.isCoordinator).toBe(true);
    expect((reply.json.municipalities as { code: string }[]).map((m) => m.code)).toEqual(['ilomantsi', 'joensuu', 'kontiolahti', 'liperi', 'outokumpu']);
    expect((reply.json.advisers as { displayName: string }[]).map((a) => a.displayName)).toEqual(['Aino Ohjaaja', 'Kalle Neuvoja']);
  });
});

describe('a caller who is not an adviser or coordinator', () => {
  it('gets 403 forbidden, in their language, on every route, with one denied row each and nothing else written', async () => {
    const before = await writes();
    const liperi = world.contacts.find((x) => x.municipalityCode === 'liperi' && x.bookingId === null)!;
    const replies = [
      await call('GET', '/api/tab/me', world.municipalStaff, { lang: 'fi' }),
      await call('GET', '/api/tab/session-log', world.municipalStaff, { lang: 'fi' }),
      await call('GET', '/api/tab/session-log/export.csv', world.municipalStaff, { lang: 'fi' }),
      await call('GET', `/api/tab/session-log/${liperi.id}`, world.municipalStaff, { lang: 'fi' }),
      await call('PUT', `/api/tab/session-log/${liperi.id}`, world.municipalStaff, { lang: 'fi', body: { expectedRevision: liperi.revision, reason: 'Korjaus', details: detailsOf(liperi, { durationMinutes: 99 }) } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    for (const reply of replies) expect(reply.json.error).toEqual({ code: 'forbidden', message: staffText('fi', 'sessionLog.error.forbidden') });
    expect(JSON.stringify(replies.map((r) => r.json))).not.toContain(liperi.notes);
    const audit = await auditSince(before.audit);
    expect(audit).toHaveLength(5);
    expect(audit.every((row) => row.outcome === 'denied' && row.actorId === world.municipalStaff.oid && row.channel === 'tab' && row.clientId === null)).toBe(true);
    const after = await writes();
    expect(after.revisions).toEqual(before.revisions);
    expect(after.outbox).toEqual(before.outbox);
  });

  it('without a token gets 401 and nothing is written', async () => {
    const before = await writes();
    expect((await call('GET', '/api/tab/session-log', undefined)).status).toBe(401);
    expect(await writes()).toEqual(before);
  });
});

describe('GET /api/tab/session-log', () => {
  it("lists an adviser's municipalities newest first and audits one client.read row per client shown", async () => {
    const before = (await writes()).audit;
    const result = await page(world.liperiAdviser, { limit: '100' });
    expect(result.rows.map((r) => r.contactId)).toEqual(expected((c) => c.municipalityCode !== 'kontiolahti'));
    expect(result.next).toBeNull();
    const noShow = result.rows.find((r) => r.contactId === world.noShow.contactId);
    expect(noShow).toMatchObject({ noShow: true, client: { displayName: 'Olena Testinen' }, adviser: { displayName: 'Aino Ohjaaja' } });
    expect(result.rows[0]?.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const audit = await auditSince(before);
    expect(audit.map((r) => r.clientId).sort()).toEqual([world.clients.olena.id, world.clients.ahmed.id, world.clients.fatima.id].sort());
    expect(audit.every((r) => r.action === 'client.read' && r.outcome === 'ok' && r.channel === 'tab' && r.actorId === world.liperiAdviser.oid)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('Olena');
  });

  it('filters by each filter', async () => {
    const c = world.coordinator;
    const newYear = new Date('2025-12-31T22:00:00.000Z');
    const february = new Date('2026-01-31T22:00:00.000Z');
    expect(await idsOf(c, { municipality: 'outokumpu' })).toEqual(expected((x) => x.municipalityCode === 'outokumpu'));
    expect(await idsOf(c, { adviser: world.kontiolahtiAdviser.id })).toEqual(expected((x) => x.adviserId === world.kontiolahtiAdviser.id));
    expect(await idsOf(c, { from: '2026-01-01' })).toEqual(expected((x) => x.startedAt >= newYear));
    expect(await idsOf(c, { to: '2025-12-31' })).toEqual(expected((x) => x.startedAt < newYear));
    expect(await idsOf(c, { from: '2026-01-01', to: '2026-01-31' })).toEqual(expected((x) => x.startedAt >= newYear && x.startedAt < february));
    expect(await idsOf(c, { topic: 'housing' })).toEqual(expected((x) => x.topics.includes('housing')));
    expect(await idsOf(c, { language: 'so' })).toEqual(expected((x) => x.language === 'so'));
    expect(await idsOf(c, { channel: 'email' })).toEqual(expected((x) => x.channel === 'email'));
    expect(await idsOf(c, { outcome: 'resolved' })).toEqual(expected((x) => x.outcome === 'resolved'));
    expect(await idsOf(c, { noShow: 'true' })).toEqual([world.noShow.contactId]);
    expect(await idsOf(c, { noShow: 'false' })).toEqual(expected((x) => !x.noShow));
    expect(await idsOf(c, { municipality: 'liperi', channel: 'teams_meeting', outcome: 'resolved' })).toEqual(
      expected((x) => x.municipalityCode === 'liperi' && x.channel === 'teams_meeting' && x.outcome === 'resolved'),
    );
    for (const filter of [{ topic: 'housing' }, { language: 'so' }, { channel: 'email' }, { outcome: 'resolved' }] as Record<string, string>[]) expect(await idsOf(c, filter)).not.toEqual([]);
  });

  it('searches the notes and the client name, case-insensitively', async () => {
    const c = world.coordinator;
    expect(await idsOf(c, { q: 'ASUNTOhakemus' })).toEqual(expected((x) => x.notes.toLowerCase().includes('asuntohakemus')));
    expect(await idsOf(c, { q: 'ASUNTOhakemus' })).toHaveLength(2);
    expect(await idsOf(c, { q: 'haddad' })).toEqual(expected((x) => x.clientId === world.clients.ahmed.id));
    expect(await idsOf(c, { q: '0%' })).toEqual([world.search.percentNoteContactId]);
    // The Liperi adviser's search never reaches Kontiolahti's client.
    expect(await idsOf(world.liperiAdviser, { q: 'svetlana' })).toEqual([]);
  });

  it('pages with the keyset cursor across pages without gaps or repeats', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const result: PageJson = await page(world.coordinator, { limit: '5', ...(next ? { after: next } : {}) });
      expect(result.rows.length).toBeLessThanOrEqual(5);
      seen.push(...result.rows.map((r) => r.contactId));
      next = result.next;
      pages += 1;
    } while (next !== null && pages < 20);
    expect(pages).toBe(Math.ceil(world.contacts.length / 5));
    expect(seen).toEqual(world.contacts.map((x) => x.id));
  });

  it("refuses a municipality outside the adviser's scope: 403 and a denied row, no rows", async () => {
    const before = await writes();
    const reply = await call('GET', '/api/tab/session-log?municipality=kontiolahti', world.liperiAdviser, { lang: 'sv' });
    expect(reply.status).toBe(403);
    expect(reply.json.error).toEqual({ code: 'forbidden', message: staffText('sv', 'sessionLog.error.municipalityForbidden') });
    const audit = await auditSince(before.audit);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'denied', entityType: 'municipality', entityId: 'kontiolahti', actorId: world.liperiAdviser.oid });
  });

  it('answers 400 bad_request for bad parameters and writes nothing', async () => {
    const before = await writes();
    const bad = [
      'from=2026-02-30',
      'from=01.01.2026',
      'from=2026-02-01&to=2026-01-01',
      'limit=0',
      'limit=101',
      'limit=ten',
      'noShow=yes',
      'q=a',
      `q=${'x'.repeat(101)}`,
      'after=not-a-cursor',
      'topic=Housing',
      'language=english',
      'municipality=liperi&municipality=outokumpu',
    ];
    for (const query of bad) {
      const reply = await call('GET', `/api/tab/session-log?${query}`, world.coordinator, { lang: 'fi' });
      expect(reply.status, query).toBe(400);
      expect(reply.json.error, query).toEqual({ code: 'bad_request', message: staffText('fi', 'sessionLog.error.badFilter') });
    }
    expect(await writes()).toEqual(before);
  });
});

describe('GET /api/tab/session-log/:contactId', () => {
  it('shows the contact, names, no-show, the history with who changed it, the form and associations; audited', async () => {
    const before = (await writes()).audit;
    const reply = await call('GET', `/api/tab/session-log/${world.corrected.contactId}`, world.liperiAdviser);
    expect(reply.status).toBe(200);
    const detail = reply.json as {
      contact: { id: string; revision: number; durationMinutes: number };
      client: { displayName: string };
      adviser: { displayName: string };
      noShow: boolean;
      history: { revision: number; changedByName: string; reason: string | null; details: { notes: string } }[];
      form: { formId: string };
      associations: { id: string }[];
    };
    expect(detail.contact).toMatchObject({ id: world.corrected.contactId, revision: 2, durationMinutes: 55 });
    expect(detail.client.displayName).toBe('Ahmed Haddad');
    expect(detail.adviser.displayName).toBe('Aino Ohjaaja');
    expect(detail.noShow).toBe(false);
    expect(detail.history.map((h) => [h.revision, h.changedByName, h.reason])).toEqual([
      [1, 'Aino Ohjaaja', null],
      [2, 'Aino Ohjaaja', world.corrected.reason],
    ]);
    expect(detail.history[0]?.details.notes).toBe(world.corrected.originalNotes);
    expect(detail.form.formId).toBe('contact_log');
    expect(detail.associations.map((a) => a.id)).toEqual([world.association.id]);
    const audit = await auditSince(before);
    expect(audit.map((r) => r.action).sort()).toEqual(['client.read', 'contact.read']);
    expect(audit.every((r) => r.clientId === world.clients.ahmed.id && r.outcome === 'ok' && r.channel === 'tab')).toBe(true);

    const noShow = await call('GET', `/api/tab/session-log/${world.noShow.contactId}`, world.liperiAdviser);
    expect(noShow.json.noShow).toBe(true);
  });

  it("is 404 with a denied row for a Kontiolahti client's contact asked by the Liperi adviser, like an unknown id", async () => {
    const other = world.contacts.find((x) => x.municipalityCode === 'kontiolahti')!;
    const before = await writes();
    const reply = await call('GET', `/api/tab/session-log/${other.id}`, world.liperiAdviser, { lang: 'fi' });
    expect(reply.status).toBe(404);
    expect(reply.json.error).toEqual({ code: 'not_found', message: staffText('fi', 'sessionLog.error.notFound') });
    const unknown = await call('GET', '/api/tab/session-log/00000000-0000-4000-8000-000000000000', world.liperiAdviser, { lang: 'fi' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(reply.json);
    const audit = await auditSince(before.audit);
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ outcome: 'denied', action: 'client.read', clientId: other.clientId, entityId: other.id, actorId: world.liperiAdviser.oid });
    expect(audit[0]).toMatchObject({ outcome: 'denied', clientId: null, entityId: null });
    expect(reply.text).not.toContain(other.notes);
  });
});

describe('PUT /api/tab/session-log/:contactId', () => {
  const target = () => world.contacts.find((x) => x.municipalityCode === 'liperi' && x.revision === 1 && x.bookingId === null)!;

  it('refuses bad input with per-field messages and a missing reason, writing nothing', async () => {
    const c = target();
    const before = await writes();
    const invalid = await call('PUT', `/api/tab/session-log/${c.id}`, world.liperiAdviser, { lang: 'fi', body: { expectedRevision: 1, reason: 'Korjaus', details: detailsOf(c, { topics: ['no_such_topic'] }) } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ code: 'invalid', fields: [{ field: 'topics', code: 'unknown_option', message: staffText('fi', 'panel.field.unknown_option') }] });
    const noReason = await call('PUT', `/api/tab/session-log/${c.id}`, world.liperiAdviser, { body: { expectedRevision: 1, reason: '   ', details: detailsOf(c) } });
    expect(noReason.status).toBe(400);
    expect((noReason.json.error as { code: string }).code).toBe('reason_required');
    expect(await writes()).toEqual(before);
  });

  it('corrects: revision 2, the old version in the history, a contact.update audit row and an outbox row to the register', async () => {
    const c = target();
    const before = await writes();
    const reply = await call('PUT', `/api/tab/session-log/${c.id}`, world.liperiAdviser, { body: { expectedRevision: 1, reason: 'Duration was wrong', details: detailsOf(c, { durationMinutes: 75 }) } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.contact).toMatchObject({ id: c.id, revision: 2, durationMinutes: 75 });
    const stored = await sut.neuvo.uow.contacts.get(c.id);
    expect(stored).toMatchObject({ revision: 2, durationMinutes: 75 });
    const history = await sut.neuvo.uow.contacts.history(c.id);
    expect(history.map((h) => [h.revision, h.details.durationMinutes, h.reason])).toEqual([
      [1, c.durationMinutes, null],
      [2, 75, 'Duration was wrong'],
    ]);
    const audit = await auditSince(before.audit);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'contact.update', channel: 'tab', outcome: 'ok', entityId: c.id, actorId: world.liperiAdviser.oid });
    expect((await writes()).outbox.pending).toBe(before.outbox.pending + 1);

    // The same expected revision again is stale: 409 with the current contact, nothing written.
    const beforeStale = await writes();
    const stale = await call('PUT', `/api/tab/session-log/${c.id}`, world.liperiAdviser, { body: { expectedRevision: 1, reason: 'Again', details: detailsOf(c) } });
    expect(stale.status).toBe(409);
    expect(stale.json.contact).toMatchObject({ id: c.id, revision: 2 });
    expect(await writes()).toEqual(beforeStale);
  });

  it("is 404 with a denied row for another municipality's contact, and nothing changes", async () => {
    const other = world.contacts.find((x) => x.municipalityCode === 'kontiolahti')!;
    const before = await writes();
    const reply = await call('PUT', `/api/tab/session-log/${other.id}`, world.liperiAdviser, { body: { expectedRevision: 1, reason: 'x', details: detailsOf(other) } });
    expect(reply.status).toBe(404);
    const after = await writes();
    expect(after.revisions).toEqual(before.revisions);
    expect(after.outbox).toEqual(before.outbox);
    const audit = await auditSince(before.audit);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'denied', action: 'contact.update', entityId: other.id });
  });
});

describe('GET /api/tab/session-log/export.csv', () => {
  it('sends a BOM, ;-separated CSV with a localized header, Helsinki times, labels and an attachment name; audited per client', async () => {
    // fetch's text() drops the BOM; read the bytes of one export to see it.
    const raw = await fetch(`${sut.baseUrl}/api/tab/session-log/export.csv?municipality=liperi&from=2026-01-01`, { headers: { authorization: `Bearer ${await advisersTabToken(issuer, world.liperiAdviser)}`, 'accept-language': 'fi' } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const before = (await writes()).audit;
    const reply = await call('GET', '/api/tab/session-log/export.csv?municipality=liperi&from=2026-01-01', world.liperiAdviser, { lang: 'fi' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="neuvo-session-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = reply.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Päivä;Kellonaika;Kesto (min);Kunta;Ohjaaja;Asiakas;Kanava;Kieli;Tulkki;Aiheet;Lopputulos;Ei saapunut;Versio');
    const rows = expected((x) => x.municipalityCode === 'liperi' && x.startedAt >= new Date('2025-12-31T22:00:00.000Z'));
    expect(lines).toHaveLength(rows.length + 1);
    // The New Year's contact: 00:30 on 1 January on the Helsinki clock.
    const newYear = world.contacts.find((x) => x.startedAt.toISOString() === '2025-12-31T22:30:00.000Z')!;
    const line = lines[rows.indexOf(newYear.id) + 1]!;
    expect(line.startsWith('2026-01-01;00:30;')).toBe(true);
    expect(line).toContain(';Liperi;Aino Ohjaaja;');
    const audit = await auditSince(before);
    expect(audit.filter((r) => r.action === 'client.export').map((r) => r.clientId).sort()).toEqual([...new Set(world.contacts.filter((x) => rows.includes(x.id)).map((x) => x.clientId))].sort());
  });

  it('guards against formulas: a client name starting with = is written as text', async () => {
    const uow = sut.neuvo.uow;
    const client = await uow.clients.create({ municipalityCode: 'ilomantsi', displayName: '=HYPERLINK("http://evil.example";"x")', preferredLanguage: 'ru' }, new Date());
    const created = await uow.contacts.create(
      { clientId: client.id, adviserId: world.coordinator.id, municipalityCode: 'ilomantsi', bookingId: null, formVersion: 1, channel: 'phone', startedAt: new Date('2026-02-02T08:00:00Z'), durationMinutes: 10, language: 'ru', interpreterUsed: false, topics: ['other'], services: [], referrals: [], followUpOn: null, outcome: 'resolved', notes: '' },
      world.coordinator.id,
      new Date(),
    );
    expect(created.ok).toBe(true);
    const reply = await call('GET', '/api/tab/session-log/export.csv?municipality=ilomantsi', world.coordinator, { lang: 'en' });
    expect(reply.status).toBe(200);
    const lines = reply.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('Date;Time;Duration (min);Municipality;')).toBe(true);
    expect(lines[1]).toContain(';"\'=HYPERLINK(""http://evil.example"";""x"")";');
    expect(lines[1]).toContain(';Phone;ru;no;Other;Resolved;no;1');
  });

  it('refuses bad filters with 400 and a municipal staff member with 403, writing only the denied row', async () => {
    const before = await writes();
    expect((await call('GET', '/api/tab/session-log/export.csv?from=yesterday', world.coordinator)).status).toBe(400);
    expect(await writes()).toEqual(before);
    const reply = await call('GET', '/api/tab/session-log/export.csv', world.municipalStaff);
    expect(reply.status).toBe(403);
    expect(await auditSince(before.audit)).toHaveLength(1);
  });
});
