import { createHash } from 'node:crypto';
import { RegisterSinkError, type RegisterContact, type RegisterSink, type RegisterSinkErrorReason } from '../../use-cases/ports/register-sink.js';
import { parseRetryAfter } from '../graph/graph-request.js';

/** Default time one register call (answer and body) may take before it counts as `unavailable`. */
export const DEFAULT_REGISTER_TIMEOUT_MS = 10_000;

/** Longest Idempotency-Key the contract accepts (docs/register-api.openapi.yaml). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export interface RestRegisterSinkOptions {
  /** The register's origin and base path, without `/v1` (e.g. `https://register.example.fi/api`). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never logged nor put in an error. */
  readonly token: string;
  readonly timeoutMs?: number;
  /** Injectable for tests of the composition; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

type Operation = 'upsert' | 'delete';

interface Reply {
  readonly status: number;
  /** The contract's `error` code, when the body had one. */
  readonly code?: string;
  readonly headers: Headers;
}

/**
 * `RegisterSink` over the register REST API (docs/register-api.openapi.yaml, docs/register-api.md).
 *
 * upsert = POST /v1/contacts; when the key exists (409 contact_exists) PUT /v1/contacts/{key};
 * a PUT refused as stale (409 stale_revision) means the register already holds this or a newer
 * revision, which is success; a PUT that finds nothing (404: deleted in between) POSTs again.
 * delete = DELETE /v1/contacts/{key}; 404 is success (already gone).
 *
 * Idempotency keys: each step of one upsert sends its own key derived from the outbox key —
 * `K` for the POST, `K:put` for the PUT, `K:create` for the POST after a 404 — because the
 * register stores the first answer per key and refuses the key with another request (422). With
 * fixed suffixes a retry of the whole upsert (after a crash or a timeout) sends exactly the same
 * requests under the same keys, so every step the register already did is replayed from its
 * record instead of being applied again, and the retry follows the same path to the same end.
 * A random or per-attempt suffix would apply a late PUT a second time.
 */
export class RestRegisterSink implements RegisterSink {
  private readonly baseUrl: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: RestRegisterSinkOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS;
    this.fetch = options.fetch ?? fetch;
  }

  async upsert(contact: RegisterContact, idempotencyKey: string): Promise<void> {
    // Built anew, not `contact` itself: the contract refuses unknown members, and a caller's
    // object may carry more than the port's three.
    const createBody = { contactKey: contact.contactKey, revision: contact.revision, fields: contact.fields };
    const created = await this.call('upsert', 'POST', '/v1/contacts', idempotencyKey, createBody);
    if (created.status === 201) return;
    if (created.status !== 409 || created.code !== 'contact_exists') throw failure('upsert', 'POST', created);

    const item = `/v1/contacts/${encodeURIComponent(contact.contactKey)}`;
    const replaced = await this.call('upsert', 'PUT', item, stepKey(idempotencyKey, 'put'), { revision: contact.revision, fields: contact.fields });
    if (replaced.status === 200) return;
    // The register keeps the highest revision: this one (a retry) or a newer one (a correction
    // sent meanwhile) is already there, and a late retry must not undo a correction.
    if (replaced.status === 409 && replaced.code === 'stale_revision') return;
    if (replaced.status !== 404) throw failure('upsert', 'PUT', replaced);

    // Deleted between our POST and PUT: create it anew. A 409 now means a third writer; it is
    // not resolved here (the replayed answers would only repeat it), it goes back to the outbox.
    const recreated = await this.call('upsert', 'POST', '/v1/contacts', stepKey(idempotencyKey, 'create'), createBody);
    if (recreated.status !== 201) throw failure('upsert', 'POST', recreated);
  }

  async delete(contactKey: string, idempotencyKey: string): Promise<void> {
    const deleted = await this.call('delete', 'DELETE', `/v1/contacts/${encodeURIComponent(contactKey)}`, idempotencyKey);
    if (deleted.status === 204 || deleted.status === 404) return;
    throw failure('delete', 'DELETE', deleted);
  }

  /** One request; an answer of any status is returned, a failure to get one is thrown. */
  private async call(operation: Operation, method: string, path: string, idempotencyKey: string, body?: unknown): Promise<Reply> {
    try {
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          'idempotency-key': idempotencyKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Never carry the token to wherever a redirect points.
        redirect: 'error',
        // Covers the body too: a register that stalls mid-answer times out like a silent one.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      const code = errorCode(text);
      return { status: response.status, headers: response.headers, ...(code === undefined ? {} : { code }) };
    } catch (error) {
      throw noAnswer(operation, method, error);
    }
  }
}

/**
 * THE place that turns a register answer we do not accept into a `RegisterSinkError` (STYLE
 * habit 3), by the rules of graph-request.ts: 429 throttled; 408 and 5xx unavailable; 401
 * unauthorized but not permanent (a fixed token changes it); 409 conflict, retried; other 4xx
 * rejected and permanent (no retry changes the request). Retry-After is honoured on any status.
 */
function failure(operation: Operation, method: string, reply: Reply): RegisterSinkError {
  const reason = reasonFor(reply.status);
  const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), Date.now());
  return new RegisterSinkError(`Register ${operation}: ${method} answered ${reply.status}${reply.code === undefined ? '' : ` ${reply.code}`}.`, reason, {
    status: reply.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(reason === 'rejected' ? { permanent: true } : {}),
  });
}

function reasonFor(status: number): RegisterSinkErrorReason {
  if (status === 429) return 'throttled';
  if (status === 408 || status >= 500) return 'unavailable';
  if (status === 401) return 'unauthorized';
  if (status === 409) return 'conflict';
  if (status >= 400) return 'rejected';
  return 'unknown';
}

/** No answer at all: refused, reset, timed out, or a redirect we refused to follow. */
function noAnswer(operation: Operation, method: string, error: unknown): RegisterSinkError {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message === 'unexpected redirect') {
    // A wrong base URL (http → https, a moved host): fixed by configuration, so not permanent.
    return new RegisterSinkError(`Register ${operation}: ${method} answered a redirect, which is not followed; check the register base URL.`, 'unknown', { status: 0, cause: error });
  }
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const what = timedOut ? 'no answer in time' : `no answer (${code ?? 'network error'})`;
  return new RegisterSinkError(`Register ${operation}: ${method} failed: ${what}.`, 'unavailable', { status: 0, cause: error });
}

/** The contract's `error` code of a JSON error body; anything else (HTML, text) is ignored. */
function errorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown } | null;
    // Only a code-shaped value is kept: it goes into the message, which must not carry data.
    return typeof body?.error === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(body.error) ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/** `K:suffix`, or the hash of K when that would pass the contract's 200 characters. */
function stepKey(idempotencyKey: string, suffix: string): string {
  const key = `${idempotencyKey}:${suffix}`;
  return key.length <= MAX_IDEMPOTENCY_KEY_LENGTH ? key : `${createHash('sha256').update(idempotencyKey).digest('hex')}:${suffix}`;
}
