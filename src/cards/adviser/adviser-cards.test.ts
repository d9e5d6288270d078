import { describe, expect, it } from 'vitest';
import { STAFF_LANGUAGES, staffText } from '../../i18n/staff/index.js';
import { t } from '../../i18n/index.js';
import { actionsIn, visibleTexts } from '../testing/card-inspection.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { ADD_ABSENCE, REMOVE_ABSENCE, SAVE_WORKING_HOURS, SET_MAILBOX, SHOW_ABSENCES, SHOW_MY_DAY, SHOW_WORKING_HOURS } from '../verbs.js';
import { absenceLabel, renderAbsencesCard } from './absences-card.js';
import { renderMailboxCard } from './mailbox-card.js';
import { renderMyDayCard, type MyDayCardSession } from './my-day-card.js';
import { renderWorkingHoursCard, rowsFromStoredHours, rowsWithProblems } from './working-hours-card.js';
import { parseWorkingHoursSubmission } from './working-hours-submission.js';


/** Every input on a card, by id. */
function inputs(node: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found.set(o.id, o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return found;
}

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

function aSession(overrides: Partial<MyDayCardSession> = {}): MyDayCardSession {
  return {
    start: new Date('2026-04-14T06:00:00Z'),
    end: new Date('2026-04-14T06:45:00Z'),
    serviceTypeCode: 'guidance',
    language: 'uk',
    interpreterLanguage: null,
    topics: ['housing', 'kela_benefits'],
    joinUrl: JOIN_URL,
    clientDisplayName: 'Olena',
    ...overrides,
  };
}

describe('renderMyDayCard', () => {
  it.each(STAFF_LANGUAGES)('%s is a valid Adaptive Card 1.5 with sessions and when empty', (lang) => {
    expectValidCard(renderMyDayCard({ lang, date: '2026-04-14', today: '2026-04-14', sessions: [aSession(), aSession({ joinUrl: null, interpreterLanguage: 'Tigrinya' })] }), lang);
    expectValidCard(renderMyDayCard({ lang, date: '2026-04-15', today: '2026-04-14', sessions: [] }), lang);
  });

  it('shows each session in Helsinki time with the client, service, language, interpreter, topics and a join button', () => {
    const card = renderMyDayCard({ lang: 'fi', date: '2026-04-14', today: '2026-04-14', sessions: [aSession()] }).content;
    const texts = visibleTexts(card.body);
    expect(texts[0]).toMatch(/^Päiväni: ti 14\.4\.2026$/);
    // 06:00Z is 09:00 in Helsinki summer time (+03:00).
    expect(texts).toContain('09.00–09.45');
    expect(texts).toEqual(expect.arrayContaining(['Asiakas: Olena', 'Palvelu: Ohjaus ja neuvonta', 'Ei tulkkia', `Asiat: ${t('fi', 'topic.housing')}, ${t('fi', 'topic.kela_benefits')}`]));
    expect(texts.some((text) => /^Kieli: ukraina$/i.test(text))).toBe(true);
    expect(actionsIn(card).filter((a) => a.type === 'Action.OpenUrl')).toEqual([{ type: 'Action.OpenUrl', title: 'Liity tapaamiseen', url: JOIN_URL }]);
  });

  it('says the meeting is not ready yet when there is no join link, and shows a free-text interpreter language as written', () => {
    const card = renderMyDayCard({ lang: 'en', date: '2026-04-14', today: '2026-04-14', sessions: [aSession({ joinUrl: null, interpreterLanguage: 'Tigrinya' })] }).content;
    expect(visibleTexts(card.body)).toEqual(expect.arrayContaining([staffText('en', 'myDay.meetingPending'), 'Interpreter: Tigrinya']));
    expect(actionsIn(card).some((a) => a.type === 'Action.OpenUrl')).toBe(false);
  });

  it('says an empty day kindly, and navigates to the previous and next day, today, hours and absences', () => {
    const card = renderMyDayCard({ lang: 'sv', date: '2026-04-15', today: '2026-04-14', sessions: [] }).content;
    expect(visibleTexts(card.body)).toContain(staffText('sv', 'myDay.empty'));
    expect(actionsIn(card).map((a) => [a.title, a.data])).toEqual([
      ['Föregående dag', { verb: SHOW_MY_DAY, date: '2026-04-14' }],
      ['I dag', { verb: SHOW_MY_DAY, date: '2026-04-14' }],
      ['Nästa dag', { verb: SHOW_MY_DAY, date: '2026-04-16' }],
      ['Arbetstider', { verb: SHOW_WORKING_HOURS }],
      ['Frånvaro', { verb: SHOW_ABSENCES }],
    ]);
  });

  it('has no "Today" button on today, and crosses month and DST boundaries by calendar days', () => {
    const card = renderMyDayCard({ lang: 'en', date: '2026-03-29', today: '2026-03-29', sessions: [] }).content;
    expect(actionsIn(card).map((a) => a.data?.['date']).filter(Boolean)).toEqual(['2026-03-28', '2026-03-30']);
    const firstOfMonth = renderMyDayCard({ lang: 'en', date: '2026-03-01', today: '2026-03-29', sessions: [] }).content;
    expect(actionsIn(firstOfMonth)[0]?.data?.['date']).toBe('2026-02-28');
  });

  it('refuses a join link that is not https', () => {
    expect(() => renderMyDayCard({ lang: 'en', date: '2026-04-14', today: '2026-04-14', sessions: [aSession({ joinUrl: 'javascript:alert(1)' })] })).toThrow(TypeError);
  });
});

describe('renderWorkingHoursCard', () => {
  const stored = rowsFromStoredHours([
    { weekday: 1, start: '13:00', end: '16:00' },
    { weekday: 1, start: '08:00', end: '12:00' },
    { weekday: 3, start: '09:00', end: '15:00' },
  ]);

  it.each(STAFF_LANGUAGES)('%s is a valid card: Monday to Sunday, two rows each, a save button', (lang) => {
    const sut = renderWorkingHoursCard({ lang, rows: stored });
    expectValidCard(sut, lang);
    const texts = visibleTexts(sut.content.body);
    for (let weekday = 1; weekday <= 7; weekday++) expect(texts).toContain(staffText(lang, `weekday.${weekday}` as 'weekday.1'));
    expect(inputs(sut.content).size).toBe(7 * 2 * 2);
    expect(actionsIn(sut.content).map((a) => a.verb)).toEqual([SAVE_WORKING_HOURS, SHOW_MY_DAY]);
  });

  it('prefills the stored hours, periods of a day in start order', () => {
    const fields = inputs(renderWorkingHoursCard({ lang: 'fi', rows: stored }).content);
    expect([...['day1start1', 'day1end1', 'day1start2', 'day1end2', 'day3start1', 'day3end1', 'day2start1'].map((id) => fields.get(id)?.value)]).toEqual([
      '08:00',
      '12:00',
      '13:00',
      '16:00',
      '09:00',
      '15:00',
      undefined,
    ]);
    expect(fields.get('day1start1')).toMatchObject({ type: 'Input.Time', label: 'Alkaa' });
  });

  it('shows a third row only where three periods are stored, so saving never drops one', () => {
    const rows = rowsFromStoredHours([
      { weekday: 2, start: '08:00', end: '10:00' },
      { weekday: 2, start: '11:00', end: '13:00' },
      { weekday: 2, start: '17:00', end: '19:00' },
    ]);
    const fields = inputs(renderWorkingHoursCard({ lang: 'en', rows }).content);
    expect(fields.get('day2start3')?.value).toBe('17:00');
    expect(fields.has('day1start3')).toBe(false);
  });

  it('after invalid input: the values as typed, a message under each wrong row, a summary, no "saved" line', () => {
    const parsed = parseWorkingHoursSubmission({ verb: SAVE_WORKING_HOURS, day1start1: '12:00', day1end1: '08:00', day2start1: '09:00', day4start1: '08:00', day4end1: '12:00', day4start2: '11:00', day4end2: '14:00' });
    if (!parsed.ok) throw new Error('parse failed');
    const rows = rowsWithProblems(parsed.periods, [
      { index: 0, problem: 'start_not_before_end' },
      { index: 1, problem: 'time_format' },
      { index: 3, problem: 'overlap' },
    ]);
    const sut = renderWorkingHoursCard({ lang: 'en', rows, saved: true });
    expectValidCard(sut, 'en');
    const texts = visibleTexts(sut.content.body);
    expect(texts).toContain(staffText('en', 'hours.error.summary'));
    expect(texts).toContain(staffText('en', 'hours.error.start_not_before_end'));
    expect(texts).toContain(staffText('en', 'hours.error.incomplete'));
    expect(texts).toContain(staffText('en', 'hours.error.overlap'));
    expect(texts).not.toContain(staffText('en', 'hours.saved'));
    const fields = inputs(sut.content);
    expect([fields.get('day1start1')?.value, fields.get('day1end1')?.value, fields.get('day2start1')?.value, fields.get('day2end1')?.value]).toEqual(['12:00', '08:00', '09:00', undefined]);
  });

  it('says the hours were saved', () => {
    expect(visibleTexts(renderWorkingHoursCard({ lang: 'sv', rows: stored, saved: true }).content.body)).toContain(staffText('sv', 'hours.saved'));
  });
});

describe('parseWorkingHoursSubmission', () => {
  it('keeps filled rows (half-filled ones with an empty time), drops empty rows, cuts seconds', () => {
    expect(parseWorkingHoursSubmission({ verb: SAVE_WORKING_HOURS, day1start1: '08:00:00', day1end1: '16:00', day2start1: '', day2end1: '', day5end2: '15:00' })).toEqual({
      ok: true,
      periods: [
        { weekday: 1, period: 1, start: '08:00', end: '16:00' },
        { weekday: 5, period: 2, start: '', end: '15:00' },
      ],
    });
  });

  it.each([
    ['an unknown key', { day1start1: '08:00', adviserId: 'someone-else' }],
    ['a fourth period', { day1start4: '08:00' }],
    ['another verb', { verb: ADD_ABSENCE }],
    ['a number', { day1start1: 8 }],
    ['a long string', { day1start1: 'x'.repeat(50) }],
  ])('refuses %s', (_name, data) => {
    expect(parseWorkingHoursSubmission(data)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('renderAbsencesCard', () => {
  const absences = [
    { id: 'abs-1', start: new Date('2026-04-05T21:00:00Z'), end: new Date('2026-04-10T21:00:00Z') },
    { id: 'abs-2', start: new Date('2026-04-20T06:00:00Z'), end: new Date('2026-04-20T09:00:00Z') },
  ];

  it.each(STAFF_LANGUAGES)('%s is a valid card with and without absences, errors and notices', (lang) => {
    expectValidCard(renderAbsencesCard({ lang, absences }), lang);
    expectValidCard(renderAbsencesCard({ lang, absences: [], notice: { kind: 'added', overlappingBookings: 2 } }), lang);
    expectValidCard(renderAbsencesCard({ lang, absences, values: { fromDate: '2026-04-01', toTime: '25:00' }, errors: [{ field: 'fromDate', problem: 'in_past' }, { field: 'toTime', problem: 'format' }] }), lang);
  });

  it('lists absences with a remove button each, and the add form', () => {
    const card = renderAbsencesCard({ lang: 'fi', absences }).content;
    const texts = visibleTexts(card.body);
    expect(texts).toContain('ma 6.4.2026 – pe 10.4.2026');
    expect(texts).toContain('ma 20.4.2026 09.00–12.00');
    expect(actionsIn(card).map((a) => [a.verb, a.data])).toEqual([
      [REMOVE_ABSENCE, { verb: REMOVE_ABSENCE, absenceId: 'abs-1' }],
      [REMOVE_ABSENCE, { verb: REMOVE_ABSENCE, absenceId: 'abs-2' }],
      [ADD_ABSENCE, { verb: ADD_ABSENCE }],
      [SHOW_MY_DAY, { verb: SHOW_MY_DAY }],
    ]);
    expect([...inputs(card).entries()].map(([id, input]) => [id, input.type])).toEqual([
      ['absenceFromDate', 'Input.Date'],
      ['absenceToDate', 'Input.Date'],
      ['absenceFromTime', 'Input.Time'],
      ['absenceToTime', 'Input.Time'],
    ]);
  });

  it('says when there are none, keeps typed values and shows each error under its field', () => {
    const card = renderAbsencesCard({ lang: 'en', absences: [], values: { fromDate: '2026-04-01', toDate: '2026-04-02' }, errors: [{ field: 'fromDate', problem: 'in_past' }] }).content;
    const texts = visibleTexts(card.body);
    expect(texts).toEqual(expect.arrayContaining([staffText('en', 'absences.none'), staffText('en', 'absences.error.summary'), staffText('en', 'absences.error.in_past')]));
    expect(inputs(card).get('absenceFromDate')?.value).toBe('2026-04-01');
    expect(inputs(card).get('absenceToDate')?.value).toBe('2026-04-02');
  });

  it('warns about appointments inside a new absence', () => {
    const texts = visibleTexts(renderAbsencesCard({ lang: 'en', absences, notice: { kind: 'added', overlappingBookings: 2 } }).content.body);
    expect(texts).toContain(staffText('en', 'absences.addedWithBookings', { count: 2 }));
    expect(texts).not.toContain(staffText('en', 'absences.added'));
  });

  it('labels whole days, one day and spans across the DST change in Helsinki time', () => {
    // 2026-03-29 is 23 hours long: 2026-03-28T22:00Z to 2026-03-29T21:00Z.
    expect(absenceLabel({ start: new Date('2026-03-28T22:00:00Z'), end: new Date('2026-03-29T21:00:00Z') }, 'en')).toMatch(/^Sun,? 3\/29\/2026$/);
    expect(absenceLabel({ start: new Date('2026-03-27T22:00:00Z'), end: new Date('2026-03-30T21:00:00Z') }, 'fi')).toBe('la 28.3.2026 – ma 30.3.2026');
    expect(absenceLabel({ start: new Date('2026-03-27T08:00:00Z'), end: new Date('2026-03-30T09:00:00Z') }, 'fi')).toBe('pe 27.3.2026 10.00 – ma 30.3.2026 12.00');
  });
});

describe('renderMailboxCard', () => {
  const advisers = [
    { adviserId: 'staff-1', displayName: 'Aino', mailbox: 'aino@joensuu.example' },
    { adviserId: 'staff-2', displayName: 'Bertil', mailbox: null },
  ];

  it.each(STAFF_LANGUAGES)('%s is a valid card, with and without advisers', (lang) => {
    expectValidCard(renderMailboxCard({ lang, advisers }), lang);
    expectValidCard(renderMailboxCard({ lang, advisers, values: { adviserId: 'staff-2', mailbox: 'not a upn' }, errors: ['mailbox'] }), lang);
    expectValidCard(renderMailboxCard({ lang, advisers: [], notice: { kind: 'saved', displayName: 'Aino', mailbox: null } }), lang);
  });

  it('lists the advisers with their current mailbox, and saves with SET_MAILBOX', () => {
    const card = renderMailboxCard({ lang: 'en', advisers }).content;
    expect(inputs(card).get('adviserId')?.choices).toEqual([
      { title: 'Aino: aino@joensuu.example', value: 'staff-1' },
      { title: 'Bertil: not set', value: 'staff-2' },
    ]);
    expect(actionsIn(card).map((a) => a.data)).toEqual([{ verb: SET_MAILBOX }]);
  });

  it('has no form when there are no advisers', () => {
    const card = renderMailboxCard({ lang: 'fi', advisers: [] }).content;
    expect(inputs(card).size).toBe(0);
    expect(visibleTexts(card.body)).toContain(staffText('fi', 'mailbox.none'));
  });
});
