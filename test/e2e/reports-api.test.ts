import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { staffText } from '../../src/i18n/staff/index.js';
import type { AssociationsJson, CostSharesJson, FunderReportJson, MunicipalFiguresJson, ReportJson } from '../../src/tab/advisers/wire.js';
import { startSsoIssuer, type SsoIssuer } from '../harness/sso-issuer.js';
import { ADVISERS_TAB_TENANT, seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from './advisers-tab-world.js';
import { advisersTabCall, advisersTabToken } from './advisers-tab-http.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';
import { TAB_APP_ID_URI } from './side-panel-world.js';

/**
 * The advisers' tab's reports API (issue 6) against the composed server (production mode,
 * SQLite), signed in with SSO tokens from a local issuer: report figures per role, the funder
 * report and its CSV with small counts suppressed, cost shares, municipal figures, the
 * associations directory, and that every refusal writes nothing but its own `denied` audit row.
 * Expected figures are computed from the seeded world (Helsinki months via localDateOf).
 */
let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: AdvisersTabWorld;


const call = advisersTabCall(() => ({ sut, issuer }));

/** Audit rows of one person, newest first, without the instant. */
const auditOf = async (who: WorldStaff) =>
  (await sut.neuvo.uow.audit.list({ actorId: who.oid, limit: 1000 })).map((a) => ({ action: a.action, outcome: a.outcome, entityType: a.entityType, entityId: a.entityId, clientId: a.clientId, channel: a.channel }));

/** The world's contacts of `municipality` in Helsinki month "YYYY-MM". */
const contactsIn = (municipality: string, month: string) => world.contacts.filter((c) => c.municipalityCode === municipality && localDateOf(c.startedAt).startsWith(month)).length;

const PARTNERS = ['ilomantsi', 'joensuu', 'kontiolahti', 'liperi', 'outokumpu'];

beforeAll(async () => {
  issuer = await startSsoIssuer();
  sut = await startNeuvoWithLocalTeams({ tenantId: ADVISERS_TAB_TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
  world = await seedAdvisersTabWorld(sut.neuvo.uow, ADVISERS_TAB_TENANT, new Date());
});
afterAll(async () => {
  await sut?.close();
  await issuer?.close();
});

describe('GET /api/tab/reports', () => {
  it("shows an adviser their own municipalities' figures by Helsinki month, and audits one report.read row", async () => {
    const reply = await call('GET', '/api/tab/reports?year=2025', world.liperiAdviser);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const report = reply.json as unknown as ReportJson;
    expect(report.municipalities.map((m) => m.code)).toEqual(['liperi', 'outokumpu']);
    for (const m of report.municipalities) {
      const months = Array.from({ length: 12 }, (_, i) => contactsIn(m.code, `2025-${String(i + 1).padStart(2, '0')}`));
      expect(m.months).toEqual(months);
      expect(m.total).toBe(months.reduce((a, b) => a + b, 0));
    }
    expect(report.contacts).toBe(contactsIn('liperi', '2025') + contactsIn('outokumpu', '2025'));
    expect(report.meetings).toEqual({ held: 2, noShows: 1 });
    // No questions in the world: the expert channel's figures are zero and no medians.
    expect(report.expertChannel).toEqual({ questions: 0, medianMinutesToClaim: null, medianMinutesToAnswer: null });
    expect(report.referralsToAssociations).toEqual([{ code: world.association.id, count: expect.any(Number), name: world.association.name }]);
    expect(JSON.stringify(report)).not.toContain(world.clients.olena.displayName);
    expect((await auditOf(world.liperiAdviser))[0]).toEqual({ action: 'report.read', outcome: 'ok', entityType: 'report', entityId: 'year:2025', clientId: null, channel: 'tab' });
  });

  it('puts the contact at 00:30 on New Year\'s Day (Helsinki) into January 2026, for a coordinator who sees every municipality', async () => {
    const reply = await call('GET', '/api/tab/reports?year=2026', world.coordinator);
    expect(reply.status, reply.text).toBe(200);
    const report = reply.json as unknown as ReportJson;
    expect(report.municipalities.map((m) => m.code)).toEqual(PARTNERS);
    for (const m of report.municipalities) expect(m.months.slice(0, 2)).toEqual([contactsIn(m.code, '2026-01'), contactsIn(m.code, '2026-02')]);
    expect(report.contacts).toBe(world.contacts.filter((c) => localDateOf(c.startedAt).startsWith('2026')).length);
    const kontiolahti = await call('GET', '/api/tab/reports?year=2026&municipality=kontiolahti', world.coordinator);
    expect((kontiolahti.json as unknown as ReportJson).municipalities.map((m) => m.code)).toEqual(['kontiolahti']);
  });

  it("refuses an adviser another municipality's report: 403 and a denied row", async () => {
    const reply = await call('GET', '/api/tab/reports?year=2025&municipality=kontiolahti', world.liperiAdviser, { lang: 'fi' });
    expect(reply.status).toBe(403);
    expect(reply.json.error).toEqual({ code: 'forbidden', message: staffText('fi', 'reports.error.municipalityForbidden') });
    expect((await auditOf(world.liperiAdviser))[0]).toMatchObject({ action: 'report.read', outcome: 'denied', entityType: 'municipality', entityId: 'kontiolahti' });
  });

  it('answers a malformed year with a localized 400 and writes nothing', async () => {
    const before = (await sut.neuvo.uow.audit.list({ limit: 100_000 })).length;
    for (const query of ['', '?year=25', '?year=1999', '?year=2026&year=2025', '?year=2026&extra=1']) {
      const reply = await call('GET', `/api/tab/reports${query}`, world.coordinator, { lang: 'sv' });
      expect(reply.status, query).toBe(400);
      expect(reply.json.error).toEqual({ code: 'bad_request', message: staffText('sv', 'reports.error.badYear') });
    }
    expect((await sut.neuvo.uow.audit.list({ limit: 100_000 })).length).toBe(before);
  });
});

describe('the funder report', () => {
  it('answers the period in the ministry shape with counts of 1–4 as null', async () => {
    const reply = await call('GET', '/api/tab/reports/funder?from=2025-09&to=2026-02', world.coordinator);
    expect(reply.status, reply.text).toBe(200);
    const report = reply.json as unknown as FunderReportJson;
    expect(report).toMatchObject({ from: '2025-09', to: '2026-02' });
    const cell = (section: string, item: string, m: string | null) => report.rows.find((r) => r.section === section && r.item === item && r.municipalityCode === m)?.count;
    expect(cell('contacts', 'contacts', null)).toBe(world.contacts.length);
    expect(cell('contacts', 'contacts', 'liperi')).toBe(world.contacts.filter((c) => c.municipalityCode === 'liperi').length);
    expect(cell('contacts', 'contacts', 'ilomantsi')).toBe(0);
    expect(cell('meetings', 'no_shows', 'liperi')).toBeNull(); // 1 no-show
    expect(cell('meetings', 'held', 'liperi')).toBeNull(); // 2 meetings
    expect(report.rows.every((r) => r.count === null || r.count === 0 || r.count >= 5)).toBe(true);
  });

  it('downloads as a CSV for Excel: BOM, semicolons, a header in the caller\'s language, "< 5" for small counts', async () => {
    const reply = await call('GET', '/api/tab/reports/funder.csv?from=2025-09&to=2026-02', world.coordinator, { lang: 'fi' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="neuvo-funder-report-2025-09-2026-02.csv"');
    const raw = Buffer.from(await (await fetch(`${sut.baseUrl}/api/tab/reports/funder.csv?from=2025-09&to=2026-02`, { headers: { authorization: `Bearer ${await advisersTabToken(issuer, world.coordinator)}`, 'accept-language': 'fi' } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = reply.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Osio;Kohta;Kunta;Määrä');
    expect(lines).toContain(`Asioinnit;Asioinnit;Kaikki;${world.contacts.length}`);
    expect(lines).toContain('Varatut Teams-tapaamiset;Ei saapunut;Liperi;< 5');
    expect(lines).toContain('Asioinnit;Asioinnit;Ilomantsi;0');
    // Channel items carry the form's Finnish labels.
    expect(lines.some((l) => l.startsWith('Asioinnit kanavittain;Puhelin;'))).toBe(true);
    expect(lines.every((l) => l === '' || l.split(';').length === 4)).toBe(true);
  });

  it('refuses a reversed or too long period with a localized 400', async () => {
    for (const query of ['from=2026-02&to=2025-09', 'from=2023-01&to=2026-01', 'from=2026-1&to=2026-02', 'from=2026-01']) {
      const reply = await call('GET', `/api/tab/reports/funder?${query}`, world.coordinator, { lang: 'fi' });
      expect(reply.status, query).toBe(400);
      expect(reply.json.error).toEqual({ code: 'bad_request', message: staffText('fi', 'reports.error.badPeriod') });
    }
  });
});

describe('municipal figures and cost shares', () => {
  const all = (residents: number | null) => PARTNERS.map((code) => ({ code, contactTarget: 100, foreignResidents: residents }));

  it('refuses an adviser who tries to change the figures: 403, nothing written, a denied row', async () => {
    const reply = await call('PUT', '/api/tab/municipal-figures?year=2027', world.liperiAdviser, { body: { figures: all(500) }, lang: 'fi' });
    expect(reply.status).toBe(403);
    expect(reply.json.error).toEqual({ code: 'forbidden', message: staffText('fi', 'reports.error.coordinatorOnly') });
    const figures = (await call('GET', '/api/tab/municipal-figures?year=2027', world.coordinator)).json as unknown as MunicipalFiguresJson;
    expect(figures.figures.every((f) => f.contactTarget === null && f.foreignResidents === null)).toBe(true);
    expect((await auditOf(world.liperiAdviser))[0]).toMatchObject({ action: 'figures.update', outcome: 'denied' });
  });

  it('refuses invalid figures with a localized 400 and writes nothing', async () => {
    for (const body of [{ figures: [{ code: 'liperi', contactTarget: -1, foreignResidents: 1 }] }, { figures: [{ code: 'liperi', contactTarget: 1.5, foreignResidents: 1 }] }, { figures: [{ code: 'atlantis', contactTarget: 1, foreignResidents: 1 }] }, { figures: [] }, []]) {
      const reply = await call('PUT', '/api/tab/municipal-figures?year=2027', world.coordinator, { body, lang: 'sv' });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error).toEqual({ code: 'invalid', message: staffText('sv', 'reports.error.badFigures') });
    }
    const year = await call('PUT', '/api/tab/municipal-figures?year=2101', world.coordinator, { body: { figures: all(1) } });
    expect(year.status).toBe(400);
    const figures = (await call('GET', '/api/tab/municipal-figures?year=2027', world.coordinator)).json as unknown as MunicipalFiguresJson;
    expect(figures.figures.every((f) => f.foreignResidents === null)).toBe(true);
  });

  it('names the municipalities whose residents figure is missing, then splits the total once a coordinator has entered them', async () => {
    const partial = await call('PUT', '/api/tab/municipal-figures?year=2027', world.coordinator, { body: { figures: [{ code: 'joensuu', contactTarget: 1800, foreignResidents: 4200 }, { code: 'liperi', contactTarget: 150, foreignResidents: 380 }] } });
    expect(partial.status, partial.text).toBe(200);
    expect((partial.json as unknown as MunicipalFiguresJson).figures.find((f) => f.code === 'joensuu')).toEqual({ code: 'joensuu', name: 'Joensuu', contactTarget: 1800, foreignResidents: 4200 });
    expect((await auditOf(world.coordinator))[0]).toMatchObject({ action: 'figures.update', outcome: 'ok', entityType: 'municipal_figures', entityId: '2027' });

    const missing = await call('GET', '/api/tab/cost-shares?year=2027&total=250000', world.coordinator, { lang: 'fi' });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      error: { code: 'missing_figures', message: staffText('fi', 'reports.error.missingFigures', { year: 2027, municipalities: 'Ilomantsi, Kontiolahti, Outokumpu' }) },
      municipalities: ['ilomantsi', 'kontiolahti', 'outokumpu'],
    });

    const rest = await call('PUT', '/api/tab/municipal-figures?year=2027', world.coordinator, {
      body: { figures: [{ code: 'kontiolahti', contactTarget: 200, foreignResidents: 520 }, { code: 'ilomantsi', contactTarget: 60, foreignResidents: 140 }, { code: 'outokumpu', contactTarget: null, foreignResidents: 300 }] },
    });
    expect(rest.status, rest.text).toBe(200);
    const reply = await call('GET', '/api/tab/cost-shares?year=2027&total=250000.01', world.liperiAdviser);
    expect(reply.status, reply.text).toBe(200);
    const shares = reply.json as unknown as CostSharesJson;
    expect(shares).toMatchObject({ year: 2027, total: 250000.01, state: 175000.01, municipalitiesTotal: 75000 });
    // 75 000 € over 5 540 foreign residents: Joensuu 4200 → 56 859.21…, the cents by largest remainder.
    expect(shares.shares.map((s) => [s.code, s.foreignResidents, s.amount])).toEqual([
      ['ilomantsi', 140, 1895.31],
      ['joensuu', 4200, 56859.21],
      ['kontiolahti', 520, 7039.71],
      ['liperi', 380, 5144.4],
      ['outokumpu', 300, 4061.37],
    ]);
    expect(Math.round(shares.shares.reduce((n, s) => n + s.amount * 100, 0))).toBe(7_500_000);
    const bad = await call('GET', '/api/tab/cost-shares?year=2027&total=12,50', world.coordinator, { lang: 'fi' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({ code: 'bad_request', message: staffText('fi', 'reports.error.badTotal') });
  });
});

describe('the associations directory', () => {
  const XSS_NAME = '<img src=x onerror=alert(1)> Kylätalo';
  const body = { name: XSS_NAME, municipalityCode: 'outokumpu', languages: ['fi', 'so', 'fi'], activities: 'Naisten ryhmä', contactInfo: '=HYPERLINK("http://x")', active: true };

  it('lets a coordinator create and update an association, stored literally, listed with its referral count', async () => {
    const created = await call('POST', '/api/tab/associations', world.coordinator, { body });
    expect(created.status, created.text).toBe(201);
    const association = (created.json as { association: { id: string } }).association;
    expect(created.json.association).toEqual({ ...body, languages: ['fi', 'so'], id: association.id });
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);

    const updated = await call('PUT', `/api/tab/associations/${association.id}`, world.coordinator, { body: { ...body, languages: ['so'], active: false } });
    expect(updated.status, updated.text).toBe(200);
    expect(await sut.neuvo.uow.associations.get(association.id)).toEqual({ ...body, languages: ['so'], active: false, id: association.id });

    const list = (await call('GET', '/api/tab/associations', world.liperiAdviser)).json as unknown as AssociationsJson;
    expect(list.associations.find((a) => a.id === association.id)).toMatchObject({ name: XSS_NAME, active: false, referrals: 0 });
    const liperiReferrals = world.contacts.filter((c) => ['liperi', 'outokumpu'].includes(c.municipalityCode) && c.referrals.some((r) => r.kind === 'association')).length;
    expect(list.associations.find((a) => a.id === world.association.id)?.referrals).toBe(liperiReferrals);
    expect((await auditOf(world.coordinator)).slice(0, 2).map((a) => [a.action, a.entityId])).toEqual([['association.update', association.id], ['association.create', association.id]]);
  });

  it('answers invalid fields with one localized message each, and writes nothing', async () => {
    const before = (await sut.neuvo.uow.associations.list()).length;
    const reply = await call('POST', '/api/tab/associations', world.coordinator, { body: { ...body, name: '  ', languages: ['Finnish'] }, lang: 'fi' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toEqual({
      code: 'invalid',
      message: staffText('fi', 'reports.error.invalidAssociation'),
      fields: [
        { field: 'name', message: staffText('fi', 'association.field.name') },
        { field: 'languages', message: staffText('fi', 'association.field.languages') },
      ],
    });
    const unknown = await call('POST', '/api/tab/associations', world.coordinator, { body: { ...body, municipalityCode: 'atlantis' }, lang: 'sv' });
    expect(unknown.status).toBe(400);
    expect((unknown.json.error as { fields: unknown }).fields).toEqual([{ field: 'municipalityCode', message: staffText('sv', 'association.field.municipalityCode') }]);
    expect((await sut.neuvo.uow.associations.list()).length).toBe(before);
    const missing = await call('PUT', '/api/tab/associations/no-such-id', world.coordinator, { body });
    expect(missing.status).toBe(404);
  });

  it('refuses advisers and municipal staff a change (403, denied row, nothing written)', async () => {
    const before = (await sut.neuvo.uow.associations.list()).length;
    const adviser = await call('POST', '/api/tab/associations', world.liperiAdviser, { body, lang: 'fi' });
    expect(adviser.status).toBe(403);
    expect(adviser.json.error).toEqual({ code: 'forbidden', message: staffText('fi', 'reports.error.coordinatorOnly') });
    const update = await call('PUT', `/api/tab/associations/${world.association.id}`, world.kontiolahtiAdviser, { body });
    expect(update.status).toBe(403);
    expect((await sut.neuvo.uow.associations.list()).length).toBe(before);
    expect((await sut.neuvo.uow.associations.get(world.association.id))?.name).toBe(world.association.name);
    expect((await auditOf(world.kontiolahtiAdviser))[0]).toMatchObject({ action: 'association.update', outcome: 'denied' });
  });
});

describe('municipal staff', () => {
  it('gets 403 on every reports route, with a denied row each and nothing else written', async () => {
    const routes: readonly [string, string, unknown?][] = [
      ['GET', '/api/tab/reports?year=2025'],
      ['GET', '/api/tab/reports/funder?from=2025-09&to=2026-02'],
      ['GET', '/api/tab/reports/funder.csv?from=2025-09&to=2026-02'],
      ['GET', '/api/tab/cost-shares?year=2027&total=1000'],
      ['GET', '/api/tab/municipal-figures?year=2027'],
      ['PUT', '/api/tab/municipal-figures?year=2027', { figures: [{ code: 'liperi', contactTarget: 1, foreignResidents: 1 }] }],
      ['GET', '/api/tab/associations'],
      ['POST', '/api/tab/associations', { name: 'X', municipalityCode: 'liperi', languages: [], activities: '', contactInfo: '', active: true }],
    ];
    for (const [method, path, body] of routes) {
      const reply = await call(method, path, world.municipalStaff, body === undefined ? { lang: 'fi' } : { body, lang: 'fi' });
      expect(reply.status, path).toBe(403);
      expect((reply.json.error as { code: string }).code).toBe('forbidden');
    }
    const audit = await auditOf(world.municipalStaff);
    expect(audit).toHaveLength(routes.length);
    expect(audit.every((a) => a.outcome === 'denied' && a.clientId === null)).toBe(true);
    const figures = (await call('GET', '/api/tab/municipal-figures?year=2027', world.coordinator)).json as unknown as MunicipalFiguresJson;
    expect(figures.figures.find((f) => f.code === 'liperi')?.contactTarget).toBe(150);
  });

  it('without a token: 401 before anything runs', async () => {
    expect((await call('GET', '/api/tab/reports?year=2025', undefined)).status).toBe(401);
  });
});
