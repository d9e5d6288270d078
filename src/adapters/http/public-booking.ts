import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CardAttachment } from '../../cards/adaptive-card.js';
import { renderIntakeCard } from '../../cards/intake/intake-card.js';
import { parseIntakeSubmission } from '../../cards/intake/intake-submission.js';
import { renderIntakeSummaryCard } from '../../cards/intake/intake-summary-card.js';
import { BOOK_SLOT, CANCEL_BOOKING, INTAKE_SUBMIT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../../cards/verbs.js';
import { isKnownTimeZone } from '../../domain/booking/helsinki-time.js';
import { SUPPORTED_LANGUAGES, type LanguageCode } from '../../domain/staff/staff.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { hashSessionToken, publicActorId, submitPublicIntake } from '../../use-cases/intake/submit-intake.js';
import type { AdviserCalendar } from '../../use-cases/ports/graph.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import { bookingCriteriaFor, createBookingCardActions, type BookingActor, type BookingCardActions } from '../shared/booking-card-actions.js';
import { renderPublicPage, type PublicAssets } from './public-page.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { HttpBodyError, readJsonBody } from './server.js';

/** A page action is one card submit; the intake with the longest description fits in 16 KB. */
export const MAX_PUBLIC_BODY_BYTES = 16 * 1024;

export interface PublicBookingDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly calendar?: AdviserCalendar;
  readonly assets: PublicAssets;
  /** Per client address: page actions in a window (a booking takes about ten). */
  readonly limiter?: FixedWindowRateLimiter;
}

const ActionBody = z
  .object({
    verb: z.string().min(1).max(64),
    data: z.unknown().optional(),
    lang: z.enum(SUPPORTED_LANGUAGES),
    timeZone: z.string().min(1).max(64).optional(),
  })
  .strict();

/** What the page gets back: the next card, a session token after the intake, or a localized error. */
interface ActionAnswer {
  readonly status: number;
  readonly card?: CardAttachment;
  readonly session?: string;
  readonly error?: string;
  readonly message?: string;
}

type SessionAction = Exclude<keyof BookingCardActions, 'refused'>;
const SESSION_ACTIONS: Readonly<Record<string, SessionAction>> = {
  [SHOW_SLOTS]: 'showSlots',
  [BOOK_SLOT]: 'book',
  [CANCEL_BOOKING]: 'cancel',
  [RESCHEDULE_BOOKING]: 'reschedule',
  [RESCHEDULE_TO]: 'rescheduleTo',
};

/**
 * The public booking page (issue 3) for clients without Teams:
 * - `GET /book?lang=xx`: the page, in the language asked for (else the browser's), with the intake
 *   card to start from; it renders the SAME card templates as Teams with the official
 *   `adaptivecards` renderer;
 * - `GET /book/assets/<name>`: the page's script and style and the renderer (a fixed list: no
 *   path from the request ever reaches the file system);
 * - `POST /api/public/actions`: one card action `{ verb, data, lang, timeZone }`. The intake
 *   answers with a session token; later actions send it as `Authorization: Bearer …`. Card data
 *   is re-checked exactly as in Teams (shared booking actions), and the client is always the one
 *   behind the session, never one named in the data.
 */
export function registerPublicBooking(server: Server, deps: PublicBookingDeps): void {
  const actions = createBookingCardActions({ uow: deps.uow, clock: deps.clock, logger: deps.logger, ...(deps.calendar ? { calendar: deps.calendar } : {}) });
  const limiter = deps.limiter ?? new FixedWindowRateLimiter({ limit: 60, windowMs: 10 * 60_000 });

  const intakeCard = async (lang: LanguageCode) => renderIntakeCard({ lang, municipalities: await deps.uow.municipalities.list(), channel: 'web' });

  server.get('/book', async (req: Request, res: Response) => {
    const lang = pageLanguage(req);
    const html = renderPublicPage({ lang, card: await intakeCard(lang), assets: deps.assets });
    pageHeaders(res);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, html);
  });

  server.get('/book/assets/:name', async (req: Request, res: Response) => {
    const asset = deps.assets.files.get(String(req.params.name ?? ''));
    res.setHeader('x-content-type-options', 'nosniff');
    if (!asset) {
      res.send(404, { error: 'not_found' });
      return;
    }
    res.setHeader('content-type', asset.contentType);
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendRaw(200, asset.body);
  });

  server.post('/api/public/actions', async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const lang = pageLanguage(req);
    const allowed = limiter.take(clientAddress(req), deps.clock().getTime());
    if (!allowed.ok) {
      res.setHeader('retry-after', String(allowed.retryAfterSeconds));
      res.send(429, { error: 'too_many_requests', message: t(lang, 'public.error.tooMany') });
      return;
    }
    let answer: ActionAnswer;
    try {
      answer = await handleAction(await readJsonBody(req, MAX_PUBLIC_BODY_BYTES), req.header('authorization') ?? '', lang);
    } catch (error) {
      answer = errorAnswer(error, lang, deps.logger);
    }
    const { status, card, ...rest } = answer;
    res.send(status, { ...rest, ...(card ? { card: card.content } : {}) });
  });

  async function handleAction(raw: unknown, authorization: string, fallbackLang: LanguageCode): Promise<ActionAnswer> {
    const body = ActionBody.safeParse(raw);
    if (!body.success) return invalid(fallbackLang, 'invalid_body');
    const { verb, data, lang } = body.data;
    if (verb === START_BOOKING) return { status: 200, card: await intakeCard(lang) };
    if (verb === INTAKE_SUBMIT) return submitIntake(lang, data);
    const action = Object.hasOwn(SESSION_ACTIONS, verb) ? SESSION_ACTIONS[verb] : undefined;
    if (!action) return invalid(lang, 'unknown_action');
    const actor = await sessionActor(authorization, lang, body.data.timeZone);
    if (!actor) {
      return { status: 401, error: 'session_expired', message: t(lang, 'public.error.sessionExpired'), card: await intakeCard(lang) };
    }
    return { status: 200, card: await actions[action](actor, data) };
  }

  async function submitIntake(lang: LanguageCode, data: unknown): Promise<ActionAnswer> {
    const municipalities = await deps.uow.municipalities.list();
    const parsed = parseIntakeSubmission(data, { municipalityCodes: municipalities.map((m) => m.code), requireEmail: true });
    if (!parsed.ok) {
      deps.logger.info({ event: 'intake.invalid', channel: 'public', fields: Object.keys(parsed.errors) }, 'intake refused');
      return { status: 200, card: renderIntakeCard({ lang, municipalities, channel: 'web', values: parsed.values, errors: parsed.errors }) };
    }
    const stored = await submitPublicIntake(
      { uow: deps.uow, clock: deps.clock, newSessionToken: () => randomBytes(32).toString('base64url') },
      { intake: parsed.intake },
    );
    const municipality = municipalities.find((m) => m.code === parsed.intake.municipalityCode);
    const summary = renderIntakeSummaryCard({ lang: parsed.intake.language, topics: parsed.intake.topics, ...(municipality ? { municipality } : {}) });
    return { status: 200, card: summary, session: stored.sessionToken };
  }

  async function sessionActor(authorization: string, lang: LanguageCode, timeZone: string | undefined): Promise<BookingActor | undefined> {
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization)?.[1];
    if (!token) return undefined;
    const tokenHash = hashSessionToken(token);
    const session = await deps.uow.publicSessions.find(tokenHash, deps.clock());
    const reader = { actorId: publicActorId(tokenHash), actorTenantId: null, channel: 'public' } as const;
    const criteria = session ? await bookingCriteriaFor(deps.uow, session.clientId, reader, deps.clock()) : undefined;
    if (!session || !criteria) return undefined;
    return {
      clientId: session.clientId,
      ...reader,
      lang,
      timeZone: timeZone !== undefined && isKnownTimeZone(timeZone) ? timeZone : 'Europe/Helsinki',
      linkVia: 'email',
      criteria,
    };
  }
}

function invalid(lang: LanguageCode, error: string): ActionAnswer {
  return { status: 400, error, message: t(lang, 'error.invalidInput') };
}

/** Body errors keep their HTTP status with a localized text; anything else is a 500 without details. */
function errorAnswer(error: unknown, lang: LanguageCode, logger: Logger): ActionAnswer {
  if (error instanceof HttpBodyError) {
    const key: MessageKey = error.status === 413 ? 'error.tooLarge' : 'error.invalidInput';
    return { status: error.status, error: error.reason, message: t(lang, key) };
  }
  logger.error({ event: 'public.action.failed', error: error instanceof Error ? error.name : 'unknown' }, 'public page action failed');
  return { status: 500, error: 'internal_error', message: t(lang, 'error.generic') };
}

/**
 * The page's language: `?lang=` when it names one we serve, else the first of the browser's
 * `Accept-Language` we serve, else English (the same fallback reasoning as for Teams locales).
 */
export function pageLanguage(req: Request): LanguageCode {
  const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  if (asked && (SUPPORTED_LANGUAGES as readonly string[]).includes(asked)) return asked as LanguageCode;
  const accepted = (req.header('accept-language') ?? '')
    .split(',')
    .map((part) => part.split(';', 1)[0]?.trim().split('-', 1)[0]?.toLowerCase() ?? '')
    .map((tag) => (tag === 'prs' || tag === 'pes' ? 'fa' : tag));
  const found = accepted.find((tag) => (SUPPORTED_LANGUAGES as readonly string[]).includes(tag));
  return (found as LanguageCode | undefined) ?? 'en';
}

/**
 * The client's address for rate limiting. Behind Azure App Service's front end the socket is the
 * front end, which APPENDS the caller's address to X-Forwarded-For: the last entry is the one a
 * client cannot forge (earlier entries are whatever the client sent).
 */
function clientAddress(req: Request): string {
  const forwarded = req.header('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  return last || req.socket.remoteAddress || 'unknown';
}

/**
 * Headers of the HTML page: scripts only from us, no framing (the page is not a Teams tab), no
 * referrer (the URL may carry `?lang` only, but the rule is simple), and no sniffing.
 * `style-src 'unsafe-inline'`: the Adaptive Cards renderer sets inline styles on what it builds.
 */
function pageHeaders(res: Response): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}
