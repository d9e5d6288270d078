import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { PARTNER_MUNICIPALITIES } from '../../domain/municipality.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from '../../../test/e2e/advisers-tab-world.js';
import { InMemorySessionLog } from '../../../test/fakes/in-memory-session-log.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { ensureShippedForms } from '../register/contact-form.js';
import type { RegisterActor } from '../register/register-access.js';
import type { RegisterRouting } from '../register/register-sync.js';
import { correctFromSessionLog, getSessionLogContact } from './contact-detail.js';
import { getTabMe } from './get-me.js';
import { decodeCursor, encodeCursor, exportSessionLog, listSessionLog, MAX_EXPORT_ROWS, SESSION_LOG_AUDIT_FIELDS } from './list-session-log.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const ROUTING: RegisterRouting = { sinkIdsFor: () => ['register'] };

let uow: InMemoryUnitOfWork;
let world: AdvisersTabWorld;
const actorOf = (member: WorldStaff): RegisterActor => ({ tenantId: world.tenantId, entraObjectId: member.oid, channel: 'tab' });
const deps = () => ({ uow, sessionLog: new InMemorySessionLog(uow.store), clock: () => NOW, registers: ROUTING });
const auditRows = () => uow.audit.list({ limit: 100_000 });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const municipality of PARTNER_MUNICIPALITIES) await uow.municipalities.upsert(municipality);
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  await ensureShippedForms(uow, NOW);
  world = await seedAdvisersTabWorld(uow, undefined, NOW);
});

describe('who may use the session log', () => {
  it('gives an adviser their own and served municipalities, a coordinator all, and refuses municipal staff with a denied row', async () => {
    const adviser = await getTabMe(deps(), actorOf(world.liperiAdviser));
    expect(adviser).toMatchObject({ ok: true, me: { displayName: 'Aino Ohjaaja', isCoordinator: false, roles: ['adviser'] } });
    if (!adviser.ok) throw new Error('refused');
    expect(adviser.me.municipalities.map((m) => m.code)).toEqual(['liperi', 'outokumpu']);
    expect(adviser.me.advisers.map((a) => a.displayName)).toEqual(['Aino Ohjaaja']);
    expect(adviser.me.form.formId).toBe('contact_log');

    const coordinator = await getTabMe(deps(), actorOf(world.coordinator));
    if (!coordinator.ok) throw new Error('refused');
    expect(coordinator.me.isCoordinator).toBe(true);
    expect(coordinator.me.municipalities).toHaveLength(5);
    expect(coordinator.me.advisers.map((a) => a.displayName)).toEqual(['Aino Ohjaaja', 'Kalle Neuvoja']);

    const before = (await auditRows()).length;
    expect(await getTabMe(deps(), actorOf(world.municipalStaff))).toEqual({ ok: false, reason: 'forbidden' });
    const rows = await auditRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ actorId: world.municipalStaff.oid, outcome: 'denied', channel: 'tab' });
  });
});

describe('listing and exporting', () => {
  it("shows an adviser only their municipalities' contacts and audits one row per client shown", async () => {
    const result = await listSessionLog(deps(), actorOf(world.liperiAdviser), {}, { limit: 100 });
    if (!result.ok) throw new Error('refused');
    expect(result.rows.map((r) => r.contactId)).toEqual(world.contacts.filter((c) => c.municipalityCode !== 'kontiolahti').map((c) => c.id));
    expect(result.next).toBeNull();
    const audit = (await auditRows()).filter((r) => r.action === 'client.read');
    expect(audit.map((r) => r.clientId).sort()).toEqual([world.clients.olena.id, world.clients.ahmed.id, world.clients.fatima.id].sort());
    expect(audit.every((r) => r.outcome === 'ok' && r.channel === 'tab' && r.actorId === world.liperiAdviser.oid && r.fields.join() === SESSION_LOG_AUDIT_FIELDS.join())).toBe(true);
  });

  it('pages with an opaque cursor until next is null', async () => {
    const seen: string[] = [];
    let after: ReturnType<typeof decodeCursor>;
    for (let i = 0; i < 20; i++) {
      const page = await listSessionLog(deps(), actorOf(world.coordinator), {}, { limit: 7, ...(after ? { after } : {}) });
      if (!page.ok) throw new Error('refused');
      seen.push(...page.rows.map((r) => r.contactId));
      if (page.next === null) break;
      after = decodeCursor(page.next);
    }
    expect(seen).toEqual(world.contacts.map((c) => c.id));
  });

  it('turns Helsinki dates into instants: 00:30 on New Year’s Day belongs to 1 January', async () => {
    const result = await listSessionLog(deps(), actorOf(world.coordinator), { from: '2026-01-01', to: '2026-01-01' }, { limit: 100 });
    if (!result.ok) throw new Error('refused');
    expect(result.rows.map((r) => r.startedAt.toISOString())).toEqual(['2025-12-31T22:30:00.000Z']);
    const december = await listSessionLog(deps(), actorOf(world.coordinator), { from: '2025-12-31', to: '2025-12-31' }, { limit: 100 });
    expect(december.ok && december.rows).toEqual([]);
  });

  it('refuses a municipality outside the scope with a denied row and writes nothing else', async () => {
    const before = await auditRows();
    expect(await listSessionLog(deps(), actorOf(world.liperiAdviser), { municipality: 'kontiolahti' }, { limit: 10 })).toEqual({ ok: false, reason: 'forbidden_municipality' });
    const after = await auditRows();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ outcome: 'denied', entityType: 'municipality', entityId: 'kontiolahti', clientId: null });
  });

  it('exports every row of the filter with one client.export row per client', async () => {
    const result = await exportSessionLog(deps(), actorOf(world.kontiolahtiAdviser), {});
    if (!result.ok) throw new Error('refused');
    expect(result.rows.every((r) => r.municipalityCode === 'kontiolahti')).toBe(true);
    expect((await auditRows()).filter((r) => r.action === 'client.export').map((r) => r.clientId)).toEqual([world.clients.svetlana.id]);
    expect(MAX_EXPORT_ROWS).toBe(50_000);
  });

  it('refuses an export over the cap as too_many_rows and audits nothing', async () => {
    const before = (await auditRows()).length;
    const liperiRows = world.contacts.filter((c) => c.municipalityCode === 'liperi').length;
    expect(await exportSessionLog({ ...deps(), maxExportRows: liperiRows - 1 }, actorOf(world.liperiAdviser), { municipality: 'liperi' })).toEqual({ ok: false, reason: 'too_many_rows' });
    expect(await auditRows()).toHaveLength(before);
    const exact = await exportSessionLog({ ...deps(), maxExportRows: liperiRows }, actorOf(world.liperiAdviser), { municipality: 'liperi' });
    expect(exact.ok && exact.rows).toHaveLength(liperiRows);
  });
});

describe('the cursor', () => {
  it('round-trips and refuses anything it did not make', () => {
    const cursor = { startedAt: new Date('2026-01-05T06:00:00Z'), id: '0b8f7c1e-1111-4222-8333-444455556666' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'not a cursor', Buffer.from('x.y').toString('base64url'), Buffer.from("1.a'; drop").toString('base64url')]) expect(decodeCursor(bad)).toBeUndefined();
  });
});

describe('one contact', () => {
  it('shows the detail with history names, and audits the client and contact read', async () => {
    const result = await getSessionLogContact(deps(), actorOf(world.liperiAdviser), world.corrected.contactId);
    if (!result.ok) throw new Error('refused');
    expect(result.detail.history.map((h) => [h.revision, h.changedByName, h.reason])).toEqual([
      [1, 'Aino Ohjaaja', null],
      [2, 'Aino Ohjaaja', world.corrected.reason],
    ]);
    expect(result.detail.history[0]?.details.notes).toBe(world.corrected.originalNotes);
    expect(result.detail.associations.map((a) => a.id)).toEqual([world.association.id]);
    expect((await auditRows()).slice(0, 2).map((r) => r.action).sort()).toEqual(['client.read', 'contact.read']);
  });

  it("is not_found with a denied row for another municipality's contact, and forbidden for municipal staff", async () => {
    const other = world.contacts.find((c) => c.municipalityCode === 'kontiolahti')!;
    expect(await getSessionLogContact(deps(), actorOf(world.liperiAdviser), other.id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await auditRows())[0]).toMatchObject({ outcome: 'denied', clientId: other.clientId, entityId: other.id, action: 'client.read' });
    expect(await getSessionLogContact(deps(), actorOf(world.municipalStaff), other.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await correctFromSessionLog(deps(), actorOf(world.municipalStaff), { contactId: other.id, expectedRevision: 1, reason: 'x', details: other })).toEqual({ ok: false, reason: 'forbidden' });
    expect((await uow.contacts.get(other.id))?.revision).toBe(1);
  });
});
