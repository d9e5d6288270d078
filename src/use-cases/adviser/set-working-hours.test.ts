import { beforeEach, describe, expect, it } from 'vitest';
import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { aNewStaffMember, TEST_TENANT_ID } from '../../../test/factories/staff-member-factory.js';
import { findSlots } from '../booking/find-slots.js';
import { getWorkingHours } from './get-working-hours.js';
import { MAX_PERIODS_PER_DAY, setWorkingHours, validateWorkingHours } from './set-working-hours.js';

const NOW = new Date('2026-11-30T05:00:00Z'); // Monday 07:00 Helsinki
let uow: InMemoryUnitOfWork;
let adviserId: string;
const actor = { tenantId: TEST_TENANT_ID, entraObjectId: 'aad-adviser' };
const deps = () => ({ uow, clock: () => NOW });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
  adviserId = (await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-adviser' }))).id;
  await uow.schedules.setServedMunicipalities(adviserId, ['joensuu']);
  await uow.schedules.setWeeklyHours(adviserId, [{ weekday: 1, start: '08:00', end: '16:00' }]);
});

describe('validateWorkingHours', () => {
  it('accepts touching periods, an end of 24:00 and an empty week, sorted by weekday and start', () => {
    expect(validateWorkingHours([
      { weekday: 2, start: '12:00', end: '16:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 1, start: '20:00', end: '24:00' },
    ])).toEqual({
      ok: true,
      hours: [
        { weekday: 1, start: '20:00', end: '24:00' },
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '12:00', end: '16:00' },
      ],
    });
    expect(validateWorkingHours([])).toEqual({ ok: true, hours: [] });
  });

  it.each([
    ['weekday 0', { weekday: 0, start: '08:00', end: '16:00' }, 'weekday'],
    ['weekday 8', { weekday: 8, start: '08:00', end: '16:00' }, 'weekday'],
    ['weekday 1.5', { weekday: 1.5, start: '08:00', end: '16:00' }, 'weekday'],
    ['a 12-hour time', { weekday: 1, start: '8:00', end: '16:00' }, 'time_format'],
    ['minutes 60', { weekday: 1, start: '08:60', end: '16:00' }, 'time_format'],
    ['24:00 as a start', { weekday: 1, start: '24:00', end: '24:00' }, 'time_format'],
    ['an empty end', { weekday: 1, start: '08:00', end: '' }, 'time_format'],
    ['seconds', { weekday: 1, start: '08:00:00', end: '16:00' }, 'time_format'],
    ['start after end', { weekday: 1, start: '16:00', end: '08:00' }, 'start_not_before_end'],
    ['an empty period', { weekday: 1, start: '08:00', end: '08:00' }, 'start_not_before_end'],
  ] as const)('refuses %s', (_name, period, problem) => {
    expect(validateWorkingHours([{ weekday: 3, start: '08:00', end: '16:00' }, period])).toEqual({ ok: false, errors: [{ index: 1, problem }] });
  });

  it('refuses overlapping periods of one weekday, but not the same hours on different weekdays', () => {
    expect(validateWorkingHours([
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '11:59', end: '15:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
    ])).toEqual({ ok: false, errors: [{ index: 1, problem: 'overlap' }] });
  });

  it(`refuses more than ${MAX_PERIODS_PER_DAY} periods on one weekday`, () => {
    const periods = ['06:00', '09:00', '12:00', '15:00'].map((start, i) => ({ weekday: 5, start, end: `${String(7 + 3 * i).padStart(2, '0')}:00` }));
    expect(validateWorkingHours(periods)).toEqual({ ok: false, errors: [{ index: 3, problem: 'too_many_periods' }] });
  });
});

describe('setWorkingHours', () => {
  it('replaces the adviser’s hours, audits the change without a client, and a slot search follows them', async () => {
    const result = await setWorkingHours(deps(), { actor, hours: [{ weekday: 1, start: '12:00', end: '14:00' }, { weekday: 2, start: '09:00', end: '10:00' }] });

    expect(result).toMatchObject({ ok: true, adviserId });
    expect(await getWorkingHours(deps(), { actor })).toEqual({
      ok: true,
      adviserId,
      hours: [
        { weekday: 1, start: '12:00', end: '14:00' },
        { weekday: 2, start: '09:00', end: '10:00' },
      ],
    });
    expect(await uow.audit.list({})).toEqual([
      expect.objectContaining({ action: 'adviser_schedule.update', entityType: 'adviser_schedule', entityId: adviserId, clientId: null, fields: ['weeklyHours'], outcome: 'ok' }),
    ]);
    const found = await findSlots(deps(), { municipalityCode: 'joensuu', language: 'fi', interpreterLanguage: null, topics: [], serviceTypeCode: 'guidance', limit: 3 });
    // Monday 12:00 Helsinki (10:00Z) is the first time: 09:00 (2 h notice) is outside the new hours.
    expect(found.ok && found.slots.map((s) => s.start.toISOString())).toEqual(['2026-11-30T10:00:00.000Z', '2026-11-30T10:15:00.000Z', '2026-11-30T10:30:00.000Z']);
    // The last Monday start ends at 14:00; the next time is Tuesday 09:00 Helsinki (07:00Z).
    const week = await findSlots(deps(), { municipalityCode: 'joensuu', language: 'fi', interpreterLanguage: null, topics: [], serviceTypeCode: 'guidance', limit: 6 });
    expect(week.ok && week.slots.map((s) => s.start.toISOString()).slice(4)).toEqual(['2026-11-30T11:00:00.000Z', '2026-11-30T11:15:00.000Z']);
    const next = await findSlots(deps(), { municipalityCode: 'joensuu', language: 'fi', interpreterLanguage: null, topics: [], serviceTypeCode: 'guidance', limit: 7 });
    expect(next.ok && next.slots[6]?.start.toISOString()).toBe('2026-12-01T07:00:00.000Z');
  });

  it('writes nothing on invalid input and says which period is wrong', async () => {
    const result = await setWorkingHours(deps(), { actor, hours: [{ weekday: 1, start: '09:00', end: '10:00' }, { weekday: 1, start: '09:30', end: '11:00' }] });
    expect(result).toEqual({ ok: false, reason: 'invalid', errors: [{ index: 1, problem: 'overlap' }] });
    expect((await getWorkingHours(deps(), { actor })).ok && (await uow.schedules.getProfiles())[0]?.weeklyHours).toEqual([{ weekday: 1, start: '08:00', end: '16:00' }]);
    expect(await uow.audit.list({})).toEqual([]);
  });

  it('refuses a client, an inactive or a non-adviser staff member, and writes nothing', async () => {
    await uow.staff.upsert(aNewStaffMember({ entraObjectId: 'aad-expert', roles: ['expert'] }));
    for (const entraObjectId of ['aad-client', 'aad-expert']) {
      expect(await setWorkingHours(deps(), { actor: { tenantId: TEST_TENANT_ID, entraObjectId }, hours: [] })).toEqual({ ok: false, reason: 'not_adviser' });
    }
    expect((await uow.schedules.getProfiles())[0]?.weeklyHours).toEqual([{ weekday: 1, start: '08:00', end: '16:00' }]);
    expect(await uow.audit.list({})).toEqual([]);
  });
});
