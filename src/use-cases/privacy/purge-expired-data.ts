import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { intakeCutoff, registerCutoff, type RetentionPolicy } from '../../domain/privacy/retention.js';
import type { Repositories, UnitOfWork } from '../ports/repositories.js';
import { enqueueRegisterSync, type RegisterRouting } from '../register/register-sync.js';

export interface PurgeDeps {
  readonly uow: UnitOfWork;
  readonly registers: RegisterRouting;
  readonly policy: RetentionPolicy;
  readonly clock: () => Date;
  /** Rows per transaction; small enough that SQLite's write lock is held for milliseconds. */
  readonly batchSize?: number;
  /** Called after each batch, so a long first purge shows its progress in the logs. */
  readonly onProgress?: (progress: PurgeRun) => void;
}

/** What one purge removed, by category, and how many register deletes it queued. */
export interface PurgeRun {
  contacts: number;
  registerDeletes: number;
  bookings: number;
  intakes: number;
  clients: number;
}

const DEFAULT_BATCH = 200;
const ACTOR = { actorId: 'system:retention', actorTenantId: null, channel: 'worker', outcome: 'ok', fields: [] } as const;

/**
 * The daily retention purge (issue 7; periods in domain/privacy/retention.ts). In dependency
 * order — contacts, then the bookings no contact refers to any more, then intakes, then clients
 * with nothing left — in batches, each in one transaction with its audit rows (`<entity>.purge`,
 * actor `system:retention`) and, for a contact, a delete for every register of its municipality
 * through the outbox: the delete reaches the register even if it is down today.
 *
 * Safe on several instances at once: a row deleted by another instance answers `false` and is
 * neither audited nor sent twice. A batch in which nothing could be deleted ends that category
 * (a finder and its deleter disagreeing must not loop forever).
 */
export async function purgeExpiredData(deps: PurgeDeps): Promise<PurgeRun> {
  const now = deps.clock();
  const size = deps.batchSize ?? DEFAULT_BATCH;
  const run: PurgeRun = { contacts: 0, registerDeletes: 0, bookings: 0, intakes: 0, clients: 0 };
  const entry = (action: string, clientId: string, entityType: string, entityId: string): AuditEntry => ({ ...ACTOR, at: now, action, clientId, entityType, entityId });

  /** Finds a batch, deletes it in one transaction; repeats while batches come back full. */
  async function inBatches<T>(find: () => Promise<T[]>, purge: (tx: Repositories, row: T) => Promise<AuditEntry | undefined>, counted: (count: number) => void): Promise<void> {
    for (;;) {
      const batch = await find();
      if (batch.length === 0) return;
      const purged = await deps.uow.transaction(async (tx) => {
        const audits: AuditEntry[] = [];
        for (const row of batch) {
          const audit = await purge(tx, row);
          if (audit) audits.push(audit);
        }
        await tx.audit.appendMany(audits);
        return audits.length;
      });
      counted(purged);
      deps.onProgress?.({ ...run });
      if (purged === 0 || batch.length < size) return;
    }
  }

  const municipalities = await deps.uow.municipalities.list();
  for (const { code } of municipalities) {
    const cutoff = registerCutoff(deps.policy, code, now);
    await inBatches(
      () => deps.uow.retention.expiredContacts(code, cutoff, size),
      async (tx, contact) => {
        if (!(await tx.retention.deleteContact(contact.id))) return undefined;
        run.registerDeletes += await enqueueRegisterSync(tx, deps.registers, contact, 'delete', now);
        return entry('contact.purge', contact.clientId, 'contact', contact.id);
      },
      (n) => (run.contacts += n),
    );
    await inBatches(
      () => deps.uow.retention.expiredBookings(code, cutoff, size),
      async (tx, booking) => ((await tx.retention.deleteBooking(booking.id)) ? entry('booking.purge', booking.clientId, 'booking', booking.id) : undefined),
      (n) => (run.bookings += n),
    );
  }
  const intakesBefore = intakeCutoff(deps.policy, now);
  await inBatches(
    () => deps.uow.retention.expiredIntakes(intakesBefore, size),
    async (tx, intake) => ((await tx.retention.deleteIntake(intake.id)) ? entry('intake.purge', intake.clientId, 'intake', intake.id) : undefined),
    (n) => (run.intakes += n),
  );
  await inBatches(
    () => deps.uow.retention.expiredClients(intakesBefore, size),
    async (tx, client) => ((await tx.retention.deleteClient(client.id)) ? entry('client.purge', client.id, 'client', client.id) : undefined),
    (n) => (run.clients += n),
  );
  return run;
}
