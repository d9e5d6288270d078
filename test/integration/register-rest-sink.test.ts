import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RestRegisterSink } from '../../src/adapters/register/rest-register-sink.js';
import { RegisterSinkError, type RegisterContact } from '../../src/use-cases/ports/register-sink.js';
import { startRegisterReceiver, type RegisterReceiver } from '../../tools/register-receiver/receiver.js';
import { forbidNonLoopbackConnections } from '../harness/loopback-guard.js';

/**
 * `RestRegisterSink` against the reference receiver (tools/register-receiver): real HTTP, a real
 * SQLite file, the outbox's at-least-once retries played out by calling the sink again.
 */
const TOKEN = 'sink-test-token';

let restoreNetwork: () => void;
let dir: string;
let receiver: RegisterReceiver;
let sut: RestRegisterSink;

beforeAll(() => {
  restoreNetwork = forbidNonLoopbackConnections();
});
afterAll(() => restoreNetwork());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'register-sink-'));
  receiver = await startRegisterReceiver({ token: TOKEN, dbFile: join(dir, 'register.db') });
  sut = new RestRegisterSink({ baseUrl: receiver.url, token: TOKEN, timeoutMs: 2_000 });
});

afterEach(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function contact(overrides: Partial<RegisterContact> = {}): RegisterContact {
  return { contactKey: 'contact-1', revision: 1, fields: { Kunta: 'Joensuu', Kieli: 'fa', Kesto: 30, Tulkki: false, Jatko: null }, ...overrides };
}

/** What `promise` rejected with, asserted to be a RegisterSinkError. */
async function sinkError(promise: Promise<unknown>): Promise<RegisterSinkError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RegisterSinkError);
  return error as RegisterSinkError;
}

const trail = (): string[] => receiver.requests().map((r) => `${r.method} ${r.idempotencyKey} ${r.status}${r.replayed ? ' replayed' : ''}`);

describe('upsert', () => {
  it('creates the contact', async () => {
    await sut.upsert(contact(), 'register:1');

    expect(receiver.contacts()).toEqual([contact()]);
    expect(trail()).toEqual(['POST register:1 201']);
  });

  it('leaves one copy when the same upsert is delivered again', async () => {
    await sut.upsert(contact(), 'register:1');
    await sut.upsert(contact(), 'register:1');

    expect(receiver.contacts()).toEqual([contact()]);
    expect(trail()).toEqual(['POST register:1 201', 'POST register:1 201 replayed']);
  });

  it('replaces the copy with a correction (revision 2)', async () => {
    await sut.upsert(contact(), 'register:1');

    await sut.upsert(contact({ revision: 2, fields: { Kunta: 'Liperi' } }), 'register:2');

    expect(receiver.contacts()).toEqual([contact({ revision: 2, fields: { Kunta: 'Liperi' } })]);
    expect(trail().slice(1)).toEqual(['POST register:2 409', 'PUT register:2:put 200']);
  });

  it.each([
    ['its original key', 'register:1'],
    ['a key of its own', 'register:1-again'],
  ])('resolves a late revision-1 retry after revision 2 (%s) and keeps revision 2', async (_, lateKey) => {
    const correction = contact({ revision: 2, fields: { Kunta: 'Liperi' } });
    await sut.upsert(contact(), 'register:1');
    await sut.upsert(correction, 'register:2');

    await sut.upsert(contact(), lateKey);

    expect(receiver.contacts()).toEqual([correction]);
  });

  it('replays every step when a two-step upsert is delivered again', async () => {
    await sut.upsert(contact(), 'register:1');
    await sut.upsert(contact({ revision: 2 }), 'register:2');

    await sut.upsert(contact({ revision: 2 }), 'register:2');

    expect(trail().slice(3)).toEqual(['POST register:2 409 replayed', 'PUT register:2:put 200 replayed']);
  });

  it('creates the contact anew when it is deleted between the POST and the PUT', async () => {
    await sut.upsert(contact(), 'register:1');
    // A delete (erasure) lands right after the register answered our POST 409.
    const racing = new RestRegisterSink({
      baseUrl: receiver.url,
      token: TOKEN,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'POST' && response.status === 409) await sut.delete('contact-1', 'erase:1');
        return response;
      },
    });

    await racing.upsert(contact({ revision: 2 }), 'register:2');

    expect(receiver.contacts()).toEqual([contact({ revision: 2 })]);
    expect(trail().slice(1)).toEqual(['POST register:2 409', 'DELETE erase:1 204', 'PUT register:2:put 404', 'POST register:2:create 201']);
  });
});

describe('delete', () => {
  it('deletes the copy', async () => {
    await sut.upsert(contact(), 'register:1');

    await sut.delete('contact-1', 'erase:1');

    expect(receiver.contacts()).toEqual([]);
  });

  it('resolves for a contact the register does not have', async () => {
    await sut.delete('contact-missing', 'erase:1');

    expect(trail()).toEqual(['DELETE erase:1 404']);
  });
});

describe('failures', () => {
  it('503: unavailable, retried', async () => {
    receiver.failNext(1, { status: 503 });

    const error = await sinkError(sut.upsert(contact(), 'register:1'));

    expect([error.reason, error.status, error.permanent]).toEqual(['unavailable', 503, undefined]);
    expect(receiver.contacts()).toEqual([]);
  });

  it('429 with Retry-After: 7 → throttled, retryAfterMs 7000', async () => {
    receiver.failNext(1, { status: 429, retryAfterSec: 7 });

    const error = await sinkError(sut.delete('contact-1', 'erase:1'));

    expect([error.reason, error.retryAfterMs, error.permanent]).toEqual(['throttled', 7000, undefined]);
  });

  it('401 (a wrong token): unauthorized, not permanent, and the token is not in the message', async () => {
    const wrongToken = new RestRegisterSink({ baseUrl: receiver.url, token: 'expired-secret' });

    const error = await sinkError(wrongToken.upsert(contact(), 'register:1'));

    expect([error.reason, error.status, error.permanent]).toEqual(['unauthorized', 401, undefined]);
    expect(error.message).not.toContain('expired-secret');
  });

  it('400 (a contact the register refuses): rejected, permanent, no field value in the message', async () => {
    const refused = contact({ contactKey: 'not a key', fields: { Nimi: 'Matti Meikäläinen' } });

    const error = await sinkError(sut.upsert(refused, 'register:1'));

    expect([error.reason, error.status, error.permanent]).toEqual(['rejected', 400, true]);
    expect(error.message).toBe('Register upsert: POST answered 400 invalid_request.');
  });

  it('connection refused: unavailable', async () => {
    const closed = await startRegisterReceiver({ token: TOKEN });
    await closed.close();
    const nobody = new RestRegisterSink({ baseUrl: closed.url, token: TOKEN });

    const error = await sinkError(nobody.delete('contact-1', 'erase:1'));

    expect([error.reason, error.status, error.permanent]).toEqual(['unavailable', 0, undefined]);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('no answer in time: unavailable', async () => {
    receiver.failNext(1, { status: 201, delayMs: 5_000 });
    const impatient = new RestRegisterSink({ baseUrl: receiver.url, token: TOKEN, timeoutMs: 200 });

    const error = await sinkError(impatient.upsert(contact(), 'register:1'));

    expect([error.reason, error.status, error.message]).toEqual(['unavailable', 0, 'Register upsert: POST failed: no answer in time.']);
  });

  it('does not follow a redirect (the token stays with the register it was meant for)', async () => {
    const redirecting = createServer((_req, res) => {
      res.writeHead(307, { location: `${receiver.url}/v1/contacts` });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const misdirected = new RestRegisterSink({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });

      const error = await sinkError(misdirected.upsert(contact(), 'register:1'));

      expect([error.reason, error.permanent]).toEqual(['unknown', undefined]);
      expect(receiver.requests()).toEqual([]);
    } finally {
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });
});
