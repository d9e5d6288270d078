import type { Activity } from 'botbuilder';
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type UserTokenClient,
} from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { CachingBotAuthentication } from './caching-bot-authentication.js';

const NOW_S = 1_800_000_000;

function tokenWithExp(exp: number, salt = 'a'): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `Bearer ${part({ alg: 'RS256' })}.${part({ exp, aud: 'bot-app', salt })}.signature`;
}

const activity = (serviceUrl = 'http://127.0.0.1:9/', channelId = 'msteams') =>
  ({ type: 'message', channelId, serviceUrl, conversation: { id: 'c1' } }) as unknown as Activity;

/** A strict fake of botbuilder's authentication: it counts what the wrapper asks of it. */
class FakeInnerAuthentication extends BotFrameworkAuthentication {
  validations = 0;
  connectorsCreated = 0;
  userTokenClients = 0;
  reject = false;

  override async authenticateRequest(): Promise<AuthenticateRequestResult> {
    this.validations++;
    if (this.reject) throw new AuthenticationError('refused', 401);
    const created = () => {
      this.connectorsCreated++;
      return Promise.resolve(new ConnectorClient({ signRequest: async (r: unknown) => r } as never, { baseUri: 'http://127.0.0.1:9/' }));
    };
    return {
      audience: 'https://api.botframework.com',
      claimsIdentity: new ClaimsIdentity([{ type: 'aud', value: 'bot-app' }], true),
      callerId: 'urn:botframework:azure',
      connectorFactory: new (class extends ConnectorFactory {
        override create() {
          return created();
        }
      })(),
    };
  }
  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('unexpected call: streaming is not used');
  }
  override createConnectorFactory(): ConnectorFactory {
    throw new Error('unexpected call');
  }
  override async createUserTokenClient(): Promise<UserTokenClient> {
    this.userTokenClients++;
    return {} as UserTokenClient;
  }
}

function setup(nowMs = NOW_S * 1000) {
  const inner = new FakeInnerAuthentication();
  const clock = { now: nowMs };
  const sut = new CachingBotAuthentication(inner, { now: () => clock.now, maxEntries: 3 });
  return { inner, sut, clock };
}

describe('CachingBotAuthentication', () => {
  it('validates a token once until it expires, then again', async () => {
    const { inner, sut, clock } = setup();
    const token = tokenWithExp(NOW_S + 60);
    await sut.authenticateRequest(activity(), token);
    await sut.authenticateRequest(activity(), token);
    expect(inner.validations).toBe(1);
    clock.now = (NOW_S + 61) * 1000;
    await sut.authenticateRequest(activity(), token);
    expect(inner.validations).toBe(2);
  });

  it('re-validates when the same token comes with another serviceUrl or channel', async () => {
    const { inner, sut } = setup();
    const token = tokenWithExp(NOW_S + 60);
    await sut.authenticateRequest(activity('http://127.0.0.1:9/'), token);
    await sut.authenticateRequest(activity('http://127.0.0.1:10/'), token);
    await sut.authenticateRequest(activity('http://127.0.0.1:9/', 'webchat'), token);
    expect(inner.validations).toBe(3);
  });

  it('never caches a refusal', async () => {
    const { inner, sut } = setup();
    inner.reject = true;
    const token = tokenWithExp(NOW_S + 60);
    await expect(sut.authenticateRequest(activity(), token)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(sut.authenticateRequest(activity(), token)).rejects.toBeInstanceOf(AuthenticationError);
    expect(inner.validations).toBe(2);
  });

  it('does not cache a token that has no readable exp', async () => {
    const { inner, sut } = setup();
    await sut.authenticateRequest(activity(), 'Bearer opaque');
    await sut.authenticateRequest(activity(), 'Bearer opaque');
    expect(inner.validations).toBe(2);
  });

  it('reuses one connector client per serviceUrl and audience across turns and tokens', async () => {
    const { inner, sut } = setup();
    const first = await sut.authenticateRequest(activity(), tokenWithExp(NOW_S + 60, 'one'));
    const second = await sut.authenticateRequest(activity(), tokenWithExp(NOW_S + 60, 'two'));
    const a = await first.connectorFactory!.create('http://127.0.0.1:9/', 'https://api.botframework.com');
    const b = await second.connectorFactory!.create('http://127.0.0.1:9/', 'https://api.botframework.com');
    const c = await second.connectorFactory!.create('http://127.0.0.1:10/', 'https://api.botframework.com');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(inner.connectorsCreated).toBe(2);
    expect(sut.cachedConnectorCount).toBe(2);
  });

  it('caps its caches and drops everything on evictClients()', async () => {
    const { inner, sut } = setup();
    const result = await sut.authenticateRequest(activity(), tokenWithExp(NOW_S + 60));
    for (const port of [1, 2, 3, 4]) await result.connectorFactory!.create(`http://127.0.0.1:${port}/`);
    expect(sut.cachedConnectorCount).toBe(3);
    sut.evictClients();
    expect(sut.cachedConnectorCount).toBe(0);
    await sut.authenticateRequest(activity(), tokenWithExp(NOW_S + 60));
    expect(inner.validations).toBe(2);
  });

  it('creates one user token client per app id', async () => {
    const { inner, sut } = setup();
    const identity = new ClaimsIdentity([{ type: 'aud', value: 'bot-app' }], true);
    await sut.createUserTokenClient(identity);
    await sut.createUserTokenClient(identity);
    expect(inner.userTokenClients).toBe(1);
  });
});
