import { z } from 'zod';
import { MAX_PERIODS_PER_DAY, type WorkingHoursInput } from '../../use-cases/adviser/set-working-hours.js';
import { SAVE_WORKING_HOURS } from '../verbs.js';

/** Weekdays 1 (Monday) … 7 (Sunday), in card order. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Input id of one time field on the working-hours card: `day3start2` = Wednesday, period 2, start. */
export function workingHoursFieldId(weekday: number, kind: 'start' | 'end', period: number): string {
  return `day${weekday}${kind}${period}`;
}

const FIELD_IDS = WEEKDAYS.flatMap((weekday) =>
  Array.from({ length: MAX_PERIODS_PER_DAY }, (_, i) => [workingHoursFieldId(weekday, 'start', i + 1), workingHoursFieldId(weekday, 'end', i + 1)]).flat(),
);

/** Card data is forgeable: only the card's own inputs (short strings) and the verb; unknown keys refused. */
const Submission = z
  .object({
    verb: z.literal(SAVE_WORKING_HOURS).optional(),
    ...Object.fromEntries(FIELD_IDS.map((id) => [id, z.string().max(10).optional()])),
  })
  .strict();

/** One filled row of the card: where it sits on the card, and the values as typed. */
export interface SubmittedPeriod extends WorkingHoursInput {
  /** 1-based row within the weekday. */
  readonly period: number;
}

export type WorkingHoursSubmission =
  | { readonly ok: true; readonly periods: readonly SubmittedPeriod[] }
  | { readonly ok: false; readonly reason: 'forged' };

/**
 * Reads the working-hours card's inputs. A row with both times empty is "not working then" and
 * left out; a row with one time missing is kept with `''` so the use case reports it (the card
 * shows "give both times"). `HH:MM:SS`, which some clients send, is cut to `HH:MM`.
 */
export function parseWorkingHoursSubmission(data: unknown): WorkingHoursSubmission {
  const parsed = Submission.safeParse(data ?? {});
  if (!parsed.success) return { ok: false, reason: 'forged' };
  const values = parsed.data as Readonly<Record<string, string | undefined>>;
  const read = (id: string): string => {
    const raw = (values[id] ?? '').trim();
    return /^\d{2}:\d{2}:\d{2}$/.test(raw) ? raw.slice(0, 5) : raw;
  };
  const periods: SubmittedPeriod[] = [];
  for (const weekday of WEEKDAYS) {
    for (let period = 1; period <= MAX_PERIODS_PER_DAY; period++) {
      const start = read(workingHoursFieldId(weekday, 'start', period));
      const end = read(workingHoursFieldId(weekday, 'end', period));
      if (start !== '' || end !== '') periods.push({ weekday, period, start, end });
    }
  }
  return { ok: true, periods };
}
