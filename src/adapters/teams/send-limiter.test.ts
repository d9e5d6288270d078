import { describe, expect, it } from 'vitest';
import { ConversationSendLimiter, TEAMS_CONVERSATION_LIMITS } from './send-limiter.js';

/** Sends as fast as the limiter allows, from time 0, and returns when each went. */
function schedule(sut: ConversationSendLimiter, conversation: string, count: number): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i += 1) {
    now += sut.delayFor(conversation, now);
    sut.record(conversation, now);
    times.push(now);
  }
  return times;
}

/** The most sends inside any window of `windowMs` (half-open, like the limiter). */
function busiest(times: readonly number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('ConversationSendLimiter', () => {
  it('lets 7 go at once, then keeps every Teams window: 7/1 s, 8/2 s, 60/30 s', () => {
    const times = schedule(new ConversationSendLimiter(), 'c1', 130);
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).toBe(1000);
    expect(times[8]).toBe(2000);
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(7);
    expect(busiest(times, 2_000)).toBeLessThanOrEqual(8);
    expect(busiest(times, 30_000)).toBeLessThanOrEqual(60);
    // 8 per 2 s is the binding limit at first; 60 per 30 s then holds the 61st back.
    expect(times[60]).toBeGreaterThanOrEqual(30_000);
  });

  it('counts conversations apart', () => {
    const sut = new ConversationSendLimiter();
    schedule(sut, 'busy', 8);
    expect(sut.delayFor('busy', 0)).toBeGreaterThan(0);
    expect(sut.delayFor('quiet', 0)).toBe(0);
  });

  it('honours the hourly limit', () => {
    const sut = new ConversationSendLimiter({ windows: [TEAMS_CONVERSATION_LIMITS[3]!] });
    for (let i = 0; i < 1_800; i += 1) sut.record('c', i);
    expect(sut.delayFor('c', 2_000)).toBe(3_598_000); // until the first send leaves the hour
    expect(sut.delayFor('c', 3_600_000)).toBe(0);
  });

  it('forgets the least recently used conversation beyond its cap', () => {
    const sut = new ConversationSendLimiter({ windows: [{ limit: 1, windowMs: 1_000 }], maxConversations: 2 });
    sut.record('a', 0);
    sut.record('b', 0);
    sut.record('a', 1);
    sut.record('c', 1);
    expect(sut.delayFor('b', 2)).toBe(0);
    expect(sut.delayFor('a', 2)).toBeGreaterThan(0);
  });
});
