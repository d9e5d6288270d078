import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from '../../src/domain/booking/booking.js';
import { aNewStaffMember } from '../factories/staff-member-factory.js';
import { aBookingWorld, deactivateStaff } from './booking-world.js';
import type { TestDatabase } from './test-databases.js';

const at = (iso: string): Date => new Date(iso);

export function adviserScheduleRepositoryContract(subject: () => TestDatabase): void {
  describe('AdviserScheduleRepository', () => {
    it('joins each active adviser with languages, served municipalities, topics, weekly hours and absences', async () => {
      const database = subject();
      const { uow } = database;
      const { adviser, otherAdviser } = await aBookingWorld(uow);
      const expert = await uow.staff.upsert(aNewStaffMember({ roles: ['expert'] }));
      const retired = await uow.staff.upsert(aNewStaffMember({ roles: ['adviser'] }));
      await deactivateStaff(database, retired.id);
      await uow.schedules.setServedMunicipalities(adviser.id, ['liperi', 'joensuu']);
      await uow.schedules.setTopics(adviser.id, ['work_jobseeking', 'housing']);
      await uow.schedules.setWeeklyHours(adviser.id, [
        { weekday: 3, start: '12:00', end: '16:00' },
        { weekday: 1, start: '13:00', end: '24:00' },
        { weekday: 1, start: '08:30', end: '11:45' },
      ]);
      const later = await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-20T00:00:00Z'), end: at('2025-03-21T00:00:00Z') });
      await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-10T06:00:00Z'), end: at('2025-03-10T10:00:00Z') });
      await uow.schedules.setServedMunicipalities(expert.id, ['joensuu']);
      await uow.schedules.setServedMunicipalities(retired.id, ['joensuu']);

      const profiles = await uow.schedules.getProfiles();

      expect(later).toEqual({ id: expect.any(String), adviserId: adviser.id, start: at('2025-03-20T00:00:00Z'), end: at('2025-03-21T00:00:00Z') });
      expect(profiles.map((p) => p.adviserId)).toEqual([adviser.id, otherAdviser.id].sort());
      expect(profiles.find((p) => p.adviserId === adviser.id)).toEqual({
        adviserId: adviser.id,
        languages: adviser.languages,
        municipalityCodes: ['joensuu', 'liperi'],
        topics: ['housing', 'work_jobseeking'],
        weeklyHours: [
          { weekday: 1, start: '08:30', end: '11:45' },
          { weekday: 1, start: '13:00', end: '24:00' },
          { weekday: 3, start: '12:00', end: '16:00' },
        ],
        absences: [
          { start: at('2025-03-10T06:00:00Z'), end: at('2025-03-10T10:00:00Z') },
          { start: at('2025-03-20T00:00:00Z'), end: at('2025-03-21T00:00:00Z') },
        ],
        mailbox: null,
      });
      // Nothing set yet: serves nobody, takes every topic, no hours.
      expect(profiles.find((p) => p.adviserId === otherAdviser.id)).toEqual({
        adviserId: otherAdviser.id,
        languages: otherAdviser.languages,
        municipalityCodes: [],
        topics: [],
        weeklyHours: [],
        absences: [],
        mailbox: null,
      });
    });

    it('sets, replaces and clears the Outlook mailbox; an unknown adviser is refused', async () => {
      const { uow } = subject();
      const { adviser, otherAdviser } = await aBookingWorld(uow);
      const mailboxOf = async (id: string) => (await uow.schedules.getProfiles()).find((p) => p.adviserId === id)?.mailbox;

      await uow.schedules.setMailbox(adviser.id, 'anna.adviser@joensuu.example');
      expect(await mailboxOf(adviser.id)).toBe('anna.adviser@joensuu.example');
      expect(await mailboxOf(otherAdviser.id)).toBeNull();

      await uow.schedules.setMailbox(adviser.id, 'anna.k@joensuu.example');
      expect(await mailboxOf(adviser.id)).toBe('anna.k@joensuu.example');
      // The staff row is otherwise untouched.
      expect(await uow.staff.findByEntraId(adviser.tenantId, adviser.entraObjectId)).toEqual(adviser);

      await uow.schedules.setMailbox(adviser.id, null);
      expect(await mailboxOf(adviser.id)).toBeNull();
      await expect(uow.schedules.setMailbox('nobody', 'x@joensuu.example')).rejects.toThrow();
    });

    it('filters by served municipality and narrows absences to an interval', async () => {
      const { uow } = subject();
      const { adviser, otherAdviser } = await aBookingWorld(uow);
      await uow.schedules.setServedMunicipalities(adviser.id, ['joensuu', 'liperi']);
      await uow.schedules.setServedMunicipalities(otherAdviser.id, ['liperi']);
      await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-01T00:00:00Z'), end: at('2025-03-03T00:00:00Z') });
      await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-05T00:00:00Z'), end: at('2025-03-06T00:00:00Z') });

      const joensuu = await uow.schedules.getProfiles({ municipalityCode: 'joensuu', absencesOverlapping: { start: at('2025-03-03T00:00:00Z'), end: at('2025-04-14T00:00:00Z') } });

      expect(joensuu.map((p) => p.adviserId)).toEqual([adviser.id]);
      expect(joensuu[0]?.municipalityCodes).toEqual(['joensuu', 'liperi']);
      expect(joensuu[0]?.absences).toEqual([{ start: at('2025-03-05T00:00:00Z'), end: at('2025-03-06T00:00:00Z') }]);
      expect((await uow.schedules.getProfiles({ municipalityCode: 'liperi' })).map((p) => p.adviserId)).toEqual([adviser.id, otherAdviser.id].sort());
      expect(await uow.schedules.getProfiles({ municipalityCode: 'ilomantsi' })).toEqual([]);
    });

    it("lists one adviser's served municipalities, sorted, and none for anyone else", async () => {
      const { uow } = subject();
      const { adviser, otherAdviser } = await aBookingWorld(uow);
      await uow.schedules.setServedMunicipalities(adviser.id, ['liperi', 'joensuu']);
      await uow.schedules.setServedMunicipalities(otherAdviser.id, ['ilomantsi']);

      expect(await uow.schedules.servedMunicipalities(adviser.id)).toEqual(['joensuu', 'liperi']);
      await uow.schedules.setServedMunicipalities(otherAdviser.id, []);
      expect(await uow.schedules.servedMunicipalities(otherAdviser.id)).toEqual([]);
      expect(await uow.schedules.servedMunicipalities('nobody')).toEqual([]);
    });

    it('set… replaces the whole set, and an empty list clears it', async () => {
      const { uow } = subject();
      const { adviser } = await aBookingWorld(uow);
      await uow.schedules.setWeeklyHours(adviser.id, [{ weekday: 1, start: '08:00', end: '16:00' }]);
      await uow.schedules.setServedMunicipalities(adviser.id, ['joensuu']);
      await uow.schedules.setTopics(adviser.id, ['health']);

      await uow.schedules.setWeeklyHours(adviser.id, [{ weekday: 2, start: '09:15', end: '15:00' }]);
      await uow.schedules.setServedMunicipalities(adviser.id, ['outokumpu', 'outokumpu']);
      await uow.schedules.setTopics(adviser.id, []);

      expect((await uow.schedules.getProfiles()).find((p) => p.adviserId === adviser.id)).toMatchObject({
        weeklyHours: [{ weekday: 2, start: '09:15', end: '15:00' }],
        municipalityCodes: ['outokumpu'],
        topics: [],
      });
    });

    it('refuses a weekday outside 1..7 or an empty period, and keeps the hours it had', async () => {
      const { uow } = subject();
      const { adviser } = await aBookingWorld(uow);
      const kept: WeeklyHours[] = [{ weekday: 5, start: '08:00', end: '12:00' }];
      await uow.schedules.setWeeklyHours(adviser.id, kept);

      await expect(uow.schedules.setWeeklyHours(adviser.id, [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 8 as 1, start: '08:00', end: '12:00' }])).rejects.toThrow();
      await expect(uow.schedules.setWeeklyHours(adviser.id, [{ weekday: 0 as 1, start: '08:00', end: '12:00' }])).rejects.toThrow();
      await expect(uow.schedules.setWeeklyHours(adviser.id, [{ weekday: 1, start: '12:00', end: '12:00' }])).rejects.toThrow();

      expect((await uow.schedules.getProfiles()).find((p) => p.adviserId === adviser.id)?.weeklyHours).toEqual(kept);
    });

    it('lists and removes absences; another adviser\'s absence id removes nothing', async () => {
      const { uow } = subject();
      const { adviser, otherAdviser } = await aBookingWorld(uow);
      const first = await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-10T06:00:00Z'), end: at('2025-03-10T10:00:00Z') });
      const second = await uow.schedules.addAbsence(adviser.id, { start: at('2025-03-12T06:00:00Z'), end: at('2025-03-12T10:00:00Z') });

      expect(await uow.schedules.listAbsences(adviser.id)).toEqual([first, second]);
      expect(await uow.schedules.listAbsences(adviser.id, { start: at('2025-03-11T00:00:00Z'), end: at('2025-03-13T00:00:00Z') })).toEqual([second]);
      expect(await uow.schedules.removeAbsence(otherAdviser.id, first.id)).toBe(false);
      expect(await uow.schedules.removeAbsence(adviser.id, first.id)).toBe(true);
      expect(await uow.schedules.removeAbsence(adviser.id, first.id)).toBe(false);
      expect(await uow.schedules.listAbsences(adviser.id)).toEqual([second]);
    });

    it('refuses schedules for an unknown adviser or municipality (foreign keys)', async () => {
      const { uow } = subject();
      const { adviser } = await aBookingWorld(uow);
      await expect(uow.schedules.setServedMunicipalities(adviser.id, ['atlantis'])).rejects.toThrow();
      await expect(uow.schedules.setTopics('nobody', ['health'])).rejects.toThrow();
      await expect(uow.schedules.addAbsence('nobody', { start: at('2025-03-10T06:00:00Z'), end: at('2025-03-10T10:00:00Z') })).rejects.toThrow();
    });
  });
}
