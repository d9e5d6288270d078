import type { Server } from 'restify';
import { z } from 'zod';
import { localDateOf } from '../../domain/booking/helsinki-time.js';
import { parseCalendarDate } from '../../domain/register/contact.js';
import type { StaffLanguage } from '../../i18n/staff/index.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { SessionLogReader } from '../../use-cases/ports/session-log.js';
import { currentContactForm } from '../../use-cases/register/contact-form.js';
import type { RegisterRouting } from '../../use-cases/register/register-sync.js';
import { correctFromSessionLog, getSessionLogContact } from '../../use-cases/session-log/contact-detail.js';
import { getTabMe } from '../../use-cases/session-log/get-me.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, exportSessionLog, listSessionLog, MAX_PAGE_SIZE, type SessionLogQuery } from '../../use-cases/session-log/list-session-log.js';
import { CorrectContactJson, detailsFromJson } from '../shared/contact-input.js';
import { readJsonBody } from './server.js';
import { sessionLogCsv } from './session-log-csv.js';
import { correctionAnswer, MAX_TAB_BODY_BYTES } from './tab-api.js';
import { singleQueryParams, tabError, tabRoute, type TabAnswer, type TabRouteDeps } from './tab-route.js';

export interface SessionLogApiDeps extends TabRouteDeps {
  readonly uow: UnitOfWork;
  readonly sessionLog: SessionLogReader;
  readonly registers: RegisterRouting;
}

const code = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const calendarDate = z.string().refine((value) => parseCalendarDate(value) !== undefined);

/** The list's query string; every parameter optional, anything malformed is 400 (never ignored). */
const Filters = z
  .object({
    municipality: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/),
    adviser: z.string().regex(/^[A-Za-z0-9-]{1,100}$/),
    from: calendarDate,
    to: calendarDate,
    topic: code,
    language: z.string().regex(/^[a-z]{2,3}$/),
    channel: code,
    outcome: code,
    noShow: z.enum(['true', 'false']).transform((value) => value === 'true'),
    q: z.string().trim().min(2).max(100),
  })
  .partial()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to);

const Paging = z
  .object({
    limit: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE_SIZE)),
    after: z.string().transform((value, ctx) => {
      const cursor = decodeCursor(value);
      if (cursor === undefined) ctx.addIssue({ code: 'custom', message: 'not a cursor of this server' });
      return cursor ?? z.NEVER;
    }),
  })
  .partial();

const ContactId = z.string().min(1).max(100);

function parseFilters(query: Record<string, string>): SessionLogQuery | undefined {
  const { limit: _limit, after: _after, ...rest } = query;
  const parsed = Filters.safeParse(rest);
  if (!parsed.success) return undefined;
  // Drop the keys zod left undefined: the use case reads "absent" as "no filter".
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SessionLogQuery;
}

const badFilter = (lang: StaffLanguage) => tabError(400, 'bad_request', lang, 'sessionLog.error.badFilter');
const forbidden = (lang: StaffLanguage, reason: 'forbidden' | 'forbidden_municipality'): TabAnswer =>
  tabError(403, 'forbidden', lang, reason === 'forbidden' ? 'sessionLog.error.forbidden' : 'sessionLog.error.municipalityForbidden');
const notFound = (lang: StaffLanguage) => tabError(404, 'not_found', lang, 'sessionLog.error.notFound');

/**
 * The advisers' tab's session log (issue 6), as src/tab/advisers/wire.ts specifies it:
 * `GET /api/tab/me`, `GET /api/tab/session-log`, `GET /api/tab/session-log/export.csv`,
 * `GET|PUT /api/tab/session-log/:contactId`. Audit channel `tab`. Who sees what is decided by
 * the use cases from our `staff` table; this layer parses, maps results to statuses and writes
 * the CSV. A malformed parameter is refused before the use case, so it writes nothing.
 */
export function registerSessionLogApi(server: Server, deps: SessionLogApiDeps): void {
  const route = tabRoute(deps, 'tab');
  const logDeps = { uow: deps.uow, sessionLog: deps.sessionLog, clock: deps.clock };
  const registerDeps = { uow: deps.uow, clock: deps.clock, registers: deps.registers };

  server.get('/api/tab/me', route(async (_req, actor, lang) => {
    const result = await getTabMe(logDeps, actor);
    return result.ok ? { status: 200, body: result.me } : forbidden(lang, 'forbidden');
  }));

  server.get('/api/tab/session-log', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const filters = query && parseFilters(query);
    const paging = query && Paging.safeParse({ ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(query.after !== undefined ? { after: query.after } : {}) });
    if (!filters || !paging?.success) return badFilter(lang);
    const page = { limit: paging.data.limit ?? DEFAULT_PAGE_SIZE, ...(paging.data.after ? { after: paging.data.after } : {}) };
    const result = await listSessionLog(logDeps, actor, filters, page);
    if (!result.ok) return forbidden(lang, result.reason);
    return { status: 200, body: { rows: result.rows, next: result.next } };
  }));

  // Registered before `:contactId` for readers; restify also prefers the static path.
  server.get('/api/tab/session-log/export.csv', route(async (req, actor, lang) => {
    const query = singleQueryParams(req);
    const filters = query && parseFilters(query);
    if (!filters) return badFilter(lang);
    const result = await exportSessionLog(logDeps, actor, filters);
    if (!result.ok) return result.reason === 'too_many_rows' ? tabError(413, 'too_many_rows', lang, 'sessionLog.error.tooManyRows') : forbidden(lang, result.reason);
    const municipalityNames = new Map((await deps.uow.municipalities.list()).map((m) => [m.code, m.name]));
    const text = sessionLogCsv(result.rows, { lang, form: await currentContactForm(deps.uow), municipalityNames });
    return {
      status: 200,
      body: null,
      raw: { contentType: 'text/csv; charset=utf-8', text },
      headers: { 'content-disposition': `attachment; filename="neuvo-session-log-${localDateOf(deps.clock())}.csv"` },
    };
  }));

  server.get('/api/tab/session-log/:contactId', route(async (req, actor, lang) => {
    const contactId = ContactId.safeParse(req.params?.contactId);
    if (!contactId.success) return badFilter(lang);
    const result = await getSessionLogContact(logDeps, actor, contactId.data);
    if (result.ok) return { status: 200, body: result.detail };
    return result.reason === 'forbidden' ? forbidden(lang, 'forbidden') : notFound(lang);
  }));

  server.put('/api/tab/session-log/:contactId', route(async (req, actor, lang) => {
    const contactId = ContactId.safeParse(req.params?.contactId);
    const body = CorrectContactJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (!contactId.success || !body.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
    const { expectedRevision, reason, details } = body.data;
    const result = await correctFromSessionLog(registerDeps, actor, { contactId: contactId.data, expectedRevision, reason, details: detailsFromJson(details) });
    if (!result.ok && result.reason === 'forbidden') return forbidden(lang, 'forbidden');
    return correctionAnswer(result, lang);
  }));
}
