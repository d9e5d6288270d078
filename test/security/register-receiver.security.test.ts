import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRegisterReceiver, type RegisterReceiver } from '../../tools/register-receiver/receiver.js';
import { rawRequest } from './security-support.js';

/**
 * Abuse of the reference register receiver (tools/register-receiver; docs/register-api.md), the
 * register REST API a municipality runs and Neuvo's register sink calls (issue 7). Each case
 * checks the answer and that the register holds exactly what it held before: one seeded contact.
 * XSS and SQL metacharacters in field values are stored as given and answered as JSON text.
 */
const TOKEN = 'register-security-token';
let receiver: RegisterReceiver;
const SEEDED = { contactKey: 'seeded-1', revision: 1, fields: { municipality: 'liperi', topics: 'housing' } };
let key = 0;

beforeAll(async () => {
  receiver = await startRegisterReceiver({ token: TOKEN });
  const created = await call('POST', '/v1/contacts', { body: JSON.stringify(SEEDED) });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await receiver?.close();
});
beforeEach(() => {
  key += 1;
});

function call(method: string, path: string, options: { auth?: string | null; body?: string; contentType?: string; idempotencyKey?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.auth !== null) headers.authorization = options.auth ?? `Bearer ${TOKEN}`;
  if (options.idempotencyKey !== null) headers['idempotency-key'] = options.idempotencyKey ?? `security-${key}-${Math.random()}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return rawRequest(receiver.url, { method, path, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
}

const valid = (contactKey: string) => JSON.stringify({ contactKey, revision: 1, fields: { municipality: 'liperi' } });

describe('the register refuses, and stores nothing', () => {
  const cases: [string, () => ReturnType<typeof call>, number, string][] = [
    ['no token', () => call('POST', '/v1/contacts', { auth: null, body: valid('no-token') }), 401, 'unauthorized'],
    ['a wrong token', () => call('POST', '/v1/contacts', { auth: 'Bearer not-the-token', body: valid('wrong-token') }), 401, 'unauthorized'],
    ['the token as Basic', () => call('POST', '/v1/contacts', { auth: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, body: valid('basic') }), 401, 'unauthorized'],
    ['the token with a prefix', () => call('POST', '/v1/contacts', { auth: `Bearer ${TOKEN}x`, body: valid('prefix') }), 401, 'unauthorized'],
    ['a wrong token deleting the seeded contact', () => call('DELETE', '/v1/contacts/seeded-1', { auth: 'Bearer guess' }), 401, 'unauthorized'],
    ['no Idempotency-Key', () => call('POST', '/v1/contacts', { idempotencyKey: null, body: valid('no-key') }), 400, 'idempotency_key_required'],
    ['an Idempotency-Key of 201 characters', () => call('POST', '/v1/contacts', { idempotencyKey: 'k'.repeat(201), body: valid('long-key') }), 400, 'invalid_idempotency_key'],
    ['text/plain', () => call('POST', '/v1/contacts', { body: valid('plain'), contentType: 'text/plain' }), 415, 'unsupported_media_type'],
    ['malformed JSON', () => call('POST', '/v1/contacts', { body: '{"contactKey": "m", ' }), 400, 'malformed_json'],
    ['a body over 64 KiB', () => call('POST', '/v1/contacts', { body: JSON.stringify({ contactKey: 'big', revision: 1, fields: { notes: 'x'.repeat(70_000) } }) }), 413, 'payload_too_large'],
    ['a contact key with a path in it', () => call('POST', '/v1/contacts', { body: valid('../../etc/passwd') }), 400, 'invalid_request'],
    ['a contact key with SQL', () => call('POST', '/v1/contacts', { body: valid("x'; DROP TABLE contacts; --") }), 400, 'invalid_request'],
    ['an unknown top-level property', () => call('POST', '/v1/contacts', { body: JSON.stringify({ contactKey: 'extra', revision: 1, fields: {}, admin: true }) }), 400, 'invalid_request'],
    ['a nested object as a field value', () => call('POST', '/v1/contacts', { body: JSON.stringify({ contactKey: 'nested', revision: 1, fields: { a: { b: 1 } } }) }), 400, 'invalid_request'],
    ['revision 0', () => call('POST', '/v1/contacts', { body: JSON.stringify({ contactKey: 'rev0', revision: 0, fields: {} }) }), 400, 'invalid_request'],
    ['a traversal in the item path', () => call('PUT', '/v1/contacts/..%2F..%2Fadmin', { body: JSON.stringify({ revision: 2, fields: {} }) }), 400, 'invalid_request'],
    ['a double-encoded traversal', () => call('DELETE', '/v1/contacts/%252e%252e%252fseeded-1'), 400, 'invalid_request'],
    ['a path outside the API', () => call('GET', '/v1/../etc/passwd'), 404, 'not_found'],
    ['a method the collection does not have', () => call('DELETE', '/v1/contacts'), 405, 'method_not_allowed'],
  ];
  for (const [name, send, status, code] of cases) {
    it(name, async () => {
      const answer = await send();
      expect(answer.status, answer.text).toBe(status);
      expect(answer.text).toContain(`"${code}"`);
      expect(answer.text).not.toContain(TOKEN);
      expect(receiver.contacts()).toEqual([SEEDED]);
    });
  }
});

describe('values are data', () => {
  it('stores markup and SQL in field values as given, answers them as JSON, and the table survives', async () => {
    const fields = { notes: `<script>alert(1)</script>'; DROP TABLE contacts; --`, __proto__: 'not a prototype' } as Record<string, string>;
    const body = `{"contactKey":"literal-1","revision":1,"fields":{"notes":${JSON.stringify(fields.notes)},"__proto__":"not a prototype"}}`;
    const created = await call('POST', '/v1/contacts', { body });
    expect(created.status, created.text).toBe(201);
    const read = await call('GET', '/v1/contacts/literal-1');
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(read.text)).toMatchObject({ contactKey: 'literal-1', fields: { notes: fields.notes } });
    expect(read.text).toContain('"__proto__":"not a prototype"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(receiver.contacts().map((c) => c.contactKey)).toEqual(['literal-1', 'seeded-1']);
    expect((await call('DELETE', '/v1/contacts/literal-1')).status).toBe(204);
    expect(receiver.contacts()).toEqual([SEEDED]);
  });
});
