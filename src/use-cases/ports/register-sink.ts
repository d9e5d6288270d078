/**
 * The municipality's own client register, as seen from Neuvo: a copy of each contact we log,
 * kept up to date through the outbox (DESIGN.md "one source of truth": our database is the
 * source, the register a downstream copy). Implementations:
 * - `RestRegisterSink` (src/adapters/register): the register REST API of
 *   docs/register-api.openapi.yaml, exercised against the reference receiver;
 * - `GraphListRegisterSink` (src/adapters/graph): a Microsoft List / SharePoint list through
 *   Graph list items, exercised against the local Graph simulator.
 *
 * Delivery is at least once, so every call must be safe to repeat: the same `idempotencyKey`
 * (or the same `contactKey` + `revision`) applied twice leaves exactly one copy.
 */

/** A scalar the register stores in one column. Lists are joined by the mapping (domain/register). */
export type RegisterValue = string | number | boolean | null;

/** One contact as the register receives it: already mapped to the register's own column names. */
export interface RegisterContact {
  /** Our stable key of the contact (its id): the register's unique contact-key column. */
  readonly contactKey: string;
  /** Increases by one with every correction; a register keeps the highest it has seen. */
  readonly revision: number;
  /** Column name → value, after the municipality's field mapping (only mapped fields). */
  readonly fields: Readonly<Record<string, RegisterValue>>;
}

export interface RegisterSink {
  /**
   * Creates the contact, or replaces the copy with the same `contactKey` when `revision` is
   * newer. A copy already at this or a newer revision is left as it is and counts as success
   * (a late retry of an older revision must not undo a correction).
   */
  upsert(contact: RegisterContact, idempotencyKey: string): Promise<void>;
  /** Deletes the copy (erasure, retention purge). A copy that is already gone counts as deleted. */
  delete(contactKey: string, idempotencyKey: string): Promise<void>;
}

export type RegisterSinkErrorReason = 'unavailable' | 'throttled' | 'rejected' | 'unauthorized' | 'conflict' | 'unknown';

/**
 * What a sink throws (the Graph list sink throws the Graph adapters' `GraphError`, which has the
 * same fields). Shaped like the outbox dispatcher's errors (`retryAfterMs`, `permanent`,
 * `reason`, `status`) so that the dispatcher honours Retry-After and dead-letters refusals that
 * no retry can fix. The message names the operation and the HTTP status only: never a field
 * value, because it is stored as the outbox row's `last_error` and logged.
 */
export class RegisterSinkError extends Error {
  override readonly name = 'RegisterSinkError';
  readonly status: number;
  readonly retryAfterMs?: number;
  readonly permanent?: boolean;

  constructor(
    message: string,
    readonly reason: RegisterSinkErrorReason,
    options: { readonly status: number; readonly retryAfterMs?: number; readonly permanent?: boolean; readonly cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.permanent !== undefined) this.permanent = options.permanent;
  }
}
