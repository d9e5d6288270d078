import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { CHOOSE_CONTACT_CLIENT, FIND_CONTACT_CLIENT, LOG_CONTACT } from '../../src/cards/verbs.js';
import type { Client } from '../../src/domain/staff/staff.js';
import { t } from '../../src/i18n/index.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { REGISTER_CONTACT_TOPIC } from '../../src/use-cases/register/register-sync.js';
import { actions, cardText, execute as executeCard, newClient, shows, type Card } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Issue 4, contacts of every channel: an adviser logs a phone call from the personal chat —
 * "kirjaa asiointi" → search by name → pick the client → the contact-log card → saved, copied to
 * the municipality's register through the outbox, every read and write audited. Through the local
 * Teams channel (signed activities, real botbuilder auth, SQLite). Card data is forged on purpose:
 * another municipality's client id is refused and writes nothing but a denied audit row.
 */
let sut: RunningNeuvo;
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
let adviserChat: Chat;
let adviserAad: string;
let adviserId: string;
let aino: Client;
let ville: Client;
let olena: Client;

const person = (key: string) => ({ id: `29:${key}`, name: `Testi ${key}`, aadObjectId: `aad-${key}-${Math.random().toString(16).slice(2)}` });
const execute = (chat: Chat, verb: string, data: Record<string, unknown> = {}) => executeCard(sut, chat, verb, data);

/** Sends a message and returns the card the bot answers with. */
async function say(chat: Chat, text: string): Promise<Card> {
  sut.channel.connector.reset();
  await sut.channel.send(sut.messagesUrl, chat.message(text));
  const [sent] = await sut.channel.connector.waitForActivities(1);
  const attachments = sent!.activity.attachments as { content: Card }[] | undefined;
  return attachments?.[0]?.content ?? { text: sent!.activity.text };
}

/** The input with this id on a card. */
function inputOf(card: Card, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

async function registerRows() {
  const claimed = await sut.neuvo.uow.outbox.claim({ now: new Date(Date.now() + 60_000), limit: 100, leaseMs: 1 });
  return claimed.filter((m) => m.topic === REGISTER_CONTACT_TOPIC);
}

beforeAll(async () => {
  const sinks = [{ id: 'liperi-api', kind: 'rest', municipalities: ['liperi'], baseUrl: 'http://127.0.0.1:9/register', tokenSetting: 'REGISTER_TOKEN_LIPERI' }];
  sut = await startNeuvoWithLocalTeams({}, { REGISTER_SINKS: JSON.stringify(sinks), REGISTER_TOKEN_LIPERI: 'liperi-register-token' });
  const uow = sut.neuvo.uow;
  const adviser = person('liperi-adviser');
  adviserAad = adviser.aadObjectId;
  adviserChat = sut.channel.activities({ locale: 'fi-FI', user: adviser });
  adviserId = (await uow.staff.upsert({ entraObjectId: adviser.aadObjectId, tenantId: adviserChat.scene.tenantId, displayName: 'Liisa Ohjaaja', roles: ['adviser'], municipalityCode: 'liperi', languages: ['fi'] })).id;
  const now = new Date();
  aino = await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Aino Virtanen', preferredLanguage: 'uk' }, now);
  ville = await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Ville Virta', preferredLanguage: 'ar' }, now);
  olena = await uow.clients.create({ municipalityCode: 'kontiolahti', displayName: 'Olena Virtala', preferredLanguage: 'uk' }, now);
}, 60_000);
afterAll(async () => sut?.close());
beforeEach(() => sut.channel.connector.reset());

it('logs a phone call: command → search → pick → save; the contact, its register delivery and the audit rows exist', async () => {
  const start = await say(adviserChat, 'Kirjaa asiointi');
  shows(start, staffText('fi', 'clientContact.title'));
  expect(actions(start, FIND_CONTACT_CLIENT)).toEqual([{ verb: FIND_CONTACT_CLIENT }]);
  expect(inputOf(start, 'clientSearch')).toBeDefined();

  const tooShort = await execute(adviserChat, FIND_CONTACT_CLIENT, { clientSearch: 'v' });
  shows(tooShort, staffText('fi', 'clientContact.error.tooShort'));
  const none = await execute(adviserChat, FIND_CONTACT_CLIENT, { clientSearch: 'zz' });
  shows(none, staffText('fi', 'clientContact.none'));

  // Liperi's clients only: Olena Virtala lives in Kontiolahti, which this adviser does not serve.
  const found = await execute(adviserChat, FIND_CONTACT_CLIENT, { clientSearch: 'VIRTA' });
  expect(actions(found, CHOOSE_CONTACT_CLIENT).map((a) => a.clientId)).toEqual([aino.id, ville.id]);
  expect(cardText(found)).toContain('Aino Virtanen');
  expect(cardText(found)).not.toContain('Olena');
  shows(found, staffText('fi', 'clientContact.municipality', { municipality: 'Liperi' }));
  const searchReads = (await sut.neuvo.uow.audit.list({ actorId: adviserAad, limit: 100 })).filter((a) => a.action === 'client.read');
  expect(searchReads.map((a) => a.clientId).sort()).toEqual([aino.id, ville.id].sort());
  expect(searchReads.every((a) => a.channel === 'bot' && a.outcome === 'ok' && a.fields.join() === 'displayName,municipalityCode')).toBe(true);

  // Pick Aino: the contact card names her, asks the channel (phone by default), saves with her id.
  const form = await execute(adviserChat, CHOOSE_CONTACT_CLIENT, { clientId: aino.id });
  shows(form, staffText('fi', 'contactCard.client.intro', { name: 'Aino Virtanen' }));
  expect(inputOf(form, 'channel')).toMatchObject({ value: 'phone' });
  const [save] = actions(form, LOG_CONTACT);
  expect(save).toEqual({ verb: LOG_CONTACT, clientId: aino.id, startedAt: expect.any(String), language: 'uk' });

  // Missing topics: the same card again with the error, nothing written.
  const invalid = await execute(adviserChat, LOG_CONTACT, { ...save, channel: 'phone', topics: '', outcome: 'resolved', durationMinutes: '15', interpreterUsed: 'false' });
  shows(invalid, staffText('fi', 'contactCard.error.topics'));
  expect(await sut.neuvo.uow.contacts.listForClient(aino.id, 10)).toEqual([]);

  const saved = await execute(adviserChat, LOG_CONTACT, {
    ...save,
    channel: 'phone',
    topics: 'housing,kela_benefits',
    services: 'guidance',
    referrals: 'authority:kela',
    outcome: 'referred',
    durationMinutes: '20',
    interpreterUsed: 'false',
    followUpOn: '',
    notes: 'Soitti asumistuesta',
  });
  shows(saved, staffText('fi', 'contactCard.client.saved', { name: 'Aino Virtanen', channel: 'Puhelin' }));
  expect(actions(saved, LOG_CONTACT)).toEqual([]);
  expect(inputOf(saved, 'topics')).toBeUndefined();
  // Nothing personal beyond her name: not what was handled, not the notes.
  expect(cardText(saved)).not.toMatch(/Asuminen|Kelan|asumistuesta/);

  const [contact] = await sut.neuvo.uow.contacts.listForClient(aino.id, 10);
  expect(contact).toMatchObject({ clientId: aino.id, municipalityCode: 'liperi', adviserId, bookingId: null, channel: 'phone', durationMinutes: 20, topics: ['housing', 'kela_benefits'], language: 'uk', revision: 1 });
  expect((await registerRows()).map((m) => m.payload)).toEqual([
    { op: 'upsert', sinkId: 'liperi-api', contactId: contact!.id, clientId: aino.id, municipalityCode: 'liperi', revision: 1 },
  ]);
  const audit = await sut.neuvo.uow.audit.list({ clientId: aino.id, limit: 100 });
  expect(audit.filter((a) => a.action === 'contact.create')).toEqual([expect.objectContaining({ outcome: 'ok', actorId: adviserAad, channel: 'bot', entityId: contact!.id })]);
  expect(JSON.stringify(audit)).not.toMatch(/Aino|Virtanen|asumistuesta/);

  // Neither the search text nor a name reaches the logs.
  const logged = JSON.stringify(sut.logs.lines);
  expect(logged).not.toMatch(/virta|Aino|Olena|asumistuesta/i);
  expect(sut.logs.lines.some((l) => l.event === 'client.search' && l.results === 2)).toBe(true);
});

it('refuses a forged pick and a forged save for another municipality\'s client: nothing written but denied audit rows', async () => {
  const refusedPick = await execute(adviserChat, CHOOSE_CONTACT_CLIENT, { clientId: olena.id });
  shows(refusedPick, staffText('fi', 'clientContact.denied'));
  expect(cardText(refusedPick)).not.toContain('Olena');

  const refusedSave = await execute(adviserChat, LOG_CONTACT, {
    clientId: olena.id,
    startedAt: new Date().toISOString(),
    language: 'uk',
    channel: 'phone',
    topics: 'housing',
    outcome: 'resolved',
    durationMinutes: '10',
    interpreterUsed: 'false',
  });
  // No card ever offered Olena to this adviser: the save has no action token (ADR 14) and is
  // refused before the access check, audited as a denied contact.create without a client.
  shows(refusedSave, staffText('fi', 'staff.cardAction.invalid'));
  expect(await sut.neuvo.uow.contacts.listForClient(olena.id, 10)).toEqual([]);
  expect((await registerRows()).filter((m) => (m.payload as { clientId: string }).clientId === olena.id)).toEqual([]);
  const audit = await sut.neuvo.uow.audit.list({ clientId: olena.id, limit: 100 });
  expect(audit.map((a) => [a.action, a.outcome, a.fields.length]).sort()).toEqual([['client.read', 'denied', 0]]);
  const byAdviser = await sut.neuvo.uow.audit.list({ actorId: adviserChat.scene.user.aadObjectId, limit: 100 });
  expect(byAdviser.filter((a) => a.action === 'contact.create' && a.outcome === 'denied')).toEqual([expect.objectContaining({ clientId: null, entityId: null })]);

  // Both ids at once is not a button any card has: no token either.
  const both = await execute(adviserChat, LOG_CONTACT, { clientId: aino.id, bookingId: 'b-1', startedAt: new Date().toISOString(), language: 'uk', channel: 'phone', topics: 'housing', outcome: 'resolved', durationMinutes: '10', interpreterUsed: 'false' });
  shows(both, staffText('fi', 'staff.cardAction.invalid'));
});

it('answers a client who types the command, or presses the buttons, as every staff command does', async () => {
  const client = newClient(sut, 'curious', 'en-GB');
  for (const command of ['log contact', 'Registrera kontakt!']) shows(await say(client.chat, command), t('en', 'error.notAllowed'));
  shows(await say(client.chat, 'my day'), t('en', 'error.notAllowed'));
  shows(await execute(client.chat, FIND_CONTACT_CLIENT, { clientSearch: 'virta' }), t('en', 'error.notAllowed'));
  shows(await execute(client.chat, CHOOSE_CONTACT_CLIENT, { clientId: aino.id }), t('en', 'error.notAllowed'));
  expect(cardText(await execute(client.chat, FIND_CONTACT_CLIENT, { clientSearch: 'virta' }))).not.toContain('Aino');
  const reads = (await sut.neuvo.uow.audit.list({ actorId: client.user.aadObjectId, limit: 100 })).filter((a) => a.outcome === 'ok');
  expect(reads).toEqual([]);
});
