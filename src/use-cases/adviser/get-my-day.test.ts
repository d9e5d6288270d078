import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewBooking } from '../../../test/factories/booking-factory.js';
import { aNewStaffMember, TEST_TENANT_ID } from '../../../test/factories/staff-member-factory.js';
import { getMyDay, MY_DAY_RANGE_DAYS } from './get-my-day.js';

/**
 * Scenario: the DST week of spring 2026. Helsinki clocks go from 03:00 to 04:00 on Sunday
 * 29 March, so that day runs 2026-03-28T22:00Z – 2026-03-29T21:00Z (23 h), while Friday 27 March
 * runs 22:00Z – 22:00Z (+02:00) and Monday 30 March 21:00Z – 21:00Z (+03:00).
 */
const NOW = new Date('2026-03-27T07:00:00Z'); // Friday 09:00 Helsinki

let uow: InMemoryUnitOfWork;
let adviserId: string;
let clientId: string;
let otherClientId: string;
const adviserAad = 'aad-adviser';
const actor = { tenantId: TEST_TENANT_ID, entraObjectId: adviserAad };
const deps = () => ({ uow, clock: () => NOW });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  adviserId = (await uow.staff.upsert(aNewStaffMember({ entraObjectId: adviserAad }))).id;
  clientId = (await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Olena', preferredLanguage: 'uk' }, NOW)).id;
  otherClientId = (await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Ahmed', preferredLanguage: 'ar' }, NOW)).id;
});

async function book(start: string, overrides: Parameters<typeof aNewBooking>[0] = {}) {
  const result = await uow.bookings.create(aNewBooking({ clientId, adviserId, start: new Date(start), ...overrides }), NOW);
  if (!result.ok) throw new Error('scenario booking overlaps');
  return result.booking;
}

describe('getMyDay', () => {
  it("lists today's appointments, earliest first, with what the adviser needs, and audits each client read", async () => {
    const later = await book('2026-03-27T12:00:00Z', { clientId: otherClientId, language: 'ar', interpreterLanguage: 'ar', topics: ['housing'] });
    const first = await book('2026-03-27T08:00:00Z');
    await uow.bookings.setMeeting(first.id, { joinUrl: 'https://teams.example/join/1', meetingId: 'm-1' }, NOW);
    await book('2026-03-27T09:00:00Z'); // same client again: one audit row for her

    const result = await getMyDay(deps(), { actor });

    expect(result).toMatchObject({ ok: true, date: '2026-03-27', today: '2026-03-27', adviserId });
    if (!result.ok) return;
    expect(result.sessions.map((s) => [s.start.toISOString(), s.clientDisplayName, s.joinUrl])).toEqual([
      ['2026-03-27T08:00:00.000Z', 'Olena', 'https://teams.example/join/1'],
      ['2026-03-27T09:00:00.000Z', 'Olena', null],
      ['2026-03-27T12:00:00.000Z', 'Ahmed', null],
    ]);
    expect(result.sessions[2]).toMatchObject({ bookingId: later.id, serviceTypeCode: 'guidance', language: 'ar', interpreterLanguage: 'ar', topics: ['housing'], end: new Date('2026-03-27T12:45:00Z') });

    const audit = await uow.audit.list({ actorId: adviserAad });
    expect(audit.map((a) => a.clientId).sort()).toEqual([clientId, otherClientId].sort());
    for (const row of audit) {
      expect(row).toMatchObject({ action: 'client.read', entityType: 'client', fields: ['displayName'], channel: 'bot', outcome: 'ok', actorTenantId: TEST_TENANT_ID });
      expect(JSON.stringify(row)).not.toMatch(/Olena|Ahmed/);
    }
  });

  it('leaves out cancelled appointments and other advisers’ appointments', async () => {
    const cancelled = await book('2026-03-27T08:00:00Z');
    await uow.bookings.cancel(cancelled.id, NOW);
    const colleague = (await uow.staff.upsert(aNewStaffMember())).id;
    await book('2026-03-27T10:00:00Z', { adviserId: colleague });

    const result = await getMyDay(deps(), { actor });
    expect(result).toMatchObject({ ok: true, sessions: [] });
    expect(await uow.audit.list({})).toEqual([]);
  });

  it.each([
    // Sunday of the change: 00:00 is 22:00Z the day before (+02:00), 23:59 is 20:59Z (+03:00).
    ['2026-03-29', ['2026-03-28T22:00:00Z', '2026-03-29T19:59:00Z'], ['2026-03-28T20:30:00Z', '2026-03-29T21:00:00Z']],
    // The Monday after: midnight is already 21:00Z.
    ['2026-03-30', ['2026-03-29T21:00:00Z', '2026-03-30T19:59:00Z'], ['2026-03-29T19:59:00Z', '2026-03-30T21:00:00Z']],
    // The Saturday before: still +02:00.
    ['2026-03-28', ['2026-03-27T22:00:00Z', '2026-03-28T20:59:00Z'], ['2026-03-27T20:30:00Z', '2026-03-28T22:00:00Z']],
  ])('takes the Helsinki calendar day %s across the DST change', async (date, inside, outside) => {
    for (const start of [...inside, ...outside]) await book(start);
    const result = await getMyDay(deps(), { actor, date });
    if (!result.ok) throw new Error(result.reason);
    expect(result.sessions.map((s) => s.start.toISOString())).toEqual(inside.map((s) => new Date(s).toISOString()));
  });

  it('counts a session that starts before midnight for the day it starts on', async () => {
    await book('2026-03-27T21:30:00Z'); // 23:30 Friday Helsinki, ends 00:15 Saturday
    const friday = await getMyDay(deps(), { actor, date: '2026-03-27' });
    const saturday = await getMyDay(deps(), { actor, date: '2026-03-28' });
    expect(friday.ok && friday.sessions).toHaveLength(1);
    expect(saturday.ok && saturday.sessions).toHaveLength(0);
  });

  it.each(['2026-02-30', '27.3.2026', '2026-3-27', "2026-03-27' OR 1=1", '2030-01-01'])('refuses the date %s from a card', async (date) => {
    expect(await getMyDay(deps(), { actor, date })).toEqual({ ok: false, reason: 'invalid' });
  });

  it(`accepts a date up to ${MY_DAY_RANGE_DAYS} days away`, async () => {
    expect((await getMyDay(deps(), { actor, date: '2025-03-27' })).ok).toBe(true);
  });

  it('refuses anyone who is not an active adviser, and writes nothing', async () => {
    await book('2026-03-27T08:00:00Z');
    await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-coordinator', roles: ['coordinator'] }));
    for (const who of [
      { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-coordinator' },
      { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-nobody' },
      { tenantId: 'other-tenant', entraObjectId: adviserAad },
      { tenantId: TEST_TENANT_ID, entraObjectId: undefined },
    ]) {
      expect(await getMyDay(deps(), { actor: who })).toEqual({ ok: false, reason: 'not_adviser' });
    }
    expect(await uow.audit.list({})).toEqual([]);
  });
});
