import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { AuditChannel } from '../../domain/audit/audit-entry.js';
import type { ContactFieldError } from '../../domain/register/contact.js';
import { staffText, STAFF_LANGUAGES, type StaffLanguage, type StaffMessageKey } from '../../i18n/staff/index.js';
import type { RegisterActor } from '../../use-cases/register/register-access.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { HttpBodyError } from './server.js';
import type { TabAuthFailureReason, TabIdentity, TabTokenVerifier } from './tab-auth.js';

/** Per person (tenant + Entra id), per instance, over every /api/tab route together. */
export const TAB_REQUESTS_PER_MINUTE = 120;

/** Every answer of a tab API: a status and a body (JSON; errors as `{ error: { code, message } }`). */
export interface TabAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is with this content type instead of JSON (a CSV export). */
  readonly raw?: { readonly contentType: string; readonly text: string };
}

export type TabHandler = (req: Request, actor: RegisterActor, lang: StaffLanguage) => Promise<TabAnswer>;

export interface TabRouteDeps {
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Absent when the tab's SSO is not configured: every call answers 503 `not_configured`. */
  readonly verifyToken?: TabTokenVerifier;
  /** One limiter for all tab APIs, so a person's limit is not multiplied by the number of routes. */
  readonly limiter: FixedWindowRateLimiter;
}

export function tabRateLimiter(): FixedWindowRateLimiter {
  return new FixedWindowRateLimiter({ limit: TAB_REQUESTS_PER_MINUTE, windowMs: 60_000 });
}

/**
 * The steps every tab API call shares, in order: `no-store` + `nosniff`, the SSO token (401, the
 * reason to the log only), the rate limit (429 + Retry-After), then the handler with the actor
 * (`channel` is the audit channel: `side_panel` or `tab`). Nothing is written before the handler.
 */
export function tabRoute(deps: TabRouteDeps, channel: AuditChannel) {
  return (handle: TabHandler) => async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const lang = requestLanguage(req);
    let answer: TabAnswer;
    try {
      answer = await authorized(req, lang, handle);
    } catch (failure) {
      answer = failureAnswer(failure, lang, deps.logger);
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.raw) {
      res.setHeader('content-type', answer.raw.contentType);
      res.sendRaw(answer.status, answer.raw.text);
    } else {
      res.send(answer.status, answer.body);
    }
  };

  async function authorized(req: Request, lang: StaffLanguage, handle: TabHandler): Promise<TabAnswer> {
    if (!deps.verifyToken) return tabError(503, 'not_configured', lang, 'panel.error.notConfigured');
    const auth = await deps.verifyToken(req.header('authorization'));
    if (!auth.ok) return refusedSignIn(auth.reason, lang, deps.logger);
    const allowed = deps.limiter.take(userKey(auth.identity), deps.clock().getTime());
    if (!allowed.ok) return { ...tabError(429, 'too_many_requests', lang, 'panel.error.tooMany'), headers: { 'retry-after': String(allowed.retryAfterSeconds) } };
    return handle(req, { ...auth.identity, channel }, lang);
  }
}

function userKey(identity: TabIdentity): string {
  return `${identity.tenantId}/${identity.entraObjectId}`;
}

/** Every bad token is the same 401 to the caller (the reason goes to the log only). */
function refusedSignIn(reason: TabAuthFailureReason, lang: StaffLanguage, logger: Logger): TabAnswer {
  if (reason === 'keys_unavailable') {
    logger.error({ event: 'tab.auth.keys_unavailable' }, 'the SSO signing keys could not be fetched');
    return tabError(503, 'unavailable', lang, 'panel.error.unavailable');
  }
  logger.info({ event: 'tab.auth.refused', reason }, 'tab token refused');
  return { ...tabError(401, 'unauthorized', lang, 'panel.error.unauthorized'), headers: { 'www-authenticate': 'Bearer' } };
}

export function tabErrorBody(code: string, lang: StaffLanguage, key: StaffMessageKey): { error: { code: string; message: string } } {
  return { error: { code, message: staffText(lang, key) } };
}

export function tabError(status: number, code: string, lang: StaffLanguage, key: StaffMessageKey): TabAnswer {
  return { status, body: tabErrorBody(code, lang, key) };
}

/** The one 404 for "does not exist" and "not yours": the API never tells them apart. */
export function tabNotFound(lang: StaffLanguage): TabAnswer {
  return tabError(404, 'not_found', lang, 'panel.error.notFound');
}

/** 400 with one localized message per field, so the form can show it under the field. */
export function tabInvalid(lang: StaffLanguage, errors: readonly ContactFieldError[]): TabAnswer {
  const fields = errors.map((e) => ({ field: e.field, code: e.code, message: staffText(lang, `panel.field.${e.code}`) }));
  const { error: base } = tabErrorBody('invalid', lang, 'panel.error.invalid');
  return { status: 400, body: { error: { ...base, fields } } };
}

const BODY_ERROR_KEYS: Readonly<Record<HttpBodyError['reason'], StaffMessageKey>> = {
  malformed_json: 'panel.error.badRequest',
  too_large: 'panel.error.tooLarge',
  unsupported_media_type: 'panel.error.unsupportedMediaType',
};

/** Body errors keep their status (413, 415, 400); anything else is a 500 that says nothing. */
function failureAnswer(failure: unknown, lang: StaffLanguage, logger: Logger): TabAnswer {
  if (failure instanceof HttpBodyError) return tabError(failure.status, failure.reason, lang, BODY_ERROR_KEYS[failure.reason]);
  logger.error({ event: 'tab.api.failed', error: failure instanceof Error ? failure.name : 'unknown' }, 'tab API call failed');
  return tabError(500, 'internal_error', lang, 'panel.error.generic');
}

/** fi, sv or en from `Accept-Language` (the pages send the Teams locale), else English. */
export function requestLanguage(req: Request): StaffLanguage {
  const tags = (req.header('accept-language') ?? '').split(',').map((part) => part.split(';', 1)[0]?.trim().split('-', 1)[0]?.toLowerCase() ?? '');
  return (tags.find((tag) => (STAFF_LANGUAGES as readonly string[]).includes(tag)) as StaffLanguage | undefined) ?? 'en';
}

/** Query parameters as one value each; undefined when one is repeated (ambiguous, so refused). */
export function singleQueryParams(req: Request): Record<string, string> | undefined {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length !== 1) return undefined;
    out[key] = values[0]!;
  }
  return out;
}
