import type { Repositories } from '../ports/repositories.js';

/** The expert channel's figures for a report period (issue 5: times to claim and to answer). */
export interface ExpertFigures {
  /** Tickets asked in the period by staff of these municipalities. */
  readonly questions: number;
  /** Median minutes from asking to the first claim, over the tickets claimed; null when none was. */
  readonly medianMinutesToClaim: number | null;
  /** Median minutes from asking to the first answer, over the tickets answered; null when none was. */
  readonly medianMinutesToAnswer: number | null;
}

const MINUTE_MS = 60_000;

/**
 * Figures over the tickets created in [from, before) by staff of `municipalities`. Times are
 * wall-clock minutes (not office minutes), rounded to one decimal. Worked example: claims after
 * 10, 20, 30 and 70 minutes → median 25; a ticket never claimed does not count towards it.
 */
export async function expertFigures(repos: Pick<Repositories, 'tickets'>, municipalities: readonly string[], from: Date, before: Date): Promise<ExpertFigures> {
  const tickets = await repos.tickets.listCreatedBetween(municipalities, from, before);
  const minutesTo = (pick: (t: (typeof tickets)[number]) => Date | null): number[] =>
    tickets.flatMap((t) => {
      const at = pick(t);
      return at === null ? [] : [(at.getTime() - t.createdAt.getTime()) / MINUTE_MS];
    });
  return { questions: tickets.length, medianMinutesToClaim: median(minutesTo((t) => t.firstClaimedAt)), medianMinutesToAnswer: median(minutesTo((t) => t.firstAnsweredAt)) };
}

/** The middle value (the mean of the two middle ones for an even count), one decimal; null for none. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
