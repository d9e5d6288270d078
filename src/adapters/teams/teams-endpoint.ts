import type { Application } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';
import type { ProcessedActivityRepository } from '../../use-cases/ports/repositories.js';
import { FixedWindowRateLimiter } from '../http/rate-limiter.js';
import type { NeuvoTeamsAdapter } from './create-teams-adapter.js';

/** What the HTTP layer gets back: a status and an optional JSON body. Never an error message. */
export interface EndpointResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}



export interface TeamsEndpointDeps {
  readonly adapter: NeuvoTeamsAdapter;
  readonly app: Application;
  readonly processedActivities: ProcessedActivityRepository;
  /** Empty = every tenant (local mode only; config enforces that). */
  readonly allowedTenantIds: ReadonlySet<string>;
  /** Hosts an activity's `serviceUrl` may name (lower case); replies go there with our token. */
  readonly serviceUrlHosts: readonly string[];
  /**
   * Activities one person (tenant + Entra id) may send per minute, per instance. A client filling
   * in the intake and booking sends a handful; a scripted flood (each denied action writes an audit
   * row) is slowed here with 429 + Retry-After, before anything is written.
   */
  readonly userTurnsPerMinute: number;
  readonly logger: Logger;
  readonly clock: () => Date;
}

/** Teams redelivers a message it got no answer to within 15 s; a day covers every redelivery. */
const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Runs one inbound Bot Framework activity through auth, the tenant allow-list, deduplication and
 * the teams-ai Application. It does what CloudAdapter.process does, with three differences:
 *
 * 1. Authentication runs first and ANY failure is 401. CloudAdapter.process answers 500 for some
 *    bad tokens (a bad signature throws a plain Error, not an AuthenticationError) and puts the
 *    error message in the body.
 * 2. Nothing is written before the caller is authenticated, so unauthenticated traffic cannot fill
 *    the dedupe table.
 * 3. Errors in a turn answer a bare 500; the details go to the log without personal data.
 */
export class TeamsEndpoint {
  private readonly userLimiter: FixedWindowRateLimiter;

  constructor(private readonly deps: TeamsEndpointDeps) {
    this.userLimiter = new FixedWindowRateLimiter({ limit: deps.userTurnsPerMinute, windowMs: 60_000 });
  }

  async handle(body: unknown, authHeader: string): Promise<EndpointResponse> {
    const activity = toActivity(body);
    if (!activity) return { status: 400, body: { error: 'bad_request', message: 'Body is not a Bot Framework activity.' } };

    let auth: AuthenticateRequestResult;
    try {
      auth = await this.deps.adapter.authenticate(activity, authHeader);
    } catch (error) {
      this.deps.logger.warn({ event: 'auth.rejected', reason: errorName(error), channelId: activity.channelId }, 'inbound activity refused');
      return { status: 401, body: { error: 'unauthorized' } };
    }

    // A channel-signed activity names where replies go; our token goes with them. Only Teams'
    // own hosts (or loopback for local channels) are accepted, https outside loopback.
    if (!isAllowedServiceUrl(activity.serviceUrl, this.deps.serviceUrlHosts)) {
      this.deps.logger.warn({ event: 'serviceurl.refused', host: hostOf(activity.serviceUrl), type: activity.type }, 'activity with a serviceUrl outside the allowed hosts refused');
      return { status: 403, body: { error: 'forbidden' } };
    }

    const tenantId = tenantOf(activity);
    if (this.deps.allowedTenantIds.size > 0 && (!tenantId || !this.deps.allowedTenantIds.has(tenantId))) {
      this.deps.logger.warn({ event: 'tenant.ignored', tenantId: tenantId ?? null, type: activity.type }, 'activity from a tenant outside ALLOWED_TENANT_IDS ignored');
      return { status: 200 };
    }

    // After auth (an unauthenticated caller has no identity to count) and before any write.
    const person = `${tenantId ?? ''}|${activity.from?.aadObjectId ?? activity.from?.id ?? ''}`;
    // Wall-clock time, not the business clock: the limit is about how fast requests arrive.
    const allowed = this.userLimiter.take(person, Date.now());
    if (!allowed.ok) {
      this.deps.logger.warn({ event: 'user.rate_limited', type: activity.type, retryAfterSeconds: allowed.retryAfterSeconds }, 'one person sent too many activities');
      return { status: 429, headers: { 'retry-after': String(allowed.retryAfterSeconds) }, body: { error: 'too_many_requests' } };
    }

    const dedupeKey = activity.id && activity.conversation?.id ? `${activity.conversation.id}|${activity.id}` : undefined;
    if (dedupeKey) {
      const now = this.deps.clock();
      const first = await this.deps.processedActivities.markProcessed(dedupeKey, now, new Date(now.getTime() + DEDUPE_WINDOW_MS));
      if (!first) {
        this.deps.logger.info({ event: 'activity.duplicate', type: activity.type }, 'redelivered activity skipped');
        return { status: 200 };
      }
    }

    try {
      const invokeResponse = await this.deps.adapter.runAuthenticated(auth, activity, (context: TurnContext) => this.run(context));
      return { status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}) };
    } catch (error) {
      this.deps.logger.error({ event: 'turn.failed', type: activity.type, error: errorName(error), stack: stackOf(error) }, 'turn failed');
      return { status: 500, body: { error: 'internal_error' } };
    }
  }

  private async run(context: TurnContext): Promise<void> {
    await this.deps.app.run(context);
  }
}

function toActivity(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || typeof a.serviceUrl !== 'string' || typeof a.channelId !== 'string') return undefined;
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string') return undefined;
  // The wire carries ISO strings; botbuilder's own validator turns them into Dates the same way.
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    if (typeof a[field] === 'string') a[field] = new Date(a[field] as string);
  }
  return a as unknown as Activity;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Exact host match (no suffixes: `smba.trafficmanager.net.evil.example` is another host). */
export function isAllowedServiceUrl(serviceUrl: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (!hosts.includes(host)) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(host));
}

function hostOf(serviceUrl: string): string | null {
  try {
    return new URL(serviceUrl).hostname.slice(0, 100);
  } catch {
    return null;
  }
}

function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannel = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromChannel;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Stack frames carry no personal data; messages can (they may quote input), so we log frames only. */
function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack?.split('\n').slice(1, 8).join('\n') : undefined;
}
