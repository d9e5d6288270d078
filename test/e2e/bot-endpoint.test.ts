import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROACTIVE_MESSAGE_TOPIC } from '../../src/adapters/teams/proactive-messages.js';
import { SET_LANGUAGE } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import { UNPUBLISHED_KEY } from '../harness/openid-server.js';
import type { ChannelTokenOptions } from '../harness/openid-server.js';
import type { SentActivity } from '../harness/connector.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * The bot endpoint end to end: real restify, real botbuilder JWT validation against the local
 * OpenID/JWKS server, real MSAL token for the replies, replies caught by the local connector,
 * state in a real SQLite file.
 */
let sut: RunningNeuvo;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams({ openId: { additionalKeys: { skypeOnly: ['skype'] } } });
});
afterAll(async () => sut?.close());
beforeEach(() => sut.channel.connector.reset());

const textOf = (a: SentActivity) => a.activity.text as string | undefined;
const cardOf = (a: SentActivity) =>
  (a.activity.attachments as { contentType: string; content: { body: { text?: string }[]; rtl?: boolean } }[] | undefined)?.[0];

/** A fresh personal chat for one user, so tests do not share conversation state. */
function chat(locale = 'en-US', user?: { id: string; name: string; aadObjectId: string }) {
  return sut.channel.activities({ locale, ...(user ? { user } : {}) });
}

function aUser(n: number) {
  return { id: `29:user-${n}-${Math.random().toString(16).slice(2)}`, name: `Testi Käyttäjä ${n}`, aadObjectId: `aad-${n}-${Math.random().toString(16).slice(2)}` };
}

describe('a person talks to Neuvo in Teams', () => {
  it('greets on install with a welcome card in their Teams locale, and the reply is signed by the token authority', async () => {
    const user = aUser(1);
    const c = chat('fi-FI', user);
    const res = await sut.channel.send(sut.messagesUrl, c.conversationUpdateMembersAdded({ bot: true }));
    expect(res.status).toBe(200);

    const [sent] = await sut.channel.connector.waitForActivities(1);
    const card = cardOf(sent!);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.body.map((b) => b.text)).toContain(t('fi', 'welcome.title'));
    // The reply carries a bearer token that our local Entra authority issued to this bot.
    const bearer = sent!.authorization?.replace(/^Bearer /, '');
    expect(sut.channel.tokenServer.issuedTokens.map((tk) => tk.accessToken)).toContain(bearer);

    // The conversation is kept for proactive messages, without the person's name.
    const stored = await sut.neuvo.uow.conversations.find(c.scene.tenantId, user.aadObjectId);
    expect(stored?.locale).toBe('fi');
    expect(JSON.stringify(stored?.reference)).not.toContain(user.name);
  });

  it('greets in Arabic right to left', async () => {
    await sut.channel.send(sut.messagesUrl, chat('ar-SA', aUser(2)).conversationUpdateMembersAdded({ bot: true }));
    const [sent] = await sut.channel.connector.waitForActivities(1);
    expect(cardOf(sent!)?.content.rtl).toBe(true);
    expect(cardOf(sent!)?.content.body.map((b) => b.text)).toContain(t('ar', 'welcome.title'));
  });

  it('answers a message with an acknowledgement that never echoes what was written', async () => {
    const res = await sut.channel.send(sut.messagesUrl, chat('en-US', aUser(3)).message('My name is Amina and my phone is 040 123 4567'));
    expect(res.status).toBe(200);
    const [sent] = await sut.channel.connector.waitForActivities(1);
    expect(textOf(sent!)).toContain(t('en', 'reply.received'));
    expect(textOf(sent!)).toContain(t('en', 'reply.emergency'));
    expect(textOf(sent!)).not.toContain('Amina');
    expect(sut.logs.raw).not.toContain('Amina');
    expect(sut.logs.raw).not.toContain('040 123 4567');
  });

  it('switches language from the card, keeps the choice, and refuses a forged language code', async () => {
    const user = aUser(4);
    const c = chat('en-US', user);
    await sut.channel.send(sut.messagesUrl, c.message('help'));
    expect(textOf((await sut.channel.connector.waitForActivities(1))[0]!)).toBe(t('en', 'reply.help'));

    sut.channel.connector.reset();
    await sut.channel.send(sut.messagesUrl, c.cardSubmit({ verb: SET_LANGUAGE, lang: 'xx' }));
    expect(textOf((await sut.channel.connector.waitForActivities(1))[0]!)).toBe(t('en', 'error.invalidInput'));
    expect((await sut.neuvo.uow.conversations.find(c.scene.tenantId, user.aadObjectId))?.locale).toBe('en');

    sut.channel.connector.reset();
    await sut.channel.send(sut.messagesUrl, c.cardSubmit({ verb: SET_LANGUAGE, lang: 'fi' }));
    expect(textOf((await sut.channel.connector.waitForActivities(1))[0]!)).toBe(t('fi', 'language.changed', { language: t('fi', 'language.name') }));
    expect((await sut.neuvo.uow.conversations.find(c.scene.tenantId, user.aadObjectId))?.locale).toBe('fi');

    // Teams still says en-US; the person's own choice wins.
    sut.channel.connector.reset();
    await sut.channel.send(sut.messagesUrl, c.message('kiitos'));
    expect(textOf((await sut.channel.connector.waitForActivities(1))[0]!)).toContain(t('fi', 'reply.received'));
  });

  it('never lets a group chat replace the personal chat that proactive messages go to', async () => {
    const user = aUser(9);
    const personal = chat('en-US', user);
    await sut.channel.send(sut.messagesUrl, personal.message('hello'));
    await sut.channel.connector.waitForActivities(1);

    const group = sut.channel.activities({ locale: 'en-US', user, conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true } });
    sut.channel.connector.reset();
    await sut.channel.send(sut.messagesUrl, group.message('help'));
    const [answer] = await sut.channel.connector.waitForActivities(1);
    expect(answer!.conversationId).toBe('19:group-chat@thread.v2');
    expect((await sut.neuvo.uow.conversations.find(personal.scene.tenantId, user.aadObjectId))?.conversationId).toBe(personal.scene.conversation.id);
  });

  it('answers an Action.Execute with an unknown verb with a universal-actions error, not a 5xx', async () => {
    const res = await sut.channel.send(sut.messagesUrl, chat('sv-SE', aUser(5)).adaptiveCardInvoke('neuvo.doesNotExist', { id: 'x' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: t('sv', 'error.invalidInput') },
    });
  });

  it('runs a redelivered activity once', async () => {
    const activity = chat('en-US', aUser(6)).message('hello');
    const first = await sut.channel.send(sut.messagesUrl, activity);
    const second = await sut.channel.send(sut.messagesUrl, activity);
    expect([first.status, second.status]).toEqual([200, 200]);
    await sut.channel.connector.waitForActivities(1);
    // Give a wrongly processed second turn time to reach the connector before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(sut.channel.connector.activities).toHaveLength(1);
    expect(sut.logs.events()).toContain('activity.duplicate');
  });

  it('ignores, and logs, an activity from a tenant outside ALLOWED_TENANT_IDS', async () => {
    const other = sut.channel.activities({ locale: 'en-US' }).message('hello', {}, {
      conversation: { id: 'a:other-tenant', conversationType: 'personal', tenantId: 'another-tenant' },
      channelData: { tenant: { id: 'another-tenant' } },
    });
    const res = await sut.channel.send(sut.messagesUrl, other);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sut.channel.connector.activities).toHaveLength(0);
    expect(sut.logs.lines.some((l) => l.event === 'tenant.ignored' && l.tenantId === 'another-tenant')).toBe(true);
  });

  it('delivers an outbox proactive message in the language the person chose', async () => {
    const user = aUser(7);
    const c = chat('sv-SE', user);
    await sut.channel.send(sut.messagesUrl, c.message('hej'));
    await sut.channel.connector.waitForActivities(1);
    sut.channel.connector.reset();

    const message = await sut.neuvo.uow.outbox.enqueue(
      { topic: PROACTIVE_MESSAGE_TOPIC, payload: { tenantId: c.scene.tenantId, userKey: user.aadObjectId, messageKey: 'reply.help' } },
      new Date(),
    );
    expect(await sut.neuvo.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    const [sent] = await sut.channel.connector.waitForActivities(1);
    expect(sent!.conversationId).toBe(c.scene.conversation.id);
    expect(textOf(sent!)).toBe(t('sv', 'reply.help'));
    expect((await sut.neuvo.uow.outbox.get(message.id))?.status).toBe('done');
  });

  it('keeps an outbox message for a later try when Teams keeps answering 429', async () => {
    const user = aUser(8);
    const c = chat('en-US', user);
    await sut.channel.send(sut.messagesUrl, c.message('hello'));
    await sut.channel.connector.waitForActivities(1);
    sut.channel.connector.failNext(50, { status: 429, retryAfterSec: 1 });

    const before = Date.now();
    const message = await sut.neuvo.uow.outbox.enqueue(
      { topic: PROACTIVE_MESSAGE_TOPIC, payload: { tenantId: c.scene.tenantId, userKey: user.aadObjectId, messageKey: 'reply.help' } },
      new Date(),
    );
    expect(await sut.neuvo.dispatcher.runOnce()).toMatchObject({ retried: 1 });
    const stored = await sut.neuvo.uow.outbox.get(message.id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    // Retry-After is honoured: the next try is not before it, counted from the last refusal.
    expect(stored!.availableAt.getTime()).toBeGreaterThanOrEqual(before + 1_000);
    // botbuilder's connector client retried the 429 itself first (8 tries, each after Retry-After):
    // docs/operations.md explains why that blocks the worker meanwhile.
    expect(sut.channel.connector.requests.filter((r) => r.status === 429).length).toBeGreaterThan(1);
  }, 60_000);
});

describe('inbound auth through the real botbuilder validation', () => {
  const nowSec = () => Math.floor(Date.now() / 1000);
  const refusals: [string, (serviceUrl: string) => Promise<{ token: string } | { noAuth: true }>][] = [
    ['no Authorization header', async () => ({ noAuth: true })],
    ['a wrong audience', async () => ({ token: await sign({ audience: 'another-bot' }) })],
    ['a wrong issuer', async () => ({ token: await sign({ issuer: 'https://issuer.invalid/' }) })],
    ['an expired token', async () => ({ token: await sign({ issuedAtSec: nowSec() - 7200, expiresInSec: 3600 }) })],
    ['a token not valid yet', async () => ({ token: await sign({ notBeforeSec: nowSec() + 3600 }) })],
    ['an unknown signing key', async () => ({ token: await sign({ key: UNPUBLISHED_KEY }) })],
    ['a bad signature', async () => ({ token: await sign({ tamper: 'foreign-key' }) })],
    ['a payload changed after signing', async () => ({ token: await sign({ tamper: 'payload' }) })],
    ['a serviceUrl that is not the one in the token', async () => ({ token: await sign({ serviceUrl: 'http://127.0.0.1:1/amer/' }) })],
    ['a key that does not endorse the msteams channel', async () => ({ token: await sign({ key: 'skypeOnly' }) })],
  ];
  function sign(options: Partial<ChannelTokenOptions>) {
    return sut.channel.signChannelToken(options);
  }

  it.each(refusals)('refuses %s with 401, answers nothing and writes nothing', async (_case, auth) => {
    const user = aUser(100);
    const c = chat('en-US', user);
    const activity = c.message('hello');
    const res = await sut.channel.send(sut.messagesUrl, activity, await auth(activity.serviceUrl));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });

    await new Promise((r) => setTimeout(r, 100));
    expect(sut.channel.connector.activities).toHaveLength(0);
    expect(await sut.neuvo.uow.conversations.find(c.scene.tenantId, user.aadObjectId)).toBeUndefined();
    // Nothing was marked as processed either: the same activity, properly signed, still runs.
    expect((await sut.channel.send(sut.messagesUrl, activity)).status).toBe(200);
    await sut.channel.connector.waitForActivities(1);
  });
});

describe('the HTTP surface', () => {
  const post = (body: string | Buffer, contentType = 'application/json') =>
    fetch(sut.messagesUrl, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers health and readiness', async () => {
    expect((await fetch(`${sut.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${sut.baseUrl}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const res = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('type=message', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('refuses malformed JSON, and JSON that is not an activity, with 400 and no detail', async () => {
    const malformed = await post('{"type": "message",');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'malformed_json', message: 'The body is not valid JSON.' });
    const notActivity = await post('[1,2,3]');
    expect(notActivity.status).toBe(400);
  });

  it('answers other methods with 405', async () => {
    const res = await fetch(sut.messagesUrl, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(await res.text()).not.toMatch(/\n\s+at /);
  });
});
