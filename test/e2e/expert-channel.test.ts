import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  EXPERT_ANSWER,
  EXPERT_CLAIM,
  EXPERT_ESCALATE,
  EXPERT_ROTA_SAVE,
  EXPERT_SOLVED,
  EXPERT_SUGGEST,
  EXPERT_TAKE_ARTICLE,
} from '../../src/cards/verbs.js';
import type { StaffMember } from '../../src/domain/staff/staff.js';
import { staffText } from '../../src/i18n/staff/index.js';
import type { SentActivity } from '../harness/connector.js';
import { actions, cardText, execute, type Card } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Issue 5, "call a friend", through the local Teams channel (signed activities, real botbuilder
 * auth, the real connector client, SQLite): a Liperi social worker asks → sees a matching
 * knowledge-base article → sends the question on → the ticket card appears in the experts'
 * channel → two experts claim at once (one wins, the other sees who) → a non-expert's claim
 * changes nothing → the answer reaches the asker's chat → solved. Then the SLA with an injected
 * clock: an urgent question nobody claims is passed to the rota's backup with an @mention, once.
 * And a burst of 30 questions to one channel: each card posted once, within Teams' limits.
 */
let sut: RunningNeuvo;
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
// Tuesday 1 December 2026, 10:00 in Helsinki (UTC+2): office hours. Moved by the SLA test.
let now = new Date('2026-12-01T08:00:00.000Z');

const CHANNEL_ID = '19:experts0000000000000000000000@thread.tacv2';
const TEAM = { id: '19:teamroot00000000000000000000000@thread.tacv2', name: 'Neuvo-asiantuntijat', aadGroupId: '8a1c0000-0000-4000-8000-00000000aaaa', channelId: CHANNEL_ID };
const person = (key: string) => ({ id: `29:${key}`, name: `Testi ${key}`, aadObjectId: `aad-${key}-${Math.random().toString(16).slice(2)}` });

interface Person {
  readonly chat: Chat;
  readonly inChannel: Chat;
  readonly member: StaffMember;
}
let asker: Person;
let aino: Person;
let ben: Person;
let adviser: Person;
let coordinator: Person;
let articleId: string;

async function staff(key: string, displayName: string, roles: StaffMember['roles'], municipalityCode: string, locale = 'fi-FI'): Promise<Person> {
  const user = person(key);
  const chat = sut.channel.activities({ locale, user });
  const inChannel = sut.channel.activities({ locale, user, conversation: { conversationType: 'channel', id: CHANNEL_ID }, team: TEAM });
  const member = await sut.neuvo.uow.staff.upsert({ entraObjectId: user.aadObjectId, tenantId: chat.scene.tenantId, displayName, roles, municipalityCode, languages: ['fi'] });
  return { chat, inChannel, member };
}

/** Sends a message and returns what the bot answered (a card's content, or the text). */
async function say(chat: Chat, text: string, options?: Parameters<Chat['message']>[1]): Promise<Card> {
  sut.channel.connector.reset();
  await sut.channel.send(sut.messagesUrl, chat.message(text, options));
  const [sent] = await sut.channel.connector.waitForActivities(1);
  const attachments = sent!.activity.attachments as { content: Card }[] | undefined;
  return attachments?.[0]?.content ?? { text: sent!.activity.text };
}

/** Runs the outbox until nothing is due (rows held back for a send window come due again). */
async function drainOutbox(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await sut.neuvo.uow.outbox.countByStatus()).pending > 0 && Date.now() < deadline) {
    await sut.neuvo.dispatcher.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await sut.neuvo.uow.outbox.countByStatus()).toMatchObject({ pending: 0, dead: 0 });
}

const cardOf = (sent: SentActivity): Card => ((sent.activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {}) as Card;
const inChannel = (a: SentActivity) => a.conversationId?.startsWith(CHANNEL_ID) === true;

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams({}, {}, () => now);
  asker = await staff('liperi-social', 'Sanna Sosiaalityöntekijä', ['municipal_staff'], 'liperi');
  aino = await staff('expert-aino', 'Aino Asiantuntija', ['expert'], 'joensuu');
  ben = await staff('expert-ben', 'Ben Expert', ['expert'], 'joensuu', 'en-GB');
  adviser = await staff('liperi-adviser', 'Liisa Ohjaaja', ['adviser'], 'liperi');
  coordinator = await staff('coordinator', 'Kaisa Koordinaattori', ['coordinator'], 'joensuu');
  const article = await sut.neuvo.uow.knowledgeBase.save(
    {
      ticketId: null,
      question: 'Asiakkaan oleskelulupa on päättymässä. Miten jatkolupaa haetaan?',
      answer: 'Jatkolupaa haetaan Enter Finland -palvelussa ennen nykyisen luvan päättymistä; Migri.',
      topic: 'residence_permit',
      language: 'fi',
      reviewBy: '2027-06-30',
      createdBy: aino.member.id,
    },
    now,
  );
  articleId = article.id;
  // Coordinators choose the experts' channel by saying so there, with the bot @mentioned.
  const set = await say(coordinator.inChannel, 'asiantuntijakanava tähän');
  expect(cardText(set)).toContain(staffText('fi', 'experts.channelSetExperts'));
}, 60_000);
afterAll(async () => sut?.close());

it('asks, is offered the matching article, sends the question on; the ticket card appears in the experts’ channel with no identity code or phone number', async () => {
  const ask = await say(asker.chat, 'Kysy asiantuntijalta');
  expect(actions(ask, EXPERT_SUGGEST)).toHaveLength(1);

  const question = 'Asiakkaan (010190-123A, puh. 040 123 4567) oleskelulupa päättyy ensi kuussa. Miten jatkolupaa haetaan?';
  const suggestions = await execute(sut, asker.chat, EXPERT_SUGGEST, { question, topic: 'residence_permit', urgency: 'normal' });
  const shown = cardText(suggestions);
  expect(shown).not.toContain('010190-123A');
  expect(shown).not.toContain('040 123 4567');
  expect(actions(suggestions, EXPERT_TAKE_ARTICLE)).toEqual([expect.objectContaining({ articleId })]);
  const [send] = actions(suggestions, EXPERT_ESCALATE);
  expect(send).toBeDefined();

  sut.channel.connector.reset();
  const sent = await execute(sut, asker.chat, EXPERT_ESCALATE, send!);
  expect(cardText(sent)).toContain('#1');
  const [ticket] = await sut.neuvo.uow.tickets.listByAsker(asker.member.id, 10);
  expect(ticket).toMatchObject({ number: 1, status: 'open', municipalityCode: 'liperi', topic: 'residence_permit', urgency: 'normal' });
  expect(ticket!.question).not.toMatch(/010190|040 123/);

  await drainOutbox();
  const posted = sut.channel.connector.activities.filter(inChannel);
  expect(posted).toHaveLength(1);
  expect(cardText(cardOf(posted[0]!))).toContain('Sanna Sosiaalityöntekijä');
  expect(actions(cardOf(posted[0]!), EXPERT_CLAIM)).toEqual([expect.objectContaining({ ticketId: ticket!.id })]);
  expect(await sut.neuvo.uow.tickets.getPost(ticket!.id)).toMatchObject({ conversationId: CHANNEL_ID, activityId: posted[0]!.id });
});

it('two experts claim at once: one wins, the other is told who; a non-expert’s claim changes nothing', async () => {
  const [ticket] = await sut.neuvo.uow.tickets.listByAsker(asker.member.id, 10);
  const id = ticket!.id;

  const refused = await execute(sut, adviser.inChannel, EXPERT_CLAIM, { ticketId: id });
  expect(cardText(refused)).toContain(staffText('fi', 'experts.expertsOnly'));
  const unchanged = await sut.neuvo.uow.tickets.get(id);
  expect(unchanged).toMatchObject({ status: 'open', assigneeId: null, revision: ticket!.revision });
  expect((await sut.neuvo.uow.tickets.events(id)).map((e) => e.kind)).toEqual(['asked']);

  const [a, b] = await Promise.all([execute(sut, aino.inChannel, EXPERT_CLAIM, { ticketId: id }), execute(sut, ben.inChannel, EXPERT_CLAIM, { ticketId: id })]);
  const claimed = await sut.neuvo.uow.tickets.get(id);
  expect(claimed?.status).toBe('claimed');
  const winner = claimed!.assigneeId === aino.member.id ? aino : ben;
  const [winnerCard, loserCard] = winner === aino ? [a, b] : [b, a];
  const loserLang = winner === aino ? 'en' : 'fi';
  expect(cardText(winnerCard)).toContain(staffText(winner === aino ? 'fi' : 'en', 'experts.ticket.notice.claimed'));
  expect(cardText(loserCard)).toContain(staffText(loserLang, 'experts.ticket.notice.alreadyClaimed', { name: winner.member.displayName }));
  expect((await sut.neuvo.uow.tickets.events(id)).map((e) => e.kind)).toEqual(['asked', 'claimed']);
});

it('the answer reaches the asker’s chat, the channel card is updated in place, and the asker marks it solved', async () => {
  const [ticket] = await sut.neuvo.uow.tickets.listByAsker(asker.member.id, 10);
  const expert = ticket!.assigneeId === aino.member.id ? aino : ben;
  // The asker's chat exists (they talked to the bot), so the answer can be sent there.
  sut.channel.connector.reset();
  const answered = await execute(sut, expert.inChannel, EXPERT_ANSWER, { ticketId: ticket!.id, answer: 'Jatkolupa haetaan Enter Finlandissa ennen luvan päättymistä. Soita tarvittaessa 0295 419 600.' });
  expect(cardText(answered)).toContain('Enter Finlandissa');
  await drainOutbox();

  const toAsker = sut.channel.connector.activities.filter((s) => s.conversationId === asker.chat.scene.conversation.id);
  expect(toAsker).toHaveLength(1);
  expect(cardText(cardOf(toAsker[0]!))).toContain('Enter Finlandissa');
  // The expert's text is scrubbed too: the phone number did not travel.
  expect(cardText(cardOf(toAsker[0]!))).not.toContain('0295 419 600');
  expect(actions(cardOf(toAsker[0]!), EXPERT_SOLVED)).toEqual([expect.objectContaining({ ticketId: ticket!.id })]);
  const updates = sut.channel.connector.requests.filter((r) => r.method === 'PUT' && r.conversationId === CHANNEL_ID);
  expect(updates.length).toBeGreaterThanOrEqual(1);

  const solved = await execute(sut, asker.chat, EXPERT_SOLVED, { ticketId: ticket!.id });
  expect(cardText(solved)).toContain(staffText('fi', 'experts.answer.solvedNote'));
  expect((await sut.neuvo.uow.tickets.get(ticket!.id))?.status).toBe('solved');
  // Another staff member cannot mark someone else's question solved.
  const forged = await execute(sut, adviser.chat, EXPERT_SOLVED, { ticketId: ticket!.id });
  expect(cardText(forged)).not.toContain('Enter Finlandissa');
});

it('SLA: an urgent question unclaimed for 15 office minutes is passed to the on-duty backup with an @mention, once', async () => {
  // The coordinator puts Ben on backup duty for the week from the bot; an expert may not, and a bad period changes nothing.
  expect(cardText(await say(coordinator.chat, 'varavuorot'))).toContain(staffText('fi', 'experts.rota.none'));
  // An expert never got the rota card: the press carries no action token and is refused before the role check (ADR 14).
  expect(cardText(await execute(sut, aino.chat, EXPERT_ROTA_SAVE, { expertId: aino.member.id, from: '2026-11-30', to: '2026-12-06' }))).toContain(staffText('fi', 'staff.cardAction.invalid'));
  const backwards = await execute(sut, coordinator.chat, EXPERT_ROTA_SAVE, { expertId: ben.member.id, from: '2026-12-06', to: '2026-11-30' });
  expect(cardText(backwards)).toContain(staffText('fi', 'experts.rota.error.order'));
  expect(await sut.neuvo.uow.expertRota.onDate('2026-12-01')).toEqual([]);
  const saved = await execute(sut, coordinator.chat, EXPERT_ROTA_SAVE, { expertId: ben.member.id, from: '2026-11-30', to: '2026-12-06' });
  expect(cardText(saved)).toContain('Ben Expert');
  expect(await sut.neuvo.uow.expertRota.onDate('2026-12-01')).toEqual([{ expertId: ben.member.id, from: '2026-11-30', to: '2026-12-06' }]);
  const urgent = { question: 'Kiireellinen: perheen asunto menee alta huomenna, minne ohjata?', topic: 'housing', urgency: 'urgent' };
  await execute(sut, asker.chat, EXPERT_SUGGEST, urgent);
  const ask = await execute(sut, asker.chat, EXPERT_ESCALATE, urgent);
  expect(cardText(ask)).toContain('#2');
  await drainOutbox();

  now = new Date(now.getTime() + 14 * 60_000);
  expect(await sut.neuvo.escalateOverdueTickets()).toEqual({ escalated: 0 });
  now = new Date(now.getTime() + 2 * 60_000);
  sut.channel.connector.reset();
  expect(await sut.neuvo.escalateOverdueTickets()).toEqual({ escalated: 1 });
  await drainOutbox();
  const mentions = sut.channel.connector.activities.filter((s) => inChannel(s) && Array.isArray(s.activity.entities) && s.activity.entities.length > 0);
  expect(mentions).toHaveLength(1);
  expect(mentions[0]!.activity.entities).toEqual([expect.objectContaining({ type: 'mention', mentioned: { id: ben.member.entraObjectId, name: 'Ben Expert' } })]);
  expect(String(mentions[0]!.activity.text)).toContain('<at>Ben Expert</at>');
  expect(mentions[0]!.conversationId).toContain(';messageid=');
  // The ticket's own card now says who it was passed to.
  const updated = sut.channel.connector.activities.filter((s) => s.kind === 'update' && inChannel(s)).at(-1);
  const [escalatedLine] = staffText('fi', 'experts.ticket.escalated', { name: 'Ben Expert', time: '\u0000' }).split('\u0000');
  expect(cardText(cardOf(updated!))).toContain(escalatedLine);

  now = new Date(now.getTime() + 30 * 60_000);
  expect(await sut.neuvo.escalateOverdueTickets()).toEqual({ escalated: 0 });
});

it('a burst of 30 questions to one channel: every card posted exactly once, within Teams’ per-conversation limits, no 429', async () => {
  sut.channel.connector.reset();
  for (let i = 0; i < 30; i += 1) {
    // Each question goes through the suggestions card, whose "send" button carries its action token (ADR 14).
    const asked = { question: `Kysymys numero ${i}: miten Kela-kortti haetaan?`, topic: 'kela_benefits', urgency: 'normal' };
    await execute(sut, asker.chat, EXPERT_SUGGEST, asked);
    const sent = await execute(sut, asker.chat, EXPERT_ESCALATE, asked);
    expect(cardText(sent)).toContain(`#${i + 3}`);
  }
  expect(await sut.neuvo.uow.tickets.listByStatus(['open'], 100)).toHaveLength(30 + 1); // and the SLA test's urgent one
  sut.channel.connector.reset();
  await drainOutbox();

  const posts = sut.channel.connector.requests.filter((r) => r.method === 'POST' && r.conversationId === CHANNEL_ID && r.status < 300);
  expect(posts).toHaveLength(30);
  const numbers = sut.channel.connector.activities.filter(inChannel).map((s) => /Kysymys numero (\d+)/.exec(cardText(cardOf(s)))?.[1]);
  expect(new Set(numbers).size).toBe(30);
  expect(sut.channel.connector.requests.filter((r) => r.status === 429)).toHaveLength(0);
  const at = posts.map((r) => r.at.getTime()).sort((a, b) => a - b);
  for (let i = 0; i + 7 < at.length; i += 1) expect(at[i + 7]! - at[i]!).toBeGreaterThanOrEqual(1_000 - 300);
}, 120_000);
