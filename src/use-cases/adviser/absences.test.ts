import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewBooking } from '../../../test/factories/booking-factory.js';
import { aNewStaffMember, TEST_TENANT_ID } from '../../../test/factories/staff-member-factory.js';
import { findSlots } from '../booking/find-slots.js';
import { addAbsence, MAX_ABSENCE_DAYS, validateAbsence } from './add-absence.js';
import { listAbsences } from './list-absences.js';
import { removeAbsence } from './remove-absence.js';

/** Friday 27 March 2026, 09:00 Helsinki; the clocks go forward on Sunday 29 March. */
const NOW = new Date('2026-03-27T07:00:00Z');
let uow: InMemoryUnitOfWork;
let adviserId: string;
const actor = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-adviser' };
const colleagueActor = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-colleague' };
const deps = () => ({ uow, clock: () => NOW });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  adviserId = (await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-adviser' }))).id;
  await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-colleague' }));
  await uow.schedules.setServedMunicipalities(adviserId, ['joensuu']);
  await uow.schedules.setWeeklyHours(adviserId, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
});

describe('validateAbsence', () => {
  it.each([
    ['one whole day', { fromDate: '2026-04-01' }, '2026-03-31T21:00:00.000Z', '2026-04-01T21:00:00.000Z'],
    ['whole days over the DST change (23 h Sunday)', { fromDate: '2026-03-28', toDate: '2026-03-30' }, '2026-03-27T22:00:00.000Z', '2026-03-30T21:00:00.000Z'],
    ['the spring-forward day alone', { fromDate: '2026-03-29' }, '2026-03-28T22:00:00.000Z', '2026-03-29T21:00:00.000Z'],
    ['the autumn day (25 h)', { fromDate: '2026-10-25' }, '2026-10-24T21:00:00.000Z', '2026-10-25T22:00:00.000Z'],
    ['a time range within a day', { fromDate: '2026-04-01', fromTime: '09:00', toTime: '12:00' }, '2026-04-01T06:00:00.000Z', '2026-04-01T09:00:00.000Z'],
    ['from a time to the end of the last day', { fromDate: '2026-03-27', toDate: '2026-03-30', fromTime: '13:00' }, '2026-03-27T11:00:00.000Z', '2026-03-30T21:00:00.000Z'],
    ['earlier today (sick since the morning)', { fromDate: '2026-03-27' }, '2026-03-26T22:00:00.000Z', '2026-03-27T22:00:00.000Z'],
    ['empty optional fields', { fromDate: '2026-04-01', toDate: '', fromTime: ' ', toTime: '' }, '2026-03-31T21:00:00.000Z', '2026-04-01T21:00:00.000Z'],
  ])('reads %s in Helsinki time', (_name, input, start, end) => {
    const result = validateAbsence(input, NOW);
    expect(result.ok && [result.start.toISOString(), result.end.toISOString()]).toEqual([start, end]);
  });

  it.each([
    ['no first day', { fromDate: '' }, [{ field: 'fromDate', problem: 'required' }]],
    ['an impossible date', { fromDate: '2026-02-30' }, [{ field: 'fromDate', problem: 'format' }]],
    ['a Finnish-format date', { fromDate: '1.4.2026' }, [{ field: 'fromDate', problem: 'format' }]],
    ['a bad last day', { fromDate: '2026-04-01', toDate: '2026-13-01' }, [{ field: 'toDate', problem: 'format' }]],
    ['a bad time', { fromDate: '2026-04-01', fromTime: '25:00' }, [{ field: 'fromTime', problem: 'format' }]],
    ['the last day before the first', { fromDate: '2026-04-02', toDate: '2026-04-01' }, [{ field: 'toDate', problem: 'end_not_after_start' }]],
    ['an end time before the start time', { fromDate: '2026-04-01', fromTime: '12:00', toTime: '09:00' }, [{ field: 'toTime', problem: 'end_not_after_start' }]],
    ['yesterday', { fromDate: '2026-03-26' }, [{ field: 'fromDate', problem: 'in_past' }]],
    ['a range that ended this morning', { fromDate: '2026-03-27', fromTime: '07:00', toTime: '08:00' }, [{ field: 'toTime', problem: 'in_past' }]],
    ['more than a year', { fromDate: '2026-04-01', toDate: '2027-04-02' }, [{ field: 'toDate', problem: 'too_long' }]],
  ] as const)('refuses %s', (_name, input, errors) => {
    expect(validateAbsence(input, NOW)).toEqual({ ok: false, errors });
  });

  it(`allows exactly ${MAX_ABSENCE_DAYS} days (a leap year)`, () => {
    expect(validateAbsence({ fromDate: '2028-01-01', toDate: '2028-12-31' }, NOW).ok).toBe(true);
  });
});

describe('addAbsence, listAbsences and removeAbsence', () => {
  it('adds an absence that hides slots, lists it, audits it without a client, and removes it', async () => {
    const slotsOn = async () => {
      const found = await findSlots(deps(), { municipalityCode: 'joensuu', language: 'fi', interpreterLanguage: null, topics: [], serviceTypeCode: 'guidance', limit: 1 });
      return found.ok ? found.slots[0]?.start.toISOString() : undefined;
    };
    // 09:00 + 2 h notice → Friday 11:00 Helsinki (09:00Z).
    expect(await slotsOn()).toBe('2026-03-27T09:00:00.000Z');

    const added = await addAbsence(deps(), { actor, absence: { fromDate: '2026-03-27', toDate: '2026-03-30' } });
    expect(added).toMatchObject({ ok: true, overlappingBookings: 0 });
    if (!added.ok) return;
    // Friday and Monday off: Tuesday 08:00 Helsinki (+03:00 now) = 05:00Z.
    expect(await slotsOn()).toBe('2026-03-31T05:00:00.000Z');
    expect(await listAbsences(deps(), { actor })).toEqual({ ok: true, adviserId, absences: [added.absence] });
    expect(await uow.audit.list({})).toEqual([
      expect.objectContaining({ action: 'adviser_absence.create', entityType: 'adviser_absence', entityId: added.absence.id, clientId: null, outcome: 'ok' }),
    ]);

    expect(await removeAbsence(deps(), { actor, absenceId: added.absence.id })).toEqual({ ok: true });
    expect(await slotsOn()).toBe('2026-03-27T09:00:00.000Z');
    expect(await listAbsences(deps(), { actor })).toEqual({ ok: true, adviserId, absences: [] });
    expect((await uow.audit.list({}))[0]).toMatchObject({ action: 'adviser_absence.delete', entityId: added.absence.id });
  });

  it('counts the appointments already booked inside a new absence (they are not moved)', async () => {
    const client = await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Olena', preferredLanguage: 'uk' }, NOW);
    const booking = await uow.bookings.create(aNewBooking({ clientId: client.id, adviserId, start: new Date('2026-04-01T06:00:00Z') }), NOW);
    const added = await addAbsence(deps(), { actor, absence: { fromDate: '2026-04-01' } });
    expect(added).toMatchObject({ ok: true, overlappingBookings: 1 });
    expect(booking.ok && (await uow.bookings.get(booking.booking.id))?.status).toBe('booked');
  });

  it('lists only absences that are not over yet', async () => {
    await uow.schedules.addAbsence(adviserId, { start: new Date('2026-03-20T06:00:00Z'), end: new Date('2026-03-20T09:00:00Z') });
    const ongoing = await uow.schedules.addAbsence(adviserId, { start: new Date('2026-03-26T22:00:00Z'), end: new Date('2026-03-27T12:00:00Z') });
    const result = await listAbsences(deps(), { actor });
    expect(result.ok && result.absences.map((a) => a.id)).toEqual([ongoing.id]);
  });

  it('writes nothing for invalid input', async () => {
    expect(await addAbsence(deps(), { actor, absence: { fromDate: '2026-03-01' } })).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'fromDate', problem: 'in_past' }] });
    expect(await uow.schedules.listAbsences(adviserId)).toEqual([]);
    expect(await uow.audit.list({})).toEqual([]);
  });

  it("never removes another adviser's absence: it is not found, and stays", async () => {
    const added = await addAbsence(deps(), { actor, absence: { fromDate: '2026-04-01' } });
    if (!added.ok) throw new Error('scenario');
    expect(await removeAbsence(deps(), { actor: colleagueActor, absenceId: added.absence.id })).toEqual({ ok: false, reason: 'not_found' });
    expect(await removeAbsence(deps(), { actor, absenceId: 'no-such-id' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await uow.schedules.listAbsences(adviserId)).toHaveLength(1);
  });

  it('refuses someone who is not an active adviser, and writes nothing', async () => {
    const client = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-client' };
    const added = await addAbsence(deps(), { actor, absence: { fromDate: '2026-04-01' } });
    if (!added.ok) throw new Error('scenario');
    const auditBefore = await uow.audit.list({});
    expect(await addAbsence(deps(), { actor: client, absence: { fromDate: '2026-04-02' } })).toEqual({ ok: false, reason: 'not_adviser' });
    expect(await removeAbsence(deps(), { actor: client, absenceId: added.absence.id })).toEqual({ ok: false, reason: 'not_adviser' });
    expect(await listAbsences(deps(), { actor: client })).toEqual({ ok: false, reason: 'not_adviser' });
    expect(await uow.schedules.listAbsences(adviserId)).toHaveLength(1);
    expect(await uow.audit.list({})).toEqual(auditBefore);
  });
});
