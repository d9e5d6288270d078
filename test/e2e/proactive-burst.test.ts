import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROACTIVE_MESSAGE_TOPIC } from '../../src/adapters/teams/proactive-messages.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * A burst of 30 proactive messages to ONE conversation (issue 5's "30 tickets to one channel",
 * reminders in a batch): all arrive, none twice, and the bot keeps Teams' per-conversation
 * limits by itself — no 7 within any second, no 9 within any 2 s — instead of provoking 429s.
 */
let sut: RunningNeuvo;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams();
});
afterAll(async () => sut?.close());

it('delivers a burst of 30 to one conversation within the send limits, each exactly once', async () => {
  const user = { id: '29:burst', name: 'Burst Tester', aadObjectId: `aad-burst-${Math.random().toString(16).slice(2)}` };
  const chat = sut.channel.activities({ locale: 'en-US', user });
  await sut.channel.send(sut.messagesUrl, chat.message('hello'));
  await sut.channel.connector.waitForActivities(1);
  sut.channel.connector.reset();

  for (let i = 0; i < 30; i += 1) {
    await sut.neuvo.uow.outbox.enqueue(
      { topic: PROACTIVE_MESSAGE_TOPIC, payload: { tenantId: chat.scene.tenantId, userKey: user.aadObjectId, messageKey: 'booking.meetingReady', params: { url: `https://example.test/${i}` } } },
      new Date(),
    );
  }
  // The worker's loop, by hand: rows held back for the send window come due again after their delay.
  const deadline = Date.now() + 60_000;
  while ((await sut.neuvo.uow.outbox.countByStatus()).pending > 0 && Date.now() < deadline) {
    await sut.neuvo.dispatcher.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(await sut.neuvo.uow.outbox.countByStatus()).toMatchObject({ pending: 0, dead: 0 });

  const sent = sut.channel.connector.activities;
  const urls = sent.map((a) => /https:\/\/example\.test\/\d+/.exec(String(a.activity.text))?.[0]);
  expect(new Set(urls).size).toBe(30);
  expect(sent).toHaveLength(30);
  expect(sut.channel.connector.requests.filter((r) => r.status === 429)).toHaveLength(0);

  // Arrival times at the connector. The limiter spaces the sends; the time from send to arrival
  // varies under a loaded CI machine, so the window edges get 300 ms of slack. Without the limiter
  // the 30 arrive within well under a second, far below both bounds.
  const at = sut.channel.connector.requests.filter((r) => r.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(r.path) && r.status < 300).map((r) => r.at.getTime()).sort((a, b) => a - b);
  expect(at).toHaveLength(30);
  const jitter = 300;
  for (let i = 0; i + 7 < at.length; i += 1) expect(at[i + 7]! - at[i]!).toBeGreaterThanOrEqual(1_000 - jitter);
  for (let i = 0; i + 8 < at.length; i += 1) expect(at[i + 8]! - at[i]!).toBeGreaterThanOrEqual(2_000 - jitter);
}, 90_000);
