import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import { z } from 'zod';

/**
 * The reference receiver of the register REST API (docs/register-api.openapi.yaml): what a
 * municipality's register must do, runnable. Municipalities try their mapping against it; our
 * tests run `RestRegisterSink` against it. It implements the contract and nothing more.
 *
 * Durability: SQLite in WAL mode with synchronous=FULL, and every mutation commits together with
 * its idempotency record BEFORE the response is written. So once a caller has seen an answer, the
 * answer and its effect survive a crash of either side, and a retry after a SIGKILLed caller
 * replays the stored answer instead of applying the change again.
 */

/** Largest accepted request body (64 KiB); a larger one is answered 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Longest accepted `Idempotency-Key`. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Options of {@link startRegisterReceiver}. */
export interface RegisterReceiverOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the receiver is a test and trial tool, not meant to face a network. */
  readonly host?: string;
  /** SQLite file (created if missing); default in memory, which forgets everything on close. */
  readonly dbFile?: string;
  /** The only bearer token accepted. */
  readonly token: string;
}

/** A contact as the receiver holds it. */
export interface StoredContact {
  readonly contactKey: string;
  readonly revision: number;
  readonly fields: Record<string, string | number | boolean | null>;
}

/** One request the receiver answered, in order (this process only: the log is not stored). */
export interface ReceivedRequest {
  readonly method: string;
  /** The path as sent (percent-encoding kept), without query string. */
  readonly path: string;
  /** `null` when the request carried none. */
  readonly idempotencyKey: string | null;
  readonly status: number;
  /** True when the answer was a stored response replayed for a repeated Idempotency-Key. */
  readonly replayed: boolean;
}

/** A fault to inject: the next requests get this answer instead of being handled. */
export interface InjectedFault {
  readonly status: number;
  /** Sent as `Retry-After` (delta-seconds). */
  readonly retryAfterSec?: number;
  /** Wait this long before answering (lets a caller's timeout fire first). */
  readonly delayMs?: number;
}

export interface RegisterReceiver {
  /** Origin without trailing slash, e.g. `http://127.0.0.1:4700`. */
  readonly url: string;
  /** Every stored contact, ordered by key. */
  contacts(): StoredContact[];
  /** Every request answered since start. */
  requests(): ReceivedRequest[];
  /**
   * The next `count` requests, whatever they are, get `fault` before any check, so nothing is
   * stored and no idempotency record is written: a retry is handled as if it came first.
   */
  failNext(count: number, fault: InjectedFault): void;
  /**
   * The next `count` requests that get past the injected faults are handled as usual (a mutation
   * is committed with its idempotency record) and then answered only after `ms`. The window is a
   * caller that crashes after the register took the change but before it saw the answer: its
   * retry must be replayed, not applied again. `contacts()` shows the change during the hold.
   */
  holdAnswerAfterCommit(count: number, ms: number): void;
  /** Stops listening, drops open connections, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Error codes of the contract (the `error` member of every error body). */
type ErrorCode =
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'idempotency_key_required'
  | 'invalid_idempotency_key'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'malformed_json'
  | 'invalid_request'
  | 'contact_exists'
  | 'stale_revision'
  | 'idempotency_key_reused'
  | 'throttled'
  | 'unavailable'
  | 'injected_fault'
  | 'internal_error';

interface Answer {
  readonly status: number;
  /** JSON body; undefined for 204. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly replayed?: boolean;
}

interface ContactRow {
  readonly contact_key: string;
  readonly revision: number;
  readonly fields: string;
}

interface IdempotencyRow {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string | null;
}

// The contract's schemas (docs/register-api.openapi.yaml, components.schemas). Messages of zod
// issues name the rule, never the value, so they can go into `details` without personal data.
const contactKeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be 1-200 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit');
const revisionSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const fieldsSchema = z
  .record(z.string().min(1).max(128), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .refine((fields) => Object.keys(fields).length <= 200, 'must have at most 200 columns');
const createBodySchema = z.object({ contactKey: contactKeySchema, revision: revisionSchema, fields: fieldsSchema }).strict();
const replaceBodySchema = z.object({ revision: revisionSchema, fields: fieldsSchema }).strict();

const COLLECTION = '/v1/contacts';
const ITEM = /^\/v1\/contacts\/([^/]+)$/;

/** Starts the receiver; resolves once it listens. */
export async function startRegisterReceiver(options: RegisterReceiverOptions): Promise<RegisterReceiver> {
  if (options.token === '') throw new Error('startRegisterReceiver: `token` must not be empty.');
  const store = openStore(options.dbFile ?? ':memory:');
  const expectedToken = digest(options.token);
  const log: ReceivedRequest[] = [];
  const faults: { remaining: number; fault: InjectedFault }[] = [];
  const holds: { remaining: number; ms: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (req: IncomingMessage): Promise<Answer> => {
    const fault = faults[0];
    if (fault) {
      if (--fault.remaining <= 0) faults.shift();
      await wait(fault.fault.delayMs ?? 0);
      return faultAnswer(fault.fault);
    }
    const answer = await route(req, store, expectedToken);
    const hold = holds[0];
    if (hold) {
      if (--hold.remaining <= 0) holds.shift();
      await wait(hold.ms);
    }
    return answer;
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const idempotencyKey = headerOf(req, 'idempotency-key') ?? null;
    handle(req)
      .catch((): Answer => ({ status: 500, body: { error: 'internal_error' satisfies ErrorCode } }))
      .then((answer) => {
        log.push({ method: req.method ?? '', path, idempotencyKey, status: answer.status, replayed: answer.replayed === true });
        send(res, answer);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    contacts: () => store.contacts(),
    requests: () => [...log],
    failNext: (count, fault) => {
      if (count > 0) faults.push({ remaining: count, fault });
    },
    holdAnswerAfterCommit: (count, ms) => {
      if (count > 0) holds.push({ remaining: count, ms });
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        // Keep-alive sockets of fetch (undici) would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      })),
  };
}

/** Checks in the order of the contract: route, auth, Idempotency-Key, media type, size, JSON, schema. */
async function route(req: IncomingMessage, store: Store, expectedToken: Buffer): Promise<Answer> {
  const method = req.method ?? '';
  const path = new URL(req.url ?? '/', 'http://receiver').pathname;
  const item = ITEM.exec(path);
  const allowed = path === COLLECTION ? ['POST'] : item ? ['GET', 'PUT', 'DELETE'] : undefined;
  if (!allowed) return error(404, 'not_found');
  if (!allowed.includes(method)) return { ...error(405, 'method_not_allowed'), headers: { allow: allowed.join(', ') } };

  if (!authorized(headerOf(req, 'authorization'), expectedToken)) {
    return { ...error(401, 'unauthorized'), headers: { 'www-authenticate': 'Bearer realm="register"' } };
  }

  let contactKey: string | undefined;
  if (item) {
    contactKey = decodeSegment(item[1] ?? '');
    const parsed = contactKeySchema.safeParse(contactKey);
    if (!parsed.success) return invalid(parsed.error, '/contactKey');
  }

  if (method === 'GET') {
    const contact = store.get(contactKey ?? '');
    return contact ? { status: 200, body: contact } : error(404, 'not_found');
  }

  const idempotencyKey = headerOf(req, 'idempotency-key');
  if (idempotencyKey === undefined) return error(400, 'idempotency_key_required', [{ path: 'header:Idempotency-Key', message: 'is required on POST, PUT and DELETE' }]);
  if (!/^[!-~]{1,200}$/.test(idempotencyKey)) {
    return error(400, 'invalid_idempotency_key', [{ path: 'header:Idempotency-Key', message: `must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters` }]);
  }

  // The decoded key names the resource, so `a%3A1` and `a:1` are one request for the fingerprint.
  const resource = contactKey === undefined ? COLLECTION : `${COLLECTION}/${contactKey}`;
  if (method === 'DELETE') {
    return store.once(idempotencyKey, fingerprint(method, resource, null), () => store.remove(contactKey ?? ''));
  }

  if (!isJson(headerOf(req, 'content-type'))) return error(415, 'unsupported_media_type', [{ path: 'header:Content-Type', message: 'must be application/json' }]);
  const raw = await readBody(req);
  if (raw === 'too_large') return error(413, 'payload_too_large', [{ path: '', message: `body must be at most ${MAX_BODY_BYTES} bytes` }]);
  const json = parseJson(raw);
  // The parser's own message is not passed on: it quotes the text around the fault.
  if (json === undefined) return error(400, 'malformed_json', [{ path: '', message: 'body is not valid UTF-8 JSON' }]);

  if (method === 'POST') {
    const parsed = createBodySchema.safeParse(json.value);
    if (!parsed.success) return invalid(parsed.error);
    // The parsed JSON is stored, not zod's copy: zod rebuilds records by assignment, which would
    // turn a column named "__proto__" into a prototype and drop it.
    const body = json.value as StoredContact;
    return store.once(idempotencyKey, fingerprint(method, resource, json.value), () => store.create(body));
  }
  const parsed = replaceBodySchema.safeParse(json.value);
  if (!parsed.success) return invalid(parsed.error);
  const body = json.value as Omit<StoredContact, 'contactKey'>;
  return store.once(idempotencyKey, fingerprint(method, resource, json.value), () => store.replace({ ...body, contactKey: contactKey ?? '' }));
}

interface Store {
  /** Runs `apply` once per Idempotency-Key, in one transaction with the record of its answer. */
  once(key: string, fingerprint: string, apply: () => Answer): Answer;
  create(contact: StoredContact): Answer;
  replace(contact: StoredContact): Answer;
  remove(contactKey: string): Answer;
  get(contactKey: string): StoredContact | undefined;
  contacts(): StoredContact[];
  close(): void;
}

function openStore(file: string): Store {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // FULL: the commit reaches the disk before the answer is sent (NORMAL could lose the last
  // commits on power loss, and the caller would have marked them delivered).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    create table if not exists contacts (
      contact_key text primary key,
      revision integer not null,
      fields text not null
    ) strict;
    create table if not exists idempotency_keys (
      key text primary key,
      fingerprint text not null,
      status integer not null,
      body text
    ) strict;
  `);
  const selectContact = db.prepare<[string], ContactRow>('select contact_key, revision, fields from contacts where contact_key = ?');
  const selectContacts = db.prepare<[], ContactRow>('select contact_key, revision, fields from contacts order by contact_key');
  const insertContact = db.prepare<[string, number, string]>('insert into contacts (contact_key, revision, fields) values (?, ?, ?)');
  const updateContact = db.prepare<[number, string, string]>('update contacts set revision = ?, fields = ? where contact_key = ?');
  const deleteContact = db.prepare<[string]>('delete from contacts where contact_key = ?');
  const selectKey = db.prepare<[string], IdempotencyRow>('select fingerprint, status, body from idempotency_keys where key = ?');
  const insertKey = db.prepare<[string, string, number, string | null]>('insert into idempotency_keys (key, fingerprint, status, body) values (?, ?, ?, ?)');

  const toContact = (row: ContactRow): StoredContact => ({ contactKey: row.contact_key, revision: row.revision, fields: JSON.parse(row.fields) as StoredContact['fields'] });

  // IMMEDIATE: two receiver processes on one file serialise on the write lock from the start,
  // so the idempotency lookup and the write it guards cannot interleave.
  const once = db.transaction((key: string, print: string, apply: () => Answer): Answer => {
    const stored = selectKey.get(key);
    if (stored) {
      if (stored.fingerprint !== print) return error(422, 'idempotency_key_reused');
      return { status: stored.status, ...(stored.body === null ? {} : { body: JSON.parse(stored.body) as unknown }), replayed: true };
    }
    const answer = apply();
    insertKey.run(key, print, answer.status, answer.body === undefined ? null : JSON.stringify(answer.body));
    return answer;
  });

  return {
    once: (key, print, apply) => once.immediate(key, print, apply),
    create: (contact) => {
      const existing = selectContact.get(contact.contactKey);
      if (existing) return { status: 409, body: { error: 'contact_exists' satisfies ErrorCode, revision: existing.revision } };
      insertContact.run(contact.contactKey, contact.revision, JSON.stringify(contact.fields));
      return { status: 201, body: { contactKey: contact.contactKey, revision: contact.revision } };
    },
    replace: (contact) => {
      const existing = selectContact.get(contact.contactKey);
      if (!existing) return error(404, 'not_found');
      // The register keeps the highest revision it has seen: a late retry must not undo a correction.
      if (contact.revision <= existing.revision) return { status: 409, body: { error: 'stale_revision' satisfies ErrorCode, revision: existing.revision } };
      updateContact.run(contact.revision, JSON.stringify(contact.fields), contact.contactKey);
      return { status: 200, body: { contactKey: contact.contactKey, revision: contact.revision } };
    },
    remove: (contactKey) => (deleteContact.run(contactKey).changes === 0 ? error(404, 'not_found') : { status: 204 }),
    get: (contactKey) => {
      const row = selectContact.get(contactKey);
      return row ? toContact(row) : undefined;
    },
    contacts: () => selectContacts.all().map(toContact),
    close: () => db.close(),
  };
}

function faultAnswer(fault: InjectedFault): Answer {
  const code: ErrorCode = fault.status === 429 ? 'throttled' : fault.status === 503 ? 'unavailable' : fault.status === 401 ? 'unauthorized' : 'injected_fault';
  return {
    ...error(fault.status, code),
    ...(fault.retryAfterSec === undefined ? {} : { headers: { 'retry-after': String(fault.retryAfterSec) } }),
  };
}

/** An error body: a code, and for 400/413/415 the rules broken (paths and rules, never values). */
function error(status: number, code: ErrorCode, details?: readonly { path: string; message: string }[]): Answer {
  return { status, body: details === undefined ? { error: code } : { error: code, details } };
}

function invalid(zodError: z.ZodError, pathPrefix = ''): Answer {
  return error(
    400,
    'invalid_request',
    zodError.issues.map((issue) => ({ path: pathPrefix + issue.path.map((part) => `/${part}`).join(''), message: issue.message })),
  );
}

function send(res: ServerResponse, answer: Answer): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...(answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
    ...answer.headers,
  });
  res.end(text);
}

/**
 * Reads the body up to {@link MAX_BODY_BYTES}. Past the limit it keeps draining without keeping
 * the bytes, so the 413 reaches a client that is still sending (answering mid-upload makes
 * clients see a reset instead); past 16 times the limit it gives up on the connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES) req.destroy();
    });
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    // After destroy() no 'end' comes; the answer then goes nowhere, but the handler must finish.
    req.once('close', () => resolve('too_large'));
    req.once('error', reject);
  });
}

function parseJson(raw: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown };
  } catch {
    return undefined;
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  // Digests have one length, so timingSafeEqual never throws and the token's length does not leak.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

/**
 * What "the same request" means for an Idempotency-Key: method, path, and the body as JSON with
 * keys sorted, so a client that re-serialises the same body in another key order still matches.
 */
function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method}\n${path}\n${canonicalJson(body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed percent-encoding: left as is, and the key pattern refuses the "%"
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
