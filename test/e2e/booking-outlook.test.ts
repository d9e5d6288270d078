import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOOK_SLOT, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { actions, execute as executeCard, intakeData, newClient, seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * Advisers' Outlook busy time, end to end: an adviser with a mailbox has a meeting in Outlook (the
 * local Graph simulator's calendar) at the first time Neuvo would offer; the slot card, read through
 * the real Graph client's getSchedule, no longer offers it, and booking it anyway is refused.
 *
 * Clock: Monday 2026-11-30 07:00 Helsinki (05:00Z), fixed.
 */
const MAILBOX = 'outi.adviser@outokumpu.example';
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
const now = new Date('2026-11-30T05:00:00Z');

beforeAll(async () => {
  env = await startNeuvoWithGraph({}, () => now);
  ({ sut, graph } = env);
  await seedAdviser(sut, 'outlook', ['fi', 'en'], ['outokumpu']);
  const adviser = await sut.neuvo.uow.staff.findByEntraId('x', 'aad-adviser-outlook');
  await sut.neuvo.uow.schedules.setMailbox(adviser!.id, MAILBOX);
});
afterAll(async () => env?.close());

it('does not offer a time the adviser is busy in Outlook, and refuses to book it', async () => {
  const client = newClient(sut, 'outlook', 'en-US');
  const execute = (verb: string, data: Record<string, unknown>) => executeCard(sut, client.chat, verb, data);
  await sut.channel.send(sut.messagesUrl, client.chat.message('hello'));
  await execute(INTAKE_SUBMIT, intakeData('en', 'outokumpu'));

  const before = actions(await execute(SHOW_SLOTS, {}), BOOK_SLOT);
  const first = before[0];
  expect(first).toBeDefined();
  const firstStart = new Date(String(first!.start));

  // A meeting in the adviser's Outlook over the first offered time.
  graph.seedBusy(MAILBOX, [{ start: firstStart, end: new Date(firstStart.getTime() + 30 * 60_000) }]);
  const after = actions(await execute(SHOW_SLOTS, {}), BOOK_SLOT);

  expect(after).not.toEqual([]);
  expect(after.map((slot) => new Date(String(slot.start)).getTime())).not.toContain(firstStart.getTime());
  expect(new Date(String(after[0]!.start)).getTime()).toBeGreaterThan(firstStart.getTime());
  // Read through getSchedule on the adviser's mailbox.
  expect(graph.requests().filter((r) => r.path.endsWith('/calendar/getSchedule') && r.status === 200).length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(graph.requests().map((r) => r.body))).toContain(MAILBOX);

  // A stale card's button for that time is re-checked against Outlook too: no booking is made.
  await execute(BOOK_SLOT, { start: first!.start, adviserId: first!.adviserId });
  const stored = await sut.neuvo.uow.clients.findByEntraId(client.chat.scene.tenantId, client.user.aadObjectId);
  expect(await sut.neuvo.uow.bookings.listForClient(stored!.id)).toEqual([]);
});
