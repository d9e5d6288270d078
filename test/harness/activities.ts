import { randomUUID } from 'node:crypto';

/**
 * An activity as Teams puts it on the wire (JSON): timestamps are strings, and `localTimestamp`
 * keeps the sender's UTC offset — which a `Date` (botframework-schema's `Activity` type) would lose.
 * Unknown fields are allowed because Teams adds fields over time and tests may add their own.
 */
export interface WireActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  localTimezone: string;
  channelId: string;
  serviceUrl: string;
  from: WireAccount;
  recipient: WireAccount;
  conversation: WireConversation;
  channelData: Record<string, unknown>;
  locale: string;
  [field: string]: unknown;
}

/** `from` / `recipient` / a member. */
export interface WireAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  [field: string]: unknown;
}

/** `conversation`. */
export interface WireConversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
  isGroup?: boolean;
  name?: string;
  [field: string]: unknown;
}

/** A Teams user as activities carry them. */
export interface TeamsUser {
  /** `29:…` */
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

/** Where activities happen: shared by every builder of a {@link TeamsActivityBuilder}. */
export interface TeamsScene {
  /** The connector's service URL (trailing slash kept; it is compared byte for byte with the token's `serviceurl`). */
  readonly serviceUrl: string;
  /** The bot's Microsoft App ID; `recipient.id` is `28:<botAppId>`. */
  readonly botAppId: string;
  readonly botName?: string;
  readonly tenantId: string;
  /** The sender; default {@link DEFAULT_USER}. */
  readonly user?: TeamsUser;
  /** Default a personal chat `a:1…` unique to this builder. */
  readonly conversation?: Partial<WireConversation> & { readonly conversationType?: WireConversation['conversationType'] };
  /** Team and channel, for `conversationType: 'channel'`. */
  readonly team?: { readonly id: string; readonly name: string; readonly aadGroupId: string; readonly channelId: string };
  /** Default `fi-FI`. */
  readonly locale?: string;
  /** IANA zone of the sender's client, default `Europe/Helsinki`. */
  readonly timeZone?: string;
  /** Clock for `timestamp` / `localTimestamp`; default `() => new Date()`. */
  readonly now?: () => Date;
}

/** A deterministic test user (ids are fake but in Teams' formats). */
export const DEFAULT_USER: TeamsUser = {
  id: '29:1aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ0123456789',
  name: 'Aino Asiakas',
  aadObjectId: '6f1c3b1e-4d2a-4e1b-9a55-1f2e3d4c5b6a',
};

/** Options of a message. */
export interface MessageOptions {
  /**
   * Prefix `<at>Bot</at> ` and add the mention entity. Default: true outside personal chat, where
   * Teams delivers a message to a bot only when the bot is @mentioned.
   */
  readonly mentionBot?: boolean;
}

/** Builders for the activities Teams sends, bound to one {@link TeamsScene}. Every builder takes overrides (shallow). */
export interface TeamsActivityBuilder {
  readonly scene: Required<Pick<TeamsScene, 'serviceUrl' | 'botAppId' | 'tenantId'>> & { readonly conversation: WireConversation; readonly user: TeamsUser };
  /** `installationUpdate` / `add`: the app was installed in this scope. */
  installUpdate(overrides?: Partial<WireActivity>): WireActivity;
  /** `conversationUpdate` with `membersAdded`: the bot (default) and/or users joined. */
  conversationUpdateMembersAdded(members?: { readonly bot?: boolean; readonly users?: readonly TeamsUser[] }, overrides?: Partial<WireActivity>): WireActivity;
  /** A plain-text `message`. */
  message(text: string, options?: MessageOptions, overrides?: Partial<WireActivity>): WireActivity;
  /** Action.Submit from a card: a `message` with `value`, no text, `replyToId` = the card's activity id. */
  cardSubmit(value: Record<string, unknown>, replyToId?: string, overrides?: Partial<WireActivity>): WireActivity;
  /** Action.Execute: `invoke` named `adaptiveCard/action`; the bot must answer with an InvokeResponse. */
  adaptiveCardInvoke(verb: string, data?: Record<string, unknown>, replyToId?: string, overrides?: Partial<WireActivity>): WireActivity;
  /** Message extension search: `invoke` `composeExtension/query` with `{ commandId, parameters: [{ name, value }], queryOptions }`. */
  messageExtensionQuery(commandId: string, parameters: Readonly<Record<string, string>>, overrides?: Partial<WireActivity>): WireActivity;
  /** Message extension action, opening its dialog: `composeExtension/fetchTask`; from a message when `messageHtml` is given (`messagePayload.body.content`). */
  messageExtensionFetchTask(commandId: string, messageHtml?: string, overrides?: Partial<WireActivity>): WireActivity;
  /** A submit from the action's dialog: `composeExtension/submitAction` with the card's `data`. */
  messageExtensionSubmit(commandId: string, data: Record<string, unknown>, overrides?: Partial<WireActivity>): WireActivity;
  /** `application/vnd.microsoft.meetingStart` with Teams' PascalCase value. */
  meetingStart(meeting?: MeetingInfo, overrides?: Partial<WireActivity>): WireActivity;
  /** `application/vnd.microsoft.meetingEnd` with Teams' PascalCase value. */
  meetingEnd(meeting?: MeetingInfo, overrides?: Partial<WireActivity>): WireActivity;
  /** `application/vnd.microsoft.meetingParticipantJoin` (the documented name; see the note on teams-ai). */
  participantJoin(participants?: readonly MeetingParticipant[], meeting?: MeetingInfo, overrides?: Partial<WireActivity>): WireActivity;
  /** `application/vnd.microsoft.meetingParticipantLeave`. */
  participantLeave(participants?: readonly MeetingParticipant[], meeting?: MeetingInfo, overrides?: Partial<WireActivity>): WireActivity;
}

/** A meeting as meeting events describe it. */
export interface MeetingInfo {
  /** Teams' meeting id (base64 of `0#19:meeting_…@thread.v2#0`); also `channelData.meeting.id`. */
  readonly id?: string;
  readonly title?: string;
  readonly joinUrl?: string;
  /** `Scheduled`, `Recurring`, `MeetNow`, `Broadcast`… */
  readonly meetingType?: string;
  /** Start (meetingStart) or end (meetingEnd) time; default now. */
  readonly at?: Date;
}

/** One `value.members[]` entry of a participant event. */
export interface MeetingParticipant {
  readonly user: TeamsUser;
  /** Default `Attendee`. Teams sends `Organizer`, `Presenter`, `Attendee`. */
  readonly role?: string;
}

/**
 * Creates builders for Teams activities following Microsoft's documented payloads: `channelId`
 * `msteams`; `from.id` `29:…` with `aadObjectId`; `recipient.id` `28:<botAppId>`;
 * `conversation { id, conversationType, tenantId }`; `channelData.tenant.id` on every activity
 * (botbuilder's `teamsGetTenant` and proactive messages read it from there).
 *
 * Quirks reproduced on purpose: Action.Submit arrives as a message WITHOUT text; Action.Execute
 * as an invoke whose answer is the HTTP response; meeting events carry PascalCase values.
 * Note: @microsoft/teams-ai 1.7 `app.meetings.participantsJoin/Leave` listens for
 * `meetingParticipantsJoin` (plural) while Teams and botbuilder use `meetingParticipantJoin`; use
 * an override of `name` to test the other spelling.
 */
export function teamsActivities(scene: TeamsScene): TeamsActivityBuilder {
  const user = scene.user ?? DEFAULT_USER;
  const conversationType = scene.conversation?.conversationType ?? 'personal';
  const conversation: WireConversation = {
    conversationType,
    tenantId: scene.tenantId,
    id: defaultConversationId(conversationType),
    ...(conversationType === 'personal' ? {} : { isGroup: true }),
    ...scene.conversation,
  };
  const botAccount: WireAccount = { id: `28:${scene.botAppId}`, name: scene.botName ?? 'Neuvo' };
  const locale = scene.locale ?? 'fi-FI';
  const timeZone = scene.timeZone ?? 'Europe/Helsinki';
  const now = scene.now ?? (() => new Date());
  const meetingDefaults = { id: meetingIdFor(conversation.id), title: 'Ohjausaika', joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(conversation.id)}/0`, meetingType: 'Scheduled' };

  const channelData = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    tenant: { id: scene.tenantId },
    ...(conversationType === 'channel' && scene.team
      ? {
          teamsChannelId: scene.team.channelId,
          teamsTeamId: scene.team.id,
          channel: { id: scene.team.channelId },
          team: { id: scene.team.id, name: scene.team.name, aadGroupId: scene.team.aadGroupId },
        }
      : {}),
    ...extra,
  });

  const base = (type: string, overrides: Partial<WireActivity> | undefined, extra: Partial<WireActivity> = {}): WireActivity => {
    const instant = now();
    const activity: WireActivity = {
      type,
      id: newActivityId(instant),
      timestamp: instant.toISOString(),
      localTimestamp: localIso(instant, timeZone),
      localTimezone: timeZone,
      channelId: 'msteams',
      serviceUrl: scene.serviceUrl,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: botAccount,
      conversation,
      entities: [{ type: 'clientInfo', locale, country: locale.split('-')[1] ?? 'FI', platform: 'Web', timezone: timeZone }],
      channelData: channelData(),
      locale,
      ...extra,
    };
    return { ...activity, ...overrides };
  };

  const meetingValue = (meeting: MeetingInfo | undefined, timeField: 'StartTime' | 'EndTime'): Record<string, unknown> => ({
    Id: meeting?.id ?? meetingDefaults.id,
    MeetingType: meeting?.meetingType ?? meetingDefaults.meetingType,
    JoinUrl: meeting?.joinUrl ?? meetingDefaults.joinUrl,
    Title: meeting?.title ?? meetingDefaults.title,
    [timeField]: (meeting?.at ?? now()).toISOString(),
  });

  const meetingEvent = (name: string, value: unknown, meeting: MeetingInfo | undefined, overrides: Partial<WireActivity> | undefined): WireActivity =>
    base('event', overrides, {
      name,
      value,
      channelData: channelData({ meeting: { id: meeting?.id ?? meetingDefaults.id } }),
    });

  const participants = (list: readonly MeetingParticipant[] | undefined, inMeeting: boolean): Record<string, unknown> => ({
    members: (list ?? [{ user }]).map((p) => ({
      user: { tenantId: scene.tenantId, objectId: p.user.aadObjectId, id: p.user.id, name: p.user.name, aadObjectId: p.user.aadObjectId },
      meeting: { inMeeting, role: p.role ?? 'Attendee' },
    })),
  });

  const cardChannelData = (replyToId: string): Record<string, unknown> => channelData({ source: { name: 'message' }, legacy: { replyToId } });

  return {
    scene: { serviceUrl: scene.serviceUrl, botAppId: scene.botAppId, tenantId: scene.tenantId, conversation, user },
    installUpdate: (overrides) =>
      base('installationUpdate', overrides, { action: 'add', channelData: channelData({ source: { name: 'message' } }) }),
    conversationUpdateMembersAdded: (members = { bot: true }, overrides) => {
      const added: WireAccount[] = [
        ...(members.bot !== false ? [{ id: botAccount.id }] : []),
        ...(members.users ?? []).map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })),
      ];
      const eventType = conversationType === 'channel' ? { eventType: 'teamMemberAdded' } : {};
      return base('conversationUpdate', overrides, { membersAdded: added, channelData: channelData(eventType) });
    },
    message: (text, options = {}, overrides) => {
      const mention = options.mentionBot ?? conversationType !== 'personal';
      const mentionText = `<at>${botAccount.name ?? 'Neuvo'}</at>`;
      const activity = base('message', undefined, {
        text: mention ? `${mentionText} ${text}` : text,
        textFormat: 'plain',
        attachments: [],
      });
      if (mention) {
        activity.entities = [...(activity.entities as unknown[]), { type: 'mention', text: mentionText, mentioned: { id: botAccount.id, name: botAccount.name } }];
      }
      return { ...activity, ...overrides };
    },
    cardSubmit: (value, replyToId = newActivityId(now()), overrides) =>
      base('message', overrides, { value, replyToId, channelData: cardChannelData(replyToId) }),
    adaptiveCardInvoke: (verb, data = {}, replyToId = newActivityId(now()), overrides) =>
      base('invoke', overrides, {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
        replyToId,
        channelData: cardChannelData(replyToId),
      }),
    messageExtensionQuery: (commandId, parameters, overrides) =>
      base('invoke', overrides, {
        name: 'composeExtension/query',
        value: { commandId, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })), queryOptions: { skip: 0, count: 25 } },
        channelData: channelData({ source: { name: 'compose' } }),
      }),
    messageExtensionFetchTask: (commandId, messageHtml, overrides) =>
      base('invoke', overrides, {
        name: 'composeExtension/fetchTask',
        value: {
          commandId,
          commandContext: messageHtml === undefined ? 'compose' : 'message',
          context: { theme: 'default' },
          ...(messageHtml === undefined ? {} : { messagePayload: { id: newActivityId(now()), messageType: 'message', body: { contentType: 'html', content: messageHtml } } }),
        },
        channelData: channelData({ source: { name: messageHtml === undefined ? 'compose' : 'message' } }),
      }),
    messageExtensionSubmit: (commandId, data, overrides) =>
      base('invoke', overrides, {
        name: 'composeExtension/submitAction',
        value: { commandId, commandContext: 'compose', context: { theme: 'default' }, data },
        channelData: channelData({ source: { name: 'compose' } }),
      }),
    meetingStart: (meeting, overrides) => meetingEvent('application/vnd.microsoft.meetingStart', meetingValue(meeting, 'StartTime'), meeting, overrides),
    meetingEnd: (meeting, overrides) => meetingEvent('application/vnd.microsoft.meetingEnd', meetingValue(meeting, 'EndTime'), meeting, overrides),
    participantJoin: (list, meeting, overrides) =>
      meetingEvent('application/vnd.microsoft.meetingParticipantJoin', participants(list, true), meeting, overrides),
    participantLeave: (list, meeting, overrides) =>
      meetingEvent('application/vnd.microsoft.meetingParticipantLeave', participants(list, false), meeting, overrides),
  };
}

function defaultConversationId(type: WireConversation['conversationType']): string {
  const unique = randomUUID().replaceAll('-', '');
  if (type === 'personal') return `a:1${unique}`;
  if (type === 'groupChat') return `19:meeting_${unique}@thread.v2`;
  return `19:${unique}@thread.tacv2`;
}

/** Teams' meeting id: base64 of `0#<chat thread id>#0`, e.g. `MCMxOTptZWV0aW5n…`. */
function meetingIdFor(conversationId: string): string {
  return Buffer.from(`0#${conversationId.split(';')[0] ?? conversationId}#0`).toString('base64');
}

let lastActivityId = 0;
/**
 * Teams message ids are epoch milliseconds as a string; kept strictly increasing within a process
 * and shared with the connector, so ids the "user" sends never collide with ids the bot receives.
 */
export function newActivityId(instant: Date = new Date()): string {
  lastActivityId = Math.max(lastActivityId + 1, instant.getTime());
  return String(lastActivityId);
}

/**
 * ISO-8601 local time with the zone's offset, as Teams sends `localTimestamp`.
 * Worked example: 2025-03-30T00:30:00Z in Europe/Helsinki (EET, +02:00, before the 03:00 local
 * DST switch) → `2025-03-30T02:30:00.000+02:00`; an hour later, 01:30Z → `04:30:00.000+03:00`.
 */
export function localIso(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const localAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMin = Math.round((localAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const ms = String(instant.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms}${offset}`;
}
