/**
 * What actually happened in a booking's Teams meeting, from Teams' meeting events: when it
 * started and ended, whether the client joined, whether it was marked a no-show and whether the
 * adviser was asked to log the contact. Pure.
 */
export interface MeetingSession {
  readonly bookingId: string;
  /** The meeting chat's thread id ("19:meeting_…@thread.v2"): Teams' conversation id of its events. */
  readonly conversationId: string;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** First time someone other than staff joined. */
  readonly clientJoinedAt: Date | null;
  readonly noShowAt: Date | null;
  readonly contactPromptedAt: Date | null;
}

/** How long after the later of the booked and the actual start a missing client is a no-show. */
export const NO_SHOW_AFTER_MS = 15 * 60_000;

/** When to check for a no-show: 15 minutes after the booked start, or after a late actual start. */
export function noShowCheckAt(bookedStart: Date, actualStart: Date): Date {
  return new Date(Math.max(bookedStart.getTime(), actualStart.getTime()) + NO_SHOW_AFTER_MS);
}

/** Minutes between start and end, at least 1 (a meeting that ended at once was still a contact). */
export function meetingDurationMinutes(startedAt: Date, endedAt: Date): number {
  return Math.max(1, Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000));
}

/**
 * The meeting chat's thread id inside a Teams join link
 * (`https://teams.microsoft.com/l/meetup-join/19%3ameeting_…%40thread.v2/0?context=…`), which is
 * how a meeting event (whose conversation id is that thread) finds its booking. Undefined when
 * the link is not a meetup-join link.
 */
export function threadIdFromJoinUrl(joinUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return undefined;
  }
  const match = /\/l\/meetup-join\/([^/]+)\//.exec(url.pathname);
  if (!match?.[1]) return undefined;
  let thread: string;
  try {
    thread = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return /^19:[^\s/]+@thread\.(v2|skype|tacv2)$/.test(thread) ? thread : undefined;
}
