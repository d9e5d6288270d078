import { afterAll, beforeAll, expect, it } from 'vitest';
import { CANCEL_BOOKING } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { actions, bookFirstTime, execute as executeCard, intakeData, newClient, seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * A booking's Teams meeting, end to end: the booking turn queues it, the outbox worker creates it
 * through the real Graph client against the local Graph simulator (app token from a local Entra
 * authority), a throttled try is retried after Retry-After without a second meeting, the client gets
 * the join link in Teams, and cancelling the booking deletes the meeting.
 */
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
let now = new Date();

beforeAll(async () => {
  env = await startNeuvoWithGraph({ GRAPH_MAIL_FROM: 'neuvo@joensuu.example' }, () => now);
  ({ sut, graph } = env);
  await seedAdviser(sut, 'meet', ['fi', 'ru'], ['ilomantsi']);
});
afterAll(async () => env?.close());

it('creates the meeting once through Graph, sends the link in Russian in Teams and by e-mail, and deletes it on cancel', async () => {
  const olga = newClient(sut, 'ru', 'ru-RU');
  const execute = (verb: string, data: Record<string, unknown>) => executeCard(sut, olga.chat, verb, data);
  const booking = await bookFirstTime(sut, olga, intakeData('ru', 'ilomantsi', { name: 'Olga', topics: 'work_jobseeking', email: 'olga@example.org' }));

  // Graph throttles the first try: the row waits for Retry-After, no meeting yet.
  graph.failNext(1, { status: 429, retryAfterSec: 2, match: 'createOrGet' });
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(0);
  expect((await sut.neuvo.uow.bookings.get(booking.id))?.meeting).toBeNull();

  // After Retry-After the meeting is made — once — and kept on the booking.
  now = new Date(now.getTime() + 3_000);
  sut.channel.connector.reset();
  await sut.neuvo.dispatcher.runOnce();
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(1);
  expect(graph.meetings()[0]!.meeting).toMatchObject({ externalId: booking.id });
  expect(JSON.stringify(graph.meetings()[0]!.meeting)).not.toContain('Olga');
  const stored = await sut.neuvo.uow.bookings.get(booking.id);
  expect(stored?.meeting?.joinUrl).toBe(graph.meetings()[0]!.meeting.joinWebUrl);

  // The client gets the confirmation card again in Russian, now with the Join button.
  const sent = sut.channel.connector.activities.filter((a) => a.activity.type === 'message');
  expect(sent).toHaveLength(1);
  const linkCard = (sent[0]!.activity.attachments as { content: Record<string, unknown> }[])[0]!.content;
  expect(JSON.stringify(linkCard)).toContain(JSON.stringify(t('ru', 'booking.linkReady.title')));
  expect(actions(linkCard, CANCEL_BOOKING)).toEqual([{ verb: CANCEL_BOOKING, bookingId: booking.id }]);
  expect(linkCard.actions).toContainEqual(expect.objectContaining({ type: 'Action.OpenUrl', title: t('ru', 'booking.join'), url: stored!.meeting!.joinUrl }));

  // She gave an e-mail address: the confirmation with the link went out through Graph, from our mailbox.
  expect(graph.sentMail()).toHaveLength(1);
  expect(graph.sentMail()[0]).toMatchObject({ from: 'neuvo@joensuu.example', message: { toRecipients: [{ emailAddress: { address: 'olga@example.org' } }] } });
  expect(JSON.stringify(graph.sentMail()[0]!.message.body)).toContain(stored!.meeting!.joinUrl);

  // Cancelling deletes the meeting through Graph.
  await execute(CANCEL_BOOKING, { bookingId: booking.id });
  await sut.neuvo.dispatcher.runOnce();
  expect(graph.meetings()).toHaveLength(0);
});
