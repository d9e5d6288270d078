import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ContactFieldError } from '../../domain/register/contact.js';
import { staffText, STAFF_LANGUAGES, type StaffLanguage, type StaffMessageKey } from '../../i18n/staff/index.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import { correctContact } from '../../use-cases/register/correct-contact.js';
import { getClientPanel } from '../../use-cases/register/get-client-panel.js';
import { logContact } from '../../use-cases/register/log-contact.js';
import type { RegisterActor } from '../../use-cases/register/register-access.js';
import type { RegisterRouting } from '../../use-cases/register/register-sync.js';
import { CorrectContactJson, detailsFromJson, LogContactJson } from '../shared/contact-input.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { HttpBodyError, readJsonBody } from './server.js';
import type { TabAuthFailureReason, TabIdentity, TabTokenVerifier } from './tab-auth.js';

/** A contact with the longest notes (1000 characters, each up to 4 bytes in UTF-8) fits easily. */
export const MAX_TAB_BODY_BYTES = 16 * 1024;
/** Per person (tenant + Entra id), per instance: a busy adviser saves a few times a minute. */
export const TAB_REQUESTS_PER_MINUTE = 120;

export interface TabApiDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly registers: RegisterRouting;
  /** Absent when the tab's SSO is not configured: every call answers 503 `not_configured`. */
  readonly verifyToken?: TabTokenVerifier;
  readonly limiter?: FixedWindowRateLimiter;
}

/** Every answer of the API: a status and a JSON body (errors as `{ error: { code, message } }`). */
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Handler = (req: Request, actor: RegisterActor, lang: StaffLanguage) => Promise<Answer>;

/** The meeting chat's thread id as teams-js gives it (`chat.id` in a meeting). */
const ChatId = z.string().max(300).regex(/^19:[^\s/]+@thread\.(v2|skype|tacv2)$/);
const ContactId = z.string().min(1).max(100);

/**
 * The meeting side panel's API (issue 4). Callers are identified only by the Teams SSO token
 * (tab-auth.ts); what they may see is decided by the use cases from our database.
 * - `GET /api/tab/meeting-panel?chatId=19:meeting_…@thread.v2`: the panel of the meeting's booking;
 * - `POST /api/tab/contacts`: log a contact (`LogContactJson`) → 201;
 * - `PUT /api/tab/contacts/:id`: correct one (`CorrectContactJson`, with a reason) → 200.
 *
 * Refusals are indistinguishable where it matters: a chat with no booking, a booking of a client
 * the caller may not see and a caller who is not staff all get the same 404, so the API never
 * tells whether a client or booking exists (the use case writes the `denied` audit row). Nothing
 * is written for a refusal before the use case (401, 413, 415, 400, 429).
 */
export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const limiter = deps.limiter ?? new FixedWindowRateLimiter({ limit: TAB_REQUESTS_PER_MINUTE, windowMs: 60_000 });
  const registerDeps = { uow: deps.uow, clock: deps.clock, registers: deps.registers };

  server.get('/api/tab/meeting-panel', route(async (req, actor, lang) => {
    const chatId = ChatId.safeParse(new URL(req.url ?? '/', 'http://localhost').searchParams.get('chatId'));
    if (!chatId.success) return error(400, 'bad_request', lang, 'panel.error.badRequest');
    const bookingId = await deps.uow.meetingSessions.bookingForThread(chatId.data);
    if (!bookingId) return notFound(lang);
    const result = await getClientPanel(deps, actor, bookingId);
    return result.ok ? { status: 200, body: { panel: result.panel } } : notFound(lang);
  }));

  server.post('/api/tab/contacts', route(async (req, actor, lang) => {
    const body = LogContactJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (!body.success) return error(400, 'bad_request', lang, 'panel.error.badRequest');
    const subject = 'bookingId' in body.data ? { bookingId: body.data.bookingId } : { clientId: body.data.clientId };
    const result = await logContact(registerDeps, actor, subject, detailsFromJson(body.data.details));
    if (result.ok) return { status: 201, body: { contact: result.contact } };
    switch (result.reason) {
      case 'invalid':
        return invalid(lang, result.errors);
      case 'already_logged':
        return { status: 409, body: { ...errorBody('already_logged', lang, 'panel.error.alreadyLogged'), contact: result.contact } };
      default:
        return notFound(lang);
    }
  }));

  server.put('/api/tab/contacts/:id', route(async (req, actor, lang) => {
    const contactId = ContactId.safeParse(req.params?.id);
    const body = CorrectContactJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (!contactId.success || !body.success) return error(400, 'bad_request', lang, 'panel.error.badRequest');
    const { expectedRevision, reason, details } = body.data;
    const result = await correctContact(registerDeps, actor, { contactId: contactId.data, expectedRevision, reason, details: detailsFromJson(details) });
    if (result.ok) return { status: 200, body: { contact: result.contact } };
    switch (result.reason) {
      case 'invalid':
        return invalid(lang, result.errors);
      case 'reason_required':
        return error(400, 'reason_required', lang, 'panel.error.reasonRequired');
      case 'stale':
        return { status: 409, body: { ...errorBody('stale', lang, 'panel.error.stale'), contact: result.current } };
      default:
        return notFound(lang);
    }
  }));

  /** The steps every call shares, in order: headers, sign-in, rate limit, then the handler. */
  function route(handle: Handler) {
    return async (req: Request, res: Response) => {
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      const lang = requestLanguage(req);
      let answer: Answer;
      try {
        answer = await authorized(req, lang, handle);
      } catch (failure) {
        answer = failureAnswer(failure, lang, deps.logger);
      }
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.send(answer.status, answer.body);
    };
  }

  async function authorized(req: Request, lang: StaffLanguage, handle: Handler): Promise<Answer> {
    if (!deps.verifyToken) return error(503, 'not_configured', lang, 'panel.error.notConfigured');
    const auth = await deps.verifyToken(req.header('authorization'));
    if (!auth.ok) return refusedSignIn(auth.reason, lang, deps.logger);
    const allowed = limiter.take(userKey(auth.identity), deps.clock().getTime());
    if (!allowed.ok) return { ...error(429, 'too_many_requests', lang, 'panel.error.tooMany'), headers: { 'retry-after': String(allowed.retryAfterSeconds) } };
    return handle(req, { ...auth.identity, channel: 'side_panel' }, lang);
  }
}

function userKey(identity: TabIdentity): string {
  return `${identity.tenantId}/${identity.entraObjectId}`;
}

/** Every bad token is the same 401 to the caller (the reason goes to the log only). */
function refusedSignIn(reason: TabAuthFailureReason, lang: StaffLanguage, logger: Logger): Answer {
  if (reason === 'keys_unavailable') {
    logger.error({ event: 'tab.auth.keys_unavailable' }, 'the SSO signing keys could not be fetched');
    return error(503, 'unavailable', lang, 'panel.error.unavailable');
  }
  logger.info({ event: 'tab.auth.refused', reason }, 'tab token refused');
  return { ...error(401, 'unauthorized', lang, 'panel.error.unauthorized'), headers: { 'www-authenticate': 'Bearer' } };
}

function errorBody(code: string, lang: StaffLanguage, key: StaffMessageKey): { error: { code: string; message: string } } {
  return { error: { code, message: staffText(lang, key) } };
}

function error(status: number, code: string, lang: StaffLanguage, key: StaffMessageKey): Answer {
  return { status, body: errorBody(code, lang, key) };
}

function notFound(lang: StaffLanguage): Answer {
  return error(404, 'not_found', lang, 'panel.error.notFound');
}

/** 400 with one localized message per field, so the form can show it under the field. */
function invalid(lang: StaffLanguage, errors: readonly ContactFieldError[]): Answer {
  const fields = errors.map((e) => ({ field: e.field, code: e.code, message: staffText(lang, `panel.field.${e.code}`) }));
  const { error: base } = errorBody('invalid', lang, 'panel.error.invalid');
  return { status: 400, body: { error: { ...base, fields } } };
}

const BODY_ERROR_KEYS: Readonly<Record<HttpBodyError['reason'], StaffMessageKey>> = {
  malformed_json: 'panel.error.badRequest',
  too_large: 'panel.error.tooLarge',
  unsupported_media_type: 'panel.error.unsupportedMediaType',
};

/** Body errors keep their status (413, 415, 400); anything else is a 500 that says nothing. */
function failureAnswer(failure: unknown, lang: StaffLanguage, logger: Logger): Answer {
  if (failure instanceof HttpBodyError) return error(failure.status, failure.reason, lang, BODY_ERROR_KEYS[failure.reason]);
  logger.error({ event: 'tab.api.failed', error: failure instanceof Error ? failure.name : 'unknown' }, 'tab API call failed');
  return error(500, 'internal_error', lang, 'panel.error.generic');
}

/** fi, sv or en from `Accept-Language` (the panel sends the Teams locale), else English. */
export function requestLanguage(req: Request): StaffLanguage {
  const tags = (req.header('accept-language') ?? '').split(',').map((part) => part.split(';', 1)[0]?.trim().split('-', 1)[0]?.toLowerCase() ?? '');
  return (tags.find((tag) => (STAFF_LANGUAGES as readonly string[]).includes(tag)) as StaffLanguage | undefined) ?? 'en';
}
