import type { OutboxMessage } from '../domain/outbox/outbox.js';
import { mapRegisterFields, type FieldMapping } from '../domain/register/register-record.js';
import type { RegisterSink } from '../use-cases/ports/register-sink.js';
import type { Repositories } from '../use-cases/ports/repositories.js';
import { registerIdempotencyKey, type RegisterContactPayload } from '../use-cases/register/register-sync.js';
import { OutboxDeliveryError } from './outbox-dispatcher.js';

/** One configured register: where it is and which of our fields it gets, under which names. */
export interface ConfiguredRegister {
  readonly sink: RegisterSink;
  readonly mapping: FieldMapping;
}

export interface RegisterHandlerDeps {
  readonly repos: Pick<Repositories, 'contacts' | 'audit'>;
  /** By sink id (REGISTER_SINKS). */
  readonly registers: ReadonlyMap<string, ConfiguredRegister>;
  readonly clock: () => Date;
}

const ACTOR = { actorId: 'system:register', actorTenantId: null, channel: 'worker' } as const;

/**
 * Delivers one contact change to one municipality's register (topic `register.contact`).
 *
 * The contact is read at delivery: an erased contact is not sent (its delete follows), and a
 * message for an older revision is skipped once a correction exists, because the correction has
 * its own message and a register must never go back to older details. The idempotency key is the
 * outbox row's, so a redelivery after a crash is the same request to the register.
 *
 * Each delivery is a disclosure of personal data to the municipality: audited with the names of
 * the fields sent (never their values) after the register has taken it.
 */
export function createRegisterHandler(deps: RegisterHandlerDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = payloadOf(message);
    const register = deps.registers.get(payload.sinkId);
    if (!register) {
      throw new OutboxDeliveryError(`Register "${payload.sinkId}" is not configured (REGISTER_SINKS); requeue once it is.`, { permanent: true, reason: 'sink_not_configured' });
    }
    const key = message.idempotencyKey || registerIdempotencyKey(payload);
    if (payload.op === 'delete') {
      await register.sink.delete(payload.contactId, key);
      await audit(deps, payload, 'contact.register_delete', []);
      return;
    }
    const contact = await deps.repos.contacts.get(payload.contactId);
    if (!contact || contact.revision !== payload.revision) return;
    const fields = mapRegisterFields(contact, register.mapping);
    await register.sink.upsert({ contactKey: contact.id, revision: contact.revision, fields }, key);
    await audit(deps, payload, 'contact.disclose', Object.keys(register.mapping));
  };
}

function audit(deps: RegisterHandlerDeps, payload: RegisterContactPayload, action: string, fields: readonly string[]): Promise<void> {
  return deps.repos.audit.append({
    at: deps.clock(),
    ...ACTOR,
    action,
    clientId: payload.clientId,
    entityType: 'contact',
    entityId: payload.contactId,
    fields,
    channel: ACTOR.channel,
    outcome: 'ok',
  });
}

function payloadOf(message: OutboxMessage): RegisterContactPayload {
  const p = message.payload as Partial<RegisterContactPayload> | null;
  const ok =
    (p?.op === 'upsert' || p?.op === 'delete') &&
    typeof p.sinkId === 'string' &&
    typeof p.contactId === 'string' &&
    typeof p.clientId === 'string' &&
    typeof p.municipalityCode === 'string' &&
    typeof p.revision === 'number';
  if (!ok) throw new OutboxDeliveryError(`Outbox message ${message.id} (${message.topic}) has a malformed register payload.`, { permanent: true, reason: 'bad_payload' });
  return p as RegisterContactPayload;
}
