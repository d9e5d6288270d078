import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import { actions, execute as executeCard, intakeData, newClient, seedAdviser, shows } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * "Change the time" through the local Teams channel (signed activities, real botbuilder auth,
 * SQLite), in Finnish: book → change the time → the confirmation for the new time; the database
 * holds the moved booking and the old time is offered again; another client's booking id is
 * refused with nothing changed.
 */
let sut: RunningNeuvo;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams();
  await seedAdviser(sut, 'move', ['fi', 'en'], ['joensuu', 'liperi']);
});
afterAll(async () => sut?.close());

const client = (n: string, locale: string) => newClient(sut, n, locale);
const execute = (chat: ReturnType<typeof client>['chat'], verb: string, data: Record<string, unknown>) => executeCard(sut, chat, verb, data);
const intake = intakeData('fi', 'liperi');

it('moves a booked time to another one in Finnish, frees the old time, and refuses another client', async () => {
  const { user, chat } = client('fi-move', 'fi-FI');
  const uow = sut.neuvo.uow;
  await execute(chat, INTAKE_SUBMIT, intake);
  const stored = await uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  const offered = actions(await execute(chat, SHOW_SLOTS, {}), BOOK_SLOT);
  expect(offered.length).toBeGreaterThan(1);
  const confirmation = await execute(chat, BOOK_SLOT, { start: offered[0]!.start, adviserId: offered[0]!.adviserId });
  const [booking] = await uow.bookings.listForClient(stored!.id);

  // The confirmation has "Vaihda aika" for this booking, next to "Peru aika".
  shows(confirmation, t('fi', 'booking.reschedule'));
  expect(t('fi', 'booking.reschedule')).toBe('Vaihda aika');
  expect(actions(confirmation, RESCHEDULE_BOOKING)).toEqual([{ verb: RESCHEDULE_BOOKING, bookingId: booking!.id }]);
  expect(actions(confirmation, CANCEL_BOOKING)).toHaveLength(1);

  // "Vaihda aika": new times for this booking, without the booked one, and no plain booking buttons.
  const moveCard = await execute(chat, RESCHEDULE_BOOKING, { bookingId: booking!.id });
  shows(moveCard, t('fi', 'booking.reschedule.title'));
  expect(actions(moveCard, BOOK_SLOT)).toEqual([]);
  const moves = actions(moveCard, RESCHEDULE_TO);
  expect(moves.length).toBeGreaterThan(0);
  expect(moves.every((m) => m.bookingId === booking!.id && m.start !== offered[0]!.start)).toBe(true);

  // A forged time: no button names it, so the press has no action token (ADR 14) and is refused;
  // the booking stays where it was.
  const forged = await execute(chat, RESCHEDULE_TO, { bookingId: booking!.id, start: '2031-01-01T03:07:00.000Z', adviserId: moves[0]!.adviserId });
  shows(forged, t('fi', 'card.action.invalid'));
  expect((await uow.bookings.get(booking!.id))?.start).toEqual(new Date(offered[0]!.start as string));

  // Another client cannot open or use the reschedule with this booking id: their chat never got
  // these buttons (ADR 14; the ownership check behind it is covered in reschedule-booking.test.ts).
  const intruder = client('fi-intruder', 'fi-FI');
  await execute(intruder.chat, INTAKE_SUBMIT, intake);
  shows(await execute(intruder.chat, RESCHEDULE_BOOKING, { bookingId: booking!.id }), t('fi', 'card.action.invalid'));
  shows(await execute(intruder.chat, RESCHEDULE_TO, { bookingId: booking!.id, start: moves[0]!.start, adviserId: moves[0]!.adviserId }), t('fi', 'card.action.invalid'));
  expect((await uow.bookings.get(booking!.id))?.start).toEqual(new Date(offered[0]!.start as string));

  // The owner picks the latest new time on the card (far enough that the old time, buffer included,
  // is wholly free again): the confirmation for the new time replaces the card.
  const target = moves[moves.length - 1]!;
  const moved = await execute(chat, RESCHEDULE_TO, { bookingId: booking!.id, start: target.start, adviserId: target.adviserId });
  shows(moved, t('fi', 'booking.rescheduled.title'));
  expect(actions(moved, RESCHEDULE_BOOKING)).toEqual([{ verb: RESCHEDULE_BOOKING, bookingId: booking!.id }]);
  expect(await uow.bookings.get(booking!.id)).toMatchObject({ status: 'booked', start: new Date(target.start as string) });
  expect(await uow.bookings.listForClient(stored!.id)).toHaveLength(1);

  // The old time is free again: the next search offers it first.
  const again = actions(await execute(chat, SHOW_SLOTS, {}), BOOK_SLOT);
  expect(again[0]).toMatchObject({ start: offered[0]!.start });
  expect(again.some((s) => s.start === target.start)).toBe(false);
});

it('never writes the intake name to the logs', () => {
  expect(sut.logs.raw).not.toMatch(/Amina|Testi Asiakas/);
});
