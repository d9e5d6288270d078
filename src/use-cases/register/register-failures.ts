import type { UnitOfWork } from '../ports/repositories.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import { findActingStaff } from '../adviser/acting-staff.js';
import { REGISTER_TOPIC_PREFIX, type RegisterContactPayload } from './register-sync.js';

/** How many failed deliveries the coordinator sees (and "send all again" requeues) at once. */
export const REGISTER_FAILURES_SHOWN = 20;

/** One register delivery that gave up: ids, the register, and the error (which holds no personal data). */
export interface RegisterFailure {
  readonly outboxId: string;
  readonly sinkId: string;
  readonly municipalityCode: string;
  readonly operation: RegisterContactPayload['op'];
  readonly attempts: number;
  readonly lastError: string;
  readonly queuedAt: Date;
}

export type RegisterFailuresResult = { readonly ok: true; readonly failures: readonly RegisterFailure[] } | { readonly ok: false; readonly reason: 'not_coordinator' };

interface Deps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/** The dead letters of register deliveries, newest first: only for coordinators (role from our database). */
export async function listRegisterFailures(deps: Deps, actor: StaffIdentity): Promise<RegisterFailuresResult> {
  if (!(await findActingStaff(deps.uow.staff, actor, 'coordinator'))) return { ok: false, reason: 'not_coordinator' };
  const dead = await deps.uow.outbox.listDead({ topicPrefix: REGISTER_TOPIC_PREFIX, limit: REGISTER_FAILURES_SHOWN });
  return {
    ok: true,
    failures: dead.map((message) => {
      const payload = message.payload as Partial<RegisterContactPayload>;
      return {
        outboxId: message.id,
        sinkId: payload.sinkId ?? '?',
        municipalityCode: payload.municipalityCode ?? '?',
        operation: payload.op === 'delete' ? 'delete' : 'upsert',
        attempts: message.attempts,
        lastError: message.lastError ?? '',
        queuedAt: message.createdAt,
      };
    }),
  };
}

export type ReplayResult = { readonly ok: true; readonly requeued: number } | { readonly ok: false; readonly reason: 'not_coordinator' };

/**
 * Sends failed register deliveries again: one (`outboxId`, which must be a dead REGISTER
 * delivery — card data is forgeable) or all listed. Requeued rows start over with fresh attempts.
 * The register keys make a replay safe even when the first try did reach the register.
 */
export async function replayRegisterFailures(deps: Deps, actor: StaffIdentity, outboxId?: string): Promise<ReplayResult> {
  if (!(await findActingStaff(deps.uow.staff, actor, 'coordinator'))) return { ok: false, reason: 'not_coordinator' };
  const dead = await deps.uow.outbox.listDead({ topicPrefix: REGISTER_TOPIC_PREFIX, limit: outboxId === undefined ? REGISTER_FAILURES_SHOWN : 10_000 });
  const targets = outboxId === undefined ? dead : dead.filter((m) => m.id === outboxId);
  let requeued = 0;
  for (const message of targets) if (await deps.uow.outbox.requeue(message.id, deps.clock())) requeued += 1;
  return { ok: true, requeued };
}
