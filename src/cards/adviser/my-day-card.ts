import { addLocalDays } from '../../domain/booking/helsinki-time.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import { t } from '../../i18n/index.js';
import { staffText, type StaffLanguage, type StaffMessageKey } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { SHOW_ABSENCES, SHOW_MY_DAY, SHOW_WORKING_HOURS } from '../verbs.js';
import myDayCardJson from './my-day-card.json' with { type: 'json' };
import { helsinkiClock, languageName, localDateLabel } from './staff-format.js';

/** One appointment as the card shows it (the use case's MyDaySession, structurally). */
export interface MyDayCardSession {
  readonly start: Date;
  readonly end: Date;
  readonly serviceTypeCode: string;
  readonly language: string;
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  readonly joinUrl: string | null;
  readonly clientDisplayName: string | null;
}

export interface MyDayCardViewModel {
  readonly lang: StaffLanguage;
  /** The day shown, `'YYYY-MM-DD'` in Helsinki. */
  readonly date: string;
  /** Today in Helsinki: a "Today" button appears on other days. */
  readonly today: string;
  readonly sessions: readonly MyDayCardSession[];
}

interface Line {
  readonly text: string;
}

interface MyDayTemplateData {
  readonly lang: StaffLanguage;
  readonly title: string;
  readonly timeZoneNote: string;
  readonly emptyLines: readonly Line[];
  readonly sessions: readonly { time: string; lines: readonly Line[]; pendingLines: readonly Line[]; joins: readonly { title: string; url: string }[] }[];
  readonly dayVerb: typeof SHOW_MY_DAY;
  readonly previousLabel: string;
  readonly previousDate: string;
  readonly nextLabel: string;
  readonly nextDate: string;
  readonly todayActions: readonly { label: string; date: string }[];
  readonly hoursLabel: string;
  readonly hoursVerb: typeof SHOW_WORKING_HOURS;
  readonly absencesLabel: string;
  readonly absencesVerb: typeof SHOW_ABSENCES;
}

/** Service types with a staff label; any other code is shown as the code. */
const SERVICE_KEYS: Readonly<Record<string, StaffMessageKey>> = { guidance: 'service.guidance' };

const expandMyDayCard = compileCardTemplate<MyDayTemplateData>('my-day', myDayCardJson);

/**
 * "My day": the adviser's appointments of one Helsinki day, earliest first — time (Helsinki),
 * client's name, service, language, interpreter, topics and a "Join the meeting" button once the
 * Teams meeting exists. An empty day says so. "Previous day" / "Next day" (and "Today" on other
 * days) send {@link SHOW_MY_DAY} with the date; "Working hours" and "Absences" open those cards.
 * Shows personal data (the client's name): the caller must have audited the read. Pure.
 */
export function renderMyDayCard(vm: MyDayCardViewModel): CardAttachment {
  const { lang } = vm;
  const title = staffText(lang, 'myDay.title', { date: localDateLabel(vm.date, lang) });
  return expandMyDayCard({
    lang,
    title,
    timeZoneNote: staffText(lang, 'myDay.timeZone'),
    emptyLines: vm.sessions.length === 0 ? [{ text: staffText(lang, 'myDay.empty') }] : [],
    sessions: vm.sessions.map((s) => ({
      time: staffText(lang, 'myDay.time', { start: helsinkiClock(s.start, lang), end: helsinkiClock(s.end, lang) }),
      lines: [
        s.clientDisplayName === null ? staffText(lang, 'myDay.clientUnknown') : staffText(lang, 'myDay.client', { name: s.clientDisplayName }),
        staffText(lang, 'myDay.service', { service: serviceLabel(s.serviceTypeCode, lang) }),
        staffText(lang, 'myDay.language', { language: languageName(s.language, lang) }),
        s.interpreterLanguage === null
          ? staffText(lang, 'myDay.noInterpreter')
          : staffText(lang, 'myDay.interpreter', { language: languageName(s.interpreterLanguage, lang) }),
        ...(s.topics.length > 0 ? [staffText(lang, 'myDay.topics', { topics: s.topics.map((code) => t(lang, `topic.${code}`)).join(', ') })] : []),
      ].map((text) => ({ text })),
      pendingLines: s.joinUrl === null ? [{ text: staffText(lang, 'myDay.meetingPending') }] : [],
      joins: s.joinUrl === null ? [] : [{ title: staffText(lang, 'myDay.join'), url: httpsUrl(s.joinUrl) }],
    })),
    dayVerb: SHOW_MY_DAY,
    previousLabel: staffText(lang, 'myDay.previous'),
    previousDate: addLocalDays(vm.date, -1),
    nextLabel: staffText(lang, 'myDay.next'),
    nextDate: addLocalDays(vm.date, 1),
    todayActions: vm.date === vm.today ? [] : [{ label: staffText(lang, 'myDay.today'), date: vm.today }],
    hoursLabel: staffText(lang, 'myDay.hours'),
    hoursVerb: SHOW_WORKING_HOURS,
    absencesLabel: staffText(lang, 'myDay.absences'),
    absencesVerb: SHOW_ABSENCES,
  });
}

function serviceLabel(code: string, lang: StaffLanguage): string {
  const key = SERVICE_KEYS[code];
  return key ? staffText(lang, key) : code;
}

/** The join link is stored from Graph; anything but https would be a bug or tampering, never shown. */
function httpsUrl(url: string): string {
  if (!/^https:\/\/[^\s]+$/.test(url)) throw new TypeError('A join link must be an https URL.');
  return url;
}
