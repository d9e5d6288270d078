/**
 * Keeps client identity out of questions to the experts (issue 5): the ask card says not to write
 * it, and the server removes what it can recognise before anything is stored or shown to others —
 * Finnish personal identity codes, e-mail addresses and phone numbers. Pure; everything else in
 * the text stays exactly as typed.
 */
export type ScrubbedKind = 'personal_identity_code' | 'phone' | 'email';

/** What replaces each removed piece (language-neutral). */
export const SCRUB_MARK = '[***]';

export interface Scrubbed {
  readonly text: string;
  /** Distinct kinds removed, in the order they are looked for: identity codes, e-mail, phone. */
  readonly removed: readonly ScrubbedKind[];
}

// DDMMYY + century sign + NNN + check character. The century signs are those of DVV's 2023
// reform (+, -, A–F, U–Y); any check character is accepted, because a mistyped code is still
// personal data. Not inside a longer word or number.
const IDENTITY_CODE = /(?<![\p{L}\p{N}])(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})[0-9A-Y](?![\p{L}\p{N}])/giu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;
// A phone number: international (+358 40 123 4567) or national starting with 0 (040 123 4567,
// 040-1234567, (013) 123 456), groups separated by one space or dash; 7–15 digits in all. A
// number not starting with + or 0 is never taken: case numbers, amounts, postal codes and years
// stay (a national number always starts with its 0 trunk prefix).
const PHONE = /(?<![\p{L}\p{N}/.,:§#])(?:\+\d{1,3}[ -]?(?:\(0\)[ -]?)?\d|\(0\d{1,3}\)[ -]?\d|0\d)(?:[ -]?\d){5,13}(?![\p{L}\p{N}]|[.,:/]\d)/gu;

function isCalendarDate(dd: string, mm: string): boolean {
  const day = Number(dd);
  const month = Number(mm);
  // The year and century do not matter for the check; 29 February is allowed (a leap year exists).
  const lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= lengths[month - 1]!;
}

const digitCount = (text: string): number => text.replace(/\D/g, '').length;

/** The text with identity codes, e-mail addresses and phone numbers replaced by {@link SCRUB_MARK}. */
export function scrubPersonalData(text: string): Scrubbed {
  const removed: ScrubbedKind[] = [];
  const note = (kind: ScrubbedKind) => {
    if (!removed.includes(kind)) removed.push(kind);
  };
  let out = text.replace(IDENTITY_CODE, (match: string, dd: string, mm: string) => {
    if (!isCalendarDate(dd, mm)) return match;
    note('personal_identity_code');
    return SCRUB_MARK;
  });
  out = out.replace(EMAIL, () => {
    note('email');
    return SCRUB_MARK;
  });
  out = out.replace(PHONE, (match: string) => {
    const digits = digitCount(match);
    if (digits < 7 || digits > 15) return match;
    note('phone');
    return SCRUB_MARK;
  });
  return { text: out, removed };
}
