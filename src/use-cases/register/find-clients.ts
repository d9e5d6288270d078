import type { UnitOfWork } from '../ports/repositories.js';
import { auditDenied, clientAuditEntry, registerStaff, visibleMunicipalityCodes, type RegisterActor } from './register-access.js';

/** A name search needs at least this many characters (one letter would list half the register). */
export const CLIENT_SEARCH_MIN_LENGTH = 2;
export const CLIENT_SEARCH_MAX_LENGTH = 60;
/** At most this many clients are shown: the adviser narrows the search rather than scrolls. */
export const CLIENT_SEARCH_LIMIT = 5;

/** The personal-data fields a search result shows, as its audit rows name them. */
export const CLIENT_SEARCH_FIELDS = ['displayName', 'municipalityCode'] as const;

/** One client in the results: only what the adviser needs to pick the right person. */
export interface FoundClient {
  readonly id: string;
  readonly displayName: string;
  readonly municipalityCode: string;
  readonly municipalityName: string;
}

export type FindClientsResult =
  | { readonly ok: true; readonly clients: readonly FoundClient[] }
  /** Not an active adviser or coordinator. */
  | { readonly ok: false; readonly reason: 'denied' }
  | { readonly ok: false; readonly reason: 'too_short' | 'too_long' };

export interface FindClientsDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/** Whether the caller may log contacts for clients (and so search them): an active adviser or coordinator. */
export async function mayLogClientContacts(deps: Pick<FindClientsDeps, 'uow'>, actor: RegisterActor): Promise<boolean> {
  return (await registerStaff(deps.uow.staff, actor)) !== undefined;
}

/**
 * Clients whose name contains `text` (trimmed, any case), among the municipalities the caller may
 * see (register-access.ts): for logging a phone call, walk-in, e-mail or chat that had no booking.
 * At most {@link CLIENT_SEARCH_LIMIT}, by name.
 *
 * Every client shown is a personal-data read: one `client.read` audit row each (field names
 * only), written in the same transaction as the read. A refused search writes a `client.search`
 * denied row. The search text itself is personal data and is never stored or logged.
 */
export async function findClients(deps: FindClientsDeps, actor: RegisterActor, text: string): Promise<FindClientsResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  if (!member) {
    await auditDenied(uow, actor, 'client.search', { clientId: null, entityType: 'client', entityId: null }, now);
    return { ok: false, reason: 'denied' };
  }
  const query = text.trim();
  if ([...query].length < CLIENT_SEARCH_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if ([...query].length > CLIENT_SEARCH_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  const scope = await visibleMunicipalityCodes(uow, member);
  const names = new Map((await uow.municipalities.list()).map((m) => [m.code, m.name]));

  return uow.transaction(async (tx) => {
    const found = await tx.clients.searchByName(scope, query, CLIENT_SEARCH_LIMIT);
    for (const client of found) {
      await tx.audit.append(clientAuditEntry(actor, now, 'client.read', client.id, CLIENT_SEARCH_FIELDS));
    }
    const clients = found.map((c): FoundClient => ({ id: c.id, displayName: c.displayName, municipalityCode: c.municipalityCode, municipalityName: names.get(c.municipalityCode) ?? c.municipalityCode }));
    return { ok: true, clients } as const;
  });
}
