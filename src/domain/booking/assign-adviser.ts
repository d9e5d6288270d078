import type { TopicCode } from '../intake/topics.js';
import type { AdviserProfile, Slot } from './booking.js';
import { compareIds, normalizeLimit, searchSlotKeys, type SlotSearch } from './compute-slots.js';
import { formatLocalDate, instantToWallMs } from './helsinki-time.js';

/** What the client needs from an adviser. */
export interface ClientNeeds {
  /** The language the session is held in (ISO 639-1). */
  readonly language: string;
  /** Set when an interpreter is booked: the client's own language. `null` = no interpreter. */
  readonly interpreterLanguage: string | null;
  readonly municipalityCode: string;
  /** The client's intake topics; empty = no routing. */
  readonly topics: readonly TopicCode[];
}

/** Languages an adviser can run an interpreted session in (the interpreter bridges to the client). */
export const INTERPRETED_SESSION_LANGUAGES: readonly string[] = ['fi', 'en'];

const baseLanguage = (code: string): string => code.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The advisers who may take this client, before any time is considered (issue 3, assignment):
 * 1. the adviser serves the client's municipality, AND
 * 2. speaks the session language — or, when an interpreter is booked, speaks Finnish or English
 *    (the interpreter bridges to the client's language; a Somali-speaking client with a Somali
 *    interpreter can be seen by any fi/en adviser of the municipality); then
 * 3. routing: if at least one adviser left is marked for one of the client's topics, only the
 *    marked ones remain; otherwise every adviser left does (no specialist = generalists take it).
 *    An adviser with no topics is a generalist, never "marked".
 * Language codes compare case-insensitively on the base subtag (`'fi-FI'` speaks `'fi'`).
 * Keeps the input order; never mutates it.
 */
export function eligibleAdvisers(advisers: readonly AdviserProfile[], needs: ClientNeeds): AdviserProfile[] {
  const language = baseLanguage(needs.language);
  const interpreted = needs.interpreterLanguage !== null && needs.interpreterLanguage.trim() !== '';
  const eligible = advisers.filter((adviser) => {
    if (!adviser.municipalityCodes.includes(needs.municipalityCode)) return false;
    const spoken = adviser.languages.map(baseLanguage);
    if (spoken.includes(language)) return true;
    return interpreted && spoken.some((code) => INTERPRETED_SESSION_LANGUAGES.includes(code));
  });
  if (needs.topics.length === 0) return eligible;
  const marked = eligible.filter((adviser) => adviser.topics.some((topic) => needs.topics.includes(topic)));
  return marked.length > 0 ? marked : eligible;
}

/** How busy each adviser already is, and who got the last assignment. */
export interface AssignmentState {
  /** Appointments per adviser id in the Helsinki week in question; missing = 0. */
  readonly loadThisWeek: ReadonlyMap<string, number>;
  /** The adviser assigned most recently (round robin pointer); omitted = start from the first id. */
  readonly lastAssignedAdviserId?: string;
}

/**
 * Which of `candidateIds` (advisers free at one start time) gets the appointment: the least loaded
 * that Helsinki week; among equals, round robin — the first id after `lastAssignedAdviserId` in
 * code-unit id order, wrapping to the smallest. Example: load {a: 2, b: 1, c: 1, d: 1}, last = 'c'
 * → 'd'; last = 'd' → 'b' (wraps; 'a' is busier). Returns `null` for no candidates.
 */
export function pickAdviser(candidateIds: readonly string[], state: AssignmentState): string | null {
  let least = Infinity;
  for (const id of candidateIds) least = Math.min(least, state.loadThisWeek.get(id) ?? 0);
  const tied = candidateIds.filter((id) => (state.loadThisWeek.get(id) ?? 0) === least).sort(compareIds);
  if (tied.length === 0) return null;
  const last = state.lastAssignedAdviserId;
  if (last === undefined) return tied[0]!;
  return tied.find((id) => id > last) ?? tied[0]!;
}

/** A slot search for one client, with what the assignment rule needs. */
export interface OfferSlotsInput extends SlotSearch {
  readonly request: ClientNeeds;
  /**
   * Appointments per adviser id in the Helsinki week of the search start; missing = 0. Used for
   * every offered start unless `loadByWeek` has that start's week.
   */
  readonly loadThisWeek: ReadonlyMap<string, number>;
  /**
   * Optional, more precise: load per Helsinki week, keyed by the week's Monday `'YYYY-MM-DD'`, for
   * searches that span weeks (a 6-week horizon). A week present here wins over `loadThisWeek`.
   */
  readonly loadByWeek?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly lastAssignedAdviserId?: string;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The times to show a client: slots of eligible advisers ({@link eligibleAdvisers}), each start
 * shown ONCE — clients choose a time, not a person — attributed to the adviser {@link pickAdviser}
 * would choose among those free then, using the load of that start's Helsinki week (`loadByWeek`,
 * else `loadThisWeek`). Sorted by start; `limit` counts distinct times. Booking the returned slot books that adviser; if the slot
 * was taken meanwhile the booking use case reports it (this list is only an offer).
 *
 * Example: advisers a (3 bookings this week) and b (1) both free Tue 09:00, only a free 09:15 →
 * 09:00 offered with b, 09:15 with a.
 */
export function offerSlots(input: OfferSlotsInput): Slot[] {
  const advisers = eligibleAdvisers(input.advisers, input.request);
  const found = searchSlotKeys({ ...input, advisers });
  const { keys, adviserSpace, advisersById, lengthMs } = found;
  const limit = normalizeLimit(input.limit);
  const last = input.lastAssignedAdviserId;
  // Load per adviser rank for the week in use; rebuilt only when the week's map changes.
  let loadMap: ReadonlyMap<string, number> | undefined;
  const loadByRank = new Float64Array(advisersById.length);
  const weekKeyByDay = new Map<number, string>();
  const offered: Slot[] = [];
  const count = keys.length;
  let i = 0;
  while (i < count && offered.length < limit) {
    const startMinute = Math.floor(keys[i]! / adviserSpace);
    // Keys of one start minute lie in [startMinute·space, (startMinute+1)·space).
    const nextMinuteKey = (startMinute + 1) * adviserSpace;
    let j = i + 1;
    while (j < count && keys[j]! < nextMinuteKey) j++;
    const startMs = startMinute * MINUTE_MS;
    let chosen = keys[i]! - startMinute * adviserSpace;
    if (j - i > 1) {
      const weekLoad = (input.loadByWeek && input.loadByWeek.get(helsinkiWeekOf(startMs, weekKeyByDay))) ?? input.loadThisWeek;
      if (weekLoad !== loadMap) {
        loadMap = weekLoad;
        for (let r = 0; r < advisersById.length; r++) loadByRank[r] = weekLoad.get(advisersById[r]!.adviserId) ?? 0;
      }
      chosen = pickRank(keys, i, j, startMinute * adviserSpace, loadByRank, advisersById, last);
    }
    offered.push({ start: new Date(startMs), end: new Date(startMs + lengthMs), adviserId: advisersById[chosen]!.adviserId });
    i = j;
  }
  return offered;
}

/**
 * {@link pickAdviser} over one group of equal-start keys without building arrays: the keys are
 * already in adviser id order (rank order), so "least loaded, then the first id after the last
 * assigned one, wrapping" is one pass.
 */
function pickRank(
  keys: Float64Array,
  from: number,
  to: number,
  minuteBase: number,
  loadByRank: Float64Array,
  advisersById: readonly AdviserProfile[],
  lastAssignedAdviserId: string | undefined,
): number {
  let least = Infinity;
  for (let k = from; k < to; k++) least = Math.min(least, loadByRank[keys[k]! - minuteBase]!);
  let firstTied = -1;
  for (let k = from; k < to; k++) {
    const rank = keys[k]! - minuteBase;
    if (loadByRank[rank] !== least) continue;
    if (firstTied < 0) firstTied = rank;
    if (lastAssignedAdviserId === undefined) return rank;
    if (advisersById[rank]!.adviserId > lastAssignedAdviserId) return rank;
  }
  return firstTied;
}

/** The Monday `'YYYY-MM-DD'` of the Helsinki week containing `instantMs`, memoized per local day. */
function helsinkiWeekOf(instantMs: number, memo: Map<number, string>): string {
  const day = Math.floor(instantToWallMs(instantMs) / DAY_MS);
  let key = memo.get(day);
  if (key === undefined) {
    const monday = day - ((((day + 3) % 7) + 7) % 7); // day 0 = Thursday 1970-01-01
    key = formatLocalDate(monday * DAY_MS);
    memo.set(day, key);
  }
  return key;
}
