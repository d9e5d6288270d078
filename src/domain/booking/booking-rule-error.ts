/** Why a booking rule could not be evaluated. */
export type BookingRuleErrorReason = 'invalid_local_date' | 'invalid_wall_time' | 'invalid_service_type' | 'invalid_weekly_hours';

/**
 * The one error domain/booking throws. It always means broken input that validated configuration
 * should have stopped (a service type with a zero step, working hours "16:00–08:00", a date like
 * `'2026-02-30'`) — a bug, never an expected outcome: "no free time" is an empty list, not an error.
 * The message names the offending value and what a valid one looks like.
 */
export class BookingRuleError extends Error {
  override readonly name = 'BookingRuleError';
  constructor(
    readonly reason: BookingRuleErrorReason,
    message: string,
  ) {
    super(message);
  }
}
