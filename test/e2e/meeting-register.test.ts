import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADD_FORM_OPTION, LOG_CONTACT, REPLAY_REGISTER_FAILURES, SHOW_FORM_OPTIONS, START_BOOKING } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { startRegisterReceiver, type RegisterReceiver } from '../../tools/register-receiver/receiver.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { actions, actionsWithTokens, bookFirstTime, execute, intakeData, newClient, startNeuvoWithGraph, type Card, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * Issue 4 end to end through the local Teams channel: booking → Graph meeting → meetingStart →
 * participant join → meetingEnd → the adviser's "log this contact" card → contact saved → copied
 * once to BOTH registers of the municipality (the reference REST receiver and a SharePoint list in
 * the Graph simulator). And the no-show path: no client 15 minutes after the start → marked,
 * adviser told, client offered a new time in their language.
 */
const TOKEN = 'register-token-e2e';
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
let receiver: RegisterReceiver;
let now = new Date();

beforeAll(async () => {
  receiver = await startRegisterReceiver({ token: TOKEN });
  const sinks = [
    { id: 'kontiolahti-api', kind: 'rest', municipalities: ['kontiolahti'], baseUrl: receiver.url, tokenSetting: 'REGISTER_TOKEN_KONTIOLAHTI' },
    { id: 'kontiolahti-list', kind: 'graph_list', municipalities: ['kontiolahti'], siteId: 'site-k', listId: 'list-k', fieldMap: { clientRef: 'Asiakas', startedAt: 'Aika', topics: 'Aiheet', outcome: 'Tulos' } },
  ];
  env = await startNeuvoWithGraph({ REGISTER_SINKS: JSON.stringify(sinks), REGISTER_TOKEN_KONTIOLAHTI: TOKEN }, () => now);
  ({ sut, graph } = env);
}, 60_000);
afterAll(async () => {
  await env?.close();
  await receiver?.close();
});

/** An adviser in the channel's tenant who has a personal chat with the bot (for proactive cards). */
async function anAdviser(key: string) {
  const tenantId = sut.channel.activities().scene.tenantId;
  const user = { id: `29:adviser-${key}`, name: `Adviser ${key}`, aadObjectId: `aad-adviser-${key}` };
  const adviser = await sut.neuvo.uow.staff.upsert({ entraObjectId: user.aadObjectId, tenantId, displayName: `Adviser ${key}`, roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'en', 'ar', 'uk'] });
  await sut.neuvo.uow.schedules.setServedMunicipalities(adviser.id, ['kontiolahti']);
  await sut.neuvo.uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
  const chat = sut.channel.activities({ user, locale: 'en-GB', now: () => now });
  await sut.channel.send(sut.messagesUrl, chat.message('hello'));
  return { adviser, user, chat };
}

/** The booking's meeting chat, as Teams addresses meeting events to it. */
function meetingChat(threadId: string, user: { id: string; name: string; aadObjectId: string }) {
  return sut.channel.activities({ user, conversation: { id: threadId, conversationType: 'groupChat' }, now: () => now });
}

async function drain(times = 3): Promise<void> {
  for (let i = 0; i < times; i += 1) await sut.neuvo.dispatcher.runOnce();
}

function proactiveCards(conversationId: string): Card[] {
  return sut.channel.connector.activities
    .filter((a) => a.activity.type === 'message' && (a.activity.conversation as { id?: string } | undefined)?.id === conversationId)
    .flatMap((a) => ((a.activity.attachments as { content: Card }[] | undefined) ?? []).map((att) => att.content));
}

/** The Action.Execute of the contact card with the inputs an adviser fills in. */
function inputsFor(card: Card, values: Record<string, string>): Record<string, unknown> {
  const [save] = actions(card, LOG_CONTACT);
  if (!save) throw new Error('no save action on the contact card');
  return { ...save, ...values };
}

it('logs the contact from the meeting-end card and delivers it once to both registers', async () => {
  const { adviser, chat: adviserChat, user: adviserUser } = await anAdviser('meet');
  const amina = newClient(sut, 'amina', 'ar-SA');
  const booking = await bookFirstTime(sut, amina, intakeData('ar', 'kontiolahti', { name: 'Amina', topics: 'housing,kela_benefits' }));
  await drain();
  const withMeeting = await sut.neuvo.uow.bookings.get(booking.id);
  const threadId = decodeURIComponent(/meetup-join\/([^/]+)\//.exec(withMeeting!.meeting!.joinUrl)![1]!);

  // The meeting: the adviser starts it, Amina joins from her chat identity, it ends 40 minutes later.
  now = new Date(booking.start.getTime() + 60_000);
  const asAdviser = meetingChat(threadId, adviserUser);
  await sut.channel.send(sut.messagesUrl, asAdviser.meetingStart({ at: now }));
  await sut.channel.send(sut.messagesUrl, asAdviser.participantJoin([{ user: adviserUser, role: 'Organizer' }, { user: amina.user }]));
  now = new Date(now.getTime() + 40 * 60_000);
  await sut.channel.send(sut.messagesUrl, asAdviser.meetingEnd({ at: now }));
  // Teams redelivers the end: still one prompt.
  await sut.channel.send(sut.messagesUrl, asAdviser.meetingEnd({ at: now }));
  const session = await sut.neuvo.uow.meetingSessions.get(booking.id);
  expect(session).toMatchObject({ clientJoinedAt: expect.any(Date), endedAt: now, noShowAt: null });

  sut.channel.connector.reset();
  await drain();
  // No no-show: she joined. The adviser got exactly one prefilled card, in English, without her name.
  const cards = proactiveCards(adviserChat.scene.conversation.id);
  expect(cards).toHaveLength(1);
  const prompt = cards[0]!;
  expect(JSON.stringify(prompt)).toContain(staffText('en', 'contactCard.title'));
  expect(JSON.stringify(prompt)).not.toContain('Amina');
  const save = actions(prompt, LOG_CONTACT)[0]!;
  expect(save).toMatchObject({ bookingId: booking.id, channel: 'teams_meeting', language: 'ar' });
  expect(proactiveCards(amina.chat.scene.conversation.id)).toEqual([]);

  // The adviser saves: the card turns into the saved summary, in place.
  const saved = await execute(sut, adviserChat, LOG_CONTACT, inputsFor(prompt, {
    topics: 'housing,kela_benefits',
    services: 'guidance',
    referrals: 'authority:kela',
    outcome: 'referred',
    durationMinutes: '40',
    interpreterUsed: 'false',
    followUpOn: '',
    notes: 'Kela form; <script>alert(1)</script>',
  }));
  expect(JSON.stringify(saved)).toContain(staffText('en', 'contactCard.saved', { topics: 'Housing, Kela benefits', outcome: 'Referred onward' }));
  expect(actions(saved, LOG_CONTACT)).toEqual([]);
  const contact = await sut.neuvo.uow.contacts.findByBooking(booking.id);
  expect(contact).toMatchObject({ adviserId: adviser.id, municipalityCode: 'kontiolahti', channel: 'teams_meeting', durationMinutes: 40, notes: 'Kela form; <script>alert(1)</script>', revision: 1 });

  // A second click on the same button cannot log it twice: its action token is used up (ADR 14);
  // the handler's own "already logged" check stands behind it (the side panel's tests).
  const token = actionsWithTokens(prompt, LOG_CONTACT)[0]!.actionToken;
  const again = await execute(sut, adviserChat, LOG_CONTACT, { ...inputsFor(prompt, { topics: 'housing', outcome: 'resolved', durationMinutes: '5', interpreterUsed: 'false' }), actionToken: token });
  expect(JSON.stringify(again)).toContain(staffText('en', 'staff.cardAction.used'));
  expect((await sut.neuvo.uow.contacts.listForClient(contact!.clientId, 10))).toHaveLength(1);

  // Both registers get it once, even when the worker runs again.
  await drain();
  await drain();
  expect(receiver.contacts()).toEqual([expect.objectContaining({ contactKey: contact!.id, revision: 1 })]);
  const restFields = receiver.contacts()[0]!.fields;
  expect(restFields).toMatchObject({ municipality: 'kontiolahti', topics: 'housing;kela_benefits', authorities: 'kela', outcome: 'referred' });
  expect(restFields).not.toHaveProperty('notes');
  const items = graph.listItems().filter((i) => i.site === 'site-k' && i.list === 'list-k');
  expect(items).toHaveLength(1);
  expect(items[0]!.item.fields).toMatchObject({ ContactKey: contact!.id, NeuvoRevision: 1, Asiakas: contact!.clientId, Aiheet: 'housing;kela_benefits', Tulos: 'referred' });
  expect(JSON.stringify(items[0]!.item.fields)).not.toContain('Kela form');
  const disclosures = await sut.neuvo.uow.audit.list({ clientId: contact!.clientId, limit: 100 });
  expect(disclosures.filter((a) => a.action === 'contact.disclose')).toHaveLength(2);
  expect(disclosures.some((a) => a.action === 'contact.create' && a.outcome === 'ok')).toBe(true);
});

it('marks a no-show 15 minutes after the start, tells the adviser and offers the client a new time in her language', async () => {
  const advisers = [await anAdviser('noshow')];
  const olena = newClient(sut, 'olena', 'uk-UA');
  now = new Date();
  const booking = await bookFirstTime(sut, olena, intakeData('uk', 'kontiolahti', { name: 'Olena', topics: 'residence_permit' }));
  await drain();
  const joinUrl = (await sut.neuvo.uow.bookings.get(booking.id))!.meeting!.joinUrl;
  // Two advisers can take her: the notices go to whoever the booking is with.
  const all = [...advisers, ...(await Promise.all(['meet'].map(anAdviser)))];
  const { chat: adviserChat, user: adviserUser } = all.find((a) => a.adviser.id === booking.adviserId)!;
  const threadId = decodeURIComponent(/meetup-join\/([^/]+)\//.exec(joinUrl)![1]!);

  now = new Date(booking.start.getTime() + 2 * 60_000);
  const asAdviser = meetingChat(threadId, adviserUser);
  await sut.channel.send(sut.messagesUrl, asAdviser.meetingStart({ at: now }));
  // Only the adviser (staff) joins: that is not the client.
  await sut.channel.send(sut.messagesUrl, asAdviser.participantJoin([{ user: adviserUser, role: 'Organizer' }]));

  // 16 minutes after the booked start is only 14 after the actual one: not a no-show yet.
  now = new Date(booking.start.getTime() + 16 * 60_000);
  await drain();
  expect((await sut.neuvo.uow.meetingSessions.get(booking.id))?.noShowAt).toBeNull();
  sut.channel.connector.reset();
  now = new Date(booking.start.getTime() + 18 * 60_000); // 15 min after the actual start (2 min late)
  await drain();
  expect((await sut.neuvo.uow.meetingSessions.get(booking.id))?.noShowAt).toEqual(expect.any(Date));
  const notice = sut.channel.connector.activities.filter((a) => (a.activity.conversation as { id?: string }).id === adviserChat.scene.conversation.id);
  expect(notice.map((a) => a.activity.text)).toEqual([expect.stringContaining('no-show')]);
  const clientCards = proactiveCards(olena.chat.scene.conversation.id);
  expect(clientCards).toHaveLength(1);
  expect(JSON.stringify(clientCards[0])).toContain(t('uk', 'booking.noShow.title'));
  expect(actions(clientCards[0]!, START_BOOKING)).toHaveLength(1);

  // The meeting ends: the adviser may log it as a no-show (prefilled), once.
  now = new Date(now.getTime() + 10 * 60_000);
  await sut.channel.send(sut.messagesUrl, asAdviser.meetingEnd({ at: now }));
  sut.channel.connector.reset();
  await drain();
  const prompt = proactiveCards(adviserChat.scene.conversation.id);
  expect(prompt).toHaveLength(1);
  expect(JSON.stringify(prompt[0])).toContain('did not join');
  // Running the worker again sends nothing new.
  sut.channel.connector.reset();
  await drain();
  expect(sut.channel.connector.activities).toHaveLength(0);
});

it('ignores meeting events of meetings that are not bookings, and refuses a forged contact card from a client', async () => {
  const stranger = sut.channel.activities({ conversation: { id: '19:meeting_unknown@thread.v2', conversationType: 'groupChat' }, now: () => now });
  const res = await sut.channel.send(sut.messagesUrl, stranger.meetingStart({ at: now }));
  expect(res.status).toBeLessThan(300);
  expect(sut.logs.lines.some((l) => l.event === 'meeting.event' && l.outcome === 'unknown_meeting')).toBe(true);

  const mallory = newClient(sut, 'mallory', 'en-GB');
  const victim = newClient(sut, 'victim', 'fi-FI');
  now = new Date();
  const booking = await bookFirstTime(sut, victim, intakeData('fi', 'kontiolahti', { name: 'Vieno', topics: 'housing' }));
  const answer = await execute(sut, mallory.chat, LOG_CONTACT, {
    bookingId: booking.id,
    channel: 'teams_meeting',
    startedAt: new Date().toISOString(),
    language: 'fi',
    topics: 'housing',
    outcome: 'resolved',
    durationMinutes: '10',
    interpreterUsed: 'false',
  });
  // Mallory never got a contact card: no action token, refused before the role check (ADR 14) and
  // audited as a denied contact.create without a client (the card's booking id is not trusted).
  expect(JSON.stringify(answer)).toContain(JSON.stringify(t('en', 'card.action.invalid')).slice(1, -1));
  expect(await sut.neuvo.uow.contacts.findByBooking(booking.id)).toBeUndefined();
  const audit = await sut.neuvo.uow.audit.list({ actorId: mallory.user.aadObjectId, limit: 100 });
  expect(audit.filter((a) => a.action === 'contact.create')).toEqual([expect.objectContaining({ outcome: 'denied', clientId: null, entityId: null, fields: [] })]);
});

it('lets a coordinator add a form option and resend failed register deliveries from the bot; an adviser may do neither', async () => {
  const tenantId = sut.channel.activities().scene.tenantId;
  const user = { id: '29:coordinator', name: 'Coordinator', aadObjectId: 'aad-coordinator' };
  await sut.neuvo.uow.staff.upsert({ entraObjectId: user.aadObjectId, tenantId, displayName: 'Coordinator', roles: ['coordinator'], municipalityCode: 'joensuu', languages: ['fi'] });
  const chat = sut.channel.activities({ user, locale: 'fi-FI', now: () => now });
  const { chat: adviserChat } = await anAdviser('forms');

  await execute(sut, chat, SHOW_FORM_OPTIONS, {});
  const added = await execute(sut, chat, ADD_FORM_OPTION, { formField: 'services', formCode: 'digital_help', labelFi: 'Digituki', labelSv: 'Digitalt stöd', labelEn: 'Digital help' });
  expect(JSON.stringify(added)).toContain(staffText('fi', 'formOptions.saved', { version: 2 }));
  expect((await sut.neuvo.uow.forms.latest('contact_log'))?.options.services.map((o) => o.code)).toContain('digital_help');
  const duplicate = await execute(sut, chat, ADD_FORM_OPTION, { formField: 'services', formCode: 'digital_help', labelFi: 'X', labelSv: 'X', labelEn: 'X' });
  expect(JSON.stringify(duplicate)).toContain(staffText('fi', 'formOptions.error.duplicate_code'));
  const refused = await execute(sut, adviserChat, ADD_FORM_OPTION, { formField: 'services', formCode: 'sneaky', labelFi: 'X', labelSv: 'X', labelEn: 'X' });
  // The adviser never got the form card: no action token (ADR 14).
  expect(JSON.stringify(refused)).toContain(staffText('en', 'staff.cardAction.invalid'));
  expect((await sut.neuvo.uow.forms.latest('contact_log'))?.version).toBe(2);

  // A register delivery that gave up is listed and sent again.
  const dead = await sut.neuvo.uow.outbox.enqueue({ topic: 'register.contact', payload: { op: 'delete', sinkId: 'kontiolahti-api', contactId: 'gone-1', clientId: 'c', municipalityCode: 'kontiolahti', revision: 1 } }, now);
  await sut.neuvo.uow.outbox.claim({ now, limit: 100, leaseMs: 1 });
  await sut.neuvo.uow.outbox.markDead(dead.id, 'RegisterSinkError: delete answered 400', now);
  await sut.channel.send(sut.messagesUrl, chat.message('rekisterivirheet'));
  const list = sut.channel.connector.activities.at(-1)!.activity.attachments as { content: Card }[];
  expect(JSON.stringify(list[0]!.content)).toContain('kontiolahti-api');
  const replayed = await execute(sut, chat, REPLAY_REGISTER_FAILURES, { outboxId: dead.id });
  expect(JSON.stringify(replayed)).toContain(staffText('fi', 'registerFailures.replayed', { count: 1 }));
  expect(await sut.neuvo.uow.outbox.get(dead.id)).toMatchObject({ status: 'pending', attempts: 0 });
  await drain();
  expect(await sut.neuvo.uow.outbox.get(dead.id)).toMatchObject({ status: 'done' });
});
