import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type {
  ChatMessage,
  DateTimeTimeZone,
  Event,
  FieldValueSet,
  FreeBusyStatus,
  ListItem,
  Message,
  OnlineMeeting,
  ScheduleInformation,
  ScheduleItem,
} from '@microsoft/microsoft-graph-types';
import type { JWTPayload } from 'jose';
import { generateLoopbackCertificate } from '../harness/global-setup.js';
import {
  LOOPBACK,
  loadHarnessTls,
  parseJson,
  pathOf,
  readBody,
  sendJson,
  startLoopbackServer,
  type TlsMaterial,
} from '../harness/loopback-server.js';

/** `aud` of an app token for Graph (the scope `https://graph.microsoft.com/.default` without the suffix). */
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/** What the simulator needs of the harness token server: checking a bearer token it issued. */
export interface TokenVerifier {
  verifyAccessToken(authorization: string | undefined, audience: string): Promise<JWTPayload | undefined>;
}

/** Options of {@link startGraphSimulator}. */
export interface GraphSimulatorOptions {
  /** Default: the harness certificate (trusted in test workers through NODE_EXTRA_CA_CERTS). */
  readonly tls?: TlsMaterial;
  /**
   * Checks every request's bearer token (audience {@link GRAPH_AUDIENCE}); 401 when it fails.
   * Without one, any bearer token is accepted (standalone use), but a missing token is still 401.
   */
  readonly tokens?: TokenVerifier;
}

/** A fault to inject: the next matching requests get this status instead of an answer. */
export interface FaultSpec {
  readonly status: number;
  /** Sent as `Retry-After` (seconds). */
  readonly retryAfterSec?: number;
  /** Only requests whose `METHOD path` matches (substring or RegExp); default every request. */
  readonly match?: string | RegExp;
  /** Graph's error code; default one fitting the status (TooManyRequests, ServiceUnavailable…). */
  readonly code?: string;
  /**
   * The request takes effect first and only its answer is replaced by the fault, like a gateway
   * timing out after the write was done: what an at-least-once caller must survive. Default false.
   */
  readonly applied?: boolean;
}

/** One request the simulator answered (after the token check, faults included). */
export interface SimulatorRequest {
  readonly method: string;
  /** Path below the origin, e.g. `/v1.0/users/a%40x/calendar/getSchedule`. */
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
  /** `appid` claim of the bearer token, when verified; undefined for a refused or unverified token. */
  readonly appId?: string;
}

/** A meeting created through createOrGet, with the organizer it was created for. */
export interface SimulatedMeeting {
  readonly organizer: string;
  readonly meeting: OnlineMeeting;
}

/** A mail accepted by sendMail. */
export interface SentMail {
  readonly from: string;
  readonly message: Message;
  readonly saveToSentItems: boolean | undefined;
}

/** A busy period seeded into a user's calendar. */
export interface SeededItem {
  readonly start: Date;
  readonly end: Date;
  /** Default `busy`. */
  readonly status?: FreeBusyStatus;
}

/** Request categories for concurrency accounting (Outlook's "4 concurrent requests" is about calendar/mail). */
export type RequestCategory = 'calendar' | 'onlineMeetings' | 'mail' | 'other';

/** A running simulator. Users are keyed case-insensitively by the id in the path (UPN or object id). */
export interface GraphSimulator {
  /** `https://127.0.0.1:<port>`: the Graph client's `baseUrl`. */
  readonly origin: string;
  /** Delay before each answer (after the token check); 0 by default. */
  latencyMs: number;
  failNext(count: number, fault: FaultSpec): void;
  seedBusy(userId: string, items: ReadonlyArray<SeededItem>): void;
  /** getSchedule answers this user with `error` (ErrorMailRecipientNotFound), like an unknown mailbox. */
  markMailboxMissing(userId: string): void;
  /**
   * Marks a list column as indexed: `$filter` on it then works without the
   * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` header, as in SharePoint. Every other
   * column answers such a filter with 400 `invalidRequest` unless the header is sent.
   */
  markColumnIndexed(site: string, list: string, column: string): void;
  requests(): readonly SimulatorRequest[];
  meetings(): readonly SimulatedMeeting[];
  sentMail(): readonly SentMail[];
  events(): ReadonlyArray<{ readonly userId: string; readonly event: Event }>;
  /** The items as they are now (after updates and deletes); `item.fields` holds the columns set, without Graph's `@odata.etag` / `id`. */
  listItems(): ReadonlyArray<{ readonly site: string; readonly list: string; readonly item: ListItem }>;
  channelMessages(): ReadonlyArray<{ readonly team: string; readonly channel: string; readonly message: ChatMessage }>;
  /** Most requests of a category that were in flight at the same time. */
  peakConcurrency(category: RequestCategory): number;
  close(): Promise<void>;
}

/** What a route may read of the request beyond method, path and body. */
interface RequestExtras {
  readonly query: URLSearchParams;
  readonly prefer: string | undefined;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * A local Microsoft Graph (v1.0) for the calls Neuvo makes, with Graph's documented request and
 * response shapes: calendar getSchedule, onlineMeetings createOrGet / delete, events create /
 * delete, sendMail, SharePoint list items (create, filter by a column, read, update fields,
 * delete) and channel messages. HTTPS only, because the Graph client attaches its token only over
 * https; every request must carry a token the harness token server issued for Graph. Errors use Graph's `{ error: { code, message, innerError } }`.
 */
export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const state = new SimulatorState(options.tokens);
  const server = await startLoopbackServer((req, res) => state.handle(req, res), options.tls ?? loadHarnessTls());
  return state.expose(server.origin, () => server.close());
}

/**
 * Starts the simulator alone on `port` of 127.0.0.1 (for `npm start`), with a self-signed
 * certificate of its own unless `tls` is given. Accepts any bearer token. Returns it for closing.
 */
export async function main(port: number, tls: TlsMaterial = generateLoopbackCertificate()): Promise<GraphSimulator> {
  const state = new SimulatorState(undefined);
  const server = createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    state.handle(req, res).catch((err: unknown) => sendJson(res, 500, graphError('InternalServerError', String(err))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return state.expose(`https://${LOOPBACK}:${actual}`, () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
}

class SimulatorState {
  latencyMs = 0;
  readonly faults: Array<{ remaining: number; fault: FaultSpec }> = [];
  readonly calendars = new Map<string, SeededItem[]>();
  readonly missingMailboxes = new Set<string>();
  readonly recorded: SimulatorRequest[] = [];
  readonly meetingList: SimulatedMeeting[] = [];
  readonly mail: SentMail[] = [];
  readonly eventList: Array<{ userId: string; event: Event }> = [];
  readonly items: StoredListItem[] = [];
  /** `site/list` → the last item id given out: SharePoint ids are integers per list, never reused. */
  readonly lastItemId = new Map<string, number>();
  /** `site/list/column` of the columns marked indexed. */
  readonly indexedColumns = new Set<string>();
  readonly posts: Array<{ team: string; channel: string; message: ChatMessage }> = [];
  readonly inFlight = new Map<RequestCategory, number>();
  readonly peak = new Map<RequestCategory, number>();

  constructor(private readonly tokens: TokenVerifier | undefined) {}

  expose(origin: string, close: () => Promise<void>): GraphSimulator {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the returned object's accessors read the live state.
    const self = this;
    return {
      origin,
      get latencyMs() {
        return self.latencyMs;
      },
      set latencyMs(value: number) {
        self.latencyMs = value;
      },
      failNext: (count, fault) => {
        if (count > 0) this.faults.push({ remaining: count, fault });
      },
      seedBusy: (userId, items) => {
        const key = userId.toLowerCase();
        this.calendars.set(key, [...(this.calendars.get(key) ?? []), ...items]);
      },
      markMailboxMissing: (userId) => void this.missingMailboxes.add(userId.toLowerCase()),
      markColumnIndexed: (site, list, column) => void this.indexedColumns.add(`${site}/${list}/${column}`),
      requests: () => [...this.recorded],
      meetings: () => [...this.meetingList],
      sentMail: () => [...this.mail],
      events: () => [...this.eventList],
      listItems: () => [...this.items],
      channelMessages: () => [...this.posts],
      peakConcurrency: (category) => this.peak.get(category) ?? 0,
      close,
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = pathOf(req);
    const extras: RequestExtras = { query: new URL(req.url ?? '/', 'http://placeholder').searchParams, prefer: header(req, 'prefer') };
    const text = await readBody(req);
    const body = parseJson(text);
    const requestId = randomUUID();
    const clientRequestId = header(req, 'client-request-id') ?? randomUUID();
    const send = (reply: Reply, appId?: string): void => {
      this.recorded.push({ method, path, body, status: reply.status, ...(appId === undefined ? {} : { appId }) });
      sendJson(res, reply.status, reply.body, { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers });
    };

    const authorization = header(req, 'authorization');
    let appId: string | undefined;
    if (this.tokens) {
      const claims = await this.tokens.verifyAccessToken(authorization, GRAPH_AUDIENCE);
      if (!claims) return send(errorReply(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience or signature.', requestId));
      appId = typeof claims.appid === 'string' ? claims.appid : undefined;
    } else if (!/^Bearer \S+$/.test(authorization ?? '')) {
      return send(errorReply(401, 'InvalidAuthenticationToken', 'Access token is empty.', requestId));
    }

    const category = categoryOf(path);
    const now = (this.inFlight.get(category) ?? 0) + 1;
    this.inFlight.set(category, now);
    this.peak.set(category, Math.max(this.peak.get(category) ?? 0, now));
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const fault = this.takeFault(`${method} ${path}`);
      if (fault) {
        if (fault.applied) this.route(method, path, body, requestId, extras);
        const retryAfter: Record<string, string> = fault.retryAfterSec === undefined ? {} : { 'retry-after': String(fault.retryAfterSec) };
        const code = fault.code ?? defaultCode(fault.status);
        return send({ ...errorReply(fault.status, code, `Injected fault: ${code}.`, requestId), headers: retryAfter }, appId);
      }
      return send(this.route(method, path, body, requestId, extras), appId);
    } finally {
      this.inFlight.set(category, (this.inFlight.get(category) ?? 1) - 1);
    }
  }

  private takeFault(target: string): FaultSpec | undefined {
    const entry = this.faults.find(({ fault }) =>
      fault.match === undefined ? true : typeof fault.match === 'string' ? target.includes(fault.match) : fault.match.test(target),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(this.faults.indexOf(entry), 1);
    return entry.fault;
  }

  private route(method: string, path: string, body: unknown, requestId: string, extras: RequestExtras): Reply {
    const segments = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    if (segments[0] !== 'v1.0') return errorReply(400, 'BadRequest', `Invalid version: ${segments[0] ?? ''}`, requestId);
    const [, root, id, ...rest] = segments;
    const tail = `${method} ${rest.join('/')}`;
    if (root === 'users' && id) {
      if (tail === 'POST calendar/getSchedule') return this.getSchedule(body, requestId);
      if (tail === 'POST onlineMeetings/createOrGet') return this.createOrGet(id, body, requestId);
      if (method === 'DELETE' && rest.length === 2 && rest[0] === 'onlineMeetings') return this.deleteMeeting(id, rest[1] ?? '', requestId);
      if (tail === 'POST events') return this.createEvent(id, body, requestId);
      if (method === 'DELETE' && rest.length === 2 && rest[0] === 'events') return this.deleteEvent(id, rest[1] ?? '', requestId);
      if (tail === 'POST sendMail') return this.sendMail(id, body, requestId);
    }
    if (root === 'sites' && id && rest[0] === 'lists' && rest[1] && rest[2] === 'items') {
      const reply = this.routeListItems(method, { site: id, list: rest[1], itemId: rest[3], sub: rest.slice(4).join('/') }, body, requestId, extras);
      if (reply) return reply;
    }
    if (root === 'teams' && id && method === 'POST' && rest.length === 3 && rest[0] === 'channels' && rest[2] === 'messages') {
      return this.postChannelMessage(id, rest[1] ?? '', body, requestId);
    }
    return errorReply(400, 'BadRequest', `Resource not found for the segment '${rest[0] ?? root ?? ''}'.`, requestId);
  }

  /** `POST /users/{id}/calendar/getSchedule`: items from seeded busy times and created events. */
  private getSchedule(body: unknown, requestId: string): Reply {
    const request = asRecord(body);
    const schedules = request.schedules;
    const start = readUtc(request.startTime);
    const end = readUtc(request.endTime);
    const interval = request.availabilityViewInterval ?? 30;
    if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'string')) {
      return errorReply(400, 'ErrorInvalidParameter', 'schedules must be a non-empty array of SMTP addresses.', requestId);
    }
    if (schedules.length > 20) return errorReply(400, 'ErrorInvalidParameter', 'At most 20 schedules can be requested at once.', requestId);
    if (!start || !end || start >= end) return errorReply(400, 'ErrorInvalidParameter', 'startTime/endTime must be UTC dateTimeTimeZone values, start before end (the simulator speaks UTC only).', requestId);
    if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 5 || interval > 1440) {
      return errorReply(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be an integer from 5 to 1440.', requestId);
    }
    const value: ScheduleInformation[] = (schedules as string[]).map((scheduleId) => {
      const key = scheduleId.toLowerCase();
      if (this.missingMailboxes.has(key)) {
        return { scheduleId, error: { message: `The mailbox ${scheduleId} could not be found.`, responseCode: 'ErrorMailRecipientNotFound' } };
      }
      const items = this.itemsOf(key).filter((item) => item.start < end && item.end > start);
      const scheduleItems: ScheduleItem[] = items.map((item) => ({
        isPrivate: false,
        status: item.status ?? 'busy',
        start: writeUtc(item.start),
        end: writeUtc(item.end),
      }));
      return { scheduleId, availabilityView: availabilityView(items, start, end, interval), scheduleItems };
    });
    return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value } };
  }

  private itemsOf(key: string): SeededItem[] {
    const fromEvents = this.eventList
      .filter((e) => e.userId === key && e.event.isCancelled !== true)
      .flatMap((e): SeededItem[] => {
        const start = readUtc(e.event.start);
        const end = readUtc(e.event.end);
        return start && end ? [{ start, end, status: e.event.showAs ?? 'busy' }] : [];
      });
    return [...(this.calendars.get(key) ?? []), ...fromEvents];
  }

  /** `POST /users/{id}/onlineMeetings/createOrGet`: 201 for a new externalId, 200 with the same meeting after. */
  private createOrGet(userId: string, body: unknown, requestId: string): Reply {
    const request = asRecord(body) as OnlineMeeting;
    if (typeof request.externalId !== 'string' || request.externalId === '') {
      return errorReply(400, 'BadRequest', 'externalId is required.', requestId);
    }
    const organizer = userId.toLowerCase();
    const existing = this.meetingList.find((m) => m.organizer === organizer && m.meeting.externalId === request.externalId);
    if (existing) return { status: 200, body: existing.meeting };
    const id = Buffer.from(`1*${organizer}*0**19:meeting_${randomUUID()}@thread.v2`).toString('base64url');
    const thread = `19:meeting_${randomUUID().replaceAll('-', '')}@thread.v2`;
    const start = request.startDateTime ? new Date(request.startDateTime) : new Date();
    const end = request.endDateTime ? new Date(request.endDateTime) : new Date(start.getTime() + 3_600_000);
    const meeting: OnlineMeeting = {
      id,
      externalId: request.externalId,
      subject: request.subject ?? null,
      creationDateTime: new Date().toISOString(),
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: 'simulated', Oid: userId }))}`,
      chatInfo: { threadId: thread, messageId: '0', replyChainMessageId: null },
      participants: { organizer: { role: 'presenter', identity: { user: { id: userId, displayName: null } } }, attendees: [] },
    };
    this.meetingList.push({ organizer, meeting });
    return { status: 201, body: meeting };
  }

  private deleteMeeting(userId: string, meetingId: string, requestId: string): Reply {
    const index = this.meetingList.findIndex((m) => m.organizer === userId.toLowerCase() && m.meeting.id === meetingId);
    if (index < 0) return errorReply(404, 'NotFound', 'The meeting was not found.', requestId);
    this.meetingList.splice(index, 1);
    return { status: 204 };
  }

  /** `POST /users/{id}/events`: stored, and seen by getSchedule as its `showAs` (default busy). */
  private createEvent(userId: string, body: unknown, requestId: string): Reply {
    const request = asRecord(body) as Event;
    if (!readUtc(request.start) || !readUtc(request.end)) return errorReply(400, 'ErrorInvalidRequest', 'start and end are required (UTC in the simulator).', requestId);
    const event: Event = { ...request, id: randomUUID(), createdDateTime: new Date().toISOString(), showAs: request.showAs ?? 'busy' };
    this.eventList.push({ userId: userId.toLowerCase(), event });
    return { status: 201, body: event };
  }

  private deleteEvent(userId: string, eventId: string, requestId: string): Reply {
    const index = this.eventList.findIndex((e) => e.userId === userId.toLowerCase() && e.event.id === eventId);
    if (index < 0) return errorReply(404, 'ErrorItemNotFound', 'The specified object was not found in the store.', requestId);
    this.eventList.splice(index, 1);
    return { status: 204 };
  }

  /** `POST /users/{id}/sendMail`: 202 with no body, like Graph (which queues the mail). */
  private sendMail(userId: string, body: unknown, requestId: string): Reply {
    const request = asRecord(body);
    const message = asRecord(request.message) as Message;
    if (!request.message || !Array.isArray(message.toRecipients) || message.toRecipients.length === 0) {
      return errorReply(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.', requestId);
    }
    this.mail.push({ from: userId, message, saveToSentItems: typeof request.saveToSentItems === 'boolean' ? request.saveToSentItems : undefined });
    return { status: 202 };
  }

  private routeListItems(method: string, target: ListTarget, body: unknown, requestId: string, extras: RequestExtras): Reply | undefined {
    const { itemId, sub } = target;
    const expand = extras.query.get('$expand');
    if (expand !== null && expand !== 'fields') return errorReply(400, 'invalidRequest', `The simulator can expand 'fields' only, not '${expand}'.`, requestId);
    const withFields = expand === 'fields';
    if (itemId === undefined) {
      if (method === 'POST') return this.createListItem(target, body, requestId);
      if (method === 'GET') return this.queryListItems(target, withFields, requestId, extras);
      return undefined;
    }
    const index = this.items.findIndex((e) => e.site === target.site && e.list === target.list && e.item.id === itemId);
    const stored = this.items[index];
    const known = ((method === 'GET' || method === 'DELETE') && sub === '') || (method === 'PATCH' && sub === 'fields');
    if (!known) return undefined;
    // Graph's answer for an item id the list does not have (never created, or deleted).
    if (!stored) return errorReply(404, 'itemNotFound', 'The specified list item was not found.', requestId);
    if (method === 'GET') return { status: 200, body: { '@odata.context': `${listContext(target)}/items/$entity`, ...wireItem(stored, withFields) } };
    if (method === 'DELETE') {
      this.items.splice(index, 1);
      return { status: 204 };
    }
    return this.updateListItemFields(index, stored, body, requestId);
  }

  /** `POST /sites/{site}/lists/{list}/items`: 201 with the new item and its fields, like Graph. */
  private createListItem(target: ListTarget, body: unknown, requestId: string): Reply {
    const request = asRecord(body) as ListItem;
    if (!request.fields) return errorReply(400, 'invalidRequest', 'fields is required.', requestId);
    const listKey = `${target.site}/${target.list}`;
    const id = (this.lastItemId.get(listKey) ?? 0) + 1;
    this.lastItemId.set(listKey, id);
    const now = new Date().toISOString();
    const item: ListItem = { id: String(id), createdDateTime: now, lastModifiedDateTime: now, eTag: listItemETag(), fields: userFields(request.fields) };
    const stored = { site: target.site, list: target.list, item };
    this.items.push(stored);
    return { status: 201, body: { '@odata.context': `${listContext(target)}/items/$entity`, ...wireItem(stored, true) } };
  }

  /**
   * `GET /sites/{site}/lists/{list}/items` with `$filter=fields/X eq 'text'` (the only filter the
   * simulator understands), `$expand=fields` and `$top`. Like SharePoint, a filter on a column
   * that is not indexed ({@link GraphSimulator.markColumnIndexed}) is refused with 400 unless the
   * request sends `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`.
   */
  private queryListItems(target: ListTarget, withFields: boolean, requestId: string, extras: RequestExtras): Reply {
    let found = this.items.filter((e) => e.site === target.site && e.list === target.list);
    const filter = extras.query.get('$filter');
    if (filter !== null) {
      const parsed = /^fields\/(\w+) eq '((?:[^']|'')*)'$/.exec(filter);
      if (!parsed) return errorReply(400, 'invalidRequest', "The simulator filters only with fields/<column> eq '<text>'.", requestId);
      const column = parsed[1] ?? '';
      const value = (parsed[2] ?? '').replaceAll("''", "'");
      if (!this.indexedColumns.has(`${target.site}/${target.list}/${column}`) && !prefers(extras.prefer, HONOR_NON_INDEXED)) {
        // Graph's own wording for this refusal.
        return errorReply(400, 'invalidRequest', `Field '${column}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`, requestId);
      }
      found = found.filter((e) => {
        const actual = asRecord(e.item.fields)[column];
        return actual !== undefined && actual !== null && String(actual) === value;
      });
    }
    const topText = extras.query.get('$top');
    if (topText !== null) {
      const top = Number(topText);
      if (!Number.isInteger(top) || top < 1) return errorReply(400, 'invalidRequest', `Invalid $top value '${topText}'.`, requestId);
      found = found.slice(0, top);
    }
    return { status: 200, body: { '@odata.context': `${listContext(target)}/items${withFields ? '(fields())' : ''}`, value: found.map((e) => wireItem(e, withFields)) } };
  }

  /** `PATCH /sites/{site}/lists/{list}/items/{id}/fields`: merges the columns, answers the fieldValueSet. */
  private updateListItemFields(index: number, stored: StoredListItem, body: unknown, requestId: string): Reply {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return errorReply(400, 'invalidRequest', 'The body must be a fieldValueSet object.', requestId);
    const item: ListItem = {
      ...stored.item,
      lastModifiedDateTime: new Date().toISOString(),
      eTag: listItemETag(stored.item.eTag),
      fields: { ...userFields(stored.item.fields), ...userFields(body as FieldValueSet) },
    };
    // A new object, so a snapshot taken earlier through listItems() keeps what it saw.
    const updated = { ...stored, item };
    this.items[index] = updated;
    return { status: 200, body: { '@odata.context': `${listContext(stored)}/items('${item.id ?? ''}')/fields/$entity`, ...wireFields(updated) } };
  }

  private postChannelMessage(team: string, channel: string, body: unknown, requestId: string): Reply {
    const request = asRecord(body) as ChatMessage;
    if (!request.body?.content) return errorReply(400, 'BadRequest', 'body.content is required.', requestId);
    const message: ChatMessage = {
      ...request,
      id: String(Date.now() + this.posts.length),
      createdDateTime: new Date().toISOString(),
      messageType: 'message',
      channelIdentity: { teamId: team, channelId: channel },
    };
    this.posts.push({ team, channel, message });
    return { status: 201, body: message };
  }
}

/** A list and, for the item routes, the item id and what follows it (`fields` or ''). */
interface ListTarget {
  readonly site: string;
  readonly list: string;
  readonly itemId?: string | undefined;
  readonly sub?: string;
}

interface StoredListItem {
  readonly site: string;
  readonly list: string;
  readonly item: ListItem;
}

/** The Prefer value SharePoint wants before it filters on a column that is not indexed. */
const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

function prefers(prefer: string | undefined, preference: string): boolean {
  return (prefer ?? '').split(',').some((p) => p.trim().toLowerCase() === preference.toLowerCase());
}

function listContext(target: { readonly site: string; readonly list: string }): string {
  return `https://graph.microsoft.com/v1.0/$metadata#sites('${target.site}')/lists('${target.list}')`;
}

/** The columns a caller set, without the annotations and `id` Graph adds on the way out. */
function userFields(fields: FieldValueSet | null | undefined): FieldValueSet {
  return Object.fromEntries(Object.entries(asRecord(fields)).filter(([name]) => name !== 'id' && !name.includes('@odata.')));
}

/** SharePoint's item eTag: `"{guid},{version}"`; the version goes up with every change. */
function listItemETag(previous?: string | null): string {
  const match = previous ? /^"(.+),(\d+)"$/.exec(previous) : null;
  return match ? `"${match[1] ?? ''},${Number(match[2]) + 1}"` : `"${randomUUID()},1"`;
}

/** An item as Graph writes it: `@odata.etag`, and with `fields` expanded, the columns. */
function wireItem(stored: StoredListItem, withFields: boolean): Record<string, unknown> {
  const { fields: _fields, ...item } = stored.item;
  return { '@odata.etag': item.eTag, ...item, ...(withFields ? { fields: wireFields(stored) } : {}) };
}

/** A fieldValueSet as Graph writes it: the columns plus `@odata.etag` and the item's `id`. */
function wireFields(stored: StoredListItem): Record<string, unknown> {
  return { '@odata.etag': stored.item.eTag, id: stored.item.id, ...asRecord(stored.item.fields) };
}

function categoryOf(path: string): RequestCategory {
  if (/\/(calendar|events)(\/|$)/.test(path)) return 'calendar';
  if (path.includes('/onlineMeetings')) return 'onlineMeetings';
  if (path.endsWith('/sendMail')) return 'mail';
  return 'other';
}

/** Graph's availabilityView: one digit per slot, the strongest status in it (0 free / working elsewhere, 1 tentative, 2 busy, 3 oof). */
function availabilityView(items: SeededItem[], start: Date, end: Date, minutes: number): string {
  const weight: Record<FreeBusyStatus, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };
  let view = '';
  for (let t = start.getTime(); t < end.getTime(); t += minutes * 60_000) {
    const slotEnd = t + minutes * 60_000;
    const overlapping = items.filter((i) => i.start.getTime() < slotEnd && i.end.getTime() > t);
    view += String(Math.max(0, ...overlapping.map((i) => weight[i.status ?? 'busy'])));
  }
  return view;
}

/** Graph writes UTC times without offset and with seven fractional digits. */
function writeUtc(instant: Date): DateTimeTimeZone {
  return { dateTime: `${instant.toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}

function readUtc(value: unknown): Date | undefined {
  const record = asRecord(value) as DateTimeTimeZone;
  if (typeof record.dateTime !== 'string' || (record.timeZone ?? 'UTC').toUpperCase() !== 'UTC') return undefined;
  const parsed = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(record.dateTime) ? record.dateTime : `${record.dateTime.replace(/(\.\d{3})\d+$/, '$1')}Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'BadRequest',
    401: 'InvalidAuthenticationToken',
    403: 'Forbidden',
    404: 'NotFound',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? 'UnknownError';
}

function graphError(code: string, message: string, requestId: string = randomUUID()): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId } } };
}

function errorReply(status: number, code: string, message: string, requestId: string): Reply {
  return { status, body: graphError(code, message, requestId) };
}

// `tsx test/graph-simulator/graph-simulator.ts [port]`: the simulator alone (port default 4443).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 4443);
  main(port).then((sim) => console.log(`Graph simulator on ${sim.origin} (any bearer token accepted)`));
}
