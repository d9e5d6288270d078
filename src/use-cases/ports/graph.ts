import type { Interval } from '../../domain/booking/booking.js';

/**
 * Ports for Microsoft 365 (calendars, Teams meetings, mail). Implementations: `GraphCalendar`,
 * `GraphOnlineMeetings`, `GraphMailer` (src/adapters/graph), exercised against the local Graph
 * simulator (test/graph-simulator). Everything in and out is a domain type: no Graph shapes here.
 */

/** Advisers' Outlook free/busy, so slots never collide with meetings booked outside Neuvo. */
export interface AdviserCalendar {
  /**
   * The busy periods of each adviser inside `interval`, clipped to it, sorted and merged.
   *
   * "Busy" means an event shown as busy, tentative or out of office; free and working-elsewhere
   * time stays bookable. An adviser whose free/busy cannot be read (no such mailbox, no access)
   * comes back busy for the whole interval: offering a slot we cannot check risks a double
   * booking, refusing it only costs a slot. Every requested UPN is a key of the result.
   */
  getBusy(adviserUpns: readonly string[], interval: Interval): Promise<Map<string, Interval[]>>;
}

/** The Teams meeting a booking needs. */
export interface MeetingForBooking {
  /** Our booking id: the idempotency key, so a redelivered outbox message gets the same meeting. */
  readonly bookingId: string;
  /**
   * The adviser's Entra object id. The online-meetings API with an app token addresses the
   * organizer by object id (the one the application access policy is granted to).
   */
  readonly organizerId: string;
  /** Shown in Teams and to anyone with the link: no personal data of the client. */
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
}

/** What a booking keeps of its meeting. */
export interface BookedMeeting {
  /** The link clients and advisers join with. */
  readonly joinUrl: string;
  /** Needed to cancel the meeting later. */
  readonly meetingId: string;
}

/** Which meeting to cancel. */
export interface MeetingToCancel {
  readonly bookingId: string;
  readonly organizerId: string;
  readonly meetingId: string;
}

/** Teams meetings for bookings. */
export interface OnlineMeetings {
  /** Creates the booking's meeting, or returns the one already created for the same `bookingId`. */
  createMeetingForBooking(meeting: MeetingForBooking): Promise<BookedMeeting>;
  /** Deletes the meeting; a meeting that is already gone counts as cancelled (safe to repeat). */
  cancelMeetingForBooking(meeting: MeetingToCancel): Promise<void>;
}

/** An iCalendar file sent with a mail, so the recipient's calendar app can add the appointment. */
export interface IcsAttachment {
  /** E.g. `appointment.ics`. */
  readonly fileName: string;
  /** The iCalendar text (RFC 5545), not base64: the adapter encodes it. */
  readonly content: string;
}

/** A mail sent from a mailbox of the service (confirmations, reminders to clients without Teams). */
export interface OutgoingMail {
  /** The sending mailbox (a shared mailbox of the service, normally). */
  readonly fromUpn: string;
  /** At least one address. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly icsAttachment?: IcsAttachment;
}

/** Sends mail. Delivery is at least once: a retried outbox message can send the mail twice. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Why a Microsoft 365 call failed:
 * - `throttled`: 429; wait `retryAfterMs` (Retry-After) before trying again.
 * - `unavailable`: 5xx, timeout, network or token failure; try again later.
 * - `not_found` / `forbidden` / `bad_request`: 404 / 401, 403 / 400 and other 4xx; trying
 *   again will not help (`permanent`, except a 401, which a fresh token may fix).
 * - `unknown`: an answer we did not expect (e.g. a 2xx without the fields we need).
 */
export type GraphErrorReason = 'throttled' | 'unavailable' | 'not_found' | 'forbidden' | 'bad_request' | 'unknown';

/** Options of {@link GraphError}. */
export interface GraphErrorOptions {
  /** HTTP status; 0 when no answer arrived (network, timeout, token). */
  readonly status: number;
  readonly retryAfterMs?: number;
  readonly permanent?: boolean;
  readonly cause?: unknown;
}

/**
 * The one error the Microsoft 365 adapters throw. Shaped for the outbox dispatcher: a numeric
 * `retryAfterMs` is honoured as Retry-After, `permanent: true` dead-letters the message at once.
 * Its message names the operation and status only: it is stored as an outbox row's `last_error`,
 * so it never carries personal data (no addresses, no subjects).
 */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly reason: GraphErrorReason;
  readonly status: number;
  readonly retryAfterMs?: number;
  readonly permanent: boolean;

  constructor(message: string, reason: GraphErrorReason, options: GraphErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status;
    this.permanent = options.permanent ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
