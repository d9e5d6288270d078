import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logContact } from '../../src/use-cases/register/log-contact.js';
import { startRegisterReceiver, type RegisterReceiver } from '../../tools/register-receiver/receiver.js';
import { contactDetails } from '../factories/contact-factory.js';
import { DatabaseProbe } from '../security/security-support.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { bookFirstTime, intakeData, newClient, seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * The retention purge end to end (issue 7, "Done when"): a client books through the local Teams
 * channel in 2019, the adviser logs the contact, and both of Kontiolahti's registers (the
 * reference REST receiver and a Microsoft List in the Graph simulator) hold a copy. Seven years
 * later the purge runs: no row about her is left in any table of our database (audit and outbox
 * rows name ids only), both registers received a delete and hold nothing, and a client of today
 * is untouched.
 */
const TOKEN = 'register-token-retention';
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
let receiver: RegisterReceiver;
let dataDir: string;
let now = new Date('2019-03-04T07:00:00.000Z');
const SINKS = ['kontiolahti-api', 'kontiolahti-list'];

beforeAll(async () => {
  receiver = await startRegisterReceiver({ token: TOKEN });
  dataDir = mkdtempSync(join(tmpdir(), 'neuvo-retention-'));
  const sinks = [
    { id: SINKS[0], kind: 'rest', municipalities: ['kontiolahti'], baseUrl: receiver.url, tokenSetting: 'REGISTER_TOKEN_KONTIOLAHTI' },
    { id: SINKS[1], kind: 'graph_list', municipalities: ['kontiolahti'], siteId: 'site-k', listId: 'list-k', fieldMap: { clientRef: 'Asiakas', startedAt: 'Aika', topics: 'Aiheet' } },
  ];
  env = await startNeuvoWithGraph({ REGISTER_SINKS: JSON.stringify(sinks), REGISTER_TOKEN_KONTIOLAHTI: TOKEN, NEUVO_DATA_DIR: dataDir }, () => now);
  ({ sut, graph } = env);
}, 60_000);
afterAll(async () => {
  await env?.close();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function drain(times = 4): Promise<void> {
  for (let i = 0; i < times; i += 1) await sut.neuvo.dispatcher.runOnce();
}

/** Books through the bot and logs the contact as the adviser; returns the client's ids. */
async function aClientWithAContact(key: string, name: string) {
  const client = newClient(sut, key, 'ar-SA');
  const booking = await bookFirstTime(sut, client, intakeData('ar', 'kontiolahti', { name, email: `${key}@example.org`, phone: '+358401234567', consentShare: 'true' }));
  await drain();
  const at = now;
  now = new Date(booking.end.getTime() + 5 * 60_000);
  const logged = await logContact(
    { uow: sut.neuvo.uow, clock: () => now, registers: { sinkIdsFor: (code) => (code === 'kontiolahti' ? SINKS : []) } },
    { tenantId: 'x', entraObjectId: `aad-adviser-${key}`, channel: 'tab' },
    { bookingId: booking.id },
    contactDetails({ startedAt: booking.start, notes: `${name} asked about Kela` }),
  );
  if (!logged.ok) throw new Error(`contact not logged: ${logged.reason}`);
  await drain();
  now = at;
  return { clientId: booking.clientId, bookingId: booking.id, contactId: logged.contact.id, user: client.user };
}

/** Every row of every table of the running app's database, as JSON text, by table. */
function everyRow(): Map<string, string[]> {
  const probe = new DatabaseProbe(dataDir);
  try {
    return probe.allTables();
  } finally {
    probe.close();
  }
}

it('deletes an expired client everywhere in our database and in both registers, and keeps a client of today', async () => {
  await seedAdviser(sut, 'old', ['fi', 'ar', 'en'], ['kontiolahti']);
  await sut.neuvo.uow.staff.upsert({ entraObjectId: 'aad-adviser-new', tenantId: 'x', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'kontiolahti', languages: ['ar'] });
  const old = await aClientWithAContact('old', 'Zahra Oldname');
  expect(receiver.contacts().map((c) => c.contactKey)).toEqual([old.contactId]);
  expect(
    graph
      .listItems()
      .filter((i) => i.list === 'list-k')
      .map((i) => (i.item.fields as Record<string, unknown> | undefined)?.ContactKey),
  ).toEqual([old.contactId]);
  const rowsThen = everyRow();
  expect(rowsThen.get('clients')!.join()).toContain('Zahra Oldname');
  expect(rowsThen.get('intakes')!.join()).toContain('old@example.org');

  // Seven years and a bit later (Kontiolahti keeps the register six years): a client of today books and is logged.
  now = new Date('2026-11-23T07:00:00.000Z');
  const today = await aClientWithAContact('new', 'Nadia Newname');
  const requestsBefore = { rest: receiver.requests().length, graph: graph.requests().length };

  const run = await sut.neuvo.purgeExpiredData();
  expect(run).toEqual({ contacts: 1, registerDeletes: 2, bookings: 1, intakes: 1, clients: 1 });
  await drain();

  // Both registers got one delete for the old contact, and keep today's contact only.
  const restDeletes = receiver
    .requests()
    .slice(requestsBefore.rest)
    .filter((r) => r.method === 'DELETE');
  expect(restDeletes.map((r) => [r.path.endsWith(encodeURIComponent(old.contactId)), r.status])).toEqual([[true, 204]]);
  expect(receiver.contacts().map((c) => c.contactKey)).toEqual([today.contactId]);
  const graphDeletes = graph
    .requests()
    .slice(requestsBefore.graph)
    .filter((r) => r.method === 'DELETE' && r.path.includes('/lists/list-k/items/'));
  expect(graphDeletes.map((r) => r.status)).toEqual([204]);
  expect(
    graph
      .listItems()
      .filter((i) => i.list === 'list-k')
      .map((i) => (i.item.fields as Record<string, unknown> | undefined)?.ContactKey),
  ).toEqual([today.contactId]);

  // Our database: nothing about her but ids in the audit log and the outbox (and they hold no personal data).
  const rows = everyRow();
  for (const [table, tableRows] of rows) {
    const text = tableRows.join('\n');
    expect(text, table).not.toContain('Zahra Oldname');
    expect(text, table).not.toContain('old@example.org');
    if (!['audit_log', 'outbox'].includes(table)) {
      // The audit log names her Entra id as the actor of her own actions: pseudonymous, kept for accountability.
      expect(text, table).not.toContain(old.user.aadObjectId);
      expect(text, table).not.toContain(old.clientId);
      expect(text, table).not.toContain(old.contactId);
    }
  }
  // Today's client is whole.
  expect(rows.get('clients')!.join()).toContain('Nadia Newname');
  expect(rows.get('contacts')!.join()).toContain(today.contactId);
  expect((await sut.neuvo.uow.bookings.listForClient(today.clientId)).map((b) => b.id)).toEqual([today.bookingId]);
  // The monthly figures of March 2019 stay (aggregates, no personal data): the funder's past report does not change.
  expect(rows.get('contact_month_counts')!.join()).toContain('2019-03');
  // Every deletion is audited, and the deliveries of the deletes too.
  const audit = await sut.neuvo.uow.audit.list({ clientId: old.clientId, limit: 100 });
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['contact.purge', 'booking.purge', 'intake.purge', 'client.purge', 'contact.register_delete']));
  expect(audit.filter((a) => a.action === 'contact.register_delete')).toHaveLength(2);

  // The next day's run has nothing to do and sends nothing.
  expect(await sut.neuvo.purgeExpiredData()).toEqual({ contacts: 0, registerDeletes: 0, bookings: 0, intakes: 0, clients: 0 });
}, 60_000);
