import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnRegisterReceiver } from './child.js';
import { MAX_BODY_BYTES, startRegisterReceiver, type RegisterReceiver } from './receiver.js';

/**
 * The register REST API contract (docs/register-api.openapi.yaml), over real HTTP against the
 * reference receiver on a real SQLite file.
 */
const TOKEN = 'receiver-test-token';

let dir: string;
let sut: RegisterReceiver;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'register-receiver-'));
  sut = await startRegisterReceiver({ token: TOKEN, dbFile: join(dir, 'register.db') });
});

afterEach(async () => {
  await sut.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  readonly body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  readonly raw?: string;
  readonly key?: string | null;
  readonly token?: string | null;
  readonly contentType?: string | null;
}

interface Got {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

/** One request to `url` (default: the receiver under test), with the contract's headers unless overridden. */
async function send(method: string, path: string, sent: Sent = {}, url = sut.url): Promise<Got> {
  const headers: Record<string, string> = {};
  if (sent.token !== null) headers.authorization = `Bearer ${sent.token ?? TOKEN}`;
  if (sent.key !== null && method !== 'GET') headers['idempotency-key'] = sent.key ?? `key-${method}-${path}`;
  const payload = sent.raw ?? (sent.body === undefined ? undefined : JSON.stringify(sent.body));
  if (payload !== undefined && sent.contentType !== null) headers['content-type'] = sent.contentType ?? 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const anna = { contactKey: 'c-1', revision: 1, fields: { Kunta: 'Liperi', Kieli: 'uk', Kesto: 45, Tulkki: true, Lisätieto: null } };

describe('create, replay, conflict', () => {
  it('creates a contact (201) and reads it back', async () => {
    const created = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({ contactKey: 'c-1', revision: 1 });
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    expect((await send('GET', '/v1/contacts/c-1')).body).toEqual(anna);
    expect(sut.contacts()).toEqual([anna]);
  });

  it('replays the first answer for the same key and request, and stores one row', async () => {
    const first = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    // The same body serialised in another key order is the same request.
    const again = await send('POST', '/v1/contacts', { raw: JSON.stringify({ fields: anna.fields, revision: 1, contactKey: 'c-1' }), key: 'k1' });

    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(sut.contacts()).toHaveLength(1);
    expect(sut.requests().map((r) => [r.status, r.replayed])).toEqual([
      [201, false],
      [201, true],
    ]);
  });

  it('answers 409 contact_exists with the stored revision when the key exists under another Idempotency-Key', async () => {
    await send('POST', '/v1/contacts', { body: { ...anna, revision: 3 }, key: 'k1' });

    const second = await send('POST', '/v1/contacts', { body: anna, key: 'k2' });

    expect(second.status).toBe(409);
    expect(second.body).toEqual({ error: 'contact_exists', revision: 3 });
  });

  it('refuses a key reused for another request (422) and changes nothing', async () => {
    await send('POST', '/v1/contacts', { body: anna, key: 'k1' });

    const otherBody = await send('POST', '/v1/contacts', { body: { ...anna, contactKey: 'c-2' }, key: 'k1' });
    const otherMethod = await send('PUT', '/v1/contacts/c-1', { body: { revision: 2, fields: {} }, key: 'k1' });

    expect(otherBody.status).toBe(422);
    expect(otherBody.body).toEqual({ error: 'idempotency_key_reused' });
    expect(otherMethod.status).toBe(422);
    expect(sut.contacts()).toEqual([anna]);
  });

  it('keeps a column named __proto__ as a column', async () => {
    await send('POST', '/v1/contacts', { raw: '{"contactKey":"c-9","revision":1,"fields":{"__proto__":"x"}}', key: 'k1' });

    expect(JSON.stringify(sut.contacts()[0]?.fields)).toBe('{"__proto__":"x"}');
  });
});

describe('replace and delete', () => {
  beforeEach(async () => {
    await send('POST', '/v1/contacts', { body: anna, key: 'create' });
  });

  it('replaces with a newer revision (200)', async () => {
    const replaced = await send('PUT', '/v1/contacts/c-1', { body: { revision: 2, fields: { Kunta: 'Outokumpu' } }, key: 'put-2' });

    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ contactKey: 'c-1', revision: 2 });
    expect(sut.contacts()).toEqual([{ contactKey: 'c-1', revision: 2, fields: { Kunta: 'Outokumpu' } }]);
  });

  it('refuses the same or an older revision with 409 stale_revision and keeps the stored one', async () => {
    await send('PUT', '/v1/contacts/c-1', { body: { revision: 2, fields: { Kunta: 'Outokumpu' } }, key: 'put-2' });

    const same = await send('PUT', '/v1/contacts/c-1', { body: { revision: 2, fields: { Kunta: 'Ilomantsi' } }, key: 'put-2b' });
    const older = await send('PUT', '/v1/contacts/c-1', { body: { revision: 1, fields: anna.fields }, key: 'put-1' });

    expect(same.status).toBe(409);
    expect(same.body).toEqual({ error: 'stale_revision', revision: 2 });
    expect(older.body).toEqual({ error: 'stale_revision', revision: 2 });
    expect(sut.contacts()[0]?.fields).toEqual({ Kunta: 'Outokumpu' });
  });

  it('answers 404 to a PUT or GET of a missing contact', async () => {
    expect((await send('PUT', '/v1/contacts/c-404', { body: { revision: 2, fields: {} }, key: 'put' })).body).toEqual({ error: 'not_found' });
    expect((await send('GET', '/v1/contacts/c-404')).status).toBe(404);
  });

  it('deletes (204), replays the delete, and answers 404 to a delete under a new key', async () => {
    const deleted = await send('DELETE', '/v1/contacts/c-1', { key: 'del' });
    const replayed = await send('DELETE', '/v1/contacts/c-1', { key: 'del' });
    const missing = await send('DELETE', '/v1/contacts/c-1', { key: 'del-2' });

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([204, 'true']);
    expect(missing.status).toBe(404);
    expect(sut.contacts()).toEqual([]);
  });

  it('takes a percent-encoded key as the same contact', async () => {
    await send('POST', '/v1/contacts', { body: { ...anna, contactKey: 'a:1' }, key: 'create-a' });

    expect((await send('DELETE', '/v1/contacts/a%3A1', { key: 'del-a' })).status).toBe(204);
  });
});

describe('refusals (nothing stored, no idempotency record)', () => {
  it.each([
    ['no Authorization', { token: null }],
    ['a wrong token', { token: 'not-the-token' }],
  ])('401 with %s', async (_, sent: Sent) => {
    const refused = await send('POST', '/v1/contacts', { body: anna, key: 'k1', ...sent });

    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: 'unauthorized' });
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(sut.contacts()).toEqual([]);
    // Not recorded under k1: the same key with the right token is handled as new.
    expect((await send('POST', '/v1/contacts', { body: anna, key: 'k1' })).status).toBe(201);
  });

  it('401 for a Basic scheme and on reads', async () => {
    const basic = await fetch(`${sut.url}/v1/contacts/c-1`, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  it('400 without an Idempotency-Key, or with one over 200 characters', async () => {
    const missing = await send('POST', '/v1/contacts', { body: anna, key: null });
    const tooLong = await send('DELETE', '/v1/contacts/c-1', { key: 'k'.repeat(201) });

    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'idempotency_key_required' });
    expect(tooLong.body).toMatchObject({ error: 'invalid_idempotency_key' });
    expect((await send('POST', '/v1/contacts', { body: anna, key: 'k'.repeat(200) })).status).toBe(201);
  });

  it('415 for a body that is not application/json', async () => {
    const plain = await send('POST', '/v1/contacts', { body: anna, contentType: 'text/plain' });
    const withCharset = await send('POST', '/v1/contacts', { body: anna, contentType: 'application/json; charset=utf-8' });

    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ error: 'unsupported_media_type' });
    expect(withCharset.status).toBe(201);
  });

  it('413 for a body over 64 KiB', async () => {
    const big = { ...anna, fields: { Muistio: 'x'.repeat(MAX_BODY_BYTES) } };

    const refused = await send('POST', '/v1/contacts', { body: big });

    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: 'payload_too_large' });
    expect(sut.contacts()).toEqual([]);
  });

  it('400 malformed_json without quoting the body', async () => {
    const refused = await send('POST', '/v1/contacts', { raw: '{"contactKey":"c-1","fields":{"Nimi":"Matti Meikäläinen"' });

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'malformed_json', details: [expect.objectContaining({ path: '' })] });
    expect(refused.text).not.toContain('Matti');
  });

  it('400 invalid_request for unknown top-level keys and schema violations, naming paths not values', async () => {
    const unknownKey = await send('POST', '/v1/contacts', { body: { ...anna, hetu: '010190-123A' } });
    const badTypes = await send('PUT', '/v1/contacts/c-1', { body: { revision: 0, fields: { Osoite: { katu: 'Kauppakatu 1' } } } });
    const badKey = await send('GET', '/v1/contacts/has%20space');

    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body).toMatchObject({ error: 'invalid_request' });
    expect(unknownKey.text).not.toContain('010190');
    expect(badTypes.body).toMatchObject({
      error: 'invalid_request',
      details: expect.arrayContaining([expect.objectContaining({ path: '/revision' }), expect.objectContaining({ path: '/fields/Osoite' })]),
    });
    expect(badTypes.text).not.toContain('Kauppakatu');
    expect(badKey.status).toBe(400);
    expect(sut.contacts()).toEqual([]);
  });

  it('404 for other paths, 405 with Allow for other methods', async () => {
    expect((await send('GET', '/v2/contacts')).status).toBe(404);
    const patch = await send('PATCH', '/v1/contacts/c-1', { body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, PUT, DELETE');
  });
});

describe('injected faults', () => {
  it('answers the next requests with the fault and Retry-After before storing anything', async () => {
    sut.failNext(2, { status: 503, retryAfterSec: 3 });

    const first = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    const second = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    const third = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });

    expect([first.status, first.headers.get('retry-after'), first.body]).toEqual([503, '3', { error: 'unavailable' }]);
    expect(second.status).toBe(503);
    // Handled as the first real attempt, not a replay of a fault.
    expect([third.status, third.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(sut.requests().map((r) => `${r.method} ${r.path} ${r.idempotencyKey} ${r.status}`)).toEqual([
      'POST /v1/contacts k1 503',
      'POST /v1/contacts k1 503',
      'POST /v1/contacts k1 201',
    ]);
  });

  it('holds the answer after the commit: a caller that gives up meanwhile gets the stored answer replayed', async () => {
    sut.holdAnswerAfterCommit(1, 400);
    const abandoned = fetch(`${sut.url}/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'k1', 'content-type': 'application/json' },
      body: JSON.stringify(anna),
      signal: AbortSignal.timeout(150),
    });
    await expect(abandoned).rejects.toThrow();

    // Stored while its answer was held back.
    expect(sut.contacts()).toEqual([anna]);
    const retried = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(sut.contacts()).toEqual([anna]);
    // The held answer goes into the log when its hold ends, to a caller long gone.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sut.requests().map((r) => [r.status, r.replayed])).toEqual(
      expect.arrayContaining([
        [201, false],
        [201, true],
      ]),
    );
    expect(sut.requests()).toHaveLength(2);
  });

  it('answers 429 throttled', async () => {
    sut.failNext(1, { status: 429, retryAfterSec: 7 });

    const throttled = await send('DELETE', '/v1/contacts/c-1');

    expect([throttled.status, throttled.headers.get('retry-after'), throttled.body]).toEqual([429, '7', { error: 'throttled' }]);
  });
});

describe('durability', () => {
  it('keeps rows and replays stored answers after a close and reopen on the same file', async () => {
    await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    await send('PUT', '/v1/contacts/c-1', { body: { revision: 2, fields: { Kunta: 'Outokumpu' } }, key: 'k2' });
    await sut.close();

    sut = await startRegisterReceiver({ token: TOKEN, dbFile: join(dir, 'register.db') });

    expect(sut.contacts()).toEqual([{ contactKey: 'c-1', revision: 2, fields: { Kunta: 'Outokumpu' } }]);
    const replayed = await send('POST', '/v1/contacts', { body: anna, key: 'k1' });
    expect([replayed.status, replayed.body, replayed.headers.get('idempotent-replayed')]).toEqual([201, { contactKey: 'c-1', revision: 1 }, 'true']);
    expect(sut.contacts()).toHaveLength(1);
  });

  it('keeps what it answered when its process is SIGKILLed (the command-line receiver)', async () => {
    const dbFile = join(dir, 'killed.db');
    const child = await spawnRegisterReceiver({ token: TOKEN, dbFile });
    try {
      expect((await send('POST', '/v1/contacts', { body: anna, key: 'k1' }, child.url)).status).toBe(201);
    } finally {
      await child.stop('SIGKILL');
    }
    await sut.close();

    sut = await startRegisterReceiver({ token: TOKEN, dbFile });

    expect(sut.contacts()).toEqual([anna]);
    expect((await send('POST', '/v1/contacts', { body: anna, key: 'k1' })).headers.get('idempotent-replayed')).toBe('true');
  });
});
