import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { PARTNER_MUNICIPALITIES } from '../../domain/municipality.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from '../../../test/e2e/advisers-tab-world.js';
import { InMemoryReports } from '../../../test/fakes/in-memory-reports.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { RegisterActor } from '../register/register-access.js';
import { createAssociation, listAssociations, updateAssociation } from './associations.js';
import { getCostShares } from './get-cost-shares.js';
import { getFunderReport } from './get-funder-report.js';
import { getYearReport } from './get-year-report.js';
import { getMunicipalFigures, saveMunicipalFigures } from './municipal-figures.js';
import { seedDemoFigures } from './seed-demo-figures.js';

const NOW = new Date('2026-03-15T10:00:00Z');
let uow: InMemoryUnitOfWork;
let world: AdvisersTabWorld;
let deps: { uow: InMemoryUnitOfWork; reports: InMemoryReports; clock: () => Date; newId: () => string };

const as = (staff: WorldStaff): RegisterActor => ({ tenantId: world.tenantId, entraObjectId: staff.oid, channel: 'tab' });
const auditOf = async (actor: RegisterActor) => (await uow.audit.list({ actorId: actor.entraObjectId!, limit: 100 })).map((a) => ({ action: a.action, outcome: a.outcome, entityType: a.entityType, entityId: a.entityId, clientId: a.clientId }));

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const m of PARTNER_MUNICIPALITIES) await uow.municipalities.upsert(m);
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  world = await seedAdvisersTabWorld(uow, undefined, NOW);
  let n = 0;
  deps = { uow, reports: new InMemoryReports(uow.store), clock: () => NOW, newId: () => `assoc-new-${++n}` };
});

describe('the year report', () => {
  it("shows an adviser their own municipalities only, with months in Helsinki time and the year's targets, and audits one report.read row", async () => {
    await deps.reports.saveMunicipalFigures(2025, [{ municipalityCode: 'liperi', contactTarget: 40, foreignResidents: 380 }], world.coordinator.id, NOW);
    const result = await getYearReport(deps, as(world.liperiAdviser), { year: 2025 });
    if (!result.ok) throw new Error(result.reason);
    const { report } = result;
    expect(report.municipalities.map((m) => [m.code, m.target])).toEqual([['liperi', 40], ['outokumpu', null]]);
    const liperi2025 = world.contacts.filter((c) => c.municipalityCode === 'liperi' && c.startedAt < new Date('2025-12-31T22:00:00Z'));
    expect(report.municipalities[0]?.total).toBe(liperi2025.length);
    expect(report.municipalities[0]?.months.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.contacts).toBe(report.municipalities.reduce((n, m) => n + m.total, 0));
    expect(report.meetings).toEqual({ held: 2, noShows: 1 });
    expect(report.referralsToAssociations).toEqual([{ code: world.association.id, count: liperi2025.filter((c) => c.referrals.some((r) => r.kind === 'association')).length, name: world.association.name }]);
    expect(report.expertChannel).toEqual({ questions: 0, medianMinutesToClaim: null, medianMinutesToAnswer: null });
    expect(await auditOf(as(world.liperiAdviser))).toEqual([{ action: 'report.read', outcome: 'ok', entityType: 'report', entityId: 'year:2025', clientId: null }]);
  });

  it("counts the expert channel's questions of the year in the viewer's municipalities, with median minutes to claim and to answer", async () => {
    const ask = async (municipalityCode: string, createdAt: string, claimAfterMin: number | null, answerAfterMin: number | null) => {
      const created = new Date(createdAt);
      const ticket = await uow.tickets.create({ askerId: world.liperiAdviser.id, municipalityCode, topic: 'housing', urgency: 'normal', language: 'fi', question: 'Kysymys?', claimDueAt: created }, created);
      const after = (min: number | null) => (min === null ? null : new Date(created.getTime() + min * 60_000));
      if (claimAfterMin !== null) {
        const result = await uow.tickets.update(ticket.id, ticket.revision, { status: 'claimed', firstClaimedAt: after(claimAfterMin), firstAnsweredAt: after(answerAfterMin) }, { at: created, actorId: world.liperiAdviser.id, kind: 'claimed', text: null }, created);
        if (!result.ok) throw new Error(result.reason);
      }
    };
    await ask('liperi', '2025-03-03T08:00:00Z', 10, 40);
    await ask('liperi', '2025-05-05T08:00:00Z', 30, null);
    await ask('outokumpu', '2025-06-02T08:00:00Z', 20, 60);
    await ask('liperi', '2024-12-31T21:00:00Z', 1, 1); // 23:00 on 31 Dec in Helsinki: last year
    await ask('kontiolahti', '2025-03-03T08:00:00Z', 1, 1); // not the Liperi adviser's

    const result = await getYearReport(deps, as(world.liperiAdviser), { year: 2025 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.expertChannel).toEqual({ questions: 3, medianMinutesToClaim: 20, medianMinutesToAnswer: 50 });
  });

  it('refuses a municipality outside the adviser\'s scope (403 + denied row) and anyone who is not staff', async () => {
    expect(await getYearReport(deps, as(world.liperiAdviser), { year: 2025, municipality: 'kontiolahti' })).toEqual({ ok: false, reason: 'forbidden_municipality' });
    expect(await getYearReport(deps, as(world.municipalStaff), { year: 2025 })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await auditOf(as(world.liperiAdviser))).toEqual([{ action: 'report.read', outcome: 'denied', entityType: 'municipality', entityId: 'kontiolahti', clientId: null }]);
    expect(await auditOf(as(world.municipalStaff))).toEqual([{ action: 'report.read', outcome: 'denied', entityType: 'report', entityId: null, clientId: null }]);
  });

  it('shows a coordinator every municipality', async () => {
    const result = await getYearReport(deps, as(world.coordinator), { year: 2025 });
    expect(result.ok && result.report.municipalities.map((m) => m.code)).toEqual(['ilomantsi', 'joensuu', 'kontiolahti', 'liperi', 'outokumpu']);
  });
});

describe('the funder report', () => {
  it('suppresses counts of 1–4 and refuses a bad period', async () => {
    const result = await getFunderReport(deps, as(world.coordinator), { from: '2025-09', to: '2026-02' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.rows.every((r) => r.count === null || r.count === 0 || r.count >= 5)).toBe(true);
    expect(result.report.rows.find((r) => r.section === 'meetings' && r.item === 'no_shows' && r.municipalityCode === 'liperi')?.count).toBeNull();
    expect(result.report.rows.find((r) => r.section === 'contacts' && r.municipalityCode === null)?.count).toBe(world.contacts.length);
    expect(await getFunderReport(deps, as(world.coordinator), { from: '2026-02', to: '2025-09' })).toEqual({ ok: false, reason: 'bad_period' });
  });
});

describe('cost shares', () => {
  it('names the municipalities without a residents figure, then splits once all are there', async () => {
    await deps.reports.saveMunicipalFigures(2025, [{ municipalityCode: 'joensuu', contactTarget: null, foreignResidents: 3000 }], world.coordinator.id, NOW);
    const missing = await getCostShares(deps, as(world.coordinator), { year: 2025, totalCents: 10_000_000 });
    expect(missing.ok === false && missing.reason === 'missing_figures' && missing.municipalities.map((m) => m.name)).toEqual(['Ilomantsi', 'Kontiolahti', 'Liperi', 'Outokumpu']);
    await deps.reports.saveMunicipalFigures(2025, ['ilomantsi', 'kontiolahti', 'liperi', 'outokumpu'].map((code) => ({ municipalityCode: code, contactTarget: null, foreignResidents: 500 })), world.coordinator.id, NOW);
    const split = await getCostShares(deps, as(world.liperiAdviser), { year: 2025, totalCents: 10_000_000 });
    if (!split.ok) throw new Error(split.reason);
    expect(split.shares).toMatchObject({ year: 2025, total: 100_000, state: 70_000, municipalitiesTotal: 30_000 });
    expect(split.shares.shares.map((s) => [s.code, s.amount, s.percent])).toEqual([['ilomantsi', 3000, 10], ['joensuu', 18000, 60], ['kontiolahti', 3000, 10], ['liperi', 3000, 10], ['outokumpu', 3000, 10]]);
  });
});

describe('municipal figures', () => {
  it('lets a coordinator save them (audited figures.update) and refuses an adviser without writing', async () => {
    const figures = [{ municipalityCode: 'liperi', contactTarget: 150, foreignResidents: 380 }];
    expect(await saveMunicipalFigures(deps, as(world.liperiAdviser), 2026, figures)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deps.reports.municipalFigures(2026)).toEqual([]);
    expect(await auditOf(as(world.liperiAdviser))).toEqual([{ action: 'figures.update', outcome: 'denied', entityType: 'report', entityId: null, clientId: null }]);

    const saved = await saveMunicipalFigures(deps, as(world.coordinator), 2026, figures);
    expect(saved.ok && saved.figures.figures.find((f) => f.code === 'liperi')).toEqual({ code: 'liperi', name: 'Liperi', contactTarget: 150, foreignResidents: 380 });
    expect(await auditOf(as(world.coordinator))).toEqual([{ action: 'figures.update', outcome: 'ok', entityType: 'municipal_figures', entityId: '2026', clientId: null }]);
    const adviserView = await getMunicipalFigures(deps, as(world.liperiAdviser), 2026);
    expect(adviserView.ok && adviserView.figures.figures.map((f) => [f.code, f.contactTarget])).toEqual([['liperi', 150], ['outokumpu', null]]);
  });

  it('refuses invalid figures whole: a negative count, an unknown or repeated municipality, a year outside 2000–2100', async () => {
    const coordinator = as(world.coordinator);
    for (const [year, figures] of [
      [2026, [{ municipalityCode: 'liperi', contactTarget: -1, foreignResidents: 1 }]],
      [2026, [{ municipalityCode: 'liperi', contactTarget: 1.5, foreignResidents: 1 }]],
      [2026, [{ municipalityCode: 'joensuu', contactTarget: 1, foreignResidents: 1 }, { municipalityCode: 'atlantis', contactTarget: 1, foreignResidents: 1 }]],
      [2026, [{ municipalityCode: 'liperi', contactTarget: 1, foreignResidents: 1 }, { municipalityCode: 'liperi', contactTarget: 2, foreignResidents: 2 }]],
      [1999, [{ municipalityCode: 'liperi', contactTarget: 1, foreignResidents: 1 }]],
    ] as const) {
      expect(await saveMunicipalFigures(deps, coordinator, year, figures)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect([...(await deps.reports.municipalFigures(2026)), ...(await deps.reports.municipalFigures(1999))]).toEqual([]);
  });
});

describe('associations', () => {
  const input = { name: 'Joensuun Setlementti', municipalityCode: 'joensuu', languages: ['fi', 'ar'], activities: 'Kielikahvila', contactInfo: 'info@example.test', active: true };

  it('lets a coordinator create and update one, each with its audit row in the same transaction', async () => {
    const created = await createAssociation(deps, as(world.coordinator), input);
    expect(created).toEqual({ ok: true, association: { ...input, id: 'assoc-new-1' } });
    const updated = await updateAssociation(deps, as(world.coordinator), 'assoc-new-1', { ...input, active: false });
    expect(updated.ok).toBe(true);
    expect(await uow.associations.get('assoc-new-1')).toEqual({ ...input, id: 'assoc-new-1', active: false });
    expect((await auditOf(as(world.coordinator))).map((a) => [a.action, a.entityId])).toEqual([['association.update', 'assoc-new-1'], ['association.create', 'assoc-new-1']]);
  });

  it('refuses advisers and municipal staff, an unknown municipality, and an unknown id', async () => {
    expect(await createAssociation(deps, as(world.liperiAdviser), input)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createAssociation(deps, as(world.municipalStaff), input)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createAssociation(deps, as(world.coordinator), { ...input, municipalityCode: 'atlantis' })).toEqual({ ok: false, reason: 'unknown_municipality' });
    expect(await updateAssociation(deps, as(world.coordinator), 'nope', input)).toEqual({ ok: false, reason: 'not_found' });
    expect((await uow.associations.list()).map((a) => a.id)).toEqual([world.association.id]);
  });

  it("lists the directory with referral counts over the caller's municipalities", async () => {
    const listed = await listAssociations(deps, as(world.kontiolahtiAdviser));
    expect(listed.ok && listed.associations.map((a) => [a.id, a.referrals])).toEqual([[world.association.id, 0]]);
    const coordinator = await listAssociations(deps, as(world.coordinator));
    const expected = world.contacts.filter((c) => c.referrals.some((r) => r.kind === 'association')).length;
    expect(coordinator.ok && coordinator.associations.map((a) => [a.id, a.referrals])).toEqual([[world.association.id, expected]]);
    expect(await listAssociations(deps, as(world.municipalStaff))).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('the local demo figures', () => {
  it('fill this year and last year once, and never overwrite what a coordinator entered', async () => {
    await deps.reports.saveMunicipalFigures(2026, [{ municipalityCode: 'liperi', contactTarget: 7, foreignResidents: 7 }], world.coordinator.id, NOW);
    await seedDemoFigures(deps.reports, NOW);
    await seedDemoFigures(deps.reports, NOW);
    expect((await deps.reports.municipalFigures(2025)).map((f) => f.municipalityCode)).toEqual(['ilomantsi', 'joensuu', 'kontiolahti', 'liperi', 'outokumpu']);
    expect(await deps.reports.municipalFigures(2026)).toMatchObject([{ municipalityCode: 'liperi', contactTarget: 7, foreignResidents: 7 }]);
    const split = await getCostShares(deps, as(world.coordinator), { year: 2025, totalCents: 100_000_00 });
    expect(split.ok).toBe(true);
  });
});
