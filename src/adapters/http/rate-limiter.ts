/** Outcome of one request against the limit. */
export type RateLimitDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface RateLimitOptions {
  /** Requests allowed per key in one window. */
  readonly limit: number;
  readonly windowMs: number;
  /** Keys kept at most; the oldest windows are dropped first, so memory stays bounded under a flood. */
  readonly maxKeys?: number;
}

/**
 * A fixed-window counter per key (here: per client address), in this process's memory. With
 * several app instances each counts on its own, so the effective limit is limit × instances: it
 * is a brake on floods and scripted abuse of a public form, not an exact quota.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  take(key: string, nowMs: number): RateLimitDecision {
    let window = this.windows.get(key);
    if (!window || nowMs - window.start >= this.options.windowMs) {
      this.windows.delete(key);
      window = { start: nowMs, count: 0 };
      if (this.windows.size >= this.maxKeys) {
        // Map keeps insertion order and a renewed key is re-inserted: the first is the oldest.
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.options.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.options.windowMs - nowMs) / 1000)) };
  }
}
