import { describe, expect, it } from 'vitest';
import { FixedWindowRateLimiter } from './rate-limiter.js';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` requests per window and key, then says when to come back', () => {
    const sut = new FixedWindowRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([1, 2, 3].map(() => sut.take('a', 0).ok)).toEqual([true, true, true]);
    expect(sut.take('a', 15_000)).toEqual({ ok: false, retryAfterSeconds: 45 });
    expect(sut.take('b', 15_000)).toEqual({ ok: true });
    expect(sut.take('a', 60_000)).toEqual({ ok: true });
  });

  it('keeps at most maxKeys windows, dropping the oldest', () => {
    const sut = new FixedWindowRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    sut.take('a', 0);
    sut.take('b', 1);
    sut.take('c', 2);
    // 'a' was dropped, so it starts a fresh window; 'c' is still counted.
    expect(sut.take('a', 3).ok).toBe(true);
    expect(sut.take('c', 4).ok).toBe(false);
  });
});
