/**
 * Outbound work committed in the same transaction as the business row that caused it
 * (DESIGN.md "one source of truth"). Delivered at least once; `idempotencyKey` lets each
 * receiver apply it once.
 */
export type OutboxStatus = 'pending' | 'done' | 'dead';

export interface NewOutboxMessage {
  /** Which handler delivers it, e.g. `teams.proactive`, `register.upsert_contact`. */
  readonly topic: string;
  /** JSON-serialisable; ids, not personal data, wherever the receiver can look them up. */
  readonly payload: unknown;
  /** Stable key the receiver uses to apply the effect once. Defaults to the row id. */
  readonly idempotencyKey?: string;
  readonly availableAt?: Date;
}

export interface OutboxMessage {
  readonly id: string;
  readonly topic: string;
  readonly payload: unknown;
  readonly idempotencyKey: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly availableAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/**
 * Delay before the next try: exponential backoff with full jitter, capped, never below a
 * receiver's Retry-After. Worked example (base 1 s, cap 10 min): attempt 1 → [0, 1 s),
 * attempt 4 → [0, 8 s), attempt 12 → [0, 10 min); Retry-After 30 s → at least 30 s.
 *
 * @param random a value in [0, 1): injected so the domain stays pure and tests are exact.
 */
export function nextRetryDelayMs(
  attempt: number,
  random: number,
  retryAfterMs?: number,
  baseMs = 1000,
  capMs = 10 * 60 * 1000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
