import type { ProcessedActivityRepository, PublicSessionRepository } from '../use-cases/ports/repositories.js';
import type { OutboxLogger } from './outbox-dispatcher.js';
import { PeriodicJob } from './periodic-job.js';

export interface HousekeepingDeps {
  readonly processedActivities: ProcessedActivityRepository;
  readonly publicSessions: PublicSessionRepository;
  readonly clock: () => Date;
  readonly logger: OutboxLogger;
}

/**
 * Periodic clean-up that keeps tables from growing without bound: expired redelivery records
 * (they live 24 h) and expired public booking page sessions (2 h). The retention purge of personal data joins it with the privacy issue.
 * Safe to run on every instance at once: each step is a single idempotent DELETE.
 */
export class Housekeeping {
  private readonly job: PeriodicJob;

  constructor(private readonly deps: HousekeepingDeps) {
    this.job = new PeriodicJob('housekeeping', () => this.runOnce(), deps.logger);
  }

  async runOnce(): Promise<{ processedActivitiesPurged: number; publicSessionsPurged: number }> {
    const now = this.deps.clock();
    const processedActivitiesPurged = await this.deps.processedActivities.purgeExpired(now);
    const publicSessionsPurged = await this.deps.publicSessions.purgeExpired(now);
    if (processedActivitiesPurged + publicSessionsPurged > 0) {
      this.deps.logger.info({ event: 'housekeeping.purged', processedActivitiesPurged, publicSessionsPurged }, 'expired records purged');
    }
    return { processedActivitiesPurged, publicSessionsPurged };
  }

  start(intervalMs: number): void {
    this.job.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.job.stop();
  }
}
