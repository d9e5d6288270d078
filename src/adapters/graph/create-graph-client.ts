import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  TelemetryHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';

/** The Graph app registration and endpoints; the composition root maps Config onto this. */
export interface GraphSettings {
  /** Graph's origin, e.g. `https://graph.microsoft.com` or the simulator's `https://127.0.0.1:<port>`. Must be https. */
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Entra authority; default `https://login.microsoftonline.com/<tenantId>`. Must be https. */
  readonly authority?: string;
}

/** Entra's public cloud host: the only authority MSAL may discover by itself. */
const ENTRA_HOST = 'login.microsoftonline.com';

/** The client-credentials scope for Graph: the app's granted application permissions. */
export const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Builds the official Graph client with an app-only token (client credentials via MSAL).
 *
 * - `customHosts` holds the host of `baseUrl`: the client attaches the bearer token only to
 *   https URLs of Graph's own hosts or of these, which is how it talks to the local simulator.
 * - `knownAuthorities` is set for any authority that is not Entra's: MSAL would otherwise ask
 *   Microsoft's cloud to validate it (our test machines talk to loopback only).
 * - The middleware chain is the default one minus the retry and redirect handlers. The default
 *   RetryHandler would sleep on a 429/503 inside the call (Retry-After up to 180 s, 3 times);
 *   our callers are either a user waiting (a 5 s budget) or the outbox, which retries durably and
 *   honours Retry-After itself. So a throttled call fails fast with `GraphError.retryAfterMs`.
 */
export function createGraphClient(settings: GraphSettings): Client {
  const base = new URL(settings.baseUrl);
  if (base.protocol !== 'https:') {
    throw new Error(`Graph base URL must be https (the Graph client sends its token over https only): got ${base.origin}.`);
  }
  const auth = new AuthenticationHandler(new MsalAppTokenProvider(settings));
  const telemetry = new TelemetryHandler();
  auth.setNext(telemetry);
  telemetry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    baseUrl: base.origin + base.pathname.replace(/\/+$/, ''),
    customHosts: new Set([base.hostname]),
    middleware: auth,
  });
}

/**
 * Gets the app token from MSAL; MSAL keeps it in its in-memory cache until shortly before it
 * expires, so most calls cost no token request.
 */
class MsalAppTokenProvider implements AuthenticationProvider {
  private readonly msal: ConfidentialClientApplication;
  /** Shared by calls that start together, so a burst on a cold cache asks the authority once. */
  private pending: Promise<string> | undefined;

  constructor(settings: GraphSettings) {
    const authority = settings.authority ?? `https://${ENTRA_HOST}/${settings.tenantId}`;
    const host = new URL(authority).host;
    this.msal = new ConfidentialClientApplication({
      auth: {
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        authority,
        ...(host.toLowerCase() === ENTRA_HOST ? {} : { knownAuthorities: [host] }),
      },
    });
  }

  getAccessToken(): Promise<string> {
    this.pending ??= this.acquire().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async acquire(): Promise<string> {
    let token: string | undefined;
    try {
      token = (await this.msal.acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE] }))?.accessToken;
    } catch (error) {
      throw new GraphTokenError(`Could not get a Graph app token: ${errorText(error)}`, error);
    }
    if (!token) throw new GraphTokenError('Could not get a Graph app token: MSAL returned none.');
    return token;
  }
}

/**
 * The token failure as the Graph client passes it on: it wraps whatever the provider throws into
 * its own error whose `code` is this `name`, which is how `toGraphError` recognises it.
 */
export class GraphTokenError extends Error {
  override readonly name = 'GraphTokenError';

  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'errorCode' in error && typeof error.errorCode === 'string') return error.errorCode;
  return error instanceof Error ? error.name : 'unknown error';
}
