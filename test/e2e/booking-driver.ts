import { expect } from 'vitest';
import { BOOK_SLOT, INTAKE_SUBMIT, SHOW_SLOTS, START_BOOKING } from '../../src/cards/verbs.js';
import type { LanguageCode } from '../../src/domain/staff/staff.js';
import { startGraphSimulator, type GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { startTokenServer, type TokenServer } from '../harness/token-server.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/** Drives the client's booking flow through the local Teams channel, as the Teams client would. */

export type Card = Record<string, unknown>;
type Chat = ReturnType<RunningNeuvo['channel']['activities']>;

/** An adviser with office hours Mon–Fri 08–16 (Helsinki) in the given municipalities. */
export async function seedAdviser(sut: RunningNeuvo, key: string, languages: readonly string[], municipalities: readonly string[]): Promise<void> {
  const uow = sut.neuvo.uow;
  const adviser = await uow.staff.upsert({ entraObjectId: `aad-adviser-${key}`, tenantId: 'x', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages });
  await uow.schedules.setServedMunicipalities(adviser.id, municipalities);
  await uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
}

/** A client in their own personal chat; `name` is what the Teams client shows, never stored by us. */
export function newClient(sut: RunningNeuvo, key: string, locale: string, timeZone?: string) {
  const user = { id: `29:client-${key}`, name: `Testi Asiakas ${key}`, aadObjectId: `aad-client-${key}-${Math.random().toString(16).slice(2)}` };
  return { user, chat: sut.channel.activities({ locale, user, ...(timeZone ? { timeZone } : {}) }) };
}

/**
 * Sends an Action.Execute and returns the card Teams would show in place of the clicked one. The
 * button's action token (ADR 14) comes from the card the chat was shown (the channel's wallet).
 * Submitting the intake first opens the intake card ("Book an appointment"), as the person in
 * Teams does, unless the data already carries a token.
 */
export async function execute(sut: RunningNeuvo, chat: Chat, verb: string, data: Record<string, unknown>): Promise<Card> {
  if (verb === INTAKE_SUBMIT && !Object.prototype.hasOwnProperty.call(data, 'actionToken')) await openIntakeCard(sut, chat);
  const res = await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(verb, { verb, ...data }));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: Card };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

/** "Book an appointment": the intake card, with its submit button's action token, replaces the welcome card. */
export async function openIntakeCard(sut: RunningNeuvo, chat: Chat): Promise<Card> {
  const res = await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(START_BOOKING, { verb: START_BOOKING }));
  expect(res.status).toBe(200);
  return (res.body as { value: Card }).value;
}

/**
 * Every Action.Execute on a card with the given verb, with its data as the card names it: the
 * button's action token (ADR 14) is left out here — the channel's wallet sends it with the press,
 * as Teams would. {@link actionsWithTokens} keeps it, for tests about the tokens themselves.
 */
export function actions(card: Card, verb: string): Record<string, unknown>[] {
  return actionsWithTokens(card, verb).map(({ actionToken: _token, ...data }) => data);
}

/** Every Action.Execute on a card with the given verb, with its data as sent (its `actionToken` included). */
export function actionsWithTokens(card: Card, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found.push({ ...((o.data ?? {}) as Record<string, unknown>) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card as JSON text; catalog texts are compared in their JSON-escaped form. */
export const cardText = (card: Card): string => JSON.stringify(card);
export const shows = (card: Card, text: string): void => expect(cardText(card)).toContain(JSON.stringify(text).slice(1, -1));

/** A valid intake submit; overrides change or add fields. */
export function intakeData(lang: LanguageCode, municipality: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Amina', municipality, language: lang, interpreterNeeded: 'false', topics: 'housing', contactTeams: 'true', consentShare: 'false', ...overrides };
}

/** Says hello (so the personal chat exists for proactive messages), submits an intake, books the first offered time. */
export async function bookFirstTime(sut: RunningNeuvo, client: ReturnType<typeof newClient>, intake: Record<string, unknown>) {
  await sut.channel.send(sut.messagesUrl, client.chat.message('hello'));
  await execute(sut, client.chat, INTAKE_SUBMIT, intake);
  const [slot] = actions(await execute(sut, client.chat, SHOW_SLOTS, {}), BOOK_SLOT);
  if (!slot) throw new Error('no time offered');
  await execute(sut, client.chat, BOOK_SLOT, { start: slot.start, adviserId: slot.adviserId });
  const stored = await sut.neuvo.uow.clients.findByEntraId(client.chat.scene.tenantId, client.user.aadObjectId);
  const [booking] = await sut.neuvo.uow.bookings.listForClient(stored!.id);
  return booking!;
}

/** Neuvo with Microsoft Graph pointed at the local simulator, its app token from a local authority. */
export interface NeuvoWithGraph {
  readonly sut: RunningNeuvo;
  readonly graph: GraphSimulator;
  close(): Promise<void>;
}

export async function startNeuvoWithGraph(env: Record<string, string>, clock: () => Date): Promise<NeuvoWithGraph> {
  const tenant = '7a5f0000-0000-4000-8000-00000000aaaa';
  const clientId = '7a5f0000-0000-4000-8000-00000000cccc';
  const tokens: TokenServer = await startTokenServer({ tenantId: tenant, clients: { [clientId]: 'graph-secret' } });
  const graph = await startGraphSimulator({ tokens });
  const sut = await startNeuvoWithLocalTeams(
    {},
    { GRAPH_CLIENT_ID: clientId, GRAPH_CLIENT_SECRET: 'graph-secret', GRAPH_TENANT_ID: tenant, GRAPH_BASE_URL: graph.origin, GRAPH_AUTHORITY: tokens.authority, ...env },
    clock,
  );
  return {
    sut,
    graph,
    async close() {
      await sut.close();
      await graph.close();
      await tokens.close();
    },
  };
}
