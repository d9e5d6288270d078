/**
 * A short-lived, in-process cache for reference rows that change only when an operator changes
 * them (municipalities, service types): every booking and intake turn reads them, and they are
 * written only by the seed at start (ADR 8).
 *
 * Invalidation: a write through this process (autocommit or inside a unit of work) drops the
 * entry at once, and again when that unit of work has committed, so this process reads its own
 * writes. A write by ANOTHER process or instance (PostgreSQL scale-out, a manual fix) is seen
 * within `ttlMs`. A read that started before an invalidation never stores its (possibly old) result.
 * Reads inside a unit of work bypass the cache: a transaction sees its own uncommitted writes.
 */
export interface ReferenceCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

export class ReferenceDataCache implements ReferenceCache {
  readonly #entries = new Map<string, { readonly value: Promise<unknown>; readonly expiresAt: number }>();
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value for `key`, or `load()` (shared by concurrent callers) stored for `ttlMs`. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    const generation = this.#generation;
    const value = load();
    this.#entries.set(key, { value, expiresAt: now + this.ttlMs });
    // A failed load is not remembered; one that raced an invalidation is dropped.
    value.then(
      () => {
        if (generation !== this.#generation) this.#drop(key, value);
      },
      () => this.#drop(key, value),
    );
    return value;
  }

  /** Forgets everything (cheap: a few rows); called on every write of cached tables. */
  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** The same cache, telling `onWrite` about invalidations (a unit of work invalidates again after commit). */
  tracking(onWrite: () => void): ReferenceCache {
    return {
      get: (key, load) => this.get(key, load),
      invalidate: () => {
        onWrite();
        this.invalidate();
      },
    };
  }

  #drop(key: string, value: Promise<unknown>): void {
    if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
  }
}

/** How long another instance's change to reference rows may go unseen here. */
export const REFERENCE_DATA_TTL_MS = 60_000;
