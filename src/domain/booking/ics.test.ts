import { describe, expect, it } from 'vitest';
import { bookingIcs, bookingIcsUid, escapeText, foldLine, icsSequenceAt, type BookingIcsInput } from './ics.js';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';

function input(overrides: Partial<BookingIcsInput> = {}): BookingIcsInput {
  return {
    uid: bookingIcsUid('b-123'),
    // Tuesday 14 April 2026, 09:00–09:45 Helsinki (UTC+3, summer time).
    start: new Date('2026-04-14T06:00:00Z'),
    end: new Date('2026-04-14T06:45:00Z'),
    summary: 'Ohjausaika',
    description: 'Liity tapaamiseen: linkki alla.',
    url: JOIN_URL,
    method: 'REQUEST',
    now: new Date('2026-04-01T10:15:30.123Z'),
    ...overrides,
  };
}

/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space is removed. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('bookingIcs', () => {
  it('writes the golden file for one booking', () => {
    const ics = bookingIcs(input({ organizerEmail: 'neuvo@neuvo.test', attendeeEmail: 'client@example.test' }));
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'PRODID:-//City of Joensuu//Neuvo//EN',
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:b-123@neuvo',
        'DTSTAMP:20260401T101530Z',
        'DTSTART:20260414T060000Z',
        'DTEND:20260414T064500Z',
        'SEQUENCE:0',
        'STATUS:CONFIRMED',
        'SUMMARY:Ohjausaika',
        'DESCRIPTION:Liity tapaamiseen: linkki alla.',
        // Folded at exactly 75 octets.
        'URL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/',
        ' 0?context=%7b%22Tid%22%3a%22t%22%7d',
        'LOCATION:https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40threa',
        ' d.v2/0?context=%7b%22Tid%22%3a%22t%22%7d',
        'ORGANIZER:mailto:neuvo@neuvo.test',
        'ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:client@example.test',
        'TRANSP:OPAQUE',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('ends every line with CRLF and has no bare LF or CR', () => {
    const ics = bookingIcs(input({ description: 'one\ntwo\r\nthree\rfour' }));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(ics)).toContain('DESCRIPTION:one\\ntwo\\nthree\\nfour\r\n');
  });

  it('cancels with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const ics = unfold(bookingIcs(input({ method: 'CANCEL', sequence: 1 })));
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('UID:b-123@neuvo\r\n');
    expect(ics).toContain('SEQUENCE:1\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
  });

  it('leaves URL and LOCATION out without a link', () => {
    const { url: _url, ...withoutUrl } = input();
    const ics = bookingIcs(withoutUrl);
    expect(ics).not.toMatch(/^(URL|LOCATION)[:;]/m);
  });

  it('cannot be made to add a property through a value', () => {
    const ics = unfold(bookingIcs(input({ summary: 'x\r\nATTENDEE:mailto:evil@example.test', url: 'https://x.test/a\r\nORGANIZER:evil' })));
    expect(ics).not.toMatch(/^ATTENDEE/m);
    expect(ics).not.toMatch(/^ORGANIZER/m);
    expect(ics).toContain('URL:https://x.test/a%0D%0AORGANIZER:evil\r\n');
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    // The backslash is escaped first, so an escape in the input is not doubled into a new one.
    expect(escapeText('\\n')).toBe('\\\\n');
  });

  it('drops control characters other than tab', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });
});

describe('foldLine', () => {
  const octets = (s: string) => Buffer.byteLength(s, 'utf8');

  it('leaves a line of exactly 75 octets alone and folds at 76', () => {
    expect(foldLine('x'.repeat(75))).toBe(`${'x'.repeat(75)}\r\n`);
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x\r\n`);
  });

  it('folds a long Arabic line at ≤ 75 octets without splitting a character', () => {
    // Arabic letters are 2 octets in UTF-8; the odd-length prefix puts every fold point mid-letter.
    const arabic = 'لديك موعد استشارة مع مستشار الاندماج في مدينة يونسو. يمكنك الانضمام من المتصفح، لا حاجة لأي تطبيق.';
    const line = `SUMMARY:${escapeText(arabic)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n').slice(0, -1);
    expect(physical.length).toBeGreaterThan(2);
    for (const part of physical) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      // Decoding the line's own bytes gives it back: no half character at either end.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(`${line}\r\n`);
  });

  it('keeps a 4-octet character (emoji, surrogate pair in JS) whole', () => {
    const folded = foldLine(`DESCRIPTION:${'a'.repeat(61)}😀😀`);
    const [first, second] = folded.split('\r\n');
    // 12 + 61 = 73 octets; the 4-octet emoji does not fit and starts the next line.
    expect(first).toBe(`DESCRIPTION:${'a'.repeat(61)}`);
    expect(second).toBe(' 😀😀');
  });
});

describe('icsSequenceAt', () => {
  it('counts whole seconds since 2025-01-01Z, so every later change outranks the confirmation (0) and earlier changes', () => {
    // Worked example from the TSDoc: 2026-04-01T10:00:00Z → 39 348 000.
    expect(icsSequenceAt(new Date('2026-04-01T10:00:00Z'))).toBe(39_348_000);
    expect(icsSequenceAt(new Date('2026-04-01T10:00:00.999Z'))).toBe(39_348_000);
    expect(icsSequenceAt(new Date('2026-04-01T10:00:01Z'))).toBe(39_348_001);
    // Never 0 or negative (a clock before the epoch would otherwise tie with the first confirmation).
    expect(icsSequenceAt(new Date('2024-12-31T23:59:59Z'))).toBe(1);
    // Still a positive 31-bit integer in 2090.
    expect(icsSequenceAt(new Date('2090-01-01T00:00:00Z'))).toBeLessThan(2 ** 31);
  });

  it('writes the SEQUENCE of a moved event and of a CANCEL', () => {
    const sequence = icsSequenceAt(new Date('2026-04-02T08:00:00Z'));
    expect(unfold(bookingIcs(input({ sequence })))).toContain(`\r\nSEQUENCE:${sequence}\r\nSTATUS:CONFIRMED\r\n`);
    expect(unfold(bookingIcs(input({ sequence, method: 'CANCEL' })))).toContain(`\r\nMETHOD:CANCEL\r\n`);
    expect(unfold(bookingIcs(input({ sequence, method: 'CANCEL' })))).toContain(`\r\nSEQUENCE:${sequence}\r\nSTATUS:CANCELLED\r\n`);
  });
});
