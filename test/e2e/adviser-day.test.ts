import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADD_ABSENCE,
  BOOK_SLOT,
  INTAKE_SUBMIT,
  REMOVE_ABSENCE,
  SAVE_WORKING_HOURS,
  SET_MAILBOX,
  SHOW_ABSENCES,
  SHOW_MY_DAY,
  SHOW_SLOTS,
  SHOW_WORKING_HOURS,
} from '../../src/cards/verbs.js';
import { actionTokenPolicyOf } from '../../src/cards/action-token-policy.js';
import { addLocalDays, instantAt, instantToWallMs, localDateOf } from '../../src/domain/booking/helsinki-time.js';
import { t } from '../../src/i18n/index.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { actions, cardText, execute as executeCard, intakeData, newClient, shows, type Card } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Advisers' "my day", working hours and absences, and the coordinator's mailbox card, through the
 * local Teams channel (signed activities, real botbuilder auth, SQLite). Roles come from the
 * database; forged verbs from people without the role change nothing.
 */
let sut: RunningNeuvo;
let adviserId: string;
let clientId: string;
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
let adviserChat: Chat;
let coordinatorChat: Chat;

const person = (key: string) => ({ id: `29:${key}`, name: `Testi ${key}`, aadObjectId: `aad-${key}-${Math.random().toString(16).slice(2)}` });
const execute = (chat: Chat, verb: string, data: Record<string, unknown> = {}) => executeCard(sut, chat, verb, data);
const today = () => localDateOf(new Date());

/** Sends a message and returns the card the bot answers with. */
async function say(chat: Chat, text: string): Promise<Card> {
  sut.channel.connector.reset();
  await sut.channel.send(sut.messagesUrl, chat.message(text));
  const [sent] = await sut.channel.connector.waitForActivities(1);
  const attachments = sent!.activity.attachments as { content: Card }[] | undefined;
  return attachments?.[0]?.content ?? { text: sent!.activity.text };
}

/** The value of an input on a card, by id. */
function inputValue(card: Card, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const hoursOf = async () => (await sut.neuvo.uow.schedules.getProfiles()).find((p) => p.adviserId === adviserId)?.weeklyHours;
const mailboxOf = async () => (await sut.neuvo.uow.schedules.getProfiles()).find((p) => p.adviserId === adviserId)?.mailbox;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams();
  const uow = sut.neuvo.uow;
  const adviser = person('adviser');
  adviserChat = sut.channel.activities({ locale: 'fi-FI', user: adviser });
  const tenantId = adviserChat.scene.tenantId;
  adviserId = (await uow.staff.upsert({ entraObjectId: adviser.aadObjectId, tenantId, displayName: 'Aino Ohjaaja', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en'] })).id;
  await uow.schedules.setServedMunicipalities(adviserId, ['joensuu']);
  await uow.schedules.setWeeklyHours(adviserId, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
  const coordinator = person('coordinator');
  coordinatorChat = sut.channel.activities({ locale: 'sv-FI', user: coordinator });
  await uow.staff.upsert({ entraObjectId: coordinator.aadObjectId, tenantId, displayName: 'Mikko Koordinaattori', roles: ['coordinator'], municipalityCode: 'joensuu', languages: ['fi', 'sv'] });
  clientId = (await uow.clients.create({ municipalityCode: 'joensuu', displayName: 'Olena Testinen', preferredLanguage: 'uk' }, new Date())).id;
});
afterAll(async () => sut?.close());
beforeEach(() => sut.channel.connector.reset());

describe('an adviser in their personal chat', () => {
  it('sees today’s booking on "my day", and the client read is audited without the name', async () => {
    const created = await sut.neuvo.uow.bookings.create(aNewBooking({ clientId, adviserId, start: instantAt(today(), '10:00'), language: 'uk', interpreterLanguage: null }), new Date());
    expect(created.ok).toBe(true);

    const card = await say(adviserChat, 'päiväni');
    shows(card, 'Asiakas: Olena Testinen');
    shows(card, '10.00–10.45');
    shows(card, staffText('fi', 'myDay.meetingPending'));
    expect(actions(card, SHOW_MY_DAY).map((a) => a.date)).toEqual([addLocalDays(today(), -1), addLocalDays(today(), 1)]);

    const audit = await sut.neuvo.uow.audit.list({ clientId });
    expect(audit).toEqual([expect.objectContaining({ action: 'client.read', actorId: adviserChat.scene.user.aadObjectId, fields: ['displayName'], channel: 'bot', outcome: 'ok' })]);
    expect(JSON.stringify(audit)).not.toContain('Olena');

    // The next day is empty and says so; the forged date "1.1.2020" is refused.
    const tomorrow = await execute(adviserChat, SHOW_MY_DAY, { date: addLocalDays(today(), 1) });
    shows(tomorrow, staffText('fi', 'myDay.empty'));
    shows(await execute(adviserChat, SHOW_MY_DAY, { date: '1.1.2020' }), t('fi', 'error.invalidInput'));
  });

  it('sets working hours: the database holds them and a client’s slot search offers only those times', async () => {
    const card = await execute(adviserChat, SHOW_WORKING_HOURS);
    expect(inputValue(card, 'day1start1')).toBe('08:00');
    expect(inputValue(card, 'day6start1')).toBeUndefined();

    const week = Object.fromEntries([1, 2, 3, 4, 5].flatMap((d) => [[`day${d}start1`, '13:00'], [`day${d}end1`, '14:00']]));
    const saved = await execute(adviserChat, SAVE_WORKING_HOURS, week);
    shows(saved, staffText('fi', 'hours.saved'));
    expect(await hoursOf()).toEqual(([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '13:00', end: '14:00' })));

    // A 45-minute appointment fits 13:00–13:45 and 13:15–14:00, Helsinki time.
    const client = newClient(sut, 'slots', 'en-US');
    await execute(client.chat, INTAKE_SUBMIT, intakeData('fi', 'joensuu'));
    const offered = actions(await execute(client.chat, SHOW_SLOTS), BOOK_SLOT);
    expect(offered.length).toBeGreaterThan(0);
    for (const slot of offered) {
      const wall = new Date(instantToWallMs(new Date(slot.start as string).getTime()));
      expect(['13:00', '13:15']).toContain(wall.toISOString().slice(11, 16));
    }
  });

  it('gets invalid hours back on the same card with errors and the values kept; the database is unchanged', async () => {
    const before = await hoursOf();
    const auditBefore = (await sut.neuvo.uow.audit.list({})).length;
    const card = await execute(adviserChat, SAVE_WORKING_HOURS, { day1start1: '14:00', day1end1: '13:00', day2start1: '09:00', day3start1: '08:00', day3end1: '12:00', day3start2: '11:00', day3end2: '15:00' });
    shows(card, staffText('fi', 'hours.error.summary'));
    shows(card, staffText('fi', 'hours.error.start_not_before_end'));
    shows(card, staffText('fi', 'hours.error.incomplete'));
    shows(card, staffText('fi', 'hours.error.overlap'));
    expect([inputValue(card, 'day1start1'), inputValue(card, 'day1end1'), inputValue(card, 'day2start1')]).toEqual(['14:00', '13:00', '09:00']);
    expect(await hoursOf()).toEqual(before);
    expect((await sut.neuvo.uow.audit.list({})).length).toBe(auditBefore);
  });

  it('adds an absence and removes it', async () => {
    const from = addLocalDays(today(), 7);
    const opened = await execute(adviserChat, SHOW_ABSENCES);
    shows(opened, staffText('fi', 'absences.none'));

    const invalid = await execute(adviserChat, ADD_ABSENCE, { absenceFromDate: from, absenceToDate: addLocalDays(today(), 3) });
    shows(invalid, staffText('fi', 'absences.error.end_not_after_start'));
    expect(inputValue(invalid, 'absenceFromDate')).toBe(from);
    expect(await sut.neuvo.uow.schedules.listAbsences(adviserId)).toEqual([]);

    const added = await execute(adviserChat, ADD_ABSENCE, { absenceFromDate: from, absenceToDate: addLocalDays(from, 2), absenceFromTime: '', absenceToTime: '' });
    shows(added, staffText('fi', 'absences.added'));
    const [absence] = await sut.neuvo.uow.schedules.listAbsences(adviserId);
    expect(absence).toMatchObject({ start: instantAt(from, '00:00'), end: instantAt(addLocalDays(from, 3), '00:00') });
    expect(actions(added, REMOVE_ABSENCE)).toEqual([{ verb: REMOVE_ABSENCE, absenceId: absence!.id }]);

    const removed = await execute(adviserChat, REMOVE_ABSENCE, { absenceId: absence!.id });
    shows(removed, staffText('fi', 'absences.removed'));
    expect(await sut.neuvo.uow.schedules.listAbsences(adviserId)).toEqual([]);
  });

  it('still gets help and language: the staff commands do not swallow other commands', async () => {
    expect(cardText(await say(adviserChat, 'help'))).toContain(JSON.stringify(t('fi', 'reply.help').split('\n')[0]).slice(1, -1));
  });
});

describe('people without the role', () => {
  it('a client pressing forged adviser verbs is refused politely, and nothing is written', async () => {
    const absence = await sut.neuvo.uow.schedules.addAbsence(adviserId, { start: instantAt(addLocalDays(today(), 20), '00:00'), end: instantAt(addLocalDays(today(), 21), '00:00') });
    const hoursBefore = await hoursOf();
    const auditBefore = await sut.neuvo.uow.audit.list({});
    const client = newClient(sut, 'forger', 'en-US');

    const forged: [string, Record<string, unknown>][] = [
      [SHOW_MY_DAY, { date: today() }],
      [SHOW_WORKING_HOURS, {}],
      [SAVE_WORKING_HOURS, { day1start1: '00:00', day1end1: '23:59' }],
      [SHOW_ABSENCES, {}],
      [ADD_ABSENCE, { absenceFromDate: addLocalDays(today(), 1) }],
      [REMOVE_ABSENCE, { absenceId: absence.id }],
      [SET_MAILBOX, { adviserId, mailbox: 'evil@example.org' }],
    ];
    for (const [verb, data] of forged) {
      const card = await execute(client.chat, verb, data);
      // A button that changes something carries an action token the client never got (ADR 14): refused
      // before the role check; the others are refused by the role check.
      expect(cardText(card), verb).toContain(t('en', actionTokenPolicyOf(verb) ? 'card.action.invalid' : 'error.notAllowed'));
      expect(cardText(card), verb).not.toContain('Olena');
    }
    shows(await say(client.chat, 'my day'), t('en', 'error.notAllowed'));

    expect(await hoursOf()).toEqual(hoursBefore);
    expect((await sut.neuvo.uow.schedules.listAbsences(adviserId)).map((a) => a.id)).toEqual([absence.id]);
    expect(await mailboxOf()).toBeNull();
    expect(await sut.neuvo.uow.audit.list({})).toEqual(auditBefore);
    await sut.neuvo.uow.schedules.removeAbsence(adviserId, absence.id);
  });

  it('a coordinator sets and clears an adviser’s mailbox; a plain adviser cannot', async () => {
    const card = await say(coordinatorChat, 'mailbox');
    const choices = JSON.stringify(card);
    expect(choices).toContain(adviserId);
    expect(choices).toContain('Aino Ohjaaja');

    const invalid = await execute(coordinatorChat, SET_MAILBOX, { adviserId, mailbox: 'aino at joensuu' });
    shows(invalid, staffText('sv', 'mailbox.error.invalid'));
    expect(inputValue(invalid, 'mailbox')).toBe('aino at joensuu');
    expect(await mailboxOf()).toBeNull();

    const saved = await execute(coordinatorChat, SET_MAILBOX, { adviserId, mailbox: 'aino.ohjaaja@joensuu.example' });
    shows(saved, staffText('sv', 'mailbox.saved', { name: 'Aino Ohjaaja', mailbox: 'aino.ohjaaja@joensuu.example' }));
    expect(await mailboxOf()).toBe('aino.ohjaaja@joensuu.example');
    expect(await sut.neuvo.uow.audit.list({ actorId: coordinatorChat.scene.user.aadObjectId })).toEqual([
      expect.objectContaining({ action: 'staff.update', entityId: adviserId, fields: ['mailbox'], clientId: null }),
    ]);

    // The adviser tries to point it elsewhere: without the coordinator's card there is no action
    // token (ADR 14), refused in Finnish; typing the command gets "only coordinators".
    const refused = await execute(adviserChat, SET_MAILBOX, { adviserId, mailbox: 'other@joensuu.example' });
    shows(refused, staffText('fi', 'staff.cardAction.invalid'));
    shows(await say(adviserChat, 'mailbox'), staffText('fi', 'staff.notAllowed', { role: staffText('fi', 'role.coordinator') }));
    expect(await mailboxOf()).toBe('aino.ohjaaja@joensuu.example');

    const cleared = await execute(coordinatorChat, SET_MAILBOX, { adviserId, mailbox: '' });
    shows(cleared, staffText('sv', 'mailbox.cleared', { name: 'Aino Ohjaaja' }));
    expect(await mailboxOf()).toBeNull();
  });

  it('a coordinator asking for "my day" hears that only advisers can do it', async () => {
    shows(await say(coordinatorChat, 'min dag'), staffText('sv', 'staff.notAllowed', { role: staffText('sv', 'role.adviser') }));
  });
});

it('never writes client names to the logs', () => {
  expect(sut.logs.raw).not.toMatch(/Olena|Testinen/);
});
