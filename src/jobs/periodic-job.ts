import type { OutboxLogger } from './outbox-dispatcher.js';

/**
 * Runs `work` every `intervalMs` on this instance, never two runs at once; a failure is logged as
 * `<name>.failed` and the next tick tries again. The timer does not keep the process alive.
 * Work that must happen once across instances makes itself safe (single conditional writes).
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<unknown>,
    private readonly logger: OutboxLogger,
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.work()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ event: `${this.name}.failed`, error: error instanceof Error ? error.name : 'unknown' }, `${this.name} failed`))
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
