import type { AdviserProfile, Interval, ServiceType, Slot } from '../../domain/booking/booking.js';
import { eligibleAdvisers, offerSlots } from '../../domain/booking/assign-adviser.js';
import { localDateOf, startOfLocalWeek, instantAt, addLocalDays } from '../../domain/booking/helsinki-time.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import type { AdviserCalendar } from '../ports/graph.js';
import type { Repositories } from '../ports/repositories.js';

export interface SlotSearchDeps {
  readonly uow: Pick<Repositories, 'schedules' | 'bookings' | 'serviceTypes'>;
  readonly clock: () => Date;
  /** Advisers' Outlook free/busy; absent (Graph not configured) = only Neuvo's own bookings block. */
  readonly calendar?: AdviserCalendar;
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
 * With a `calendar`, the Outlook busy time of eligible advisers that have a mailbox blocks slots
 * too (see {@link withOutlookBusy}); book-session and reschedule re-run the search with the same
 * deps, so the time a client picked is re-checked against Outlook as well.
 */
export async function findSlots(deps: SlotSearchDeps, criteria: SlotCriteria): Promise<FindSlotsResult> {
  const serviceType = await deps.uow.serviceTypes.get(criteria.serviceTypeCode);
  if (!serviceType) return { ok: false, reason: 'unknown_service_type' };
  const now = deps.clock();
  const horizonEnd = new Date(now.getTime() + serviceType.horizonDays * 86_400_000);
  const slots = await offerFrom(deps, criteria, serviceType, now, { start: now, end: horizonEnd }, undefined, criteria.from, criteria.limit);
  return { ok: true, slots };
}

/**
 * Whether `wanted` (a start and adviser the client picked on a card) is the time and adviser
 * {@link findSlots} would offer this client first from `wanted.start` right now — the check
 * book-session and reschedule need — without reading the whole horizon.
 *
 * Exactly the same decision as `findSlots({ ...criteria, from: wanted.start, limit: 1 })` compared
 * with `wanted`: an adviser is free at a start iff nothing of theirs (booking with its buffer,
 * absence, Outlook busy) overlaps [start, start + length + buffer), so only that window is read
 * (bookings, absences and the Outlook call alike); working hours, notice, horizon, step alignment,
 * eligibility and the least-loaded-then-round-robin pick are the full search's own (offerSlots).
 * Returns the offered slot, or `undefined` when `wanted` is not what would be offered.
 */
export async function offeredSlotAt(
  deps: SlotSearchDeps,
  criteria: Omit<SlotCriteria, 'from' | 'limit'>,
  serviceType: ServiceType,
  wanted: { readonly start: Date; readonly adviserId: string },
): Promise<Slot | undefined> {
  const now = deps.clock();
  const window = {
    start: wanted.start,
    end: new Date(wanted.start.getTime() + (serviceType.lengthMinutes + serviceType.bufferMinutes) * 60_000),
  };
  const [slot] = await offerFrom(deps, criteria, serviceType, now, window, window, wanted.start, 1);
  return slot && slot.start.getTime() === wanted.start.getTime() && slot.adviserId === wanted.adviserId ? slot : undefined;
}

/**
 * offerSlots over what the database (and Outlook) say about `busyWindow`, with the absences that
 * overlap `absencesWindow` (all when undefined). Busy time and load are read for the ELIGIBLE
 * advisers only: offerSlots considers no one else.
 */
async function offerFrom(
  deps: SlotSearchDeps,
  criteria: Omit<SlotCriteria, 'from' | 'limit'>,
  serviceType: ServiceType,
  now: Date,
  busyWindow: Interval,
  absencesWindow: Interval | undefined,
  from: Date | undefined,
  limit: number,
): Promise<Slot[]> {
  const request = {
    language: criteria.language,
    interpreterLanguage: criteria.interpreterLanguage,
    municipalityCode: criteria.municipalityCode,
    topics: criteria.topics,
  };
  const profiles = await deps.uow.schedules.getProfiles({
    municipalityCode: criteria.municipalityCode,
    ...(absencesWindow ? { absencesOverlapping: absencesWindow } : {}),
  });
  const advisers = eligibleAdvisers(profiles, request);
  if (advisers.length === 0) return [];
  const ids = advisers.map((a) => a.adviserId);
  const ownBusy = await deps.uow.bookings.busyByAdviser(ids, busyWindow);
  const busy = await withOutlookBusy(deps.calendar, advisers, ownBusy, busyWindow);
  // Load is counted per Helsinki week of the search start (Monday 00:00 to the next Monday).
  const weekStart = startOfLocalWeek(localDateOf(from ?? now));
  const loadThisWeek = await deps.uow.bookings.loadByAdviser(ids, { start: instantAt(weekStart, '00:00'), end: instantAt(addLocalDays(weekStart, 7), '00:00') });
  return offerSlots({ now, advisers, busy, serviceType, request, loadThisWeek, ...(from ? { from } : {}), limit });
}

/**
 * `busy` with the Outlook busy time of those `advisers` that have a mailbox added, from ONE
 * `getBusy` call for the whole `interval` (no call without a calendar or without mailboxes).
 * Advisers without a mailbox keep only Neuvo's own busy time.
 *
 * When the call itself fails (Graph down, throttled, token), every adviser with a mailbox counts
 * as busy for the whole interval — the adapter's own fail-closed rule for one unreadable schedule,
 * applied to all of them: offering a time we could not check risks a double booking with an
 * Outlook meeting, while advisers without a mailbox are still offered, so the client rarely sees
 * no times at all. Routing is unchanged (a specialist whose calendar failed is not replaced by a
 * generalist); it just has no free time until Graph answers again. `busy` is not mutated.
 */
export async function withOutlookBusy(
  calendar: AdviserCalendar | undefined,
  advisers: readonly AdviserProfile[],
  busy: ReadonlyMap<string, readonly Interval[]>,
  interval: Interval,
): Promise<Map<string, Interval[]>> {
  const merged = new Map<string, Interval[]>([...busy].map(([id, intervals]) => [id, [...intervals]]));
  const withMailbox = advisers.filter((a): a is AdviserProfile & { mailbox: string } => a.mailbox !== null && a.mailbox !== '');
  if (!calendar || withMailbox.length === 0) return merged;
  let outlook: Map<string, Interval[]> | undefined;
  try {
    outlook = await calendar.getBusy([...new Set(withMailbox.map((a) => a.mailbox))], interval);
  } catch {
    // Deliberately swallowed: use cases do not log; a whole-interval block is the safe reading.
    outlook = undefined;
  }
  for (const adviser of withMailbox) {
    // A mailbox missing from the answer breaks the port's contract: read it as unknown, i.e. busy.
    const extra = outlook?.get(adviser.mailbox) ?? [{ start: interval.start, end: interval.end }];
    merged.set(adviser.adviserId, [...(merged.get(adviser.adviserId) ?? []), ...extra]);
  }
  return merged;
}
