import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { AppCredentials, AuthenticationError, MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { localIso, teamsActivities } from './activities.js';
import { asConnectorMsalApp, LOCAL_OAUTH_SCOPE, startLocalTeamsChannel, type LocalTeamsChannel } from './local-teams-channel.js';
import { forbidNonLoopbackConnections } from './loopback-guard.js';
import { readBody, sendJson } from './loopback-server.js';
import { startOpenIdServer, UNPUBLISHED_KEY } from './openid-server.js';
import { startTokenServer } from './token-server.js';

// Every connection this file makes must stay on loopback; a stray cloud call fails the test.
let restoreNetwork: () => void;
beforeAll(() => {
  restoreNetwork = forbidNonLoopbackConnections();
});
afterAll(() => restoreNetwork());

// botbuilder's AppCredentials keeps a PROCESS-WIDE token cache keyed by app id + scope, so every
// test that counts token requests uses its own app id.
const newAppId = (): string => randomUUID();
const TENANT = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const nowSec = (): number => Math.floor(Date.now() / 1000);

/** `createCredentials` is typed as ServiceClientCredentials (signRequest only); MSAL's are AppCredentials. */
async function getToken(credentials: Awaited<ReturnType<MsalServiceClientCredentialsFactory['createCredentials']>>): Promise<string> {
  if (!(credentials instanceof AppCredentials)) throw new Error('expected botbuilder AppCredentials');
  return credentials.getToken();
}

describe('token server (local Entra authority)', () => {
  it('gives a real MsalServiceClientCredentialsFactory a token for the Bot Framework scope', async () => {
    const appId = newAppId();
    const sut = await startTokenServer({ tenantId: TENANT, clients: { [appId]: 'right-secret' } });
    try {
      const msal = new ConfidentialClientApplication({
        auth: { clientId: appId, clientSecret: 'right-secret', authority: sut.authority, knownAuthorities: [sut.knownAuthority] },
      });
      const factory = new MsalServiceClientCredentialsFactory(appId, asConnectorMsalApp(msal));

      const credentials = await factory.createCredentials(appId, LOCAL_OAUTH_SCOPE, sut.loginUrl, true);
      const token = await getToken(credentials);

      expect(sut.issuedTokens).toHaveLength(1);
      expect(sut.issuedTokens[0]).toMatchObject({ clientId: appId, scope: `${LOCAL_OAUTH_SCOPE}/.default`, audience: LOCAL_OAUTH_SCOPE, accessToken: token });
      const claims = await sut.verifyAccessToken(`Bearer ${token}`, LOCAL_OAUTH_SCOPE);
      expect(claims).toMatchObject({ aud: LOCAL_OAUTH_SCOPE, appid: appId, azp: appId, tid: TENANT });
      // MSAL discovered the authority at <authority>/v2.0/.well-known/openid-configuration, then posted the form.
      expect(sut.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
        `POST /${TENANT}/oauth2/v2.0/token`,
      ]);
      expect(sut.requests[1]?.form).toMatchObject({ grant_type: 'client_credentials', client_id: appId, scope: `${LOCAL_OAUTH_SCOPE}/.default`, client_secret: '<redacted>' });

      // botbuilder caches the token (process-wide) until 5 minutes before expiry: no second request.
      await getToken(credentials);
      expect(sut.tokenRequestCount()).toBe(1);
    } finally {
      await sut.close();
    }
  });

  it('refuses a wrong client secret with 401 invalid_client (AADSTS7000215), which MSAL surfaces', async () => {
    const appId = newAppId();
    const sut = await startTokenServer({ tenantId: TENANT, clients: { [appId]: 'right-secret' } });
    try {
      const msal = new ConfidentialClientApplication({
        auth: { clientId: appId, clientSecret: 'wrong-secret', authority: sut.authority, knownAuthorities: [sut.knownAuthority] },
      });
      const credentials = await new MsalServiceClientCredentialsFactory(appId, asConnectorMsalApp(msal)).createCredentials(appId, LOCAL_OAUTH_SCOPE, sut.loginUrl, true);

      await expect(getToken(credentials)).rejects.toThrow(/invalid_client|AADSTS7000215/);
      expect(sut.requests.at(-1)).toMatchObject({ method: 'POST', status: 401 });
      expect(sut.issuedTokens).toHaveLength(0);
    } finally {
      await sut.close();
    }
  });

  it('answers scope and client errors in Entra shape', async () => {
    const appId = newAppId();
    const sut = await startTokenServer({ tenantId: TENANT, clients: { [appId]: 's' } });
    try {
      const post = async (form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> => {
        const res = await fetch(`${sut.authority}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const noDefault = await post({ grant_type: 'client_credentials', client_id: appId, client_secret: 's', scope: LOCAL_OAUTH_SCOPE });
      expect(noDefault).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [1002012] } });
      const unknownClient = await post({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 's', scope: `${LOCAL_OAUTH_SCOPE}/.default` });
      expect(unknownClient).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });
      expect(String(unknownClient.body.error_description)).toMatch(/^AADSTS700016: /);
    } finally {
      await sut.close();
    }
  });
});

describe('OpenID server + botbuilder ConfigurationBotFrameworkAuthentication', () => {
  const appId = newAppId();
  const serviceUrl = 'http://127.0.0.1:1/emea/';
  let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
  let sut: ConfigurationBotFrameworkAuthentication;

  beforeEach(() => {
    // botbuilder console.errors every rejection, with the PEM of the key: keep the output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  beforeAll(async () => {
    openId = await startOpenIdServer({ additionalKeys: { skypeOnly: ['skype'] } });
    // Only the inbound half is exercised here: the login URL is never called by authenticateRequest.
    sut = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'unused',
        MicrosoftAppTenantId: TENANT,
        MicrosoftAppType: 'SingleTenant',
        ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
        ToBotFromChannelTokenIssuer: openId.issuer,
        ToBotFromEmulatorOpenIdMetadataUrl: openId.metadataUrl,
        ToChannelFromBotLoginUrl: 'https://127.0.0.1:9/unused',
        ToChannelFromBotOAuthScope: LOCAL_OAUTH_SCOPE,
        OAuthUrl: 'https://127.0.0.1:9/unused',
        CallerId: 'urn:botframework:azure',
      },
    );
  });
  afterAll(async () => {
    await openId.close();
  });

  const activity = (overrides: Partial<Activity> = {}): Activity =>
    ({ type: 'message', channelId: 'msteams', serviceUrl, text: 'hi', ...overrides }) as Activity;
  const authenticate = async (token: string, overrides: Partial<Activity> = {}): Promise<unknown> =>
    sut.authenticateRequest(activity(overrides), `Bearer ${token}`);
  const sign = (o: Partial<Parameters<typeof openId.signChannelToken>[0]> = {}): Promise<string> =>
    openId.signChannelToken({ audience: appId, serviceUrl, ...o });

  it('accepts a good channel token and exposes its claims', async () => {
    const result = (await authenticate(await sign())) as Awaited<ReturnType<typeof sut.authenticateRequest>>;
    expect(result.claimsIdentity.isAuthenticated).toBe(true);
    expect(result.claimsIdentity.getClaimValue('aud')).toBe(appId);
    expect(result.claimsIdentity.getClaimValue('serviceurl')).toBe(serviceUrl);
    expect(result.audience).toBe(LOCAL_OAUTH_SCOPE);
    expect(result.callerId).toBe('urn:botframework:azure');
  });

  it('fetched the metadata and keys once, then served from its cache', async () => {
    await authenticate(await sign());
    expect(openId.fetchCounts).toEqual({ metadata: 1, jwks: 1 });
  });

  it('tolerates 5 minutes of clock skew (botbuilder clockTolerance), both for exp and nbf', async () => {
    await expect(authenticate(await sign({ issuedAtSec: nowSec() - 3600 - 120 }))).resolves.toBeDefined();
    await expect(authenticate(await sign({ notBeforeSec: nowSec() + 120 }))).resolves.toBeDefined();
  });

  const rejected: [string, () => Promise<string>, Partial<Activity>?][] = [
    ['wrong audience', () => sign({ audience: newAppId() })],
    ['wrong issuer', () => sign({ issuer: 'https://127.0.0.1:1/not-the-channel' })],
    ['expired beyond the skew', () => sign({ issuedAtSec: nowSec() - 3600 - 400 })],
    ['unknown kid', () => sign({ key: UNPUBLISHED_KEY })],
    ['serviceUrl mismatch', () => sign({ serviceUrl: 'http://127.0.0.1:2/emea/' })],
    ['serviceUrl differing only by the trailing slash', () => sign({ serviceUrl: serviceUrl.slice(0, -1) })],
    ['channel not endorsed by the key', () => sign({ key: 'skypeOnly' })],
    ['key endorses msteams but the activity claims another channel', () => sign(), { channelId: 'skype' }],
  ];
  it.each(rejected)('rejects %s with a 401 AuthenticationError', async (_name, token, overrides) => {
    const error = await authenticate(await token(), overrides).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).statusCode).toBe(401);
  });

  // botbuilder rethrows jsonwebtoken's own errors here (only TokenExpiredError is translated), so
  // CloudAdapter answers these with 500, not 401: the server must map them.
  it.each([
    ['bad signature (published kid, other key)', () => sign({ tamper: 'foreign-key' }), 'JsonWebTokenError', 'invalid signature'],
    ['tampered payload', () => sign({ tamper: 'payload' }), 'JsonWebTokenError', 'invalid signature'],
    ['not yet valid beyond the skew', () => sign({ notBeforeSec: nowSec() + 400 }), 'NotBeforeError', 'jwt not active'],
  ] as const)('rejects %s — but with jsonwebtoken\'s error, not an AuthenticationError', async (_name, token, name, message) => {
    const error = await authenticate(await token()).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ name, message });
  });

  it('rejects a missing Authorization header', async () => {
    await expect(sut.authenticateRequest(activity(), '')).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('local Teams channel end to end, through a real CloudAdapter', () => {
  const appId = newAppId();
  let channel: LocalTeamsChannel;
  let bot: { url: string; close(): Promise<void> };

  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  beforeAll(async () => {
    channel = await startLocalTeamsChannel({ botAppId: appId, botPassword: 'bot-secret', tenantId: TENANT });
    const env = channel.botEnv();
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication(
        {
          MicrosoftAppId: env.BOT_ID,
          MicrosoftAppPassword: env.BOT_PASSWORD,
          MicrosoftAppTenantId: env.BOT_TENANT_ID,
          MicrosoftAppType: env.BOT_TYPE,
          ToBotFromChannelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
          ToBotFromChannelTokenIssuer: env.BOT_TOKEN_ISSUER,
          ToBotFromEmulatorOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
          ToChannelFromBotLoginUrl: env.BOT_LOGIN_URL,
          ToChannelFromBotOAuthScope: env.BOT_OAUTH_SCOPE,
          OAuthUrl: env.BOT_LOGIN_URL,
          CallerId: 'urn:botframework:azure',
        },
        channel.credentialsFactory(),
      ),
    );
    bot = await startEchoBot(adapter);
  });
  afterAll(async () => {
    await bot?.close();
    await channel?.close();
  });

  it('delivers a signed message and receives the bot\'s signed reply at the connector', async () => {
    channel.connector.reset();
    const message = channel.activities().message('hei');

    const res = await channel.send(bot.url, message);

    expect(res.status).toBe(200);
    const [reply] = await channel.connector.waitForActivities(1);
    expect(reply).toMatchObject({ kind: 'reply', conversationId: message.conversation.id, activityId: message.id });
    expect(reply?.activity).toMatchObject({ type: 'message', text: 'echo: hei', replyToId: message.id });
    expect(await channel.tokenServer.verifyAccessToken(reply?.authorization, LOCAL_OAUTH_SCOPE)).toMatchObject({ appid: appId });
    expect(channel.tokenServer.issuedTokens.length).toBeGreaterThanOrEqual(1);
  });

  it('answers an Action.Execute invoke in the HTTP response', async () => {
    const res = await channel.send(bot.url, channel.activities().adaptiveCardInvoke('book', { slot: 's1' }));
    expect(res).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'verb book' } });
  });

  it('refuses a request without Authorization (401) and a badly signed one (500, botbuilder quirk)', async () => {
    const message = channel.activities().message('x');
    expect((await channel.send(bot.url, message, { noAuth: true })).status).toBe(401);
    expect((await channel.send(bot.url, message, { tokenOptions: { tamper: 'foreign-key' } })).status).toBe(500);
    expect((await channel.send(bot.url, message, { tokenOptions: { key: UNPUBLISHED_KEY } })).status).toBe(401);
  });

  it('lets botbuilder retry a 429 with Retry-After transparently', async () => {
    channel.connector.reset();
    channel.connector.failNext(1, { status: 429, retryAfterSec: 1 });
    const res = await channel.send(bot.url, channel.activities().message('throttled'));
    expect(res.status).toBe(200);
    const statuses = channel.connector.requests.map((r) => r.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('connector refuses an unsigned request with 401, like the real Bot Connector', async () => {
    const res = await fetch(`${channel.connector.serviceUrl}v3/conversations/a%3A1/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x' }),
    });
    expect(res.status).toBe(401);
  });

  it('connector creates a conversation only with a tenant, answering { id, activityId, serviceUrl }', async () => {
    const token = await channel.credentialsFactory().createCredentials(appId, LOCAL_OAUTH_SCOPE, channel.tokenServer.loginUrl, true).then(getToken);
    const post = (body: unknown): Promise<Response> =>
      fetch(`${channel.connector.serviceUrl}v3/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await post({ members: [{ id: '29:x' }], isGroup: false })).status).toBe(400);
    const ok = await post({ members: [{ id: '29:x' }], isGroup: false, channelData: { tenant: { id: TENANT } }, activity: { type: 'message', text: 'hello' } });
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ id: expect.stringMatching(/^a:1/), activityId: expect.any(String), serviceUrl: channel.connector.serviceUrl });
  });
});

describe('loopback guard', () => {
  it('blocks a connection to a non-loopback address before any packet is sent', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never routed, and the guard throws before trying.
    const fetchError = await fetch('http://192.0.2.1/').then(() => undefined, (err: unknown) => err);
    expect((fetchError as { cause?: unknown }).cause).toMatchObject({ code: 'ERR_NON_LOOPBACK_BLOCKED' });
    const { get } = await import('node:http');
    await expect(new Promise((resolve, reject) => get('http://192.0.2.1/', resolve).on('error', reject))).rejects.toThrow(
      /Blocked a connection to 192\.0\.2\.1/,
    );
  });
});

describe('activity builders', () => {
  const sut = teamsActivities({ serviceUrl: 'http://127.0.0.1:1/emea/', botAppId: 'bot-id', tenantId: TENANT, now: () => new Date('2025-06-02T07:00:00Z') });

  it('builds a personal-chat message in Teams\' shape', () => {
    const message = sut.message('hei');
    expect(message).toMatchObject({
      type: 'message',
      text: 'hei',
      channelId: 'msteams',
      timestamp: '2025-06-02T07:00:00.000Z',
      localTimestamp: '2025-06-02T10:00:00.000+03:00',
      from: { id: expect.stringMatching(/^29:/), aadObjectId: expect.any(String) },
      recipient: { id: '28:bot-id' },
      conversation: { conversationType: 'personal', tenantId: TENANT, id: expect.stringMatching(/^a:1/) },
      channelData: { tenant: { id: TENANT } },
    });
  });

  it('mentions the bot in a channel, where Teams requires it', () => {
    const inChannel = teamsActivities({ serviceUrl: 'http://x/', botAppId: 'b', tenantId: TENANT, conversation: { conversationType: 'channel' } }).message('hi');
    expect(inChannel.text).toBe('<at>Neuvo</at> hi');
    expect(inChannel.entities).toContainEqual({ type: 'mention', text: '<at>Neuvo</at>', mentioned: { id: '28:b', name: 'Neuvo' } });
  });

  it('builds card submits without text and Action.Execute invokes', () => {
    const submit = sut.cardSubmit({ verb: 'x' }, '123');
    expect(submit).toMatchObject({ type: 'message', value: { verb: 'x' }, replyToId: '123' });
    expect(submit).not.toHaveProperty('text');
    expect(sut.adaptiveCardInvoke('book', { a: 1 })).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'book', data: { a: 1 } }, trigger: 'manual' },
    });
  });

  it('builds meeting events with PascalCase values and channelData.meeting.id', () => {
    const start = sut.meetingStart({ title: 'Ohjaus' });
    expect(start).toMatchObject({ type: 'event', name: 'application/vnd.microsoft.meetingStart', value: { Title: 'Ohjaus', MeetingType: 'Scheduled', StartTime: '2025-06-02T07:00:00.000Z' } });
    expect((start.channelData.meeting as { id: string }).id).toBe((start.value as { Id: string }).Id);
    expect(sut.participantJoin()).toMatchObject({
      name: 'application/vnd.microsoft.meetingParticipantJoin',
      value: { members: [{ user: { id: expect.stringMatching(/^29:/) }, meeting: { inMeeting: true, role: 'Attendee' } }] },
    });
    expect(sut.participantLeave()).toMatchObject({ value: { members: [{ meeting: { inMeeting: false } }] } });
  });

  it('keeps the Helsinki offset in localTimestamp across the DST switch', () => {
    expect(localIso(new Date('2025-03-30T00:30:00Z'), 'Europe/Helsinki')).toBe('2025-03-30T02:30:00.000+02:00');
    expect(localIso(new Date('2025-03-30T01:30:00Z'), 'Europe/Helsinki')).toBe('2025-03-30T04:30:00.000+03:00');
  });
});

/** A minimal echo bot: the real CloudAdapter behind a Node http server on 127.0.0.1. */
async function startEchoBot(adapter: CloudAdapter): Promise<{ url: string; close(): Promise<void> }> {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    await context.sendActivity(`error: ${error.message}`);
  };
  const logic = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    } else if (context.activity.type === ActivityTypes.Invoke) {
      const value = context.activity.value as { action?: { verb?: string } } | undefined;
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `verb ${value?.action?.verb ?? ''}` } },
      });
    }
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    void (async () => {
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      let status = 200;
      let payload: unknown;
      // The Response shape CloudAdapter.process expects (restify/express-like).
      const response = {
        socket: req.socket,
        status: (code: number) => {
          status = code;
        },
        header: () => undefined,
        send: (b: unknown) => {
          payload = b;
        },
        end: () => sendJson(res, status, payload),
      };
      await adapter.process({ body, headers: req.headers, method: req.method }, response, logic);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
