import type { StoredAuditEntry } from '../../domain/audit/audit-entry.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { clientAuditEntry, type RegisterActor } from '../register/register-access.js';
import { coordinatorAndClient } from './coordinator-access.js';

export interface ClientDataDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/** Audit rows that record personal data leaving Neuvo: to a register, or by mail through Graph. */
const isDisclosure = (action: string): boolean => action === 'contact.disclose' || action === 'contact.register_delete' || (action.startsWith('mail.') && action.endsWith('.send'));
/** Enough for years of one client's history; the audit trail view pages by `limit` itself. */
const EXPORT_AUDIT_LIMIT = 100_000;

/** The sections of the export, in order; the `client.export` audit row lists them as its fields. */
export const EXPORT_SECTIONS = ['client', 'intakes', 'consents', 'bookings', 'meetingSessions', 'contacts', 'disclosures', 'erasureRequests', 'auditTrail'] as const;

/**
 * Everything Neuvo holds about one client, in one answer (GDPR art. 15 and 20; issue 7): the
 * client row, every intake, the consent history, bookings with their meeting facts, contacts
 * with every revision (referrals are inside the contact), what was disclosed to the registers
 * and by mail (from the audit log), erasure requests, and the audit trail itself. Not included:
 * the page's session rows (hashes of bearer tokens, no data about the person) and the bot's
 * conversation reference (Teams ids only). Coordinators only; written as one `client.export`
 * audit row.
 */
export async function exportClientData(deps: ClientDataDeps, actor: RegisterActor, clientId: string) {
  const now = deps.clock();
  const { uow } = deps;
  const allowed = await coordinatorAndClient(uow, actor, clientId, 'client.export', now);
  if (!allowed) return { ok: false as const, reason: 'not_found' as const };
  const { client } = allowed;
  const bookings = await uow.bookings.listForClient(client.id);
  const meetingSessions = (await Promise.all(bookings.map((b) => uow.meetingSessions.get(b.id)))).filter((s) => s !== undefined);
  const contacts = await Promise.all((await uow.contacts.listForClient(client.id, 100_000)).map(async (c) => ({ ...c, history: await uow.contacts.history(c.id) })));
  const auditTrail = await uow.audit.list({ clientId: client.id, limit: EXPORT_AUDIT_LIMIT });
  const data = {
    exportedAt: now,
    client,
    intakes: await uow.retention.intakesOf(client.id),
    consents: await uow.retention.consentsOf(client.id),
    bookings,
    meetingSessions,
    contacts,
    disclosures: auditTrail.filter((a) => isDisclosure(a.action)),
    erasureRequests: await uow.retention.listErasures(client.id),
    auditTrail,
  };
  await uow.audit.append(clientAuditEntry(actor, now, 'client.export', client.id, EXPORT_SECTIONS));
  return { ok: true as const, data };
}

/** One audit row as the coordinator's view shows it: who by name when the actor is staff. */
export interface AuditTrailRow {
  /** The audit row's own id: with `at`, the cursor of the next page. */
  readonly id: number;
  readonly at: Date;
  readonly actor: { readonly kind: 'staff'; readonly displayName: string } | { readonly kind: 'client' | 'system' | 'public'; readonly id: string };
  readonly action: string;
  readonly fields: readonly string[];
  readonly channel: string;
  readonly outcome: string;
}

/** One page of the audit view: at most `limit` rows after the `before` cursor (the first page without it). */
export interface AuditPage {
  readonly limit: number;
  readonly before?: { readonly at: Date; readonly id: number };
}

/**
 * The audit trail of one client, newest first, for a coordinator ("Coordinators can view the
 * audit for a client"), a page at a time; `next` is the cursor of the following page, null on the
 * last one. Reading it is itself audited (`audit.read`, one row per page read), so the trail also
 * shows who looked at it. An actor that is not staff is shown by kind: `system:*` workers,
 * `public:*` page sessions, otherwise the client's own Teams id.
 */
export async function readClientAudit(deps: ClientDataDeps, actor: RegisterActor, clientId: string, page: AuditPage) {
  const now = deps.clock();
  const { uow } = deps;
  const allowed = await coordinatorAndClient(uow, actor, clientId, 'audit.read', now);
  if (!allowed) return { ok: false as const, reason: 'not_found' as const };
  // One more than asked tells whether a next page exists without a count query.
  const entries = await uow.audit.list({ clientId, limit: page.limit + 1, ...(page.before ? { before: page.before } : {}) });
  const shown = entries.slice(0, page.limit);
  const names = new Map<string, string | null>();
  const rows: AuditTrailRow[] = [];
  for (const entry of shown) rows.push({ id: entry.id, at: entry.at, actor: await actorOf(uow, entry, names), action: entry.action, fields: entry.fields, channel: entry.channel, outcome: entry.outcome });
  const last = shown.at(-1);
  const next = entries.length > page.limit && last ? { at: last.at, id: last.id } : null;
  await uow.audit.append(clientAuditEntry(actor, now, 'audit.read', clientId, []));
  return { ok: true as const, rows, next };
}

async function actorOf(uow: UnitOfWork, entry: StoredAuditEntry, names: Map<string, string | null>): Promise<AuditTrailRow['actor']> {
  if (entry.actorId.startsWith('system:')) return { kind: 'system', id: entry.actorId };
  if (entry.actorId.startsWith('public:')) return { kind: 'public', id: entry.actorId };
  const key = `${entry.actorTenantId ?? ''}/${entry.actorId}`;
  if (!names.has(key)) names.set(key, entry.actorTenantId ? ((await uow.staff.findByEntraId(entry.actorTenantId, entry.actorId))?.displayName ?? null) : null);
  const name = names.get(key);
  return name ? { kind: 'staff', displayName: name } : { kind: 'client', id: entry.actorId };
}

