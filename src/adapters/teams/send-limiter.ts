/** One of Teams' per-conversation send limits: at most `limit` messages in any `windowMs`. */
export interface SendWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Teams' documented limits per bot per conversation (DESIGN.md, "Platform limits"): 7 per second,
 * 8 per 2 seconds, 60 per 30 seconds, 1800 per hour.
 */
export const TEAMS_CONVERSATION_LIMITS: readonly SendWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export interface SendLimiterOptions {
  readonly windows?: readonly SendWindow[];
  /** Conversations remembered at most; the least recently used are forgotten first. */
  readonly maxConversations?: number;
  /** Monotonic milliseconds. Real time, not the business clock: the limits are Teams' wall clock. */
  readonly now?: () => number;
}

/**
 * Keeps our own proactive sends under Teams' per-conversation limits, so a burst (30 tickets to one
 * channel, a reminder batch) is spread out instead of answered with 429s. Per process: with several
 * instances each keeps its own count, and Teams' 429 + Retry-After (honoured by the outbox) is the
 * backstop for the rest.
 *
 * `delayFor` says how long to wait before the next send to a conversation may go; `record` notes a
 * send. The caller waits short delays and hands long ones back to the outbox as a retry.
 */
export class ConversationSendLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly windows: readonly SendWindow[];
  private readonly maxConversations: number;
  private readonly longestMs: number;
  readonly now: () => number;

  constructor(options: SendLimiterOptions = {}) {
    this.windows = options.windows ?? TEAMS_CONVERSATION_LIMITS;
    this.maxConversations = options.maxConversations ?? 10_000;
    this.now = options.now ?? (() => performance.now());
    this.longestMs = Math.max(...this.windows.map((w) => w.windowMs));
  }

  /**
   * Milliseconds until a send to `conversationId` stays within every window; 0 = now.
   * Worked example (7/1 s, 8/2 s): sends at 0, 100, …, 600 ms (7) → the 8th waits until 1000 ms
   * (the 1 s window); the 9th, even at 1100 ms, waits until 2000 ms (8 in any 2 s).
   */
  delayFor(conversationId: string, at: number = this.now()): number {
    const times = this.sent.get(conversationId);
    if (!times) return 0;
    let delay = 0;
    for (const { limit, windowMs } of this.windows) {
      if (times.length < limit) continue;
      // The send `limit` places back must have left the window.
      const blocking = times[times.length - limit];
      if (blocking !== undefined) delay = Math.max(delay, blocking + windowMs - at);
    }
    return Math.max(0, Math.ceil(delay));
  }

  record(conversationId: string, at: number = this.now()): void {
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > at - this.longestMs);
    times.push(at);
    // Re-insert so the Map's order is least recently used first.
    this.sent.delete(conversationId);
    this.sent.set(conversationId, times);
    if (this.sent.size > this.maxConversations) {
      const oldest = this.sent.keys().next().value;
      if (oldest !== undefined) this.sent.delete(oldest);
    }
  }
}
