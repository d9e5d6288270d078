import type { AuditChannel } from '../domain/audit/audit-entry.js';
import type { Client } from '../domain/staff/staff.js';
import type { Repositories, StoredIntake } from './ports/repositories.js';

/** Who reads personal data, as the audit row names them. */
export interface AuditActor {
  /** Entra object id, `public:<session>` on the page, or `system:<job>` for a worker. */
  readonly actorId: string;
  readonly actorTenantId: string | null;
  readonly channel: AuditChannel;
}

/** The audit actor of a background job (outbox handlers): `system:<job>`, channel `worker`. */
export function workerActor(job: 'mail' | 'meetings' | 'reminders' | 'register'): AuditActor {
  return { actorId: `system:${job}`, actorTenantId: null, channel: 'worker' };
}

/**
 * The client's latest intake, with an `intake.read` audit row naming the fields the caller will
 * use (never their values). No row when there is no intake: nothing personal was read.
 */
export async function readLatestIntake(
  repos: Pick<Repositories, 'intakes' | 'audit'>,
  clientId: string,
  reader: AuditActor,
  fields: readonly string[],
  now: Date,
): Promise<StoredIntake | undefined> {
  const latest = await repos.intakes.latestForClient(clientId);
  if (latest) await repos.audit.append({ at: now, ...reader, action: 'intake.read', clientId, entityType: 'intake', entityId: latest.id, fields, channel: reader.channel, outcome: 'ok' });
  return latest;
}

/** A client row, with a `client.read` audit row naming the fields the caller will use. */
export async function readClient(
  repos: Pick<Repositories, 'clients' | 'audit'>,
  clientId: string,
  reader: AuditActor,
  fields: readonly string[],
  now: Date,
): Promise<Client | undefined> {
  const client = await repos.clients.get(clientId);
  if (client) await repos.audit.append({ at: now, ...reader, action: 'client.read', clientId, entityType: 'client', entityId: clientId, fields, channel: reader.channel, outcome: 'ok' });
  return client;
}

/**
 * Records that the client's e-mail address left the system: a mail about `bookingId` went to it
 * through Microsoft Graph (a disclosure to a processor, DESIGN.md privacy).
 */
export function auditMailSent(repos: Pick<Repositories, 'audit'>, clientId: string, bookingId: string, kind: string, now: Date): Promise<void> {
  const reader = workerActor('mail');
  return repos.audit.append({ at: now, ...reader, action: `mail.${kind}.send`, clientId, entityType: 'booking', entityId: bookingId, fields: ['contact.email'], channel: reader.channel, outcome: 'ok' });
}
