import type { Application } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { meetingEnded, meetingStarted, participantsJoined, type MeetingParticipant } from '../../../use-cases/meetings/meeting-events.js';
import type { RouteDeps } from '../route-deps.js';
import { speakerOf } from '../turn-helpers.js';

const START = 'application/vnd.microsoft.meetingStart';
const END = 'application/vnd.microsoft.meetingEnd';
/**
 * Teams and botbuilder send `meetingParticipantJoin`; teams-ai 1.7's `app.meetings` listens for
 * `meetingParticipantsJoin` (plural). We accept both so neither spelling is lost.
 */
const JOIN = new Set(['application/vnd.microsoft.meetingParticipantJoin', 'application/vnd.microsoft.meetingParticipantsJoin']);

/**
 * Meeting events of a booking's Teams meeting (RSC `OnlineMeeting.ReadBasic.Chat` and
 * `OnlineMeetingParticipant.Read.Chat` in the manifest). The event's conversation is the meeting
 * chat, whose thread id finds the booking. Nothing is sent into the meeting chat: everything that
 * follows (no-show notice, rebooking card, "log this contact") goes to personal chats through
 * the outbox. Events of meetings that are not Neuvo bookings are ignored.
 */
export function register(app: Application, deps: RouteDeps): void {
  const uc = { uow: deps.repos, clock: deps.clock };
  const on = (matches: (name: string) => boolean, handle: (context: TurnContext) => Promise<string>) =>
    app.activity(
      async (context) => context.activity.type === 'event' && context.activity.channelId === 'msteams' && matches(context.activity.name ?? ''),
      async (context) => {
        const outcome = await handle(context);
        deps.logger.info({ event: 'meeting.event', name: context.activity.name, outcome }, 'meeting event');
      },
    );

  on((name) => name === START, (context) => meetingStarted(uc, { threadId: context.activity.conversation.id, at: eventTime(context.activity, ['StartTime', 'startTime'], deps.clock) }));
  on((name) => name === END, (context) => meetingEnded(uc, { threadId: context.activity.conversation.id, at: eventTime(context.activity, ['EndTime', 'endTime'], deps.clock) }));
  on(
    (name) => JOIN.has(name),
    (context) => participantsJoined(uc, { threadId: context.activity.conversation.id, at: eventTime(context.activity, [], deps.clock), participants: participantsOf(context.activity) }),
  );
}

/**
 * The event's own time: Teams' meeting payload comes in PascalCase (`StartTime`) in some of
 * Microsoft's samples and camelCase in others (DESIGN.md), so both are read; then the activity
 * timestamp; then our clock. A time far from now (a forged or broken value) is not trusted.
 */
function eventTime(activity: Activity, fields: readonly string[], clock: () => Date): Date {
  const now = clock();
  const value = (activity.value ?? {}) as Record<string, unknown>;
  const candidates = [...fields.map((f) => value[f]), activity.timestamp];
  for (const candidate of candidates) {
    const at = candidate instanceof Date ? candidate : typeof candidate === 'string' ? new Date(candidate) : undefined;
    if (at && !Number.isNaN(at.getTime()) && Math.abs(at.getTime() - now.getTime()) < 12 * 3_600_000) return at;
  }
  return now;
}

/** `value.members[]` of a participant event: those now in the meeting, by tenant and Entra id. */
function participantsOf(activity: Activity): MeetingParticipant[] {
  const members = (activity.value as { members?: unknown } | undefined)?.members;
  if (!Array.isArray(members)) return [];
  const tenant = speakerOf(activity).tenantId;
  return members.flatMap((member: unknown) => {
    const m = member as { user?: { aadObjectId?: unknown; objectId?: unknown; tenantId?: unknown }; meeting?: { inMeeting?: unknown } };
    if (m.meeting?.inMeeting === false) return [];
    const oid = typeof m.user?.aadObjectId === 'string' ? m.user.aadObjectId : typeof m.user?.objectId === 'string' ? m.user.objectId : undefined;
    return [{ tenantId: typeof m.user?.tenantId === 'string' ? m.user.tenantId : tenant, entraObjectId: oid || undefined }];
  });
}
