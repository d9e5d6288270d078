import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import { startGraphSimulator, type GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { startTokenServer, type TokenServer } from '../harness/token-server.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * A booking's Teams meeting, end to end: the booking turn queues it, the outbox worker creates it
 * through the real Graph client against the local Graph simulator (app token from a local Entra
 * authority), a throttled try is retried after Retry-After without a second meeting, the client gets
 * the join link in Teams, and cancelling the booking deletes the meeting.
 */
const GRAPH_TENANT = '7a5f0000-0000-4000-8000-00000000aaaa';
const GRAPH_CLIENT = '7a5f0000-0000-4000-8000-00000000cccc';
let graphTokens: TokenServer;
let graph: GraphSimulator;
let sut: RunningNeuvo;
let now = new Date();

beforeAll(async () => {
  graphTokens = await startTokenServer({ tenantId: GRAPH_TENANT, clients: { [GRAPH_CLIENT]: 'graph-secret' } });
  graph = await startGraphSimulator({ tokens: graphTokens });
  sut = await startNeuvoWithLocalTeams(
    {},
    { GRAPH_CLIENT_ID: GRAPH_CLIENT, GRAPH_CLIENT_SECRET: 'graph-secret', GRAPH_TENANT_ID: GRAPH_TENANT, GRAPH_BASE_URL: graph.origin, GRAPH_AUTHORITY: graphTokens.authority, GRAPH_MAIL_FROM: 'neuvo@joensuu.example' },
    () => now,
  );
  const adviser = await sut.neuvo.uow.staff.upsert({ entraObjectId: 'aad-adviser-meet', tenantId: 'x', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'ru'] });
  await sut.neuvo.uow.schedules.setServedMunicipalities(adviser.id, ['ilomantsi']);
  await sut.neuvo.uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
});
afterAll(async () => {
  await sut?.close();
  await graph?.close();
  await graphTokens?.close();
});

it('creates the meeting once through Graph, sends the link in Russian in Teams and by e-mail, and deletes it on cancel', async () => {
  const user = { id: '29:client-ru', name: 'Olga Test', aadObjectId: 'aad-client-ru' };
  const chat = sut.channel.activities({ locale: 'ru-RU', user });
  const execute = async (verb: string, data: Record<string, unknown>) =>
    (await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(verb, { verb, ...data }))).body as { value: unknown };
  await sut.channel.send(sut.messagesUrl, chat.message('привет'));
  await execute(INTAKE_SUBMIT, { name: 'Olga', municipality: 'ilomantsi', language: 'ru', interpreterNeeded: 'false', topics: 'work_jobseeking', contactTeams: 'true', email: 'olga@example.org', consentShare: 'false' });
  const slot = /"start":"([^"]+)","adviserId":"([^"]+)"/.exec(JSON.stringify((await execute(SHOW_SLOTS, {})).value));
  await execute(BOOK_SLOT, { start: slot![1], adviserId: slot![2] });
  const client = await sut.neuvo.uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  const [booking] = await sut.neuvo.uow.bookings.listForClient(client!.id);

  // Graph throttles the first try: the row waits for Retry-After, no meeting yet.
  graph.failNext(1, { status: 429, retryAfterSec: 2, match: 'createOrGet' });
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(0);
  expect((await sut.neuvo.uow.bookings.get(booking!.id))?.meeting).toBeNull();

  // After Retry-After the meeting is made — once — and kept on the booking.
  now = new Date(now.getTime() + 3_000);
  sut.channel.connector.reset();
  await sut.neuvo.dispatcher.runOnce();
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(1);
  expect(graph.meetings()[0]!.meeting).toMatchObject({ externalId: booking!.id });
  expect(JSON.stringify(graph.meetings()[0]!.meeting)).not.toContain('Olga');
  const stored = await sut.neuvo.uow.bookings.get(booking!.id);
  expect(stored?.meeting?.joinUrl).toBe(graph.meetings()[0]!.meeting.joinWebUrl);

  // The client is told in Russian, with the link.
  const sent = sut.channel.connector.activities.filter((a) => a.activity.type === 'message');
  expect(sent.map((a) => a.activity.text)).toEqual([t('ru', 'booking.meetingReady', { url: stored!.meeting!.joinUrl })]);

  // She gave an e-mail address: the confirmation with the link went out through Graph, from our mailbox.
  expect(graph.sentMail()).toHaveLength(1);
  expect(graph.sentMail()[0]).toMatchObject({ from: 'neuvo@joensuu.example', message: { toRecipients: [{ emailAddress: { address: 'olga@example.org' } }] } });
  expect(JSON.stringify(graph.sentMail()[0]!.message.body)).toContain(stored!.meeting!.joinUrl);

  // Cancelling deletes the meeting through Graph.
  await execute(CANCEL_BOOKING, { bookingId: booking!.id });
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(0);
});
