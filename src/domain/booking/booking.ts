import type { LanguageCode } from '../staff/staff.js';
import type { TopicCode } from '../intake/topics.js';

/**
 * Booking types shared by the pure slot logic (domain/booking), the repositories
 * (adapters/persistence) and the use cases. All instants are UTC `Date`s; rules that depend on the
 * wall clock (working hours, holidays, DST) are evaluated in Europe/Helsinki by the domain.
 */

/** A half-open interval [start, end). */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Working hours on one weekday, as Helsinki wall-clock times "HH:MM" (end exclusive). */
export interface WeeklyHours {
  readonly weekday: IsoWeekday;
  readonly start: string;
  readonly end: string;
}

/** What the slot logic needs to know about an adviser. */
export interface AdviserProfile {
  /** StaffMember.id */
  readonly adviserId: string;
  /** ISO 639-1 codes the adviser gives guidance in. */
  readonly languages: readonly string[];
  readonly municipalityCodes: readonly string[];
  /** Topics this adviser is marked for (routing); empty = takes every topic. */
  readonly topics: readonly TopicCode[];
  readonly weeklyHours: readonly WeeklyHours[];
  /** Holidays, sick leave, training…: no slots inside these. */
  readonly absences: readonly Interval[];
  /** Exchange mailbox (UPN) whose Outlook busy time also blocks slots; null = Outlook not consulted. */
  readonly mailbox: string | null;
}

/** A kind of appointment. */
export interface ServiceType {
  readonly code: string;
  readonly lengthMinutes: number;
  /** Free time kept after each appointment (notes, a break). Blocks the calendar, not shown to clients. */
  readonly bufferMinutes: number;
  /** Earliest start = now + minNotice. */
  readonly minNoticeMinutes: number;
  /** Latest start = now + horizon. */
  readonly horizonDays: number;
  /** Candidate starts are aligned to this step from the start of each working period. */
  readonly slotStepMinutes: number;
}

export type BookingStatus = 'booked' | 'cancelled';

export interface Booking {
  readonly id: string;
  readonly clientId: string;
  readonly adviserId: string;
  readonly serviceTypeCode: string;
  readonly municipalityCode: string;
  readonly start: Date;
  /** start + length */
  readonly end: Date;
  /** end + buffer: what the overlap rule protects (the adviser's time, buffer included). */
  readonly blockedUntil: Date;
  readonly status: BookingStatus;
  /** The language the session is held in. */
  readonly language: LanguageCode;
  /** Set when an interpreter is needed: the client's language (ISO 639-1 or a free code). */
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  readonly createdAt: Date;
  readonly cancelledAt: Date | null;
  /** The Teams meeting, once created (through the outbox, after the booking commits). */
  readonly meeting: BookingMeeting | null;
}

/** What a booking keeps of its Teams meeting. */
export interface BookingMeeting {
  readonly joinUrl: string;
  /** Graph's online meeting id: needed to cancel it. */
  readonly meetingId: string;
}

/** A bookable time offered to a client. */
export interface Slot {
  readonly start: Date;
  readonly end: Date;
  readonly adviserId: string;
}
