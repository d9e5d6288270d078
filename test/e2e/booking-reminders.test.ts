import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { formatForZone } from '../../src/domain/booking/helsinki-time.js';
import { t } from '../../src/i18n/index.js';
import { actions, bookFirstTime, execute, intakeData, newClient, seedAdviser } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Reminders go out from the outbox as proactive Teams messages in the client's language, and never
 * for a cancelled booking. Time is moved with an injected clock; Teams auth stays real.
 */
let sut: RunningNeuvo;
let now = new Date();

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams({}, {}, () => now);
  await seedAdviser(sut, 'rem', ['so', 'fi'], ['outokumpu']);
});
afterAll(async () => sut?.close());

it('reminds the client in Somali, in their own time zone, before the appointment, and never for the cancelled one', async () => {
  // Her Teams client reports Mogadishu time (UTC+3): the reminder shows the time there.
  const hodan = newClient(sut, 'so', 'so-SO', 'Africa/Mogadishu');
  const chat = hodan.chat;
  // bookFirstTime says hello first: the personal chat must exist for proactive messages.
  const cancelled = await bookFirstTime(sut, hodan, intakeData('so', 'outokumpu', { name: 'Hodan', topics: 'health' }));
  await execute(sut, chat, CANCEL_BOOKING, { bookingId: cancelled.id });
  const [second] = actions(await execute(sut, chat, SHOW_SLOTS, {}), BOOK_SLOT);
  await execute(sut, chat, BOOK_SLOT, { start: second!.start, adviserId: second!.adviserId });
  const booked = (await sut.neuvo.uow.bookings.listForClient(cancelled.clientId)).find((b) => b.status === 'booked')!;
  // The freed time is offered again, so both bookings have reminders queued for the same start.
  expect(booked.start).toEqual(cancelled.start);
  const expectedReminders = booked.start.getTime() - 24 * 3_600_000 > now.getTime() ? 2 : 1;

  sut.channel.connector.reset();
  now = new Date(booked.start.getTime() - 30 * 60_000);
  await sut.neuvo.dispatcher.runOnce();
  const sent = sut.channel.connector.activities.filter((a) => a.activity.type === 'message');
  const text = t('so', 'booking.reminder', { time: formatForZone(booked.start, 'Africa/Mogadishu', 'so') });
  expect(sent.map((a) => a.activity.text)).toEqual(Array(expectedReminders).fill(text));
  expect(sent.every((a) => a.conversationId === chat.scene.conversation.id)).toBe(true);

  // Delivered once: nothing is left to send.
  sut.channel.connector.reset();
  await sut.neuvo.dispatcher.runOnce();
  expect(sut.channel.connector.activities).toHaveLength(0);
});
