import { instantAt } from '../../domain/booking/helsinki-time.js';
import type { StaffLanguage } from '../../i18n/staff/index.js';
import type { CardAttachment } from '../adaptive-card.js';

/**
 * Formatting for staff cards. Advisers work in Finland and their hours are Helsinki rules, so
 * staff cards show Helsinki time (unlike client cards, which use the client's own zone).
 */
const HELSINKI = 'Europe/Helsinki';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'clock' | 'date', lang: StaffLanguage): Intl.DateTimeFormat {
  const key = `${kind}:${lang}`;
  const cached = formatters.get(key);
  if (cached) return cached;
  const created =
    kind === 'clock'
      ? new Intl.DateTimeFormat(lang, { timeZone: HELSINKI, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      : new Intl.DateTimeFormat(lang, { timeZone: HELSINKI, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', calendar: 'gregory' });
  formatters.set(key, created);
  return created;
}

/** Helsinki clock time of an instant: fi `09.00`, sv/en `09:00`. */
export function helsinkiClock(instant: Date, lang: StaffLanguage): string {
  return formatter('clock', lang).format(instant);
}

/** Helsinki calendar date of an instant with its weekday: fi `ti 14.4.2026`. */
export function helsinkiDate(instant: Date, lang: StaffLanguage): string {
  return formatter('date', lang).format(instant);
}

/** A local date `'YYYY-MM-DD'` with its weekday (read at noon, safely inside the day whatever DST does). */
export function localDateLabel(localDate: string, lang: StaffLanguage): string {
  return helsinkiDate(instantAt(localDate, '12:00'), lang);
}

/**
 * A language's name in the staff language (`uk` → fi `ukraina`). Only ISO 639 codes are looked
 * up: the interpreter language is often free text from the intake ("Tigrinya"), shown as given.
 */
export function languageName(code: string, lang: StaffLanguage): string {
  if (!/^[a-z]{2,3}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The card with `value: ""` removed from its inputs. The templates always write `value`, but an
 * empty Input.Time / Input.Date / ChoiceSet value is not a value to the renderer (it drops it,
 * and a client may show it as invalid): an empty input must simply have no `value`.
 */
export function withoutEmptyInputValues(attachment: CardAttachment): CardAttachment {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node as Record<string, unknown>);
    const isInput = entries.some(([key, value]) => key === 'type' && typeof value === 'string' && value.startsWith('Input.'));
    return Object.fromEntries(entries.filter(([key, value]) => !(isInput && key === 'value' && value === '')).map(([key, value]) => [key, strip(value)]));
  };
  return { ...attachment, content: strip(attachment.content) as CardAttachment['content'] };
}
