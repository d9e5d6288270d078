import type { CardActionTokenRepository } from '../use-cases/ports/card-action-tokens.js';
import type { ProcessedActivityRepository, PublicSessionRepository } from '../use-cases/ports/repositories.js';
import type { OutboxLogger } from './outbox-dispatcher.js';
import { PeriodicJob } from './periodic-job.js';

export interface HousekeepingDeps {
  readonly processedActivities: ProcessedActivityRepository;
  readonly publicSessions: PublicSessionRepository;
  readonly actionTokens: CardActionTokenRepository;
  readonly clock: () => Date;
  readonly logger: OutboxLogger;
}

export interface HousekeepingRun {
  readonly processedActivitiesPurged: number;
  readonly publicSessionsPurged: number;
  readonly actionTokensPurged: number;
}

/**
 * Periodic clean-up that keeps tables from growing without bound: expired redelivery records
 * (they live 24 h), expired public booking page sessions (2 h) and expired card action tokens
 * (CARD_ACTION_TOKEN_DAYS; ADR 14). The retention purge of personal data is its own job.
 * Safe to run on every instance at once: each step is a single idempotent DELETE.
 */
export class Housekeeping {
  private readonly job: PeriodicJob;

  constructor(private readonly deps: HousekeepingDeps) {
    this.job = new PeriodicJob('housekeeping', () => this.runOnce(), deps.logger);
  }

  async runOnce(): Promise<HousekeepingRun> {
    const now = this.deps.clock();
    const processedActivitiesPurged = await this.deps.processedActivities.purgeExpired(now);
    const publicSessionsPurged = await this.deps.publicSessions.purgeExpired(now);
    const actionTokensPurged = await this.deps.actionTokens.purgeExpired(now);
    if (processedActivitiesPurged + publicSessionsPurged + actionTokensPurged > 0) {
      this.deps.logger.info({ event: 'housekeeping.purged', processedActivitiesPurged, publicSessionsPurged, actionTokensPurged }, 'expired records purged');
    }
    return { processedActivitiesPurged, publicSessionsPurged, actionTokensPurged };
  }

  start(intervalMs: number): void {
    this.job.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.job.stop();
  }
}
