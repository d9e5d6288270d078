/**
 * Keeps client identity out of questions to the experts (issue 5): the ask card says not to write
 * it, and the server removes what it can recognise before anything is stored or shown to others —
 * Finnish personal identity codes, e-mail addresses and phone numbers. Pure; everything else in
 * the text stays exactly as typed (whitespace, line breaks, Unicode).
 *
 * Where the line is drawn (each case has a test in pii.test.ts):
 * - Identity code: `DDMMYY` + century sign + `NNN` + one check character, as one token (not glued
 *   to other letters or digits). Removed whenever `DDMMYY` is a real date in the sign's century,
 *   whatever the check character: a mistyped code is still personal data. Temporary codes
 *   (individual number 900–999) are codes too. `320190-123A` (no 32nd) stays.
 * - E-mail: `local@domain.tld`, letters of any script (`jääskeläinen@kunta.fi`, `info@äänekoski.fi`).
 *   Obfuscated forms ("aino at kunta dot fi") are not recognised.
 * - Phone: digits in groups joined by one space (also a no-break space) or one dash, starting with
 *   `+` (`+358 40 123 4567`), a trunk `0` (`040 123 4567`, `09 123 4567`, `00358 …`) or `(0…)`
 *   (`(013) 123 456`), 7–15 digits in all. A number that starts with another digit is never a
 *   phone number: amounts, years, postal codes, case numbers (`123456`, `12345678`) stay — and so
 *   would a local number typed without its area code (`123 4567`); a 6-digit number starting
 *   with 0 is too short to be one. Not taken either: a group inside a dash chain (`2025-03-12`,
 *   `03-12-2025`), a business ID (`0112038-9`), a group after a decimal point, colon, slash or
 *   `#`, an amount in thousands (`1 000 000 000 €`, and so `2 040 123 456` would stay too), a
 *   run glued to letters (an IBAN `FI21 1234 0600 …`, `0123456abc`), dotted forms
 *   (`040.123.4567` — too close to dates and times).
 *   Two numbers separated only by a space are split where a new one starts with `+`, or with `0`
 *   when what follows is long enough to be a number of its own; a short number right after a
 *   phone number in the same run may be taken with it (at most 15 digits in all).
 */
export type ScrubbedKind = 'personal_identity_code' | 'phone' | 'email';

/** What replaces each removed piece (language-neutral). */
export const SCRUB_MARK = '[***]';

export interface Scrubbed {
  /** The text with each removed piece replaced by {@link SCRUB_MARK}. */
  readonly text: string;
  /** Distinct kinds removed, in first-seen order (empty when nothing was). */
  readonly removed: readonly ScrubbedKind[];
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: ScrubbedKind;
}

// The local part is dot-separated atoms (no dot first, no two in a row), so "Kirjoita...aino@x.fi"
// keeps its ellipsis; a dot just before the @ (a typo) is taken. The caps (RFC 5321: 64
// characters) keep matching linear on long runs of dots and letters. The top-level domain is
// letters (any script) or an IDN `xn--` label.
const EMAIL = /(?<![\p{L}\p{M}\p{N}_%+-])[\p{L}\p{M}\p{N}_%+-]{1,64}(?:\.[\p{L}\p{M}\p{N}_%+-]{1,64}){0,32}\.?@(?:[\p{L}\p{M}\p{N}-]{1,63}\.){1,10}(?:xn--[\p{L}\p{N}-]+|\p{L}[\p{L}\p{M}]+)(?![\p{L}\p{M}\p{N}_])/gu;

// DDMMYY, century sign (DVV: `+` 1800s; `-`, U–Y 1900s; A–F 2000s — the letters since 2023;
// a dash pasted from a word processor, ‐ ‑ – — −, counts as `-`), NNN, and one check character.
// Any letter or digit is accepted as the check character (its alphabet is 0-9 and A–Y without
// G I O Q, but a typo there is still a code); the date is checked. intake/identity-code.ts is
// stricter on purpose (it only warns a client); here a miss would store personal data.
const IDENTITY_CODE = /(?<![\p{L}\p{N}])(\d{2})(\d{2})(\d{2})([-+A-FU-Y\u2010-\u2014\u2212])\d{3}[0-9A-Z](?![\p{L}\p{N}])/giu;

function centuryOf(sign: string): number {
  if (sign === '+') return 1800;
  return /[A-F]/i.test(sign) ? 2000 : 1900;
}

/** Whether DD.MM.(century + YY) exists: 290200A… is a date (2000 was a leap year), 290100-… is not. */
function isRealDate(dd: string, mm: string, yy: string, sign: string): boolean {
  const year = centuryOf(sign) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// A run of digit groups: `+358`, `(013)`, `(0)` or plain digits, joined by one space (plain,
// no-break or narrow no-break), one dash (with a space either side allowed), or nothing next to
// a bracket. A run is split into phone numbers (or not) by findPhones.
const SPACE = '[ \\u00A0\\u202F]';
const DASH = '[-\\u2010\\u2011]';
const GROUP = '\\+\\d+|\\(\\d+\\)|\\d+';
const SEPARATOR = `${SPACE}?${DASH}${SPACE}?|${SPACE}`;
const NUMBER_RUN = new RegExp(`(?:${GROUP})(?:(?:${SEPARATOR})?(?:${GROUP}))*`, 'gu');
const GROUP_IN_RUN = new RegExp(`(${SEPARATOR})?(${GROUP})`, 'gu');
const HAS_DASH = new RegExp(DASH, 'u');

const MIN_PHONE_DIGITS = 7;
/** E.164's maximum; also enough for `00` + a full international number. */
const MAX_PHONE_DIGITS = 15;

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  readonly plus: boolean;
  /** In brackets: `(013)`, `(0)`. */
  readonly bracketed: boolean;
  /** How it is joined to the group before it. */
  readonly joint: 'none' | 'space' | 'dash';
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const m of run.matchAll(GROUP_IN_RUN)) {
    const separator = m[1] ?? '';
    const token = m[2]!;
    const start = offset + m.index + separator.length;
    groups.push({
      start,
      end: start + token.length,
      digits: token.replace(/\D/g, ''),
      plus: token.startsWith('+'),
      bracketed: token.startsWith('('),
      joint: separator === '' ? 'none' : HAS_DASH.test(separator) ? 'dash' : 'space',
    });
  }
  return groups;
}

/**
 * Indexes of groups that belong to a number which is not a phone number, so no phone number may
 * start there or run into them: the later groups of an amount in thousands (`1 200 000 000`: a
 * 1–3 digit group, then only 3-digit groups, all joined by spaces), the groups of a dash-joined
 * date (`03-12-2025`, `2025-03-12`), a business ID (Y-tunnus `0112038-9`) and a time range
 * (`0800-1600`).
 */
function continuations(groups: readonly Group[]): Set<number> {
  const out = new Set<number>();
  const plain = (g: Group | undefined): g is Group => g !== undefined && !g.plus && !g.bracketed;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j + 1 < groups.length && groups[j + 1]!.joint === 'space' && plain(groups[j + 1])) j += 1;
    const chain = groups.slice(i, j + 1);
    const first = chain[0]!;
    if (chain.length > 1 && plain(first) && /^[1-9]\d{0,2}$/.test(first.digits) && chain.slice(1).every((g) => g.digits.length === 3)) {
      for (let k = i + 1; k <= j; k += 1) out.add(k);
    }
    i = j + 1;
  }
  for (let i = 0; i + 2 < groups.length; i += 1) {
    const [a, b, c] = [groups[i]!, groups[i + 1]!, groups[i + 2]!];
    if (b.joint !== 'dash' || c.joint !== 'dash') continue;
    const dayFirst = a.digits.length <= 2 && b.digits.length <= 2 && c.digits.length === 4 && isDayMonth(a.digits, b.digits);
    const yearFirst = a.digits.length === 4 && b.digits.length <= 2 && c.digits.length <= 2 && isDayMonth(c.digits, b.digits);
    if (dayFirst || yearFirst) [i, i + 1, i + 2].forEach((k) => out.add(k));
  }
  for (let i = 0; i + 1 < groups.length; i += 1) {
    const [id, check] = [groups[i]!, groups[i + 1]!];
    const alone = groups[i + 2]?.joint !== 'dash' && (i === 0 || id.joint !== 'dash');
    if (!alone || !plain(id) || !plain(check) || check.joint !== 'dash') continue;
    const businessId = id.digits.length === 7 && check.digits.length === 1;
    const timeRange = isClock(id.digits) && isClock(check.digits);
    if (businessId || timeRange) [i, i + 1].forEach((k) => out.add(k));
  }
  return out;
}

const isDayMonth = (day: string, month: string): boolean => Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12;
/** `HHMM`, 0000–2400. */
const isClock = (digits: string): boolean => /^(?:[01]\d|2[0-3])[0-5]\d$|^2400$/.test(digits);

/** Digits from group `from` on, up to a `+`, a non-start or the maximum: how long a number starting there could be. */
function digitsUpTo(groups: readonly Group[], from: number, notStarts: ReadonlySet<number>): number {
  let digits = groups[from]!.digits.length;
  for (let k = from + 1; k < groups.length && !groups[k]!.plus && !notStarts.has(k) && digits + groups[k]!.digits.length <= MAX_PHONE_DIGITS; k += 1) digits += groups[k]!.digits.length;
  return digits;
}

/** Phone numbers in `text` (which has earlier finds masked), as spans. */
function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(NUMBER_RUN)) {
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    const before = text[runStart - 1];
    // Glued to a word (an IBAN "FI21 1234 0600 …", a product code): no phone number in the whole
    // run. The decimals / minutes / year of a number before it ("8,0123456", "681/0123456") or a
    // "#" reference: not at its start.
    if (isWordChar(before)) continue;
    const leftBlocked = before === '#' || ('.,:/'.includes(before ?? '_') && isDigit(text[runStart - 2]));
    const after = text[runEnd];
    const rightGlued = isWordChar(after) || ('.,:/'.includes(after ?? '_') && isDigit(text[runEnd + 1]));
    const groups = groupsOf(run[0], runStart);
    const notStarts = continuations(groups);
    let previousTaken = false;
    for (let i = 0; i < groups.length; ) {
      const group = groups[i]!;
      const startsLikePhone = group.plus || group.digits.startsWith('0');
      const canStart =
        startsLikePhone &&
        !notStarts.has(i) &&
        (i === 0 ? !leftBlocked : group.plus || previousTaken || group.joint === 'space') &&
        group.digits.length <= MAX_PHONE_DIGITS;
      if (canStart) {
        let digits = group.digits.length;
        let j = i;
        while (j + 1 < groups.length) {
          const next = groups[j + 1]!;
          // Another number begins: "040 123 4567 050 765 4321" is two; "+44 20 7946 0958" and
          // "050 1234 0567" are one (what would follow is too short to be a number of its own).
          if (next.plus || notStarts.has(j + 1)) break;
          if (digits >= MIN_PHONE_DIGITS && next.digits.startsWith('0') && digitsUpTo(groups, j + 1, notStarts) >= MIN_PHONE_DIGITS) break;
          if (digits + next.digits.length > MAX_PHONE_DIGITS) break;
          digits += next.digits.length;
          j += 1;
        }
        if (digits >= MIN_PHONE_DIGITS && !(j === groups.length - 1 && rightGlued)) {
          spans.push({ start: group.start, end: groups[j]!.end, kind: 'phone' });
          previousTaken = true;
          i = j + 1;
          continue;
        }
      }
      previousTaken = false;
      i += 1;
    }
  }
  return spans;
}

/** `text` with `spans` blanked out (same length), so later searches neither see nor cross them. */
function mask(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, span.start) + '\u0000'.repeat(span.end - span.start);
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * The text with identity codes, e-mail addresses and phone numbers replaced by {@link SCRUB_MARK},
 * and which kinds were removed. E-mail addresses are found first (an address may hold digits),
 * then identity codes, then phone numbers in what is left.
 */
export function scrubPersonalData(text: string): Scrubbed {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  let searched = mask(text, spans);
  for (const m of searched.matchAll(IDENTITY_CODE)) {
    if (isRealDate(m[1]!, m[2]!, m[3]!, m[4]!)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'personal_identity_code' });
  }
  searched = mask(text, spans);
  spans.push(...findPhones(searched));
  if (spans.length === 0) return { text, removed: [] };

  spans.sort((a, b) => a.start - b.start);
  const removed: ScrubbedKind[] = [];
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + SCRUB_MARK;
    at = span.end;
    if (!removed.includes(span.kind)) removed.push(span.kind);
  }
  return { text: out + text.slice(at), removed };
}
