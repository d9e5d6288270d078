import { nextRetryDelayMs, type OutboxMessage } from '../domain/outbox/outbox.js';
import type { OutboxRepository } from '../use-cases/ports/repositories.js';

/**
 * Delivers one outbox message. Resolving means delivered. Throwing means "try again later"
 * unless the error says otherwise: `permanent: true` dead-letters at once, a numeric
 * `retryAfterMs` (a receiver's Retry-After) is the least delay before the next try.
 */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

/** The pino subset the dispatcher logs through (pino's `(object, message)` call shape). */
export interface OutboxLogger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

export interface OutboxDispatcherDeps {
  readonly outbox: OutboxRepository;
  /** By topic. A message whose topic has no handler is dead-lettered. */
  readonly handlers: Readonly<Record<string, OutboxHandler>>;
  readonly clock: () => Date;
  /** In [0, 1): the jitter of the backoff. */
  readonly random: () => number;
  readonly logger: OutboxLogger;
  /** Tries before a message is dead-lettered (the try that reaches it included); at least 1. */
  readonly maxAttempts: number;
  /**
   * How long a claimed batch stays invisible to other workers. No sequential delivery starts
   * after half of it (the rest of the batch waits for the lease to end), so a delivery that runs
   * its full time still finishes inside the lease.
   */
  readonly leaseMs: number;
  readonly batchSize: number;
  /**
   * Topics whose messages of one batch are delivered all at once instead of one after another.
   * Only for receivers without per-conversation rate limits that tolerate any order within a
   * batch, as the outbox never promised one (a retried message already arrives after later
   * ones): e.g. the municipal registers, which keep the highest revision per contact. Every
   * other topic stays sequential (Teams: 7 messages/s per conversation). Default: none.
   */
  readonly concurrentTopics?: ReadonlySet<string>;
  /** Names this worker in logs. */
  readonly workerId?: string;
}

export interface DispatchSummary {
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
}

export interface OutboxDeliveryErrorOptions {
  /** Machine-readable cause; defaults to `permanent` or `retryable`. */
  readonly reason?: string;
  readonly retryAfterMs?: number;
  readonly permanent?: boolean;
  readonly cause?: unknown;
}

/**
 * What a handler throws to steer the dispatcher: `permanent` for a refusal that will not change
 * (404 conversation gone, 403 bot blocked), `retryAfterMs` for a throttled receiver (Teams and
 * Graph 429 Retry-After). Its message is stored as the row's `last_error`, so it must not contain
 * personal data.
 */
export class OutboxDeliveryError extends Error {
  override readonly name = 'OutboxDeliveryError';
  readonly reason: string;
  readonly retryAfterMs?: number;
  readonly permanent?: boolean;

  constructor(message: string, options: OutboxDeliveryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = options.reason ?? (options.permanent === true ? 'permanent' : 'retryable');
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.permanent !== undefined) this.permanent = options.permanent;
  }
}

/**
 * The outbox worker: claims due messages, runs each topic's handler, and records the outcome
 * (done, retry with backoff and jitter, or dead). Delivery is at least once — a crash after the
 * handler and before `markDone` repeats the delivery when the lease runs out — so handlers pass
 * `idempotencyKey` on to their receiver.
 *
 * Messages of a batch run one after another: receivers have per-conversation rate limits
 * (Teams: 7/s) and the lease must cover the whole batch. The exception is `concurrentTopics`:
 * those messages run all at once, beside the sequential ones, because a delivery is mostly
 * waiting (an HTTP round trip, a commit) — overlapping them lets the writes of a batch share
 * SQLite commits (ADR 8) and took the register drain from ~350 to over 1,000 deliveries/s
 * (bench/outbox-drain.bench.ts, docs/bench.md). Payloads are never logged (they may hold
 * personal data): logs name the id, topic, attempt count, error name and `reason` only.
 */
export class OutboxDispatcher {
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly deps: OutboxDispatcherDeps) {
    if (deps.maxAttempts < 1) throw new RangeError('OutboxDispatcher: maxAttempts must be at least 1.');
    if (deps.batchSize < 1) throw new RangeError('OutboxDispatcher: batchSize must be at least 1.');
  }

  /**
   * Claims and handles one batch. Calls never overlap: a call made while a batch runs waits for
   * it and then runs its own.
   */
  runOnce(): Promise<DispatchSummary> {
    const batch = this.tail.then(() => this.dispatchBatch());
    this.tail = batch.catch(() => undefined);
    return batch;
  }

  /**
   * Polls every `pollMs`, and again at once after a full batch (a backlog drains without waiting).
   * A failing poll (database down) is logged and retried at the next tick.
   */
  start(pollMs: number): void {
    if (this.running) return;
    this.running = true;
    const tick = async (): Promise<void> => {
      this.timer = undefined;
      let full = false;
      try {
        const summary = await this.runOnce();
        full = summary.delivered + summary.retried + summary.dead >= this.deps.batchSize;
      } catch (error) {
        this.deps.logger.error({ event: 'outbox.poll_failed', workerId: this.deps.workerId, error: errorName(error) }, 'Outbox poll failed');
      }
      if (this.running) this.timer = setTimeout(() => void tick(), full ? 0 : pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and resolves once the batch in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.tail;
  }

  private async dispatchBatch(): Promise<DispatchSummary> {
    const { outbox, clock, leaseMs, batchSize } = this.deps;
    const claimedAt = clock().getTime();
    const messages = await outbox.claim({ now: new Date(claimedAt), limit: batchSize, leaseMs });
    const summary = { delivered: 0, retried: 0, dead: 0 };
    const settle = async (message: OutboxMessage): Promise<void> => {
      try {
        summary[await this.deliver(message)] += 1;
      } catch (error) {
        // Recording the outcome failed (database gone): the lease runs out and the message is
        // delivered again, which the idempotency key makes harmless.
        this.log('error', 'outbox.record_failed', message, message.attempts, error);
      }
    };
    const concurrent = this.deps.concurrentTopics ?? new Set<string>();
    const inOrder = messages.filter((m) => !concurrent.has(m.topic));
    // The sequential part may be slow (a Graph call may take up to its 10 s timeout). A message
    // started after half the lease could still be running when the lease ends and another worker
    // claims it: a duplicate mail. So the rest of the batch is left alone; its lease runs out and
    // the next claim (this worker's or another's) takes it, attempts unchanged.
    const startBy = claimedAt + leaseMs / 2;
    await Promise.all([
      (async () => {
        for (const [index, message] of inOrder.entries()) {
          if (clock().getTime() >= startBy) {
            this.deps.logger.info({ event: 'outbox.deferred', workerId: this.deps.workerId, count: inOrder.length - index }, 'Outbox batch ran past half its lease; the rest waits for its lease to end');
            return;
          }
          await settle(message);
        }
      })(),
      ...messages.filter((m) => concurrent.has(m.topic)).map(settle),
    ]);
    return summary;
  }

  private async deliver(message: OutboxMessage): Promise<keyof DispatchSummary> {
    const { outbox, clock, handlers } = this.deps;
    const attempt = message.attempts + 1;
    const handler = Object.hasOwn(handlers, message.topic) ? handlers[message.topic] : undefined;
    if (handler === undefined) {
      await outbox.markDead(message.id, `No handler for topic "${message.topic}".`, clock());
      this.log('error', 'outbox.unknown_topic', message, attempt);
      return 'dead';
    }
    try {
      await handler(message);
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.permanent || attempt >= this.deps.maxAttempts) {
        await outbox.markDead(message.id, failure.text, clock());
        this.log('error', 'outbox.dead', message, attempt, error);
        return 'dead';
      }
      const delayMs = nextRetryDelayMs(attempt, this.deps.random(), failure.retryAfterMs);
      await outbox.markRetry(message.id, failure.text, new Date(clock().getTime() + delayMs));
      this.log('warn', 'outbox.retry', message, attempt, error, delayMs);
      return 'retried';
    }
    await outbox.markDone(message.id, clock());
    this.log('info', 'outbox.delivered', message, attempt);
    return 'delivered';
  }

  private log(
    level: 'info' | 'warn' | 'error',
    event: string,
    message: OutboxMessage,
    attempt: number,
    error?: unknown,
    retryInMs?: number,
  ): void {
    this.deps.logger[level]({
      event,
      workerId: this.deps.workerId,
      outboxId: message.id,
      topic: message.topic,
      attempt,
      ...(error === undefined ? {} : { error: errorName(error) }),
      // Reason and HTTP status tell a Teams 429 from a Graph 429 or a Graph outage in the logs.
      ...failureTags(error),
      ...(retryInMs === undefined ? {} : { retryInMs }),
    });
  }
}

function describeFailure(error: unknown): { permanent: boolean; retryAfterMs?: number; text: string } {
  const fields = typeof error === 'object' && error !== null ? (error as { retryAfterMs?: unknown; permanent?: unknown }) : {};
  const retryAfterMs =
    typeof fields.retryAfterMs === 'number' && Number.isFinite(fields.retryAfterMs) && fields.retryAfterMs >= 0 ? fields.retryAfterMs : undefined;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${typeof error}`;
  return { permanent: fields.permanent === true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), text };
}

function failureTags(error: unknown): { reason?: string; status?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const fields = error as { reason?: unknown; status?: unknown; statusCode?: unknown };
  const status = typeof fields.status === 'number' ? fields.status : typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  return { ...(typeof fields.reason === 'string' ? { reason: fields.reason } : {}), ...(status === undefined ? {} : { status }) };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
