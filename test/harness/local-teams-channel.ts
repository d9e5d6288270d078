import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { CardWallet } from './card-wallet.js';
import { teamsActivities, type TeamsActivityBuilder, type TeamsScene, type WireActivity } from './activities.js';
import { startConnector, type Connector, type TeamsMember } from './connector.js';
import { parseJson } from './loopback-server.js';
import { startOpenIdServer, type ChannelTokenOptions, type OpenIdServer, type OpenIdServerOptions } from './openid-server.js';
import { startTokenServer, type TokenServer } from './token-server.js';

/**
 * The outbound audience the local channel expects. It is Bot Framework's real resource id on
 * purpose: it is only a string inside tokens (nothing calls it), and it keeps the scope the bot
 * asks MSAL for (`https://api.botframework.com/.default`) identical to production.
 */
export const LOCAL_OAUTH_SCOPE = 'https://api.botframework.com';

/** Options of {@link startLocalTeamsChannel}. */
export interface LocalTeamsChannelOptions {
  readonly botAppId: string;
  readonly botPassword: string;
  readonly tenantId: string;
  readonly botName?: string;
  /** Members the connector's member endpoints return. */
  readonly members?: readonly TeamsMember[];
  /** Extra keys for the OpenID server (e.g. a key endorsing only `skype`). */
  readonly openId?: OpenIdServerOptions;
  /**
   * The connector refuses (401) a request whose bearer token is not one the token server issued
   * for {@link LOCAL_OAUTH_SCOPE}. Default true: proves replies are really signed.
   */
  readonly verifyConnectorAuth?: boolean;
  /** `expires_in` of outbound tokens (default 3599). */
  readonly tokenExpiresInSec?: number;
}

/** How {@link LocalTeamsChannel.send} authenticates. */
export type SendAuth =
  /** A ready token (e.g. a forged one from `signChannelToken({ tamper })`). */
  | { readonly token: string }
  /** No Authorization header at all. */
  | { readonly noAuth: true }
  /** Sign a token with these changes (expired, other key, wrong audience…). */
  | { readonly tokenOptions: Partial<ChannelTokenOptions> };

/** The bot's answer to one POST. */
export interface SendResult {
  readonly status: number;
  /** Parsed JSON, raw text if not JSON, `undefined` when empty. */
  readonly body: unknown;
}

/**
 * Microsoft's side of a Teams conversation, all on 127.0.0.1: the channel's OpenID metadata and
 * signing keys (inbound auth), an Entra authority for the bot's client-credentials token
 * (outbound auth, HTTPS), and the Bot Connector the bot replies to.
 */
export interface LocalTeamsChannel {
  readonly openId: OpenIdServer;
  readonly tokenServer: TokenServer;
  readonly connector: Connector;
  /**
   * The cards the bot sent, as a Teams client remembers them: `send` takes a button's action token
   * (ADR 14) from here when a test builds an Action.Execute by hand without one.
   */
  readonly wallet: CardWallet;
  /** The env our server reads (see `src/config/config.ts`). */
  botEnv(): Record<string, string>;
  /** Activity builders for a scene in this channel (serviceUrl, bot and tenant filled in). */
  activities(scene?: Partial<Omit<TeamsScene, 'serviceUrl' | 'botAppId' | 'tenantId'>>): TeamsActivityBuilder;
  /** A channel token for this bot and service URL, with any changes. */
  signChannelToken(options?: Partial<ChannelTokenOptions>): Promise<string>;
  /**
   * POSTs `activity` to the bot's endpoint (e.g. `http://127.0.0.1:3978/api/messages`) as Teams
   * does: JSON body, `Authorization: Bearer <channel token>` whose `serviceurl` is the activity's.
   */
  send(endpointUrl: string, activity: WireActivity | Record<string, unknown>, auth?: SendAuth): Promise<SendResult>;
  /** A credentials factory built like the server's (MSAL + knownAuthorities), for tests of the harness. */
  credentialsFactory(): MsalServiceClientCredentialsFactory;
  close(): Promise<void>;
}

/**
 * Starts the three servers. Each call gets fresh random ports, so botbuilder's process-wide OpenID
 * metadata cache (24 h, keyed by URL) never serves one test's keys to another.
 */
export async function startLocalTeamsChannel(options: LocalTeamsChannelOptions): Promise<LocalTeamsChannel> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const openId = await startOpenIdServer(options.openId);
    started.push(openId);
    const tokenServer = await startTokenServer({
      tenantId: options.tenantId,
      clients: { [options.botAppId]: options.botPassword },
      ...(options.tokenExpiresInSec !== undefined ? { expiresInSec: options.tokenExpiresInSec } : {}),
    });
    started.push(tokenServer);
    const verify = options.verifyConnectorAuth ?? true;
    const connector = await startConnector({
      ...(options.members ? { members: options.members } : {}),
      ...(verify ? { authorize: async (authorization: string | undefined) => (await tokenServer.verifyAccessToken(authorization, LOCAL_OAUTH_SCOPE)) !== undefined } : {}),
    });
    started.push(connector);
    const wallet = new CardWallet();
    connector.observe((sent) => wallet.rememberActivity(sent.conversationId, sent.activity));

    const signChannelToken = (overrides: Partial<ChannelTokenOptions> = {}): Promise<string> =>
      openId.signChannelToken({ audience: options.botAppId, serviceUrl: connector.serviceUrl, ...overrides });

    return {
      openId,
      tokenServer,
      connector,
      wallet,
      signChannelToken,
      botEnv: () => ({
        BOT_ID: options.botAppId,
        BOT_PASSWORD: options.botPassword,
        BOT_TENANT_ID: options.tenantId,
        BOT_TYPE: 'SingleTenant',
        BOT_OPENID_METADATA_URL: openId.metadataUrl,
        BOT_TOKEN_ISSUER: openId.issuer,
        BOT_LOGIN_URL: tokenServer.loginUrl,
        BOT_OAUTH_SCOPE: LOCAL_OAUTH_SCOPE,
      }),
      activities: (scene = {}) =>
        teamsActivities({
          ...(options.botName !== undefined ? { botName: options.botName } : {}),
          ...scene,
          serviceUrl: connector.serviceUrl,
          botAppId: options.botAppId,
          tenantId: options.tenantId,
        }),
      async send(endpointUrl, activity, auth) {
        const target = new URL(endpointUrl);
        if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
          throw new Error(`send(): ${endpointUrl} is not a loopback address; the harness never calls out.`);
        }
        activity = wallet.fill(activity as Record<string, unknown>);
        const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : connector.serviceUrl;
        let authorization: string | undefined;
        if (auth && 'noAuth' in auth) authorization = undefined;
        else if (auth && 'token' in auth) authorization = `Bearer ${auth.token}`;
        else authorization = `Bearer ${await signChannelToken({ serviceUrl, ...(auth && 'tokenOptions' in auth ? auth.tokenOptions : {}) })}`;
        const response = await fetch(endpointUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(activity),
        });
        const body = parseJson(await response.text());
        // An Action.Execute's answer is the card that replaces the one pressed.
        const conversation = activity.conversation as { id?: unknown } | undefined;
        const answer = body as { type?: unknown; value?: unknown } | undefined;
        if (typeof conversation?.id === 'string' && answer?.type === 'application/vnd.microsoft.card.adaptive') wallet.remember(conversation.id, answer.value);
        return { status: response.status, body };
      },
      credentialsFactory: () =>
        new MsalServiceClientCredentialsFactory(
          options.botAppId,
          asConnectorMsalApp(
            new ConfidentialClientApplication({
              auth: {
                clientId: options.botAppId,
                clientSecret: options.botPassword,
                authority: tokenServer.authority,
                knownAuthorities: [tokenServer.knownAuthority],
              },
            }),
          ),
        ),
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
}

/** The MSAL application type botframework-connector's (CommonJS) typings expect. */
export type ConnectorMsalApp = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

/**
 * Dual-package hazard: from ESM, `@azure/msal-node` resolves to `dist/*.mjs` with `dist/*.d.ts`
 * types, while botframework-connector `require`s `lib/msal-node.cjs` typed by `lib/types/*.d.ts`.
 * The classes have private members, so TypeScript calls them incompatible; at runtime the
 * connector only calls `acquireTokenByClientCredential`, which the ESM instance has. Two module
 * instances are loaded (two MSAL caches), which is harmless here because botbuilder passes
 * `skipCache: true` and keeps its own token cache.
 */
export function asConnectorMsalApp(app: ConfidentialClientApplication): ConnectorMsalApp {
  return app as unknown as ConnectorMsalApp;
}
