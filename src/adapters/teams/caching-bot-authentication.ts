import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/**
 * Wraps botbuilder's BotFrameworkAuthentication to stop paying per turn for work that Teams lets
 * us reuse (DESIGN.md "Where a turn's time goes"):
 *
 * - ConnectorClient (~130 µs, a fresh Azure HTTP pipeline) is memoized per
 *   (app id, serviceUrl, audience). It is done through the `connectorFactory` that
 *   `authenticateRequest` returns — CloudAdapter uses that one, not `createConnectorFactory`.
 * - UserTokenClient (~80 µs) is memoized per app id.
 * - A SUCCESSFUL validation is cached, keyed by the exact Authorization header + channelId +
 *   serviceUrl, until the token's `exp`. Teams reuses a service token for up to an hour; a cache
 *   hit skips ~0.4 ms of JWT work. Failures are never cached, so a bad token is always re-checked.
 *
 * Costs, accepted and bounded: a signing key revoked in the OpenID metadata is still honoured for
 * tokens already cached until they expire; both caches are capped (oldest evicted first);
 * `evictClients()` drops every cached client (call it on secret rotation or a 401 from the
 * connector, whose cached credentials may be stale).
 */
export class CachingBotAuthentication extends BotFrameworkAuthentication {
  private readonly validations = new Map<string, { result: AuthenticateRequestResult; expiresAtMs: number }>();
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly options: { readonly now: () => number; readonly maxEntries?: number } = { now: Date.now },
  ) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const key = `${authHeader}\u0000${activity.channelId}\u0000${activity.serviceUrl}`;
    const cached = this.validations.get(key);
    const now = this.options.now();
    if (cached && cached.expiresAtMs > now) return cached.result;
    if (cached) this.validations.delete(key);

    const result = await this.inner.authenticateRequest(activity, authHeader);
    const memoized: AuthenticateRequestResult = {
      ...result,
      ...(result.connectorFactory ? { connectorFactory: this.memoizedFactory(result.connectorFactory, result.claimsIdentity) } : {}),
    };
    const expMs = tokenExpiryMs(authHeader);
    if (expMs !== undefined && expMs > now) {
      remember(this.validations, key, { result: memoized, expiresAtMs: expMs }, this.maxEntries);
    }
    return memoized;
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.memoizedFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    return this.memo(this.userTokenClients, appId, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  /** Drops cached clients and validations: after secret rotation or a 401 from the connector. */
  evictClients(): void {
    this.connectors.clear();
    this.userTokenClients.clear();
    this.validations.clear();
  }

  /** For tests and metrics: how many connector clients are alive. */
  get cachedConnectorCount(): number {
    return this.connectors.size;
  }

  private get maxEntries(): number {
    return this.options.maxEntries ?? 1000;
  }

  private memoizedFactory(inner: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(identity);
    const memo = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>) => this.memo(map, key, make);
    const connectors = this.connectors;
    return new (class extends ConnectorFactory {
      override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return memo(connectors, `${appId}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => inner.create(serviceUrl, audience));
      }
    })();
  }

  private memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit) return hit;
    // A failed creation must not stay cached, or every later turn would fail the same way.
    const created = make().catch((error: unknown) => {
      map.delete(key);
      throw error;
    });
    remember(map, key, created, this.maxEntries);
    return created;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.set(key, value);
  // Map keeps insertion order: the first key is the oldest.
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

function appIdOf(identity: ClaimsIdentity): string {
  // Channel tokens carry the bot's app id in `aud`; emulator/skill tokens in `appid`.
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
}

/** Reads `exp` of an already-validated JWT (no verification here: botbuilder just did it). */
function tokenExpiryMs(authHeader: string): number | undefined {
  const token = authHeader.replace(/^Bearer\s+/i, '');
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
