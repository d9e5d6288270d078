import { describe, expect, it } from 'vitest';
import { ReferenceDataCache } from './reference-data-cache.js';

function counter<T>(value: T) {
  let calls = 0;
  return {
    load: async () => {
      calls++;
      return value;
    },
    calls: () => calls,
  };
}

describe('ReferenceDataCache', () => {
  it('loads once within the TTL and again after it', async () => {
    let now = 0;
    const cache = new ReferenceDataCache(1000, () => now);
    const source = counter(['a']);
    expect(await cache.get('k', source.load)).toEqual(['a']);
    now = 999;
    await cache.get('k', source.load);
    expect(source.calls()).toBe(1);
    now = 1000;
    await cache.get('k', source.load);
    expect(source.calls()).toBe(2);
  });

  it('forgets everything on invalidate, and never stores a load that started before it', async () => {
    const cache = new ReferenceDataCache(60_000);
    let release!: (value: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('old');
    expect(await slow).toBe('old');
    const fresh = counter('new');
    expect(await cache.get('k', fresh.load)).toBe('new');
    expect(fresh.calls()).toBe(1);
  });

  it('does not remember a failed load', async () => {
    const cache = new ReferenceDataCache(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('tells a unit of work that it wrote, and invalidates', async () => {
    const cache = new ReferenceDataCache(60_000);
    await cache.get('k', async () => 'old');
    let wrote = false;
    cache.tracking(() => (wrote = true)).invalidate();
    expect(wrote).toBe(true);
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });
});
