import type { Slot } from '../../domain/booking/booking.js';
import { offerSlots } from '../../domain/booking/assign-adviser.js';
import { localDateOf, startOfLocalWeek, instantAt, addLocalDays } from '../../domain/booking/helsinki-time.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import type { Repositories } from '../ports/repositories.js';

export interface SlotSearchDeps {
  readonly uow: Pick<Repositories, 'schedules' | 'bookings' | 'serviceTypes'>;
  readonly clock: () => Date;
}

export interface SlotCriteria {
  readonly municipalityCode: string;
  readonly language: LanguageCode;
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  readonly serviceTypeCode: string;
  /** Search from this instant (paging: "more times"); default now. */
  readonly from?: Date;
  readonly limit: number;
}

export type FindSlotsResult =
  | { readonly ok: true; readonly slots: readonly Slot[] }
  | { readonly ok: false; readonly reason: 'unknown_service_type' };

/**
 * The next free times for a client: advisers who serve the municipality and speak the language (or
 * with an interpreter), their working hours, absences and existing bookings. Each time is shown
 * once, attributed to the least-loaded eligible adviser that week (domain/booking).
 *
 * Outlook busy time (Graph getSchedule) is not merged yet: staff rows carry no mailbox address.
 */
export async function findSlots(deps: SlotSearchDeps, criteria: SlotCriteria): Promise<FindSlotsResult> {
  const serviceType = await deps.uow.serviceTypes.get(criteria.serviceTypeCode);
  if (!serviceType) return { ok: false, reason: 'unknown_service_type' };
  const now = deps.clock();
  const advisers = await deps.uow.schedules.getProfiles({ municipalityCode: criteria.municipalityCode });
  const ids = advisers.map((a) => a.adviserId);
  const horizonEnd = new Date(now.getTime() + serviceType.horizonDays * 86_400_000);
  const busy = await deps.uow.bookings.busyByAdviser(ids, { start: now, end: horizonEnd });
  // Load is counted per Helsinki week of the search start (Monday 00:00 to the next Monday).
  const weekStart = startOfLocalWeek(localDateOf(criteria.from ?? now));
  const loadThisWeek = await deps.uow.bookings.loadByAdviser(ids, { start: instantAt(weekStart, '00:00'), end: instantAt(addLocalDays(weekStart, 7), '00:00') });
  const slots = offerSlots({
    now,
    advisers,
    busy,
    serviceType,
    request: {
      language: criteria.language,
      interpreterLanguage: criteria.interpreterLanguage,
      municipalityCode: criteria.municipalityCode,
      topics: criteria.topics,
    },
    loadThisWeek,
    ...(criteria.from ? { from: criteria.from } : {}),
    limit: criteria.limit,
  });
  return { ok: true, slots };
}
