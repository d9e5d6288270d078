import { describe, expect, it } from 'vitest';
import type { TestDatabase } from './test-databases.js';

const T0 = new Date('2025-03-03T08:00:00.000Z');
const seconds = (n: number): Date => new Date(T0.getTime() + n * 1000);

export function processedActivityRepositoryContract(subject: () => TestDatabase): void {
  describe('ProcessedActivityRepository', () => {
    it('is true the first time, false for a redelivery, true again after expiry', async () => {
      const { processedActivities } = subject().uow;
      const key = 'a:1personal|1700000000001';

      expect(await processedActivities.markProcessed(key, seconds(0), seconds(60))).toBe(true);
      expect(await processedActivities.markProcessed(key, seconds(15), seconds(75))).toBe(false);
      expect(await processedActivities.markProcessed(key, seconds(59), seconds(119))).toBe(false);
      expect(await processedActivities.markProcessed(key, seconds(60), seconds(120))).toBe(true);
      // The replacement's expiry counts from now on.
      expect(await processedActivities.markProcessed(key, seconds(100), seconds(160))).toBe(false);
      expect(await processedActivities.markProcessed('other', seconds(100), seconds(160))).toBe(true);
    });

    it('lets exactly one of two instances win a race on the same key', async () => {
      const { uow, peer } = subject();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? uow : peer).processedActivities.markProcessed('race', T0, seconds(60))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('purges records that expired before now', async () => {
      const { processedActivities } = subject().uow;
      await processedActivities.markProcessed('a', seconds(0), seconds(10));
      await processedActivities.markProcessed('b', seconds(0), seconds(20));
      await processedActivities.markProcessed('c', seconds(0), seconds(30));

      expect(await processedActivities.purgeExpired(seconds(20))).toBe(1);
      expect(await processedActivities.purgeExpired(seconds(20))).toBe(0);
      expect(await processedActivities.markProcessed('c', seconds(21), seconds(40))).toBe(false);
    });
  });
}
