/**
 * Small-count suppression for figures that leave the tab (the funder report and every export).
 * Five municipalities of very different size share one service: in Ilomantsi "2 contacts in
 * Somali about family matters" can point at one family. So a count of 1–4 is never shown; 0 stays
 * 0 (nobody can be singled out from nothing), 5 and up are shown as they are.
 */

/** The smallest count that is shown. */
export const SMALL_COUNT_THRESHOLD = 5;

/** What a suppressed count reads as in a CSV cell (the JSON view has null). */
export const SUPPRESSED_TEXT = '< 5';

/** `count`, or null when it is 1–4. Throws on a negative or fractional count (a bug upstream). */
export function suppressSmallCount(count: number): number | null {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count must be a whole number from 0 up, got ${count}.`);
  return count > 0 && count < SMALL_COUNT_THRESHOLD ? null : count;
}

/** A possibly suppressed count as a CSV cell: the number, or "< 5". */
export function suppressedCell(count: number | null): string {
  return count === null ? SUPPRESSED_TEXT : String(count);
}
