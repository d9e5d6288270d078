/**
 * iCalendar (RFC 5545) text for one booking, sent as the .ics attachment of the confirmation,
 * "time moved" and "cancelled" mails, so the client's calendar app can add, move (same UID, higher
 * SEQUENCE) or, with `CANCEL`, remove the appointment.
 *
 * Privacy: the file holds the time, the texts the caller passes and the Teams join link — only
 * what the recipient already knows. No names, no adviser, no topics.
 */

/** What {@link bookingIcs} needs. All instants are written in UTC. */
export interface BookingIcsInput {
  /** Globally unique and stable per booking: use {@link bookingIcsUid}. A CANCEL must reuse it. */
  readonly uid: string;
  readonly start: Date;
  readonly end: Date;
  /** The event title in the recipient's calendar. Plain text; escaped here. */
  readonly summary: string;
  /** Plain text; newlines allowed (written as `\n`). */
  readonly description: string;
  /** The Teams join link: becomes URL and LOCATION. Omitted → neither property. */
  readonly url?: string;
  /**
   * The revision of the event (RFC 5545 §3.8.7.4): 0 for the first confirmation, higher for each
   * change, so a calendar app replaces an older copy instead of keeping both. Default 0.
   */
  readonly sequence?: number;
  /**
   * The sending mailbox (e.g. `neuvo@joensuu.fi`). iTIP (RFC 5546 §3.2.2, §3.2.5) requires an
   * ORGANIZER for REQUEST and CANCEL; Outlook and Gmail ignore an invitation without one.
   */
  readonly organizerEmail?: string;
  /** The recipient's own address (RSVP=FALSE: nothing to answer). */
  readonly attendeeEmail?: string;
  /** `REQUEST`: add / update the appointment (STATUS:CONFIRMED); `CANCEL`: remove it. */
  readonly method: 'REQUEST' | 'CANCEL';
  /** DTSTAMP: when this file was written. */
  readonly now: Date;
}

/** The PRODID every file carries (RFC 5545 §3.7.3: who made the file). */
export const ICS_PRODID = '-//City of Joensuu//Neuvo//EN';

/** The UID of a booking's event: stable, so a later update or CANCEL matches the same event. */
export function bookingIcsUid(bookingId: string): string {
  return `${bookingId}@neuvo`;
}

/**
 * The VCALENDAR with one VEVENT for a booking, as RFC 5545 text: CRLF line endings (also after
 * the last line), lines folded at 75 octets without splitting a UTF-8 character, TEXT values
 * escaped, times in UTC (`YYYYMMDDTHHMMSSZ`).
 *
 * Worked example: a booking 2026-04-14 09:00–09:45 Helsinki (UTC+3) gives
 * `DTSTART:20260414T060000Z` and `DTEND:20260414T064500Z`.
 */
export function bookingIcs(input: BookingIcsInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `DTSTAMP:${icsUtc(input.now)}`,
    `DTSTART:${icsUtc(input.start)}`,
    `DTEND:${icsUtc(input.end)}`,
    `SEQUENCE:${input.sequence ?? 0}`,
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(input.summary)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
    ...(input.url === undefined ? [] : [`URL:${uriValue(input.url)}`, `LOCATION:${escapeText(input.url)}`]),
    ...(input.organizerEmail === undefined ? [] : [`ORGANIZER:mailto:${uriValue(input.organizerEmail)}`]),
    ...(input.attendeeEmail === undefined ? [] : [`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${uriValue(input.attendeeEmail)}`]),
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('');
}

/** The instant SEQUENCE numbers count from (see {@link icsSequenceAt}). */
const SEQUENCE_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * The SEQUENCE of a change made at `changedAt` (a move or a cancel): whole seconds since
 * 2025-01-01T00:00Z. RFC 5545 §3.8.7.4 only asks that a later revision carries a higher number,
 * and nothing stores a revision counter per booking, so the instant of the change is the counter:
 * every change outranks the first confirmation (0) and every earlier change, and a retried mail of
 * the same change repeats the same number. It stays a positive 31-bit integer (what calendar apps
 * parse) until 2093. Worked example: a move at 2026-04-01T10:00:00Z → 39_348_000.
 *
 * Two changes in the same second share a number; calendar apps then order them by DTSTAMP.
 */
export function icsSequenceAt(changedAt: Date): number {
  return Math.max(1, Math.floor((changedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000));
}

/** `2026-04-14T06:00:00.000Z` → `20260414T060000Z` (seconds kept, milliseconds dropped). */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash; a line break
 * (CRLF, LF or CR) becomes `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/**
 * A URI value is not escaped like TEXT (a `,` is literal), but must not contain line breaks,
 * controls or spaces: those are percent-encoded so a bad value cannot add a property.
 */
function uriValue(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f]/g, (c) => encodeURIComponent(c));
}

const MAX_LINE_OCTETS = 75;

/**
 * One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, excluding the
 * CRLF; a continuation line starts with one space, which counts towards its 75. Splits fall only
 * between code points, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.map((part) => `${part}\r\n`).join('');
}

/** Octets of one code point in UTF-8. */
function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}
