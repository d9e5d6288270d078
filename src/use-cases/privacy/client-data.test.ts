import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { PARTNER_MUNICIPALITIES } from '../../domain/municipality.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from '../../../test/e2e/advisers-tab-world.js';
import { anIntake } from '../../../test/factories/intake-factory.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { RegisterActor } from '../register/register-access.js';
import { EXPORT_SECTIONS, exportClientData, readClientAudit } from './client-data.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

let uow: InMemoryUnitOfWork;
let world: AdvisersTabWorld;
const actorOf = (member: WorldStaff): RegisterActor => ({ tenantId: world.tenantId, entraObjectId: member.oid, channel: 'tab' });
const deps = () => ({ uow, clock: () => NOW });
const allAudit = () => uow.audit.list({ limit: 100_000 });

/** An audit row about Olena, by a worker unless overridden. */
const olenaRow = (overrides: Partial<AuditEntry>): AuditEntry => ({
  at: at(60),
  actorId: 'system:register',
  actorTenantId: null,
  action: 'contact.disclose',
  clientId: world.clients.olena.id,
  entityType: 'contact',
  entityId: world.noShow.contactId,
  fields: ['topics', 'startedAt'],
  channel: 'worker',
  outcome: 'ok',
  ...overrides,
});

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const municipality of PARTNER_MUNICIPALITIES) await uow.municipalities.upsert(municipality);
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  world = await seedAdvisersTabWorld(uow, undefined, NOW);
});

describe('exportClientData', () => {
  it('gives a coordinator every section about the client, only what left Neuvo as disclosures, and writes one client.export row', async () => {
    const { olena, ahmed } = world.clients;
    await uow.intakes.save(olena.id, anIntake({ name: 'Olena Testinen', municipalityCode: 'liperi' }), at(500));
    await uow.intakes.save(olena.id, anIntake({ name: 'Olena Testinen', municipalityCode: 'liperi', topics: ['work_jobseeking'] }), at(400));
    await uow.consents.record({ clientId: olena.id, purpose: 'share_with_referral_partners', given: true, recordedAt: at(500), recordedBy: 'self' });
    await uow.consents.record({ clientId: olena.id, purpose: 'share_with_referral_partners', given: false, recordedAt: at(300), recordedBy: world.liperiAdviser.id });
    await uow.audit.appendMany([
      olenaRow({}),
      olenaRow({ action: 'mail.confirmation.send', entityType: 'booking', entityId: world.noShow.bookingId, fields: ['email'] }),
      olenaRow({ action: 'contact.register_delete', fields: [] }),
      olenaRow({ action: 'client.read', actorId: world.liperiAdviser.oid, actorTenantId: world.tenantId, channel: 'tab' }),
      olenaRow({ action: 'mail.confirmation.render', fields: [] }),
      olenaRow({ clientId: ahmed.id }),
    ]);
    const auditBefore = (await allAudit()).length;

    const result = await exportClientData(deps(), actorOf(world.coordinator), olena.id);

    if (!result.ok) throw new Error('refused');
    const { data } = result;
    // No page sessions (token hashes) and no conversation reference (Teams ids): nothing about the person.
    expect(Object.keys(data)).toEqual(['exportedAt', ...EXPORT_SECTIONS]);
    expect(data.client).toMatchObject({ id: olena.id, displayName: 'Olena Testinen', municipalityCode: 'liperi' });
    expect(data.intakes.map((i) => i.intake.topics)).toEqual([['housing'], ['work_jobseeking']]);
    expect(data.consents.map((c) => [c.given, c.recordedBy])).toEqual([
      [true, 'self'],
      [false, world.liperiAdviser.id],
    ]);
    expect(data.bookings.map((b) => b.id).sort()).toEqual([world.noShow.bookingId, world.held.bookingId].sort());
    expect(data.meetingSessions.map((s) => [s.bookingId, s.noShowAt !== null]).sort()).toEqual(
      [
        [world.noShow.bookingId, true],
        [world.held.bookingId, false],
      ].sort(),
    );
    const olenasContacts = world.contacts.filter((c) => c.clientId === olena.id);
    expect(data.contacts.map((c) => c.id).sort()).toEqual(olenasContacts.map((c) => c.id).sort());
    expect(data.contacts.every((c) => c.history.length === c.revision && c.history.at(-1)!.revision === c.revision)).toBe(true);
    // Referrals live in the contact's details, exported as they are.
    expect(data.contacts.find((c) => c.referrals.length > 0)?.referrals).toEqual(olenasContacts.find((c) => c.referrals.length > 0)?.referrals);
    expect(data.disclosures.map((d) => d.action).sort()).toEqual(['contact.disclose', 'contact.register_delete', 'mail.confirmation.send']);
    expect(data.auditTrail.map((a) => a.action)).toContain('client.read');
    expect(data.auditTrail.every((a) => a.clientId === olena.id)).toBe(true);

    const written = (await allAudit()).slice(0, (await allAudit()).length - auditBefore);
    expect(written).toEqual([
      {
        id: expect.any(Number),
        at: NOW,
        actorId: world.coordinator.oid,
        actorTenantId: world.tenantId,
        action: 'client.export',
        clientId: olena.id,
        entityType: 'client',
        entityId: olena.id,
        fields: [...EXPORT_SECTIONS],
        channel: 'tab',
        outcome: 'ok',
      },
    ]);
  });

  it('refuses an adviser (even of the client’s own municipality), municipal staff and an unknown id alike, each with one denied row and nothing else', async () => {
    const { olena } = world.clients;
    const cases: [WorldStaff, string, string | null][] = [
      [world.liperiAdviser, olena.id, olena.id],
      [world.municipalStaff, olena.id, olena.id],
      [world.coordinator, 'no-such-client', null],
    ];
    for (const [who, clientId, audited] of cases) {
      const before = await allAudit();
      expect(await exportClientData(deps(), actorOf(who), clientId)).toEqual({ ok: false, reason: 'not_found' });
      const after = await allAudit();
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toMatchObject({ action: 'client.export', outcome: 'denied', actorId: who.oid, clientId: audited, fields: [] });
    }
  });

  it('decides from the staff table at the time of the call: a coordinator made an adviser is refused', async () => {
    const member = await uow.staff.findByEntraId(world.tenantId, world.coordinator.oid);
    await uow.staff.upsert({ ...member!, roles: ['adviser'] });
    expect(await exportClientData(deps(), actorOf(world.coordinator), world.clients.olena.id)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('readClientAudit', () => {
  it('names staff, shows workers, page sessions and the client by kind, newest first, and audits the reading', async () => {
    const { olena } = world.clients;
    const clientOid = 'client-entra-oid';
    await uow.audit.appendMany([
      olenaRow({ at: at(40), action: 'intake.create', actorId: clientOid, actorTenantId: world.tenantId, channel: 'bot', fields: ['description'] }),
      olenaRow({ at: at(30), action: 'booking.cancel', actorId: 'public:ab12cd34', actorTenantId: null, channel: 'public', fields: [] }),
      olenaRow({ at: at(20) }),
      olenaRow({ at: at(10), action: 'contact.update', actorId: world.liperiAdviser.oid, actorTenantId: world.tenantId, channel: 'tab', outcome: 'ok' }),
    ]);

    const result = await readClientAudit(deps(), actorOf(world.coordinator), olena.id, { limit: 4 });

    if (!result.ok) throw new Error('refused');
    expect(result.rows.map((r) => [r.action, r.actor])).toEqual([
      ['contact.update', { kind: 'staff', displayName: 'Aino Ohjaaja' }],
      ['contact.disclose', { kind: 'system', id: 'system:register' }],
      ['booking.cancel', { kind: 'public', id: 'public:ab12cd34' }],
      ['intake.create', { kind: 'client', id: clientOid }],
    ]);
    expect(result.rows[0]).toMatchObject({ at: at(10), fields: ['topics', 'startedAt'], channel: 'tab', outcome: 'ok' });
    const [reading] = await allAudit();
    expect(reading).toMatchObject({ action: 'audit.read', actorId: world.coordinator.oid, clientId: olena.id, fields: [], outcome: 'ok', channel: 'tab' });
  });

  it('pages with the cursor of the last row until next is null, one audit.read per page', async () => {
    const { ahmed } = world.clients;
    const actions = Array.from({ length: 7 }, (_, i) => `contact.step${i}`);
    // Two rows share their instant: the cursor must page through the tie by insertion order.
    await uow.audit.appendMany(actions.map((action, i) => olenaRow({ clientId: ahmed.id, action, at: at(100 - (i === 4 ? 3 : i)) })));

    const seen: string[] = [];
    let before: { at: Date; id: number } | undefined;
    let pages = 0;
    for (; pages < 10; pages++) {
      const page = await readClientAudit(deps(), actorOf(world.coordinator), ahmed.id, { limit: 3, ...(before ? { before } : {}) });
      if (!page.ok) throw new Error('refused');
      seen.push(...page.rows.map((r) => r.action));
      if (page.next === null) break;
      before = page.next;
    }

    // Newest first; rows 3 and 4 share at(97), the later-appended one first.
    expect(seen).toEqual(['contact.step6', 'contact.step5', 'contact.step4', 'contact.step3', 'contact.step2', 'contact.step1', 'contact.step0']);
    expect(pages + 1).toBe(3);
    expect((await uow.audit.list({ clientId: ahmed.id, limit: 100 })).filter((r) => r.action === 'audit.read')).toHaveLength(3);
  });

  it('refuses an adviser with a denied audit.read row and shows nothing', async () => {
    const before = (await allAudit()).length;
    expect(await readClientAudit(deps(), actorOf(world.liperiAdviser), world.clients.olena.id, { limit: 10 })).toEqual({ ok: false, reason: 'not_found' });
    const after = await allAudit();
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ action: 'audit.read', outcome: 'denied', actorId: world.liperiAdviser.oid, clientId: world.clients.olena.id });
  });
});
