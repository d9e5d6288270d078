import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { bookSession, MEETING_CREATE_TOPIC, REMINDER_TOPIC, type BookSessionInput } from './book-session.js';
import { cancelBooking } from './cancel-booking.js';
import { findSlots } from './find-slots.js';

/**
 * Scenario: Monday 2026-11-30, 07:00 Helsinki (05:00Z). One adviser serving Liperi in fi/en/ar,
 * Mon–Fri 08:00–16:00 Helsinki; the guidance service type (45 min + 15 min buffer, 2 h notice).
 */
const NOW = new Date('2026-11-30T05:00:00Z');

let uow: InMemoryUnitOfWork;
let adviserId: string;
let clientId: string;
let otherClientId: string;
const deps = () => ({ uow, clock: () => NOW });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  for (const code of ['joensuu', 'liperi']) await uow.municipalities.upsert({ code, name: code });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  const adviser = await uow.staff.upsert({ entraObjectId: 'aad-adviser', tenantId: 't1', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en', 'ar'] });
  adviserId = adviser.id;
  await uow.schedules.setServedMunicipalities(adviserId, ['liperi', 'joensuu']);
  await uow.schedules.setWeeklyHours(adviserId, [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, start: '08:00', end: '16:00' })));
  clientId = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Client', preferredLanguage: 'ar' }, NOW)).id;
  otherClientId = (await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Other', preferredLanguage: 'fi' }, NOW)).id;
});

const criteria = { municipalityCode: 'liperi', language: 'ar' as const, interpreterLanguage: null, topics: ['housing' as const], serviceTypeCode: 'guidance' };

function input(overrides: Partial<BookSessionInput>): BookSessionInput {
  return { clientId, actorId: 'aad-client', actorTenantId: 't1', ...criteria, start: new Date(0), adviserId, ...overrides };
}

async function firstSlot() {
  const found = await findSlots(deps(), { ...criteria, limit: 3 });
  if (!found.ok || !found.slots[0]) throw new Error('no slots in the scenario');
  return found.slots[0];
}

describe('bookSession', () => {
  it('offers the first time after the minimum notice, in Helsinki working hours', async () => {
    // 07:00 Helsinki + 2 h notice → 09:00 Helsinki = 07:00Z.
    expect((await firstSlot()).start).toEqual(new Date('2026-11-30T07:00:00Z'));
  });

  it('books an offered slot with its meeting and reminder outbox rows and an audit row, in one go', async () => {
    const slot = await firstSlot();
    const result = await bookSession(deps(), input({ start: slot.start, adviserId: slot.adviserId }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.booking).toMatchObject({ clientId, adviserId, start: slot.start, end: new Date('2026-11-30T07:45:00Z'), blockedUntil: new Date('2026-11-30T08:00:00Z'), status: 'booked' });

    const outbox = await uow.outbox.claim({ now: new Date('2030-01-01T00:00:00Z'), limit: 10, leaseMs: 1 });
    // The 24 h reminder would be in the past (the slot is today): only the 1 h one is queued.
    expect(outbox.map((m) => m.topic).sort()).toEqual([MEETING_CREATE_TOPIC, REMINDER_TOPIC].sort());
    expect(outbox.find((m) => m.topic === REMINDER_TOPIC)?.availableAt).toEqual(new Date('2026-11-30T06:00:00Z'));
    expect(JSON.stringify(outbox.map((m) => m.payload))).not.toContain('Client');
    expect(await uow.audit.list({ clientId })).toEqual([expect.objectContaining({ action: 'booking.create', outcome: 'ok' })]);
    // The booked time is gone from the next offer.
    expect((await firstSlot()).start).not.toEqual(slot.start);
  });

  it('refuses a time the card never offered (forged or outside hours) and writes nothing', async () => {
    for (const forged of [new Date('2026-11-30T07:05:00Z'), new Date('2026-11-30T20:00:00Z'), new Date('2027-06-01T07:00:00Z')]) {
      const result = await bookSession(deps(), input({ start: forged }));
      expect(result).toMatchObject({ ok: false, reason: 'slot_not_offered' });
    }
    const result = await bookSession(deps(), input({ start: (await firstSlot()).start, adviserId: 'someone-else' }));
    expect(result).toMatchObject({ ok: false, reason: 'slot_not_offered' });
    expect(await uow.bookings.listForClient(clientId)).toEqual([]);
    expect(await uow.outbox.countByStatus()).toEqual({ pending: 0, done: 0, dead: 0 });
  });

  it('refuses a municipality the adviser does not serve', async () => {
    const slot = await firstSlot();
    const result = await bookSession(deps(), input({ start: slot.start, municipalityCode: 'outokumpu' }));
    expect(result).toMatchObject({ ok: false, reason: 'slot_not_offered', freshSlots: [] });
  });

  it('answers a lost race with fresh slots, not an error', async () => {
    const slot = await firstSlot();
    const [a, b] = await Promise.all([
      bookSession(deps(), input({ start: slot.start, adviserId: slot.adviserId })),
      bookSession(deps(), input({ clientId: otherClientId, start: slot.start, adviserId: slot.adviserId })),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false });
    if (loser && !loser.ok && 'freshSlots' in loser) expect(loser.freshSlots[0]?.start).not.toEqual(slot.start);
  });
});

describe('cancelBooking', () => {
  it('cancels the client own booking, frees the slot, and queues the meeting cancel', async () => {
    const slot = await firstSlot();
    const booked = await bookSession(deps(), input({ start: slot.start, adviserId: slot.adviserId }));
    if (!booked.ok) throw new Error('setup');
    const result = await cancelBooking(deps(), { bookingId: booked.booking.id, clientId, actorId: 'aad-client', actorTenantId: 't1' });
    expect(result).toMatchObject({ ok: true, booking: { status: 'cancelled' } });
    expect((await firstSlot()).start).toEqual(slot.start);
    expect(await cancelBooking(deps(), { bookingId: booked.booking.id, clientId, actorId: 'aad-client', actorTenantId: 't1' })).toEqual({ ok: false, reason: 'already_cancelled' });
  });

  it("refuses another client's booking id like an unknown one, changes nothing, and audits the denial", async () => {
    const slot = await firstSlot();
    const booked = await bookSession(deps(), input({ start: slot.start, adviserId: slot.adviserId }));
    if (!booked.ok) throw new Error('setup');
    const result = await cancelBooking(deps(), { bookingId: booked.booking.id, clientId: otherClientId, actorId: 'aad-other', actorTenantId: 't1' });
    expect(result).toEqual({ ok: false, reason: 'not_found' });
    expect((await uow.bookings.get(booked.booking.id))?.status).toBe('booked');
    expect(await uow.audit.list({ clientId: otherClientId })).toEqual([expect.objectContaining({ action: 'booking.cancel', outcome: 'denied' })]);
  });
});
