import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { AuditLog, UnitOfWork } from '../ports/repositories.js';
import type { ReportReader } from '../ports/reports.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditTabDenied, sessionLogViewer, type SessionLogViewer } from '../session-log/access.js';

/** What every reports use case takes: the database, the reports' read model, the clock. */
export interface ReportsDeps {
  readonly uow: UnitOfWork;
  readonly reports: ReportReader;
  readonly clock: () => Date;
}

/**
 * `forbidden`: not an adviser or coordinator (or, for a change, not a coordinator);
 * `forbidden_municipality`: a municipality outside the caller's scope. Both are 403 with a
 * `denied` audit row: a report holds no personal data, but who looks beyond their scope is still
 * worth seeing in the audit trail.
 */
export type ReportRefusal = 'forbidden' | 'forbidden_municipality';

/**
 * The caller as a viewer of reports: the same rule as the session log (an adviser sees the
 * municipalities they belong to or serve, a coordinator all), or the refusal after a `denied` row.
 * `coordinatorOnly`: changes (figures, associations) are the coordinator's.
 */
export async function reportViewer(
  deps: ReportsDeps,
  actor: RegisterActor,
  action: string,
  options: { readonly coordinatorOnly?: boolean; readonly municipality?: string } = {},
): Promise<SessionLogViewer | ReportRefusal> {
  const viewer = await sessionLogViewer(deps.uow, actor);
  if (!viewer || (options.coordinatorOnly === true && !viewer.isCoordinator)) {
    await auditTabDenied(deps.uow, actor, action, { entityType: 'report', entityId: null }, deps.clock());
    return 'forbidden';
  }
  if (options.municipality !== undefined && !viewer.municipalities.includes(options.municipality)) {
    await auditTabDenied(deps.uow, actor, action, { entityType: 'municipality', entityId: options.municipality }, deps.clock());
    return 'forbidden_municipality';
  }
  return viewer;
}

/**
 * The one audit row of a report or a change that holds no client's data: who, what (`action`),
 * which report or row (`entityType` / `entityId`), which fields changed. One row per call, cheap.
 */
export function auditReportAction(
  audit: AuditLog,
  now: Date,
  actor: RegisterActor,
  action: string,
  entity: { readonly entityType: string; readonly entityId: string | null; readonly fields?: readonly string[] },
): Promise<void> {
  const entry: AuditEntry = {
    at: now,
    actorId: actor.entraObjectId ?? 'anonymous',
    actorTenantId: actor.tenantId || null,
    action,
    clientId: null,
    entityType: entity.entityType,
    entityId: entity.entityId,
    fields: entity.fields ?? [],
    channel: actor.channel,
    outcome: 'ok',
  };
  return audit.append(entry);
}
