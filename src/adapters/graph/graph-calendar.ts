import type { Client } from '@microsoft/microsoft-graph-client';
import type { DateTimeTimeZone, FreeBusyStatus, ScheduleInformation } from '@microsoft/microsoft-graph-types';
import type { Interval } from '../../domain/booking/booking.js';
import { GraphError, type AdviserCalendar } from '../../use-cases/ports/graph.js';
import { callGraph, DEFAULT_GRAPH_TIMEOUT_MS, graphRequest } from './graph-request.js';

/** Graph accepts at most this many schedules in one getSchedule call. */
export const MAX_SCHEDULES_PER_CALL = 20;

/** Outlook's limit: 4 concurrent requests per app against a mailbox. */
export const OUTLOOK_MAX_CONCURRENT = 4;

/** Tuning of {@link GraphCalendar}; the defaults follow Graph's documented limits. */
export interface GraphCalendarOptions {
  /** Calls in flight at once from this instance; default 4. The limit is per app: with several app instances, lower it. */
  readonly maxConcurrent?: number;
  /** `availabilityViewInterval` in minutes (5–1440); default 15. We read `scheduleItems`, the view is only a by-product. */
  readonly availabilityViewIntervalMinutes?: number;
  readonly timeoutMs?: number;
}

/** The body of `POST /users/{id}/calendar/getSchedule` (an action: no entity type in graph-types). */
interface GetScheduleBody {
  schedules: string[];
  startTime: DateTimeTimeZone;
  endTime: DateTimeTimeZone;
  availabilityViewInterval: number;
}

/** Free/busy statuses that make a slot unbookable. Free, working elsewhere and unknown do not. */
const BLOCKING: ReadonlySet<string> = new Set(['busy', 'tentative', 'oof'] satisfies FreeBusyStatus[]);

/**
 * `AdviserCalendar` over Graph's getSchedule. UPNs are sent in batches of 20 (Graph's limit per
 * call); batches run in parallel but never more than `maxConcurrent` at once, across all calls
 * of this instance, because Outlook answers 429 beyond 4 concurrent requests per app. Times go
 * out and come back in UTC (`timeZone: 'UTC'`, no `Prefer: outlook.timezone`).
 */
export class GraphCalendar implements AdviserCalendar {
  private readonly semaphore: Semaphore;
  private readonly viewInterval: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly client: Client,
    options: GraphCalendarOptions = {},
  ) {
    this.semaphore = new Semaphore(options.maxConcurrent ?? OUTLOOK_MAX_CONCURRENT);
    this.viewInterval = options.availabilityViewIntervalMinutes ?? 15;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  }

  async getBusy(adviserUpns: readonly string[], interval: Interval): Promise<Map<string, Interval[]>> {
    const upns = [...new Set(adviserUpns)];
    const batches: string[][] = [];
    for (let i = 0; i < upns.length; i += MAX_SCHEDULES_PER_CALL) batches.push(upns.slice(i, i + MAX_SCHEDULES_PER_CALL));
    const answers = await Promise.all(batches.map((batch) => this.semaphore.run(() => this.getSchedule(batch, interval))));

    const byScheduleId = new Map<string, ScheduleInformation>();
    for (const info of answers.flat()) if (info.scheduleId) byScheduleId.set(info.scheduleId.toLowerCase(), info);
    const result = new Map<string, Interval[]>();
    for (const upn of upns) result.set(upn, busyOf(byScheduleId.get(upn.toLowerCase()), interval));
    return result;
  }

  private async getSchedule(schedules: string[], interval: Interval): Promise<ScheduleInformation[]> {
    const body: GetScheduleBody = {
      schedules,
      startTime: toGraphDateTime(interval.start),
      endTime: toGraphDateTime(interval.end),
      availabilityViewInterval: this.viewInterval,
    };
    // With an app token getSchedule must be called on some mailbox; the batch's first adviser's will do.
    const path = `/users/${encodeURIComponent(schedules[0] ?? '')}/calendar/getSchedule`;
    const answer = await callGraph('getSchedule', () => graphRequest(this.client, path, this.timeoutMs).post(body) as Promise<{ value?: ScheduleInformation[] }>);
    if (!Array.isArray(answer?.value)) throw new GraphError('Graph getSchedule answered without a value array.', 'unknown', { status: 200 });
    return answer.value;
  }
}

/**
 * The blocking items of one schedule, clipped to `interval`, sorted and merged. A missing schedule
 * or one with `error` (unknown mailbox, no access) blocks the whole interval: fail closed.
 */
function busyOf(info: ScheduleInformation | undefined, interval: Interval): Interval[] {
  if (!info || info.error) return [{ start: interval.start, end: interval.end }];
  const items: Interval[] = [];
  for (const item of info.scheduleItems ?? []) {
    // Graph's own guide shows "Tentative" capitalised: compare case-insensitively.
    if (!BLOCKING.has((item.status ?? 'unknown').toLowerCase()) || !item.start || !item.end) continue;
    const start = new Date(Math.max(fromGraphDateTime(item.start).getTime(), interval.start.getTime()));
    const end = new Date(Math.min(fromGraphDateTime(item.end).getTime(), interval.end.getTime()));
    if (start < end) items.push({ start, end });
  }
  return merge(items);
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.start <= last.end) {
      if (next.end > last.end) merged[merged.length - 1] = { start: last.start, end: next.end };
    } else merged.push(next);
  }
  return merged;
}

/** A UTC instant as Graph's dateTimeTimeZone: `2026-03-02T08:00:00.000` in zone `UTC` (no offset suffix). */
export function toGraphDateTime(instant: Date): DateTimeTimeZone {
  return { dateTime: instant.toISOString().slice(0, -1), timeZone: 'UTC' };
}

/**
 * Reads Graph's dateTimeTimeZone, which has no offset and seven fractional digits
 * (`2019-03-15T12:00:00.0000000`). Only UTC is accepted: we never send `Prefer: outlook.timezone`,
 * so anything else means a proxy or API change we must notice rather than misread by hours.
 */
export function fromGraphDateTime(value: DateTimeTimeZone): Date {
  const zone = (value.timeZone ?? 'UTC').toUpperCase();
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(value.dateTime ?? '');
  if ((zone !== 'UTC' && zone !== 'ETC/UTC') || !match) {
    throw new GraphError('Graph returned a time that is not a plain UTC dateTime.', 'unknown', { status: 200 });
  }
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  return new Date(`${match[1]}.${millis}Z`);
}

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Semaphore: limit must be a positive integer.');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same) or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
