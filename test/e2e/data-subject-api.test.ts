import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { registerExpiry, DEFAULT_RETENTION } from '../../src/domain/privacy/retention.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aNewClient } from '../factories/client-factory.js';
import { aNewContact, contactDetails } from '../factories/contact-factory.js';
import { anIntake } from '../factories/intake-factory.js';
import { startSsoIssuer, type SsoIssuer } from '../harness/sso-issuer.js';
import { advisersTabCall } from './advisers-tab-http.js';
import { ADVISERS_TAB_TENANT, seedAdvisersTabWorld, type AdvisersTabWorld, type WorldStaff } from './advisers-tab-world.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';
import { TAB_APP_ID_URI } from './side-panel-world.js';

/**
 * A data subject's rights through the advisers' tab API (issue 7), signed in with SSO tokens from
 * a local issuer against the composed server: what a coordinator's erasure request erases and
 * keeps (and says so in the caller's language), the JSON export of everything about a client, and
 * the client's audit trail; and that everyone else — an adviser, no token, no confirmation, a
 * malformed or oversize body, a bad query — gets nothing and changes nothing.
 */
let sut: RunningNeuvo;
let issuer: SsoIssuer;
let world: AdvisersTabWorld;
const call = advisersTabCall(() => ({ sut, issuer }));

beforeAll(async () => {
  issuer = await startSsoIssuer();
  sut = await startNeuvoWithLocalTeams({ tenantId: ADVISERS_TAB_TENANT }, issuer.tabEnv(TAB_APP_ID_URI));
  world = await seedAdvisersTabWorld(sut.neuvo.uow, ADVISERS_TAB_TENANT, new Date());
});
afterAll(async () => {
  await sut?.close();
  await issuer?.close();
});

/** A client who gave an intake and whose only booking was cancelled: nothing in the register. */
async function aClientWithoutContacts(name: string, bookingStart: Date) {
  const uow = sut.neuvo.uow;
  const client = await uow.clients.create(aNewClient({ municipalityCode: 'liperi', displayName: name }), new Date());
  await uow.intakes.save(client.id, anIntake({ name, municipalityCode: 'liperi' }), new Date());
  const booked = await uow.bookings.create(aNewBooking({ clientId: client.id, adviserId: world.liperiAdviser.id, municipalityCode: 'liperi', start: bookingStart }), new Date());
  if (!booked.ok) throw new Error('slot taken');
  return { client, booking: booked.booking };
}

/** `who`: a coordinator unless given; `null` sends no token. */
const erase = (clientId: string, who?: WorldStaff | null, options: { body?: unknown; lang?: string } = { body: { confirm: 'erase' } }) =>
  call('POST', `/api/tab/clients/${encodeURIComponent(clientId)}/erasure`, who === null ? undefined : (who ?? world.coordinator), options);

/** What a request could change: the client's rows and the erasure records. */
async function stateOf(clientId: string) {
  const uow = sut.neuvo.uow;
  return {
    client: await uow.clients.get(clientId),
    intake: await uow.intakes.latestForClient(clientId),
    bookings: await uow.bookings.listForClient(clientId),
    contacts: await uow.contacts.listForClient(clientId, 100),
    erasures: await uow.retention.listErasures(clientId),
  };
}

describe('POST /api/tab/clients/:clientId/erasure', () => {
  it('keeps the statutory register of a client with contacts, erases the rest, and says until when (Finnish)', async () => {
    const { olena } = world.clients;
    const before = await stateOf(olena.id);
    expect(before.contacts.length).toBeGreaterThan(0);
    const reply = await erase(olena.id, world.coordinator, { body: { confirm: 'erase' }, lang: 'fi' });
    expect(reply.status, reply.text).toBe(200);
    const newest = before.contacts[0]!;
    const keptUntil = localDateOf(registerExpiry(DEFAULT_RETENTION, olena.municipalityCode, newest.startedAt));
    expect(reply.json).toMatchObject({
      erasure: { clientId: olena.id, outcome: 'partly_erased', kept: ['client', 'contacts'], keptReason: 'statutory_register', keptUntil },
      message: staffText('fi', 'privacy.erasure.partly', { date: keptUntil }),
    });
    const after = await stateOf(olena.id);
    expect(after.intake).toBeUndefined();
    expect(after.contacts).toEqual(before.contacts);
    expect(after.client).toEqual(before.client);
    expect(after.erasures).toHaveLength(1);
    expect(reply.text).not.toContain(olena.displayName);
  });

  it('erases a client without contacts completely', async () => {
    const { client } = await aClientWithoutContacts('Erasable Person', new Date(Date.now() - 10 * 86_400_000));
    await sut.neuvo.uow.bookings.cancel((await sut.neuvo.uow.bookings.listForClient(client.id))[0]!.id, new Date());
    const reply = await erase(client.id);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toMatchObject({ erasure: { outcome: 'erased', erased: ['intakes', 'bookings', 'client'], kept: [], keptReason: null }, message: staffText('en', 'privacy.erasure.erased') });
    const after = await stateOf(client.id);
    expect(after).toMatchObject({ client: undefined, intake: undefined, bookings: [], contacts: [] });
    // The record of the request outlives the client row it names.
    expect(after.erasures.map((e) => e.outcome)).toEqual(['erased']);
  });

  it('refuses while an appointment is ahead, in Swedish, and erases nothing', async () => {
    const { client } = await aClientWithoutContacts('Future Person', new Date(Date.now() + 3 * 86_400_000));
    const before = await stateOf(client.id);
    const reply = await erase(client.id, world.coordinator, { body: { confirm: 'erase' }, lang: 'sv' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ erasure: { outcome: 'refused', erased: [], keptReason: 'upcoming_booking' }, message: staffText('sv', 'privacy.erasure.refusedUpcoming') });
    const after = await stateOf(client.id);
    expect({ ...after, erasures: [] }).toEqual({ ...before, erasures: [] });
    expect(after.erasures.map((e) => e.outcome)).toEqual(['refused']);
  });

  it('an adviser gets the same 404 as for an unknown client; nothing is erased, the refusal is audited', async () => {
    const { ahmed } = world.clients;
    const before = await stateOf(ahmed.id);
    const reply = await erase(ahmed.id, world.liperiAdviser);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: { code: 'not_found', message: staffText('en', 'panel.error.notFound') } });
    expect(await stateOf(ahmed.id)).toEqual(before);
    const [audit] = await sut.neuvo.uow.audit.list({ clientId: ahmed.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'client.erase', outcome: 'denied', actorId: world.liperiAdviser.oid });
    const unknown = await erase('no-such-client');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(reply.json);
  });

  it('erases nothing without a token, without the confirmation, or with a bad body', async () => {
    const { svetlana } = world.clients;
    const before = await stateOf(svetlana.id);
    const auditBefore = (await sut.neuvo.uow.audit.list({ limit: 100_000 })).length;
    const cases: [string, () => Promise<{ status: number; json: Record<string, unknown> }>, number, string][] = [
      ['no token', () => erase(svetlana.id, null), 401, 'unauthorized'],
      ['no confirmation', () => erase(svetlana.id, world.coordinator, { body: {}, lang: 'fi' }), 400, 'confirm_needed'],
      ['wrong confirmation', () => erase(svetlana.id, world.coordinator, { body: { confirm: 'yes' } }), 400, 'confirm_needed'],
      ['extra fields', () => erase(svetlana.id, world.coordinator, { body: { confirm: 'erase', clientId: world.clients.olena.id } }), 400, 'confirm_needed'],
      ['an array', () => erase(svetlana.id, world.coordinator, { body: [{ confirm: 'erase' }] }), 400, 'confirm_needed'],
      ['oversize', () => erase(svetlana.id, world.coordinator, { body: { confirm: 'erase', pad: 'x'.repeat(4096) } }), 413, 'too_large'],
    ];
    for (const [name, send, status, code] of cases) {
      const reply = await send();
      expect([name, reply.status], JSON.stringify(reply.json)).toEqual([name, status]);
      expect((reply.json.error as { code?: string } | undefined)?.code, name).toBe(code);
    }
    const noConfirmation = await erase(svetlana.id, world.coordinator, { body: {}, lang: 'fi' });
    expect(noConfirmation.json).toEqual({ error: { code: 'confirm_needed', message: staffText('fi', 'privacy.erasure.confirmNeeded') } });
    const malformed = await fetch(`${sut.baseUrl}/api/tab/clients/${svetlana.id}/erasure`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"confirm":' });
    expect(malformed.status).toBe(401);
    expect(await stateOf(svetlana.id)).toEqual(before);
    expect((await sut.neuvo.uow.audit.list({ limit: 100_000 })).length).toBe(auditBefore);
  });
});

/** A Liperi client with an intake, a consent given and withdrawn, a booking, a contact logged and corrected, and a disclosure. */
let everything = 0;
async function aClientWithEverything() {
  const uow = sut.neuvo.uow;
  everything += 1;
  const at = new Date(Date.now() - (30 + everything) * 86_400_000);
  const { client, booking } = await aClientWithoutContacts('Exported Person', at);
  await uow.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: true, recordedAt: at, recordedBy: 'self' });
  await uow.consents.record({ clientId: client.id, purpose: 'share_with_referral_partners', given: false, recordedAt: new Date(at.getTime() + 1000), recordedBy: 'self' });
  const logged = await uow.contacts.create(
    aNewContact({ clientId: client.id, adviserId: world.liperiAdviser.id, municipalityCode: 'liperi', bookingId: booking.id }, { startedAt: booking.start }),
    world.liperiAdviser.id,
    at,
  );
  if (!logged.ok) throw new Error('not logged');
  await uow.contacts.correct(logged.contact.id, 1, contactDetails({ startedAt: booking.start, durationMinutes: 55 }), 1, world.liperiAdviser.id, 'duration', at);
  await uow.audit.append({
    at,
    actorId: 'system:register',
    actorTenantId: null,
    action: 'contact.disclose',
    clientId: client.id,
    entityType: 'contact',
    entityId: logged.contact.id,
    fields: ['topics'],
    channel: 'worker',
    outcome: 'ok',
  });
  return { client, booking, contactId: logged.contact.id };
}

describe('GET /api/tab/clients/:clientId/export', () => {
  it('gives a coordinator everything about the client as one JSON download, and audits it', async () => {
    const { client, booking, contactId } = await aClientWithEverything();
    const reply = await call('GET', `/api/tab/clients/${client.id}/export`, world.coordinator);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="neuvo-client-${client.id}.json"`);
    const data = reply.json as Record<string, unknown[]> & { client: { displayName: string } };
    expect(data.client).toMatchObject({ id: client.id, displayName: 'Exported Person', municipalityCode: 'liperi' });
    expect(data.intakes).toEqual([expect.objectContaining({ intake: expect.objectContaining({ name: 'Exported Person' }) })]);
    expect(data.consents).toEqual([expect.objectContaining({ given: true }), expect.objectContaining({ given: false })]);
    expect(data.bookings).toEqual([expect.objectContaining({ id: booking.id })]);
    expect(data.contacts).toEqual([
      expect.objectContaining({
        id: contactId,
        revision: 2,
        referrals: [{ kind: 'authority', code: 'migri' }],
        history: [expect.objectContaining({ revision: 1 }), expect.objectContaining({ revision: 2, reason: 'duration' })],
      }),
    ]);
    expect(data.disclosures).toEqual([expect.objectContaining({ action: 'contact.disclose', entityId: contactId, fields: ['topics'] })]);
    const [audit] = await sut.neuvo.uow.audit.list({ clientId: client.id, limit: 1 });
    expect(audit).toMatchObject({
      action: 'client.export',
      outcome: 'ok',
      actorId: world.coordinator.oid,
      fields: ['client', 'intakes', 'consents', 'bookings', 'meetingSessions', 'contacts', 'disclosures', 'erasureRequests', 'auditTrail'],
    });
  });

  it('refuses an adviser with the 404 of an unknown client, audited as denied; nothing else written', async () => {
    const { client } = await aClientWithEverything();
    const auditBefore = (await sut.neuvo.uow.audit.list({ limit: 100_000 })).length;
    const reply = await call('GET', `/api/tab/clients/${client.id}/export`, world.liperiAdviser);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('Exported Person');
    const after = await sut.neuvo.uow.audit.list({ limit: 100_000 });
    expect(after.length).toBe(auditBefore + 1);
    expect(after[0]).toMatchObject({ action: 'client.export', outcome: 'denied', clientId: client.id });
    expect((await call('GET', '/api/tab/clients/nobody/export', world.coordinator)).status).toBe(404);
  });
});

describe('GET /api/tab/clients/:clientId/audit', () => {
  it('shows a coordinator the trail newest first, staff by name and workers by kind, and audits the reading', async () => {
    const { client } = await aClientWithEverything();
    await sut.neuvo.uow.audit.append({
      at: new Date(),
      actorId: world.liperiAdviser.oid,
      actorTenantId: ADVISERS_TAB_TENANT,
      action: 'client.read',
      clientId: client.id,
      entityType: 'client',
      entityId: client.id,
      fields: ['displayName'],
      channel: 'tab',
      outcome: 'ok',
    });
    const reply = await call('GET', `/api/tab/clients/${client.id}/audit?limit=2`, world.coordinator);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.rows).toEqual([
      expect.objectContaining({ action: 'client.read', actor: { kind: 'staff', displayName: world.liperiAdviser.displayName }, fields: ['displayName'], outcome: 'ok' }),
      expect.objectContaining({ action: 'contact.disclose', actor: { kind: 'system', id: 'system:register' } }),
    ]);
    const [audit] = await sut.neuvo.uow.audit.list({ clientId: client.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'audit.read', actorId: world.coordinator.oid, outcome: 'ok' });
  });

  it('pages with the next cursor until it is null; the pages together are the whole trail', async () => {
    const { client } = await aClientWithEverything();
    const stored = (await sut.neuvo.uow.audit.list({ clientId: client.id, limit: 1000 })).map((a) => `${a.at.toISOString()} ${a.action}`);
    const seen: string[] = [];
    let next: string | null = null;
    for (let page = 0; page < 20; page++) {
      const reply = await call('GET', `/api/tab/clients/${client.id}/audit?limit=2${next ? `&before=${encodeURIComponent(next)}` : ''}`, world.coordinator);
      expect(reply.status, reply.text).toBe(200);
      const body = reply.json as { rows: { at: string; action: string }[]; next: string | null };
      seen.push(...body.rows.map((r) => `${r.at} ${r.action}`));
      next = body.next;
      if (next === null) break;
      expect(next).toMatch(/^\d+\.\d+$/);
    }
    // Each page read appends an audit.read row that is newer than the cursor, so it never shifts a page.
    expect(seen).toEqual(stored);
  });

  it('refuses an adviser (404, denied row) and bad limits (400, nothing written)', async () => {
    const { client } = await aClientWithEverything();
    expect((await call('GET', `/api/tab/clients/${client.id}/audit`, world.liperiAdviser)).status).toBe(404);
    const [denied] = await sut.neuvo.uow.audit.list({ clientId: client.id, limit: 1 });
    expect(denied).toMatchObject({ action: 'audit.read', outcome: 'denied' });
    const auditBefore = (await sut.neuvo.uow.audit.list({ limit: 100_000 })).length;
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'limit=1&limit=2', 'since=yesterday', 'before=yesterday', 'before=1.', 'before=-1.5', 'before=1.2&before=3.4']) {
      const reply = await call('GET', `/api/tab/clients/${client.id}/audit?${query}`, world.coordinator, { lang: 'sv' });
      expect([query, reply.status]).toEqual([query, 400]);
      expect(reply.json).toEqual({ error: { code: 'bad_request', message: staffText('sv', 'panel.error.badRequest') } });
    }
    expect((await sut.neuvo.uow.audit.list({ limit: 100_000 })).length).toBe(auditBefore);
  });
});
