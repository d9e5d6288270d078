import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewStaffMember, TEST_TENANT_ID } from '../../../test/factories/staff-member-factory.js';
import { listAdviserMailboxes } from './list-adviser-mailboxes.js';
import { normalizeMailbox, setAdviserMailbox } from './set-adviser-mailbox.js';

const NOW = new Date('2026-03-27T07:00:00Z');
let uow: InMemoryUnitOfWork;
let adviserId: string;
let otherTenantAdviserId: string;
const coordinator = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-coordinator' };
const adviser = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-adviser' };
const deps = () => ({ uow, clock: () => NOW });
const mailboxOf = async (id: string) => (await uow.schedules.getProfiles()).find((p) => p.adviserId === id)?.mailbox;

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-coordinator', roles: ['coordinator'], displayName: 'Mikko' }));
  adviserId = (await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-adviser', displayName: 'Aino' }))).id;
  otherTenantAdviserId = (await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-far', tenantId: 'other-tenant', displayName: 'Far' }))).id;
});

describe('normalizeMailbox', () => {
  it.each([
    ['aino.ohjaaja@joensuu.fi', 'aino.ohjaaja@joensuu.fi'],
    ['  o\'brien+x@sub.joensuu.fi ', "o'brien+x@sub.joensuu.fi"],
    ['', null],
    ['   ', null],
  ])('accepts %j', (raw, expected) => expect(normalizeMailbox(raw)).toBe(expected));

  it.each(['aino', 'aino@joensuu', '@joensuu.fi', '.aino@joensuu.fi', 'aino.@joensuu.fi', 'ai..no@joensuu.fi', 'aino ohjaaja@joensuu.fi', 'aino@joensuu.fi; bob@x.fi', `${'a'.repeat(65)}@joensuu.fi`, `a@${'b'.repeat(110)}.fi`])(
    'refuses %j',
    (raw) => expect(normalizeMailbox(raw)).toBeUndefined(),
  );
});

describe('setAdviserMailbox', () => {
  it('lets a coordinator set and clear an adviser’s mailbox, audited without a client', async () => {
    expect(await setAdviserMailbox(deps(), { actor: coordinator, adviserId, mailbox: ' aino@joensuu.fi ' })).toEqual({ ok: true, adviserId, mailbox: 'aino@joensuu.fi' });
    expect(await mailboxOf(adviserId)).toBe('aino@joensuu.fi');
    expect(await listAdviserMailboxes(deps(), { actor: coordinator })).toEqual({ ok: true, advisers: [{ adviserId, displayName: 'Aino', mailbox: 'aino@joensuu.fi' }] });

    expect(await setAdviserMailbox(deps(), { actor: coordinator, adviserId, mailbox: '' })).toEqual({ ok: true, adviserId, mailbox: null });
    expect(await mailboxOf(adviserId)).toBeNull();
    const audit = await uow.audit.list({});
    expect(audit).toHaveLength(2);
    for (const row of audit) expect(row).toMatchObject({ action: 'staff.update', entityType: 'staff', entityId: adviserId, clientId: null, fields: ['mailbox'], actorId: 'aad-coordinator' });
    expect(JSON.stringify(audit)).not.toContain('aino@joensuu.fi');
  });

  it('refuses an adviser (even for their own mailbox) and anyone else who is not a coordinator', async () => {
    for (const actor of [adviser, { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-client' }, { tenantId: 'other-tenant', entraObjectId: 'aad-coordinator' }]) {
      expect(await setAdviserMailbox(deps(), { actor, adviserId, mailbox: 'x@joensuu.fi' })).toEqual({ ok: false, reason: 'not_coordinator' });
      expect(await listAdviserMailboxes(deps(), { actor })).toEqual({ ok: false, reason: 'not_coordinator' });
    }
    expect(await mailboxOf(adviserId)).toBeNull();
    expect(await uow.audit.list({})).toEqual([]);
  });

  it('refuses an invalid UPN, an unknown id, a non-adviser and an adviser of another tenant', async () => {
    const coordinatorId = (await uow.staff.findByEntraId(TEST_TENANT_ID, 'aad-coordinator'))!.id;
    expect(await setAdviserMailbox(deps(), { actor: coordinator, adviserId, mailbox: 'not-an-upn' })).toEqual({ ok: false, reason: 'invalid' });
    for (const id of ['no-such-staff', coordinatorId, otherTenantAdviserId]) {
      expect(await setAdviserMailbox(deps(), { actor: coordinator, adviserId: id, mailbox: 'x@joensuu.fi' })).toEqual({ ok: false, reason: 'not_found' });
    }
    expect(await mailboxOf(otherTenantAdviserId)).toBeNull();
    expect(await uow.audit.list({})).toEqual([]);
  });
});
