import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import type { LanguageCode } from '../../src/domain/staff/staff.js';
import { t } from '../../src/i18n/index.js';
import { actions, cardText, execute as executeCard, intakeData, newClient, seedAdviser } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * The client's booking flow through the local Teams channel (signed activities, real botbuilder
 * auth, SQLite): intake → slots → book → cancel, in Finnish and in Arabic, and forged card data
 * refused with nothing written.
 */
let sut: RunningNeuvo;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams();
  await seedAdviser(sut, 'flow', ['fi', 'ar', 'en'], ['joensuu', 'liperi', 'kontiolahti']);
});
afterAll(async () => sut?.close());

const client = (n: string, locale: string) => newClient(sut, n, locale);
const execute = (chat: ReturnType<typeof client>['chat'], verb: string, data: Record<string, unknown>) => executeCard(sut, chat, verb, data);
const text = cardText;
const intake = (lang: LanguageCode, overrides: Record<string, unknown> = {}) => intakeData(lang, 'liperi', { topics: 'housing,kela_benefits', ...overrides });

describe.each(['fi', 'ar'] as const)('a client books and cancels a guidance appointment in %s', (lang) => {
  it('goes from intake to a booked time and back to a free time', async () => {
    const { user, chat } = client(lang, lang === 'fi' ? 'fi-FI' : 'ar-SA');
    const uow = sut.neuvo.uow;
    const tenantId = chat.scene.tenantId;

    // A forged municipality: the same card comes back with a localized error, nothing is written.
    const refused = await execute(chat, INTAKE_SUBMIT, intake(lang, { municipality: 'helsinki' }));
    expect(text(refused)).toContain(JSON.stringify(t(lang, 'intake.error.municipalityRequired')).slice(1, -1));
    expect(await uow.clients.findByEntraId(tenantId, user.aadObjectId)).toBeUndefined();

    // A valid intake: a summary without personal details replaces the card.
    const summary = await execute(chat, INTAKE_SUBMIT, intake(lang));
    expect(text(summary)).not.toContain('Amina');
    expect(actions(summary, SHOW_SLOTS)).toHaveLength(1);
    const stored = await uow.clients.findByEntraId(tenantId, user.aadObjectId);
    expect(stored).toMatchObject({ municipalityCode: 'liperi' });
    expect((await uow.intakes.latestForClient(stored!.id))?.intake.topics).toEqual(['housing', 'kela_benefits']);
    if (lang === 'ar') expect(summary.rtl).toBe(true);

    // Slots, then a forged time: no button on the card names it, so it carries no action token
    // (ADR 14) and is refused in the client's language before the booking rules run; no booking.
    const forged = await execute(chat, BOOK_SLOT, { start: '2031-01-01T03:07:00.000Z', adviserId: actions(await execute(chat, SHOW_SLOTS, {}), BOOK_SLOT)[0]!.adviserId });
    expect(text(forged)).toContain(JSON.stringify(t(lang, 'card.action.invalid')).slice(1, -1));
    expect(await uow.bookings.listForClient(stored!.id)).toEqual([]);
    const slotCard = await execute(chat, SHOW_SLOTS, {});
    const offered = actions(slotCard, BOOK_SLOT);
    expect(offered.length).toBeGreaterThan(0);

    // Book the first offered time: the confirmation carries a cancel button for this booking.
    const confirmation = await execute(chat, BOOK_SLOT, { start: offered[0]!.start, adviserId: offered[0]!.adviserId });
    expect(text(confirmation)).toContain(JSON.stringify(t(lang, 'booking.confirmed.title')).slice(1, -1));
    const [booking] = await uow.bookings.listForClient(stored!.id);
    expect(booking).toMatchObject({ status: 'booked', start: new Date(offered[0]!.start as string) });
    expect(actions(confirmation, CANCEL_BOOKING)).toEqual([expect.objectContaining({ bookingId: booking!.id })]);

    // Another client cannot cancel it with the id from this card: their chat never got this button,
    // so the press has no action token and is refused before the ownership check (ADR 14).
    const intruder = client(`${lang}-intruder`, 'en-US');
    await execute(intruder.chat, INTAKE_SUBMIT, intake('en'));
    const denied = await execute(intruder.chat, CANCEL_BOOKING, { bookingId: booking!.id });
    expect(text(denied)).toContain(t('en', 'card.action.invalid'));
    expect((await uow.bookings.get(booking!.id))?.status).toBe('booked');

    // The owner cancels: the slot is free again.
    const cancelled = await execute(chat, CANCEL_BOOKING, { bookingId: booking!.id });
    expect(text(cancelled)).toContain(JSON.stringify(t(lang, 'booking.cancelled.title')).slice(1, -1));
    expect((await uow.bookings.get(booking!.id))?.status).toBe('cancelled');
    const again = actions(await execute(chat, SHOW_SLOTS, {}), BOOK_SLOT);
    expect(again[0]).toMatchObject({ start: offered[0]!.start });
  });
});

it('never writes the intake name, description or contact details to the logs', () => {
  expect(sut.logs.raw).not.toMatch(/Amina|Testi Asiakas/);
});
