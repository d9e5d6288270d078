import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import { createRegisterHandler } from '../../jobs/register-handlers.js';
import { aNewBooking } from '../../../test/factories/booking-factory.js';
import { aNewClient } from '../../../test/factories/client-factory.js';
import { contactDetails } from '../../../test/factories/contact-factory.js';
import { aNewStaffMember } from '../../../test/factories/staff-member-factory.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { RegisterContact, RegisterSink } from '../ports/register-sink.js';
import { ensureShippedForms } from './contact-form.js';
import { correctContact } from './correct-contact.js';
import { getClientPanel } from './get-client-panel.js';
import { logContact } from './log-contact.js';
import type { RegisterActor } from './register-access.js';
import { listRegisterFailures, replayRegisterFailures } from './register-failures.js';
import { REGISTER_CONTACT_TOPIC, type RegisterRouting } from './register-sync.js';

const NOW = new Date('2025-03-03T12:00:00Z');
const ROUTING: RegisterRouting = { sinkIdsFor: (m) => (m === 'liperi' ? ['liperi-api', 'liperi-list'] : []) };
const actorOf = (member: StaffMember): RegisterActor => ({ tenantId: member.tenantId, entraObjectId: member.entraObjectId, channel: 'side_panel' });

let uow: InMemoryUnitOfWork;
let liperiAdviser: StaffMember;
let kontiolahtiAdviser: StaffMember;
let coordinator: StaffMember;
const deps = () => ({ uow, clock: () => NOW, registers: ROUTING });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const code of ['joensuu', 'liperi', 'kontiolahti']) await uow.municipalities.upsert({ code, name: code });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  await ensureShippedForms(uow, NOW);
  liperiAdviser = await uow.staff.upsert(aNewStaffMember({ municipalityCode: 'liperi' }));
  kontiolahtiAdviser = await uow.staff.upsert(aNewStaffMember({ municipalityCode: 'kontiolahti' }));
  coordinator = await uow.staff.upsert(aNewStaffMember({ roles: ['coordinator'], municipalityCode: 'joensuu' }));
});

async function outboxRows(): Promise<OutboxMessage[]> {
  const claimed = await uow.outbox.claim({ now: NOW, limit: 100, leaseMs: 1 });
  // Rows of one transaction share their instant; by sink id for a stable order.
  const sinkOf = (m: OutboxMessage) => (m.payload as { sinkId: string }).sinkId;
  return claimed.filter((m) => m.topic === REGISTER_CONTACT_TOPIC).sort((a, b) => sinkOf(a).localeCompare(sinkOf(b)));
}

describe('logContact', () => {
  it('logs a walk-in for a client of the adviser\'s municipality: contact, history, audit and one delivery per register, together', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    const result = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails({ channel: 'walk_in', startedAt: new Date('2025-03-03T09:00:00Z') }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.contact).toMatchObject({ clientId: client.id, municipalityCode: 'liperi', adviserId: liperiAdviser.id, bookingId: null, revision: 1, formVersion: 1 });
    expect(await uow.contacts.history(result.contact.id)).toHaveLength(1);
    expect((await outboxRows()).map((m) => m.payload)).toEqual([
      { op: 'upsert', sinkId: 'liperi-api', contactId: result.contact.id, clientId: client.id, municipalityCode: 'liperi', revision: 1 },
      { op: 'upsert', sinkId: 'liperi-list', contactId: result.contact.id, clientId: client.id, municipalityCode: 'liperi', revision: 1 },
    ]);
    const audit = await uow.audit.list({ clientId: client.id });
    expect(audit).toEqual([expect.objectContaining({ action: 'contact.create', outcome: 'ok', actorId: liperiAdviser.entraObjectId, channel: 'side_panel', entityId: result.contact.id })]);
    expect(JSON.stringify(audit)).not.toContain('Olena');
  });

  it('refuses another municipality\'s client: nothing written but a denied audit row', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'kontiolahti' }), NOW);
    const result = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails());
    expect(result).toEqual({ ok: false, reason: 'denied' });
    expect(await uow.contacts.listForClient(client.id, 10)).toEqual([]);
    expect(await outboxRows()).toEqual([]);
    expect(await uow.audit.list({ clientId: client.id })).toEqual([expect.objectContaining({ action: 'contact.create', outcome: 'denied', fields: [] })]);
  });

  it('lets an adviser who serves the municipality, and a coordinator, log it', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'kontiolahti' }), NOW);
    await uow.schedules.setServedMunicipalities(liperiAdviser.id, ['kontiolahti']);
    expect((await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails())).ok).toBe(true);
    expect((await logContact(deps(), actorOf(coordinator), { clientId: client.id }, contactDetails({ channel: 'email' }))).ok).toBe(true);
  });

  it('takes client, municipality and adviser from the booking, never from the caller, and logs a booking once', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'kontiolahti' }), NOW);
    const booked = await uow.bookings.create(aNewBooking({ clientId: client.id, adviserId: kontiolahtiAdviser.id, municipalityCode: 'kontiolahti' }), NOW);
    if (!booked.ok) throw new Error('booking');
    // The booking's own adviser may, even though Liperi advisers may not see Kontiolahti clients.
    expect(await logContact(deps(), actorOf(liperiAdviser), { bookingId: booked.booking.id }, contactDetails())).toEqual({ ok: false, reason: 'denied' });
    const first = await logContact(deps(), actorOf(kontiolahtiAdviser), { bookingId: booked.booking.id }, contactDetails());
    expect(first).toMatchObject({ ok: true, contact: { clientId: client.id, municipalityCode: 'kontiolahti', adviserId: kontiolahtiAdviser.id, bookingId: booked.booking.id } });
    const second = await logContact(deps(), actorOf(coordinator), { bookingId: booked.booking.id }, contactDetails({ outcome: 'resolved' }));
    expect(second).toMatchObject({ ok: false, reason: 'already_logged', contact: { outcome: 'referred' } });
  });

  it('treats a cancelled booking as absent: no panel, no contact, and nothing read', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    const booked = await uow.bookings.create(aNewBooking({ clientId: client.id, adviserId: liperiAdviser.id, municipalityCode: 'liperi' }), NOW);
    if (!booked.ok) throw new Error('booking');
    expect(await getClientPanel(deps(), actorOf(liperiAdviser), booked.booking.id)).toMatchObject({ ok: true, panel: { client: { id: client.id } } });
    await uow.bookings.cancel(booked.booking.id, NOW);
    const readsBefore = (await uow.audit.list({ clientId: client.id })).filter((row) => row.outcome === 'ok').length;
    expect(await getClientPanel(deps(), actorOf(liperiAdviser), booked.booking.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await logContact(deps(), actorOf(liperiAdviser), { bookingId: booked.booking.id }, contactDetails())).toEqual({ ok: false, reason: 'not_found' });
    expect((await uow.audit.list({ clientId: client.id })).filter((row) => row.outcome === 'ok')).toHaveLength(readsBefore);
    expect(await uow.contacts.findByBooking(booked.booking.id)).toBeUndefined();
  });

  it('refuses a client, an unknown id, and invalid details, writing nothing', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi', entraObjectId: 'aad-client', tenantId: liperiAdviser.tenantId }), NOW);
    const asClient: RegisterActor = { tenantId: liperiAdviser.tenantId, entraObjectId: 'aad-client', channel: 'side_panel' };
    expect(await logContact(deps(), asClient, { clientId: client.id }, contactDetails())).toEqual({ ok: false, reason: 'denied' });
    expect(await logContact(deps(), actorOf(liperiAdviser), { clientId: 'nobody' }, contactDetails())).toEqual({ ok: false, reason: 'not_found' });
    expect(await logContact(deps(), actorOf(liperiAdviser), { bookingId: 'nobody' }, contactDetails())).toEqual({ ok: false, reason: 'not_found' });
    const invalid = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails({ topics: ['made_up'] }));
    expect(invalid).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'topics', code: 'unknown_option' }] });
    expect(await uow.contacts.listForClient(client.id, 10)).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });
});

describe('correctContact', () => {
  it('needs a reason, keeps the history, sends the new revision, and refuses a stale edit', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    const logged = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails());
    if (!logged.ok) throw new Error(logged.reason);
    await outboxRows();
    const input = { contactId: logged.contact.id, expectedRevision: 1, details: contactDetails({ durationMinutes: 50 }) };
    expect(await correctContact(deps(), actorOf(liperiAdviser), { ...input, reason: '   ' })).toEqual({ ok: false, reason: 'reason_required' });
    const corrected = await correctContact(deps(), actorOf(coordinator), { ...input, reason: 'Wrong length' });
    expect(corrected).toMatchObject({ ok: true, contact: { revision: 2, durationMinutes: 50 } });
    expect((await outboxRows()).map((m) => [m.payload, m.idempotencyKey])).toEqual([
      [expect.objectContaining({ sinkId: 'liperi-api', revision: 2 }), `register:liperi-api:${logged.contact.id}:upsert:2`],
      [expect.objectContaining({ sinkId: 'liperi-list', revision: 2 }), `register:liperi-list:${logged.contact.id}:upsert:2`],
    ]);
    expect(await correctContact(deps(), actorOf(liperiAdviser), { ...input, reason: 'Late' })).toMatchObject({ ok: false, reason: 'stale', current: { revision: 2 } });
    expect((await uow.contacts.history(logged.contact.id)).map((h) => h.reason)).toEqual([null, 'Wrong length']);
  });

  it('answers not_found for another municipality\'s contact and audits the denial', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    const logged = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails());
    if (!logged.ok) throw new Error(logged.reason);
    const result = await correctContact(deps(), actorOf(kontiolahtiAdviser), { contactId: logged.contact.id, expectedRevision: 1, details: contactDetails({ notes: '' }), reason: 'x' });
    expect(result).toEqual({ ok: false, reason: 'not_found' });
    expect((await uow.contacts.get(logged.contact.id))?.revision).toBe(1);
    expect((await uow.audit.list({ clientId: client.id })).filter((a) => a.outcome === 'denied')).toEqual([expect.objectContaining({ action: 'contact.update', actorId: kontiolahtiAdviser.entraObjectId })]);
  });
});

describe('the register delivery handler', () => {
  class RecordingSink implements RegisterSink {
    readonly upserts: [RegisterContact, string][] = [];
    readonly deletes: [string, string][] = [];
    async upsert(contact: RegisterContact, key: string) {
      this.upserts.push([contact, key]);
    }
    async delete(contactKey: string, key: string) {
      this.deletes.push([contactKey, key]);
    }
  }

  it('sends the mapped contact with the row\'s key, skips a superseded revision, audits the disclosure, and dead-letters an unknown register', async () => {
    const sink = new RecordingSink();
    const handler = createRegisterHandler({ repos: uow, registers: new Map([['liperi-api', { sink, mapping: { topics: 'Aiheet', notes: 'Muistio' } }]]), clock: () => NOW });
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    const logged = await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails({ topics: ['housing', 'health'], notes: 'n' }));
    if (!logged.ok) throw new Error(logged.reason);
    const [api, list] = await outboxRows();

    await handler(api!);
    expect(sink.upserts).toEqual([[{ contactKey: logged.contact.id, revision: 1, fields: { Aiheet: 'housing;health', Muistio: 'n' } }, api!.idempotencyKey]]);
    expect((await uow.audit.list({ clientId: client.id })).filter((a) => a.action === 'contact.disclose')).toEqual([
      expect.objectContaining({ actorId: 'system:register', channel: 'worker', fields: ['topics', 'notes'], entityId: logged.contact.id }),
    ]);

    await correctContact(deps(), actorOf(liperiAdviser), { contactId: logged.contact.id, expectedRevision: 1, details: contactDetails({ topics: ['housing'] }), reason: 'fix' });
    await handler(api!); // a late redelivery of revision 1
    expect(sink.upserts).toHaveLength(1);
    await expect(handler(list!)).rejects.toMatchObject({ permanent: true, reason: 'sink_not_configured' });
    await expect(handler({ ...api!, payload: { op: 'upsert' } })).rejects.toMatchObject({ permanent: true, reason: 'bad_payload' });
  });
});

describe('register failures for the coordinator', () => {
  it('lists dead register deliveries and requeues one or all, for coordinators only', async () => {
    const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi' }), NOW);
    await logContact(deps(), actorOf(liperiAdviser), { clientId: client.id }, contactDetails());
    const [a, b] = await outboxRows();
    await uow.outbox.markDead(a!.id, 'RegisterSinkError: upsert answered 400', NOW);
    await uow.outbox.markDead(b!.id, 'GraphError: 403', NOW);
    const coordinatorActor = { tenantId: coordinator.tenantId, entraObjectId: coordinator.entraObjectId };
    expect(await listRegisterFailures({ uow, clock: () => NOW }, { tenantId: liperiAdviser.tenantId, entraObjectId: liperiAdviser.entraObjectId })).toEqual({ ok: false, reason: 'not_coordinator' });
    const listed = await listRegisterFailures({ uow, clock: () => NOW }, coordinatorActor);
    expect(listed.ok && listed.failures.map((f) => [f.sinkId, f.municipalityCode, f.attempts])).toEqual(expect.arrayContaining([['liperi-api', 'liperi', 1], ['liperi-list', 'liperi', 1]]));
    expect(await replayRegisterFailures({ uow, clock: () => NOW }, coordinatorActor, 'not-a-register-row')).toEqual({ ok: true, requeued: 0 });
    expect(await replayRegisterFailures({ uow, clock: () => NOW }, coordinatorActor, a!.id)).toEqual({ ok: true, requeued: 1 });
    expect(await replayRegisterFailures({ uow, clock: () => NOW }, coordinatorActor)).toEqual({ ok: true, requeued: 1 });
    expect((await uow.outbox.countByStatus()).dead).toBe(0);
  });
});
