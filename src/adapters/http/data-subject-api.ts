import type { Server } from 'restify';
import { z } from 'zod';
import { localDateOf } from '../../domain/booking/helsinki-time.js';
import type { RetentionPolicy } from '../../domain/privacy/retention.js';
import type { StaffLanguage } from '../../i18n/staff/index.js';
import { staffText } from '../../i18n/staff/index.js';
import { exportClientData, readClientAudit } from '../../use-cases/privacy/client-data.js';
import { eraseClientData } from '../../use-cases/privacy/erase-client-data.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import type { ErasureRecord } from '../../use-cases/ports/retention.js';
import type { AuditTrailJson } from '../../tab/advisers/wire.js';
import { readJsonBody } from './server.js';
import { singleQueryParams, tabError, tabNotFound, tabRoute, type TabRouteDeps } from './tab-route.js';

export interface DataSubjectApiDeps extends TabRouteDeps {
  readonly uow: UnitOfWork;
  readonly policy: RetentionPolicy;
}

const ClientId = z.string().min(1).max(100);
/** An explicit confirmation: a stray POST (a retried request, a mistyped tool call) erases nothing. */
const ErasureJson = z.object({ confirm: z.literal('erase') }).strict();

/** The audit view's cursor on the wire: `<epoch milliseconds>.<audit row id>` of the page's last row. */
const AUDIT_CURSOR = /^(\d{1,15})\.(\d{1,15})$/;
const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z
      .string()
      .regex(AUDIT_CURSOR)
      .transform((text) => {
        const [, ms, id] = AUDIT_CURSOR.exec(text)!;
        return { at: new Date(Number(ms)), id: Number(id) };
      })
      .optional(),
  })
  .strict();

/**
 * A data subject's rights, exercised through a coordinator in the advisers' tab (issue 7). A
 * caller who is not a coordinator, and a client that does not exist, get the same 404.
 * - `POST /api/tab/clients/:clientId/erasure` with `{"confirm": "erase"}` → 200 with the record
 *   (what was erased, what was kept, why and until when) and a message in the caller's language;
 * - `GET /api/tab/clients/:clientId/export` → everything about the client as one JSON download;
 * - `GET /api/tab/clients/:clientId/audit?limit=&before=` → the client's audit trail, newest
 *   first, a page at a time (`next` is the `before` of the following page).
 */
export function registerDataSubjectApi(server: Server, deps: DataSubjectApiDeps): void {
  const route = tabRoute(deps, 'tab');
  const useCaseDeps = { uow: deps.uow, clock: deps.clock };

  server.get(
    '/api/tab/clients/:clientId/export',
    route(async (req, actor, lang) => {
      const clientId = ClientId.safeParse(req.params?.clientId);
      if (!clientId.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
      const result = await exportClientData(useCaseDeps, actor, clientId.data);
      if (!result.ok) return tabNotFound(lang);
      const file = `neuvo-client-${clientId.data.replace(/[^A-Za-z0-9-]/g, '')}.json`;
      return {
        status: 200,
        body: null,
        raw: { contentType: 'application/json; charset=utf-8', text: JSON.stringify(result.data, null, 2) },
        headers: { 'content-disposition': `attachment; filename="${file}"` },
      };
    }),
  );

  server.get(
    '/api/tab/clients/:clientId/audit',
    route(async (req, actor, lang) => {
      const clientId = ClientId.safeParse(req.params?.clientId);
      const query = AuditQuery.safeParse(singleQueryParams(req) ?? { limit: 'repeated' });
      if (!clientId.success || !query.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
      const { limit, before } = query.data;
      const result = await readClientAudit(useCaseDeps, actor, clientId.data, before ? { limit, before } : { limit });
      if (!result.ok) return tabNotFound(lang);
      const body: AuditTrailJson = {
        rows: result.rows.map((row) => ({ at: row.at.toISOString(), actor: row.actor, action: row.action, fields: row.fields, channel: row.channel, outcome: row.outcome })),
        next: result.next === null ? null : `${result.next.at.getTime()}.${result.next.id}`,
      };
      return { status: 200, body };
    }),
  );

  server.post(
    '/api/tab/clients/:clientId/erasure',
    route(async (req, actor, lang) => {
      const clientId = ClientId.safeParse(req.params?.clientId);
      const body = ErasureJson.safeParse(await readJsonBody(req, 1024));
      if (!clientId.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
      if (!body.success) return tabError(400, 'confirm_needed', lang, 'privacy.erasure.confirmNeeded');
      const result = await eraseClientData({ uow: deps.uow, policy: deps.policy, clock: deps.clock }, actor, clientId.data);
      if (!result.ok) return tabNotFound(lang);
      return { status: 200, body: { erasure: wire(result.record), message: message(result.record, lang) } };
    }),
  );
}

function wire(record: ErasureRecord) {
  return {
    id: record.id,
    clientId: record.clientId,
    requestedAt: record.requestedAt.toISOString(),
    outcome: record.outcome,
    erased: record.erased,
    kept: record.kept,
    keptReason: record.keptReason,
    keptUntil: record.keptUntil === null ? null : localDateOf(record.keptUntil),
  };
}

function message(record: ErasureRecord, lang: StaffLanguage): string {
  switch (record.outcome) {
    case 'erased':
      return staffText(lang, 'privacy.erasure.erased');
    case 'refused':
      return staffText(lang, 'privacy.erasure.refusedUpcoming');
    default:
      return staffText(lang, 'privacy.erasure.partly', { date: record.keptUntil === null ? '' : localDateOf(record.keptUntil) });
  }
}
