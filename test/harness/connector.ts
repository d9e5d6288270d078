import { randomUUID } from 'node:crypto';
import { newActivityId } from './activities.js';
import { parseJson, pathOf, readBody, sendJson, startLoopbackServer } from './loopback-server.js';

/** A Teams member as the connector's member endpoints return it (`TeamsChannelAccount`). */
export interface TeamsMember {
  /** Teams user id, `29:…`. */
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
  /** `user`, `guest` (B2B) or `anonymous` (meeting joined from a browser). */
  readonly userRole?: 'user' | 'guest' | 'anonymous';
}

/** One HTTP request the bot made to the connector. */
export interface ConnectorRequest {
  readonly method: string;
  /** Path below the service URL's base path, e.g. `/v3/conversations/a:1/activities/123`. */
  readonly path: string;
  /** Decoded conversation id from the path, when the route has one. */
  readonly conversationId?: string;
  /** Decoded activity id from the path (reply / update / delete). */
  readonly activityId?: string;
  /** Parsed JSON body (`undefined` when empty). */
  readonly body: unknown;
  /** The `Authorization` header as sent, e.g. `Bearer eyJ…`. */
  readonly authorization: string | undefined;
  /** Status the connector answered. */
  readonly status: number;
  readonly at: Date;
}

/** An activity the bot sent (send, reply, or update), with where it went. */
export interface SentActivity {
  readonly kind: 'send' | 'reply' | 'update';
  readonly conversationId: string;
  /** The activity id the reply/update targets. */
  readonly activityId?: string;
  /** Id the connector assigned (send / reply) or the updated id. */
  readonly id: string;
  readonly activity: Record<string, unknown>;
  readonly authorization: string | undefined;
}

/** A scripted failure for the next matching requests. */
export interface ConnectorFault {
  /** HTTP status to answer, e.g. 429, 401, 412, 500, 502. */
  readonly status: number;
  /** Seconds for `Retry-After` (Teams sends it on 429). */
  readonly retryAfterSec?: number;
  /** Body; default the connector's `{ error: { code, message } }` for the status. */
  readonly body?: unknown;
  /** Only requests this returns true for consume the fault; default every request. */
  readonly match?: (method: string, path: string) => boolean;
}

/** Options of {@link startConnector}. */
export interface ConnectorOptions {
  /**
   * Base path of the service URL, with leading and trailing slash. Default `/emea/`: Teams'
   * service URLs carry a region path (`https://smba.trafficmanager.net/emea/`), so a bot that
   * rebuilds URLs from the origin alone fails here as it would in production.
   */
  readonly basePath?: string;
  /** Members returned by the member endpoints, for every conversation unless set per conversation. */
  readonly members?: readonly TeamsMember[];
  /**
   * Checks the `Authorization` header; `false` → 401 like the real connector. Default: accept
   * anything (the local Teams channel wires the token server's verifier here).
   */
  readonly authorize?: (authorization: string | undefined) => Promise<boolean> | boolean;
}

/** A local Bot Connector service (the REST API behind the activity's `serviceUrl`). */
export interface Connector {
  /** The activity `serviceUrl`: `http://127.0.0.1:<port>/emea/` (trailing slash, like Teams). */
  readonly serviceUrl: string;
  readonly requests: readonly ConnectorRequest[];
  /** Activities sent, replied or updated, in arrival order. */
  readonly activities: readonly SentActivity[];
  /** Deleted activity ids, as `{ conversationId, activityId }`. */
  readonly deleted: readonly { conversationId: string; activityId: string }[];
  /** Conversations the bot created (`POST /v3/conversations`), with the parameters it sent. */
  readonly createdConversations: readonly { id: string; parameters: unknown }[];
  /**
   * Resolves with the first `n` sent activities that pass `filter` (default: all but `typing`),
   * or rejects after `timeoutMs` listing what did arrive.
   */
  waitForActivities(n: number, timeoutMs?: number, filter?: (a: SentActivity) => boolean): Promise<SentActivity[]>;
  /** Answers the next `count` matching requests with `fault` instead of serving them. */
  failNext(count: number, fault: ConnectorFault): void;
  /** Sets the members of one conversation (overrides `options.members` there). */
  setMembers(conversationId: string, members: readonly TeamsMember[]): void;
  /** Forgets recorded requests/activities and pending faults. */
  reset(): void;
  /** Calls `listener` with every activity as it is recorded (a reset does not remove listeners): the channel's card wallet. */
  observe(listener: (sent: SentActivity) => void): void;
  close(): Promise<void>;
}

const notTyping = (a: SentActivity): boolean => a.activity.type !== 'typing';

/**
 * Starts a local Bot Connector on 127.0.0.1 over plain HTTP. botbuilder does not require https
 * for a serviceUrl: its connector client signs every request through the credentials' own
 * `signRequest`, with no TLS check (unlike @azure/core-rest-pipeline's bearer policy).
 *
 * Implements what a Teams bot calls: send (`POST /v3/conversations/{id}/activities`), reply
 * (`POST …/activities/{activityId}`), update (`PUT`), delete (`DELETE`), create conversation
 * (`POST /v3/conversations`), members (`GET …/members`, `…/members/{id}`, `…/pagedmembers`), and
 * team details (`GET /v3/teams/{id}`). Answers use the documented shapes: `ResourceResponse
 * { id }`, `ConversationResourceResponse { id, activityId, serviceUrl }`, errors as
 * `{ error: { code, message } }`.
 */
export async function startConnector(options: ConnectorOptions = {}): Promise<Connector> {
  const basePath = options.basePath ?? '/emea/';
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) throw new Error('basePath must start and end with "/"');
  const requests: ConnectorRequest[] = [];
  const activities: SentActivity[] = [];
  const listeners: ((sent: SentActivity) => void)[] = [];
  const record = (sent: SentActivity): void => {
    activities.push(sent);
    for (const listener of listeners) listener(sent);
  };
  const deleted: { conversationId: string; activityId: string }[] = [];
  const createdConversations: { id: string; parameters: unknown }[] = [];
  const membersByConversation = new Map<string, readonly TeamsMember[]>();
  const faults: { remaining: number; fault: ConnectorFault }[] = [];
  const waiters = new Set<() => void>();
  let origin = '';

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const membersOf = (conversationId: string): readonly TeamsMember[] =>
    membersByConversation.get(conversationId) ?? options.members ?? [];

  const server = await startLoopbackServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const fullPath = pathOf(req);
    const authorization = req.headers.authorization;
    const bodyText = await readBody(req);
    const body = parseJson(bodyText);
    const path = fullPath.startsWith(basePath) ? `/${fullPath.slice(basePath.length)}` : fullPath;
    const segments = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    const conversationId = segments[0] === 'v3' && segments[1] === 'conversations' ? segments[2] : undefined;
    const activityId = conversationId !== undefined && segments[3] === 'activities' ? segments[4] : undefined;

    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      requests.push({
        method,
        path,
        ...(conversationId !== undefined ? { conversationId } : {}),
        ...(activityId !== undefined ? { activityId } : {}),
        body,
        authorization,
        status,
        at: new Date(),
      });
      sendJson(res, status, payload, headers);
      notify();
    };

    if (!fullPath.startsWith(basePath)) {
      return answer(404, connectorError('NotFound', `Not under the service URL's base path ${basePath}`));
    }
    const faultEntry = faults.find((f) => f.remaining > 0 && (f.fault.match?.(method, path) ?? true));
    if (faultEntry) {
      faultEntry.remaining -= 1;
      const { status, retryAfterSec, body: faultBody } = faultEntry.fault;
      return answer(status, faultBody ?? defaultErrorBody(status), retryAfterSec !== undefined ? { 'retry-after': String(retryAfterSec) } : {});
    }
    if (options.authorize && !(await options.authorize(authorization))) {
      // The real connector answers an unsigned or badly signed request with 401 and this message.
      return answer(401, { message: 'Authorization has been denied for this request.' });
    }
    return route(method, segments, body, authorization, answer);
  });
  origin = server.origin;

  function route(
    method: string,
    segments: string[],
    body: unknown,
    authorization: string | undefined,
    answer: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ): void {
    const [v3, collection, id, sub, subId, ...extra] = segments;
    if (v3 !== 'v3' || extra.length > 0) return answer(404, connectorError('NotFound', 'Unknown route'));

    if (collection === 'conversations') {
      if (id === undefined) {
        if (method !== 'POST') return answer(405, connectorError('MethodNotAllowed', method));
        return createConversation(body, answer);
      }
      if (sub === 'activities') {
        const activity = asRecord(body);
        if (method === 'POST') {
          if (!activity || typeof activity.type !== 'string') return answer(400, connectorError('BadArgument', 'Activity type is required'));
          const newId = newActivityId();
          record({ kind: subId === undefined ? 'send' : 'reply', conversationId: id, ...(subId !== undefined ? { activityId: subId } : {}), id: newId, activity, authorization });
          return answer(200, { id: newId });
        }
        if (method === 'PUT' && subId !== undefined) {
          if (!activity) return answer(400, connectorError('BadArgument', 'Activity is required'));
          record({ kind: 'update', conversationId: id, activityId: subId, id: subId, activity, authorization });
          return answer(200, { id: subId });
        }
        if (method === 'DELETE' && subId !== undefined) {
          deleted.push({ conversationId: id, activityId: subId });
          return answer(200, undefined);
        }
        return answer(405, connectorError('MethodNotAllowed', method));
      }
      if (method === 'GET' && sub === 'members') {
        const members = membersOf(id);
        if (subId === undefined) return answer(200, members);
        const member = members.find((m) => m.id === subId || m.aadObjectId === subId);
        return member ? answer(200, member) : answer(404, connectorError('MemberNotFoundInConversation', 'The member could not be found in the conversation'));
      }
      if (method === 'GET' && sub === 'pagedmembers') return answer(200, { members: membersOf(id) });
      return answer(404, connectorError('NotFound', 'Unknown conversation route'));
    }
    if (collection === 'teams' && id !== undefined && method === 'GET') {
      if (sub === undefined) return answer(200, { id, name: 'Neuvo test team', aadGroupId: `00000000-0000-4000-8000-${id.replace(/\W/g, '').slice(-12).padStart(12, '0')}`, memberCount: membersOf(id).length, channelCount: 1 });
      if (sub === 'conversations') return answer(200, { conversations: [{ id, name: null }] });
    }
    return answer(404, connectorError('NotFound', 'Unknown route'));
  }

  function createConversation(body: unknown, answer: (status: number, payload: unknown) => void): void {
    const params = asRecord(body);
    const channelData = asRecord(params?.channelData);
    const tenant = asRecord(channelData?.tenant);
    // Teams refuses proactive conversation creation without the tenant (in tenantId or channelData.tenant.id).
    const tenantId = typeof params?.tenantId === 'string' ? params.tenantId : typeof tenant?.id === 'string' ? tenant.id : undefined;
    if (!params || tenantId === undefined) return answer(400, connectorError('BadSyntax', 'Incorrect conversation creation parameters'));
    const isGroup = params.isGroup === true;
    const conversationId = isGroup ? `19:${randomUUID().replaceAll('-', '')}@thread.v2` : `a:1${randomUUID().replaceAll('-', '')}`;
    createdConversations.push({ id: conversationId, parameters: params });
    const first = asRecord(params.activity);
    let activityId: string | undefined;
    if (first && typeof first.type === 'string') {
      activityId = newActivityId();
      record({ kind: 'send', conversationId, id: activityId, activity: first, authorization: undefined });
    }
    return answer(201, { id: conversationId, ...(activityId ? { activityId } : {}), serviceUrl: `${origin}${basePath}` });
  }

  return {
    serviceUrl: `${origin}${basePath}`,
    requests,
    activities,
    deleted,
    createdConversations,
    close: () => server.close(),
    failNext(count, fault) {
      faults.push({ remaining: count, fault });
    },
    observe(listener) {
      listeners.push(listener);
    },
    setMembers(conversationId, members) {
      membersByConversation.set(conversationId, members);
    },
    reset() {
      requests.length = 0;
      activities.length = 0;
      deleted.length = 0;
      createdConversations.length = 0;
      faults.length = 0;
    },
    waitForActivities(n, timeoutMs = 5_000, filter = notTyping) {
      return new Promise<SentActivity[]>((resolve, reject) => {
        const check = (): boolean => {
          const matching = activities.filter(filter);
          if (matching.length < n) return false;
          finish();
          resolve(matching.slice(0, n));
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          const seen = activities.map((a) => `${a.kind} ${String(a.activity.type)} ${JSON.stringify(a.activity.text ?? '')}`);
          reject(new Error(`waited ${timeoutMs} ms for ${n} activities, got ${activities.filter(filter).length} matching; all: [${seen.join('; ')}]`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          waiters.delete(onChange);
        };
        const onChange = (): void => void check();
        if (!check()) waiters.add(onChange);
      });
    },
  };
}

function connectorError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function defaultErrorBody(status: number): unknown {
  switch (status) {
    case 401:
      return { message: 'Authorization has been denied for this request.' };
    case 403:
      return connectorError('BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
    case 404:
      return connectorError('ConversationNotFound', 'Conversation not found.');
    case 412:
      return connectorError('PreconditionFailed', 'Conversation is locked, retry later.');
    case 429:
      return connectorError('Throttled', 'Too many requests; honour Retry-After.');
    default:
      return connectorError('ServiceError', `Local connector scripted failure ${status}.`);
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
