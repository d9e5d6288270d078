import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../domain/staff/staff.js';
import { aNewClient } from '../../../test/factories/client-factory.js';
import { aNewStaffMember } from '../../../test/factories/staff-member-factory.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { getClientContactForm } from './client-contact-form.js';
import { ensureShippedForms } from './contact-form.js';
import { CLIENT_SEARCH_LIMIT, findClients, mayLogClientContacts } from './find-clients.js';
import type { RegisterActor } from './register-access.js';

const NOW = new Date('2026-03-10T09:00:00Z');
const actorOf = (member: Pick<StaffMember, 'tenantId' | 'entraObjectId'>): RegisterActor => ({ tenantId: member.tenantId, entraObjectId: member.entraObjectId, channel: 'bot' });

let uow: InMemoryUnitOfWork;
let liperiAdviser: StaffMember;
let coordinator: StaffMember;
let expert: StaffMember;
const deps = () => ({ uow, clock: () => NOW });
const client = (displayName: string, municipalityCode: string) => uow.clients.create(aNewClient({ displayName, municipalityCode }), NOW);

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const [code, name] of [['joensuu', 'Joensuu'], ['liperi', 'Liperi'], ['kontiolahti', 'Kontiolahti']] as const) await uow.municipalities.upsert({ code, name });
  await ensureShippedForms(uow, NOW);
  liperiAdviser = await uow.staff.upsert(aNewStaffMember({ municipalityCode: 'liperi' }));
  coordinator = await uow.staff.upsert(aNewStaffMember({ roles: ['coordinator'], municipalityCode: 'joensuu' }));
  expert = await uow.staff.upsert(aNewStaffMember({ roles: ['expert'] }));
});

describe('findClients', () => {
  it('finds clients of the adviser\'s municipality by part of the name, any case, with one audit row each and no name in it', async () => {
    const aino = await client('Aino Virtanen', 'liperi');
    await client('Olena Virta', 'kontiolahti');
    await client('Matti Mallikas', 'liperi');

    const result = await findClients(deps(), actorOf(liperiAdviser), '  VIRTA ');

    expect(result).toEqual({ ok: true, clients: [{ id: aino.id, displayName: 'Aino Virtanen', municipalityCode: 'liperi', municipalityName: 'Liperi' }] });
    const audit = await uow.audit.list({ limit: 100 });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'client.read', clientId: aino.id, entityType: 'client', entityId: aino.id, fields: ['displayName', 'municipalityCode'], channel: 'bot', outcome: 'ok', actorId: liperiAdviser.entraObjectId }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Aino|virta/i);
  });

  it('includes the municipalities the adviser serves, and every municipality for a coordinator', async () => {
    const aino = await client('Aino Virtanen', 'liperi');
    const olena = await client('Olena Virta', 'kontiolahti');
    const joensuu = await client('Virta Joensuulainen', 'joensuu');
    await uow.schedules.setServedMunicipalities(liperiAdviser.id, ['kontiolahti']);

    const ids = async (member: StaffMember) => {
      const result = await findClients(deps(), actorOf(member), 'virta');
      return result.ok ? result.clients.map((c) => c.id) : result.reason;
    };
    expect(await ids(liperiAdviser)).toEqual([aino.id, olena.id]);
    expect(await ids(coordinator)).toEqual([aino.id, olena.id, joensuu.id]);
  });

  it(`shows at most ${CLIENT_SEARCH_LIMIT}, by name`, async () => {
    for (const n of [7, 3, 1, 6, 2, 5, 4]) await client(`Virtanen ${n}`, 'liperi');
    const result = await findClients(deps(), actorOf(liperiAdviser), 'virtanen');
    expect(result.ok && result.clients.map((c) => c.displayName)).toEqual(['Virtanen 1', 'Virtanen 2', 'Virtanen 3', 'Virtanen 4', 'Virtanen 5']);
    expect(await uow.audit.list({ limit: 100 })).toHaveLength(5);
  });

  it('answers an empty list when nothing matches, and audits nothing', async () => {
    await client('Aino Virtanen', 'liperi');
    expect(await findClients(deps(), actorOf(liperiAdviser), 'zz')).toEqual({ ok: true, clients: [] });
    expect(await uow.audit.list({ limit: 100 })).toEqual([]);
  });

  it('refuses a search shorter than 2 or longer than 60 characters, without reading anything', async () => {
    await client('Aino Virtanen', 'liperi');
    expect(await findClients(deps(), actorOf(liperiAdviser), ' a ')).toEqual({ ok: false, reason: 'too_short' });
    expect(await findClients(deps(), actorOf(liperiAdviser), 'a'.repeat(61))).toEqual({ ok: false, reason: 'too_long' });
    expect(await uow.audit.list({ limit: 100 })).toEqual([]);
  });

  it('refuses anyone who is not an active adviser or coordinator, with a denied audit row', async () => {
    await client('Aino Virtanen', 'liperi');
    for (const actor of [actorOf(expert), { tenantId: liperiAdviser.tenantId, entraObjectId: 'a-client', channel: 'bot' as const }]) {
      expect(await findClients(deps(), actor, 'virta')).toEqual({ ok: false, reason: 'denied' });
      expect(await mayLogClientContacts(deps(), actor)).toBe(false);
    }
    const audit = await uow.audit.list({ limit: 100 });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === 'client.search' && a.outcome === 'denied' && a.clientId === null)).toBe(true);
    expect(await mayLogClientContacts(deps(), actorOf(liperiAdviser))).toBe(true);
  });
});

describe('getClientContactForm', () => {
  it('gives the client\'s name, the form and the municipality\'s associations, and audits the read', async () => {
    const aino = await client('Aino Virtanen', 'liperi');
    await uow.associations.upsert({ id: 'spr-liperi', name: 'SPR Liperi', municipalityCode: 'liperi', languages: ['fi'], activities: 'Peer support', contactInfo: 'liperi@example.org', active: true });
    const result = await getClientContactForm(deps(), actorOf(liperiAdviser), aino.id);
    if (!result.ok) throw new Error(result.reason);
    expect(result.client).toEqual({ id: aino.id, displayName: 'Aino Virtanen', municipalityCode: 'liperi', preferredLanguage: 'uk' });
    expect(result.form.version).toBe(1);
    expect(result.associations.map((a) => a.id)).toEqual(['spr-liperi']);
    expect(await uow.audit.list({ clientId: aino.id })).toEqual([expect.objectContaining({ action: 'client.read', fields: ['displayName'], outcome: 'ok', channel: 'bot' })]);
  });

  it('refuses another municipality\'s client (a forged id) with a denied audit row, and an unknown id as not found', async () => {
    const olena = await client('Olena Virta', 'kontiolahti');
    expect(await getClientContactForm(deps(), actorOf(liperiAdviser), olena.id)).toEqual({ ok: false, reason: 'denied' });
    expect(await uow.audit.list({ clientId: olena.id })).toEqual([expect.objectContaining({ action: 'client.read', outcome: 'denied', fields: [] })]);
    expect(await getClientContactForm(deps(), actorOf(liperiAdviser), 'no-such-client')).toEqual({ ok: false, reason: 'not_found' });
    expect(await getClientContactForm(deps(), actorOf(expert), olena.id)).toEqual({ ok: false, reason: 'denied' });
    expect((await getClientContactForm(deps(), actorOf(coordinator), olena.id)).ok).toBe(true);
  });
});
