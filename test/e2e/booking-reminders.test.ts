import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { formatForZone } from '../../src/domain/booking/helsinki-time.js';
import { t } from '../../src/i18n/index.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Reminders go out from the outbox as proactive Teams messages in the client's language, and never
 * for a cancelled booking. Time is moved with an injected clock; Teams auth stays real.
 */
let sut: RunningNeuvo;
let now = new Date();

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams({}, {}, () => now);
  const adviser = await sut.neuvo.uow.staff.upsert({ entraObjectId: 'aad-adviser-rem', tenantId: 'x', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['so', 'fi'] });
  await sut.neuvo.uow.schedules.setServedMunicipalities(adviser.id, ['outokumpu']);
  await sut.neuvo.uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
});
afterAll(async () => sut?.close());

it('reminds the client in Somali before the appointment, and never for the cancelled one', async () => {
  const user = { id: '29:client-so', name: 'Hodan Test', aadObjectId: 'aad-client-so' };
  const chat = sut.channel.activities({ locale: 'so-SO', user });
  const execute = async (verb: string, data: Record<string, unknown>) => {
    const res = await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(verb, { verb, ...data }));
    return (res.body as { value: unknown }).value;
  };
  const firstSlot = async () => {
    const card = JSON.stringify(await execute(SHOW_SLOTS, {}));
    const match = /"start":"([^"]+)","adviserId":"([^"]+)"/.exec(card);
    if (!match) throw new Error('no slot offered');
    return { start: match[1]!, adviserId: match[2]! };
  };

  // The personal chat must exist for proactive messages: the person wrote to the bot first.
  await sut.channel.send(sut.messagesUrl, chat.message('hello'));
  await execute(INTAKE_SUBMIT, { name: 'Hodan', municipality: 'outokumpu', language: 'so', interpreterNeeded: 'false', topics: 'health', contactTeams: 'true', consentShare: 'false' });
  const first = await firstSlot();
  await execute(BOOK_SLOT, first);
  const client = await sut.neuvo.uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  const [cancelled] = await sut.neuvo.uow.bookings.listForClient(client!.id);
  await execute(CANCEL_BOOKING, { bookingId: cancelled!.id });
  const second = await firstSlot();
  await execute(BOOK_SLOT, second);
  const booked = (await sut.neuvo.uow.bookings.listForClient(client!.id)).find((b) => b.status === 'booked')!;
  // The freed time is offered again, so both bookings have reminders queued for the same start.
  expect(booked.start).toEqual(cancelled!.start);
  const expectedReminders = booked.start.getTime() - 24 * 3_600_000 > now.getTime() ? 2 : 1;

  sut.channel.connector.reset();
  now = new Date(booked.start.getTime() - 30 * 60_000);
  await sut.neuvo.dispatcher.runOnce();
  const sent = sut.channel.connector.activities.filter((a) => a.activity.type === 'message');
  const text = t('so', 'booking.reminder', { time: formatForZone(booked.start, 'Europe/Helsinki', 'so') });
  expect(sent.map((a) => a.activity.text)).toEqual(Array(expectedReminders).fill(text));
  expect(sent.every((a) => a.conversationId === chat.scene.conversation.id)).toBe(true);

  // Delivered once: nothing is left to send.
  sut.channel.connector.reset();
  await sut.neuvo.dispatcher.runOnce();
  expect(sut.channel.connector.activities).toHaveLength(0);
});
