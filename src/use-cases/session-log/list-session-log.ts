import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { addLocalDays, instantAt } from '../../domain/booking/helsinki-time.js';
import type { UnitOfWork } from '../ports/repositories.js';
import type { SessionLogCursor, SessionLogFilter, SessionLogReader, SessionLogRow } from '../ports/session-log.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditTabDenied, sessionLogViewer } from './access.js';

/** The list's filters as the tab sends them (the HTTP layer has checked their formats). */
export interface SessionLogQuery {
  readonly municipality?: string;
  readonly adviser?: string;
  /** Helsinki calendar dates "YYYY-MM-DD", both inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly topic?: string;
  readonly language?: string;
  readonly channel?: string;
  readonly outcome?: string;
  readonly noShow?: boolean;
  readonly q?: string;
}

export interface SessionLogDeps {
  readonly uow: UnitOfWork;
  readonly sessionLog: SessionLogReader;
  readonly clock: () => Date;
  /** The export's row cap; MAX_EXPORT_ROWS unless a test sets a small one. */
  readonly maxExportRows?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** More than this in one CSV is refused: narrow the filter (a spreadsheet, not a database dump). */
export const MAX_EXPORT_ROWS = 50_000;

/** The personal data a row shows, named in the audit row of every client listed. */
export const SESSION_LOG_AUDIT_FIELDS = ['displayName', 'startedAt', 'durationMinutes', 'channel', 'language', 'interpreterUsed', 'topics', 'outcome', 'noShow'] as const;

export type ListSessionLogResult =
  | { readonly ok: true; readonly rows: readonly SessionLogRow[]; readonly next: string | null }
  | { readonly ok: false; readonly reason: Refusal };

export type ExportSessionLogResult =
  | { readonly ok: true; readonly rows: readonly SessionLogRow[] }
  | { readonly ok: false; readonly reason: Refusal | 'too_many_rows' };

/** `forbidden`: not an adviser or coordinator; `forbidden_municipality`: a municipality filter outside their scope. */
type Refusal = 'forbidden' | 'forbidden_municipality';

/**
 * One page of the session log, newest first: only the caller's municipalities (a `municipality`
 * filter outside them is 403 with a `denied` row, not an empty page, so a wrong scope is visible
 * in the audit trail). Every client shown gets one `client.read` audit row for this call.
 */
export async function listSessionLog(
  deps: SessionLogDeps,
  actor: RegisterActor,
  query: SessionLogQuery,
  page: { readonly limit: number; readonly after?: SessionLogCursor },
): Promise<ListSessionLogResult> {
  const filter = await scopedFilter(deps, actor, query, 'session_log.read');
  if (typeof filter === 'string') return { ok: false, reason: filter };
  // One row more than asked tells whether there is a next page without a count(*).
  const rows = await deps.sessionLog.list(filter, { limit: page.limit + 1, ...(page.after ? { after: page.after } : {}) });
  const shown = rows.slice(0, page.limit);
  await auditShown(deps, actor, 'client.read', shown);
  const last = shown.at(-1);
  return { ok: true, rows: shown, next: rows.length > page.limit && last ? encodeCursor({ startedAt: last.startedAt, id: last.contactId }) : null };
}

/** Every row the filter selects, for the CSV; more than the cap is refused and nothing is audited (nothing left). */
export async function exportSessionLog(deps: SessionLogDeps, actor: RegisterActor, query: SessionLogQuery): Promise<ExportSessionLogResult> {
  const filter = await scopedFilter(deps, actor, query, 'session_log.export');
  if (typeof filter === 'string') return { ok: false, reason: filter };
  const cap = deps.maxExportRows ?? MAX_EXPORT_ROWS;
  const rows = await deps.sessionLog.list(filter, { limit: cap + 1 });
  if (rows.length > cap) return { ok: false, reason: 'too_many_rows' };
  await auditShown(deps, actor, 'client.export', rows);
  return { ok: true, rows };
}

/** The reader's filter within the caller's scope, or the refusal after a `denied` audit row. */
async function scopedFilter(deps: SessionLogDeps, actor: RegisterActor, query: SessionLogQuery, action: string): Promise<SessionLogFilter | Refusal> {
  const { uow } = deps;
  const viewer = await sessionLogViewer(uow, actor);
  if (!viewer) {
    await auditTabDenied(uow, actor, action, { entityType: 'session_log', entityId: null }, deps.clock());
    return 'forbidden';
  }
  if (query.municipality !== undefined && !viewer.municipalities.includes(query.municipality)) {
    await auditTabDenied(uow, actor, action, { entityType: 'municipality', entityId: query.municipality }, deps.clock());
    return 'forbidden_municipality';
  }
  return {
    municipalities: query.municipality !== undefined ? [query.municipality] : viewer.municipalities,
    ...(query.adviser !== undefined ? { adviserId: query.adviser } : {}),
    // Helsinki days: `from` starts at its local midnight, `to` ends at the next one (23 or 25
    // hours later on the days the clocks change).
    ...(query.from !== undefined ? { from: instantAt(query.from, '00:00') } : {}),
    ...(query.to !== undefined ? { before: instantAt(addLocalDays(query.to, 1), '00:00') } : {}),
    ...(query.topic !== undefined ? { topic: query.topic } : {}),
    ...(query.language !== undefined ? { language: query.language } : {}),
    ...(query.channel !== undefined ? { channel: query.channel } : {}),
    ...(query.outcome !== undefined ? { outcome: query.outcome } : {}),
    ...(query.noShow !== undefined ? { noShow: query.noShow } : {}),
    ...(query.q !== undefined ? { text: query.q } : {}),
  };
}

/**
 * One audit row per client whose data left in this answer, in one multi-row INSERT (atomic by
 * itself): the answer is only sent once they are committed.
 */
async function auditShown(deps: SessionLogDeps, actor: RegisterActor, action: 'client.read' | 'client.export', rows: readonly SessionLogRow[]): Promise<void> {
  const clientIds = [...new Set(rows.map((r) => r.client.id))];
  if (clientIds.length === 0) return;
  const now = deps.clock();
  const base: Omit<AuditEntry, 'clientId' | 'entityId'> = {
    at: now,
    actorId: actor.entraObjectId ?? 'anonymous',
    actorTenantId: actor.tenantId || null,
    action,
    entityType: 'client',
    fields: SESSION_LOG_AUDIT_FIELDS,
    channel: actor.channel,
    outcome: 'ok',
  };
  await deps.uow.audit.appendMany(clientIds.map((clientId) => ({ ...base, clientId, entityId: clientId })));
}

/** The opaque `next` cursor: the last row's start and id, base64url. */
export function encodeCursor(cursor: SessionLogCursor): string {
  return Buffer.from(`${cursor.startedAt.getTime()}.${cursor.id}`, 'utf8').toString('base64url');
}

/** A cursor this server made, or undefined for anything else (the caller answers 400). */
export function decodeCursor(text: string): SessionLogCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  const match = /^(-?\d{1,16})\.([A-Za-z0-9-]{1,100})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const startedAt = new Date(Number(match[1]));
  return Number.isNaN(startedAt.getTime()) ? undefined : { startedAt, id: match[2]! };
}
