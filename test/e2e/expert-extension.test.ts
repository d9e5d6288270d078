import { afterAll, beforeAll, expect, it } from 'vitest';
import { ASK_EXPERT_COMMAND, SEARCH_KNOWLEDGE_BASE_COMMAND } from '../../src/adapters/teams/routes/expert-extension.js';
import { EXPERT_ESCALATE, EXPERT_SUGGEST, EXPERT_TAKE_ARTICLE } from '../../src/cards/verbs.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { cardText, type Card } from './booking-driver.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * Issue 5's message extension through the local Teams channel: the knowledge-base search from the
 * compose box, and "Ask an expert" from a message — the dialog opens with the message's text,
 * suggests, and sends the question on (scrubbed). Teams dialogs take Action.Submit only.
 */
let sut: RunningNeuvo;
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;
let staffChat: Chat;
let clientChat: Chat;
let askerId: string;

interface InvokeBody {
  readonly composeExtension?: { readonly type: string; readonly text?: string; readonly attachments?: { contentType: string; content: Card; preview?: { content: { title: string } } }[] };
  readonly task?: { readonly type: 'continue' | 'message'; readonly value: { card?: { content: Card }; title?: string } | string };
}

async function invoke(activity: ReturnType<Chat['messageExtensionQuery']>): Promise<InvokeBody> {
  const res = await sut.channel.send(sut.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as InvokeBody;
}
const dialogCard = (body: InvokeBody): Card => {
  expect(body.task?.type).toBe('continue');
  return (body.task!.value as { card: { content: Card } }).card.content;
};
const submitsOf = (card: Card): Record<string, unknown>[] => {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit') found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
};

beforeAll(async () => {
  sut = await startNeuvoWithLocalTeams();
  const user = { id: '29:kontiolahti-school', name: 'Testi koulu', aadObjectId: `aad-school-${Math.random().toString(16).slice(2)}` };
  staffChat = sut.channel.activities({ locale: 'fi-FI', user });
  clientChat = sut.channel.activities({ locale: 'en-US', user: { id: '29:client', name: 'A client', aadObjectId: `aad-client-${Math.random().toString(16).slice(2)}` } });
  const uow = sut.neuvo.uow;
  askerId = (await uow.staff.upsert({ entraObjectId: user.aadObjectId, tenantId: staffChat.scene.tenantId, displayName: 'Kaisa Koulukuraattori', roles: ['municipal_staff'], municipalityCode: 'kontiolahti', languages: ['fi'] })).id;
  const expert = await uow.staff.upsert({ entraObjectId: 'aad-expert-x', tenantId: staffChat.scene.tenantId, displayName: 'Aino Asiantuntija', roles: ['expert'], municipalityCode: 'joensuu', languages: ['fi'] });
  await uow.knowledgeBase.save({ ticketId: null, question: 'Miten perhe hakee asumistukea?', answer: 'Yleistä asumistukea haetaan Kelasta OmaKelassa.', topic: 'housing', language: 'fi', reviewBy: '2030-01-01', createdBy: expert.id }, new Date());
}, 60_000);
afterAll(async () => sut?.close());

it('searches the knowledge base from the compose box: results with previews; short text gets a hint; a client gets nothing', async () => {
  const found = await invoke(staffChat.messageExtensionQuery(SEARCH_KNOWLEDGE_BASE_COMMAND, { query: 'asumistuki' }));
  expect(found.composeExtension?.type).toBe('result');
  expect(found.composeExtension?.attachments).toHaveLength(1);
  expect(found.composeExtension?.attachments?.[0]?.preview?.content.title).toContain('asumistukea');
  expect(cardText(found.composeExtension!.attachments![0]!.content)).toContain('OmaKelassa');

  const short = await invoke(staffChat.messageExtensionQuery(SEARCH_KNOWLEDGE_BASE_COMMAND, { query: 'a' }));
  expect(short.composeExtension).toEqual({ type: 'message', text: staffText('fi', 'experts.extension.searchHint') });
  const client = await invoke(clientChat.messageExtensionQuery(SEARCH_KNOWLEDGE_BASE_COMMAND, { query: 'asumistuki' }));
  expect(client.composeExtension).toEqual({ type: 'message', text: staffText('en', 'experts.staffOnly') });
});

it('asks from a message: the dialog opens with its text, suggests, and sends it on scrubbed; the article can be taken instead', async () => {
  const opened = dialogCard(await invoke(staffChat.messageExtensionFetchTask(ASK_EXPERT_COMMAND, '<p>Perheen asumistuki &amp; vuokra?</p><p>Äiti: 040 123 4567</p>')));
  expect(cardText(opened)).toContain('Perheen asumistuki & vuokra?');
  expect(cardText(opened)).not.toContain('Action.Execute');
  expect(submitsOf(opened)).toEqual([expect.objectContaining({ verb: EXPERT_SUGGEST })]);

  const question = 'Perheen asumistuki & vuokra?\n\nÄiti: 040 123 4567';
  const suggestions = dialogCard(await invoke(staffChat.messageExtensionSubmit(ASK_EXPERT_COMMAND, { verb: EXPERT_SUGGEST, question, topic: 'housing', urgency: 'normal' })));
  expect(cardText(suggestions)).not.toContain('040 123 4567');
  const take = submitsOf(suggestions).find((d) => d.verb === EXPERT_TAKE_ARTICLE);
  const send = submitsOf(suggestions).find((d) => d.verb === EXPERT_ESCALATE);
  expect(take).toBeDefined();
  expect(send).toBeDefined();

  const taken = await invoke(staffChat.messageExtensionSubmit(ASK_EXPERT_COMMAND, take!));
  expect(taken.composeExtension?.type).toBe('result');
  expect(await sut.neuvo.uow.tickets.listByAsker(askerId, 10)).toEqual([]);

  const sent = await invoke(staffChat.messageExtensionSubmit(ASK_EXPERT_COMMAND, send!));
  expect(sent.task).toEqual({ type: 'message', value: staffText('fi', 'experts.sent.text', { number: 1 }) });
  const [ticket] = await sut.neuvo.uow.tickets.listByAsker(askerId, 10);
  expect(ticket).toMatchObject({ municipalityCode: 'kontiolahti', topic: 'housing', status: 'open' });
  expect(ticket!.question).not.toContain('040 123 4567');
});

it('refuses forged dialog data and a blank question without creating anything', async () => {
  const forged = await invoke(staffChat.messageExtensionSubmit(ASK_EXPERT_COMMAND, { verb: EXPERT_ESCALATE, question: 'x', topic: 'housing', urgency: 'normal', municipalityCode: 'joensuu' }));
  expect(forged.task).toEqual({ type: 'message', value: staffText('fi', 'experts.extension.invalid') });
  const blank = dialogCard(await invoke(staffChat.messageExtensionSubmit(ASK_EXPERT_COMMAND, { verb: EXPERT_ESCALATE, question: '   ', topic: 'housing', urgency: 'normal' })));
  expect(cardText(blank)).toContain(staffText('fi', 'experts.ask.error.questionRequired'));
  expect(await sut.neuvo.uow.tickets.listByAsker(askerId, 10)).toHaveLength(1);
});
