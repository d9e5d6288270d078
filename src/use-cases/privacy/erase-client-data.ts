import { randomUUID } from 'node:crypto';
import { registerExpiry, type RetentionPolicy } from '../../domain/privacy/retention.js';
import type { UnitOfWork } from '../ports/repositories.js';
import type { ErasedCounts, ErasureRecord } from '../ports/retention.js';
import { clientAuditEntry, type RegisterActor } from '../register/register-access.js';
import { coordinatorAndClient } from './coordinator-access.js';

export interface EraseDeps {
  readonly uow: UnitOfWork;
  readonly policy: RetentionPolicy;
  readonly clock: () => Date;
}

export type EraseOutcome = { readonly ok: true; readonly record: ErasureRecord; readonly counts: ErasedCounts | null } | { readonly ok: false; readonly reason: 'not_found' };

/** Categories named in the record and the audit row, in this order. */
const DETAIL_CATEGORIES = ['intakes', 'consents', 'bookings', 'publicSessions', 'conversations'] as const;

/**
 * A client's erasure request, recorded by a coordinator (GDPR art. 17), and carried out as far as
 * the law allows:
 * - an appointment still ahead: nothing is erased (`refused`, `upcoming_booking`): cancel it
 *   first, so that the adviser, the Teams meeting and the client's mail are told;
 * - contacts in the client register: the register is the municipality's statutory record
 *   (the Act on the Promotion of Integration 681/2023 and its records plan; GDPR art.
 *   17(3)(b)), so the contacts — and the client row they name — stay until the retention purge
 *   takes them (`partly_erased`, `statutory_register`, `keptUntil` = the last contact's expiry);
 * - everything else goes now: intakes, consents, page sessions, the bot's chat reference, and
 *   bookings no contact refers to; with no contact left, the client row too (`erased`).
 * Only coordinators may do this; anyone else gets `not_found` (and a denied audit row), as for a
 * client that does not exist. The request, its outcome and an audit row are written in one
 * transaction with the deletes.
 */
export async function eraseClientData(deps: EraseDeps, actor: RegisterActor, clientId: string): Promise<EraseOutcome> {
  const now = deps.clock();
  const allowed = await coordinatorAndClient(deps.uow, actor, clientId, 'client.erase', now);
  if (!allowed) return { ok: false, reason: 'not_found' };
  const { member, client } = allowed;
  return deps.uow.transaction(async (tx) => {
    const base = { id: randomUUID(), clientId: client.id, municipalityCode: client.municipalityCode, requestedAt: now, recordedBy: member.id };
    const upcoming = (await tx.bookings.listForClient(client.id, { from: now })).filter((b) => b.status !== 'cancelled');
    let record: ErasureRecord;
    let counts: ErasedCounts | null = null;
    if (upcoming.length > 0) {
      record = { ...base, outcome: 'refused', erased: [], kept: ['all'], keptReason: 'upcoming_booking', keptUntil: null };
    } else {
      const row = { id: client.id, tenantId: client.tenantId ?? null, entraObjectId: client.entraObjectId ?? null };
      counts = await tx.retention.eraseClientDetails(row);
      const contacts = await tx.contacts.listForClient(client.id, 1);
      const erased: string[] = DETAIL_CATEGORIES.filter((category) => counts![category] > 0);
      if (contacts.length === 0) {
        await tx.retention.deleteClient(client.id);
        record = { ...base, outcome: 'erased', erased: [...erased, 'client'], kept: [], keptReason: null, keptUntil: null };
      } else {
        // listForClient is newest first: the newest contact leaves the register last.
        const keptUntil = registerExpiry(deps.policy, client.municipalityCode, contacts[0]!.startedAt);
        record = { ...base, outcome: 'partly_erased', erased, kept: ['client', 'contacts'], keptReason: 'statutory_register', keptUntil };
      }
    }
    await tx.retention.recordErasure(record);
    await tx.audit.append(clientAuditEntry(actor, now, 'client.erase', client.id, record.erased, record.outcome === 'refused' ? 'denied' : 'ok'));
    return { ok: true, record, counts };
  });
}
