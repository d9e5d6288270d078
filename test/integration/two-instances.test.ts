import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_SLOT, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { compose } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';
import { PROACTIVE_MESSAGE_TOPIC } from '../../src/adapters/teams/proactive-messages.js';
import { t } from '../../src/i18n/index.js';
import { actions, cardText, execute, intakeData, newClient, seedAdviser, type Card } from '../e2e/booking-driver.js';
import { CapturedLogs, type RunningNeuvo } from '../e2e/neuvo-server.js';
import { startLocalTeamsChannel, type LocalTeamsChannel } from '../harness/local-teams-channel.js';

/**
 * Scale-out (issue 8: "the bot must run correctly with several instances; only the database is
 * shared"): two composed Neuvo servers in production mode, each with its own pool, behind one local
 * Teams channel, on one PostgreSQL database. Nothing but PostgreSQL is shared between them.
 *
 * The database is created for this file and dropped after it, rather than a schema of the shared
 * test database: `compose` could reach a schema through the URL (`?options=-c search_path=…`, which
 * `pg` passes to the server), but Kysely's migrator looks for its bookkeeping tables in every schema
 * it can see, so a fresh schema next to another test file's migrated one would be taken as migrated.
 */
const BASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const TENANT = '5f1a0c2e-0000-4000-8000-00000000b0b0';
const REQUESTS = 50;
const OUTBOX_ROWS = 240;

let admin: pg.Client;
let databaseName = '';
let channel: LocalTeamsChannel;
let instances: [RunningNeuvo, RunningNeuvo];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  databaseName = `neuvo_two_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${databaseName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${databaseName}`;

  channel = await startLocalTeamsChannel({ botAppId: `bot-${randomBytes(4).toString('hex')}`, botPassword: 'local-test-secret', tenantId: TENANT });
  const config = loadConfig({
    ...channel.botEnv(),
    NEUVO_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: url.toString(),
    ALLOWED_TENANT_IDS: TENANT,
    LOG_LEVEL: 'info',
  });
  // Both start at once, as App Service starts its instances: migrations and seeds race too.
  const start = async (): Promise<RunningNeuvo> => {
    const logs = new CapturedLogs();
    const neuvo = await compose(config, { logDestination: logs, startWorker: false });
    const baseUrl = `http://127.0.0.1:${await neuvo.start()}`;
    return { neuvo, channel, logs, baseUrl, messagesUrl: `${baseUrl}/api/messages`, close: () => neuvo.stop() };
  };
  instances = await Promise.all([start(), start()]);
});

afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.close()));
  await channel?.close();
  if (databaseName) await admin?.query(`drop database if exists ${databaseName} with (force)`);
  await admin?.end();
});

describe('two Neuvo instances on one PostgreSQL database', () => {
  it(`books one slot exactly once when ${REQUESTS} clients ask for it at once through both instances, then drains the outbox without a duplicate`, async () => {
    const [a, b] = instances;
    const via = (i: number): RunningNeuvo => (i % 2 === 0 ? a : b);
    await seedAdviser(a, 'scale', ['fi', 'en'], ['kontiolahti']);
    const adviser = await b.neuvo.uow.staff.findByEntraId('x', 'aad-adviser-scale');

    // Fifty clients, each with a personal chat and an intake, spread over both instances.
    const clients = Array.from({ length: REQUESTS }, (_, i) => newClient(via(i), `scale-${i}`, 'fi-FI'));
    await Promise.all(
      clients.map(async (client, i) => {
        await channel.send(via(i).messagesUrl, client.chat.message('hei'));
        await execute(via(i), client.chat, INTAKE_SUBMIT, intakeData('fi', 'kontiolahti', { name: `Asiakas ${i}` }));
      }),
    );
    const [slot] = actions(await execute(b, clients[0]!.chat, SHOW_SLOTS, {}), BOOK_SLOT);
    expect(slot).toBeDefined();
    // Each client is shown the times in their own chat: the button they press carries their own action token (ADR 14).
    await Promise.all(clients.slice(1).map(async (client, i) => expect(actions(await execute(via(i + 1), client.chat, SHOW_SLOTS, {}), BOOK_SLOT)[0]).toEqual(slot)));

    // Everyone clicks the same time at once, half of them on each instance.
    const cards: Card[] = await Promise.all(clients.map((client, i) => execute(via(i), client.chat, BOOK_SLOT, { start: slot!.start, adviserId: slot!.adviserId })));

    const confirmed = cards.filter((card) => cardText(card).includes(t('fi', 'booking.confirmed.title')));
    expect(confirmed).toHaveLength(1);
    const notices = [t('fi', 'booking.slots.taken'), t('fi', 'booking.slots.notOffered')];
    expect(cards.filter((card) => notices.some((notice) => cardText(card).includes(notice)))).toHaveLength(REQUESTS - 1);
    const start = new Date(String(slot!.start));
    const held = await a.neuvo.uow.bookings.listForAdviser(adviser!.id, { start, end: new Date(start.getTime() + 1) });
    expect(held).toHaveLength(1);
    // Both instances refused someone: the race really ran on both.
    const refusedOn = (sut: RunningNeuvo) => sut.logs.lines.filter((l) => l.event === 'booking.refused').length;
    expect(refusedOn(a)).toBeGreaterThan(0);
    expect(refusedOn(b)).toBeGreaterThan(0);
    expect(refusedOn(a) + refusedOn(b)).toBe(REQUESTS - 1);

    // What the booking queued (its meeting, mails) goes first, so only our rows are counted below.
    await drainOutbox(a, b);

    // Many proactive messages, each with its own text, then both outbox workers at once.
    const rows: string[] = [];
    for (let i = 0; i < OUTBOX_ROWS; i += 1) {
      const client = clients[i % REQUESTS]!;
      const stored = await a.neuvo.uow.conversations.find(TENANT, client.user.aadObjectId);
      expect(stored, 'the hello stored the personal chat').toBeDefined();
      const message = await via(i).neuvo.uow.outbox.enqueue(
        { topic: PROACTIVE_MESSAGE_TOPIC, payload: { tenantId: TENANT, userKey: stored!.userKey, messageKey: 'booking.meetingReady', params: { url: `https://meet.example/row-${i}/` } } },
        new Date(),
      );
      rows.push(message.id);
    }
    channel.connector.reset();
    const delivered = await drainOutbox(a, b);

    // Counted at the receiver: every row's message reached Teams exactly once.
    const texts = channel.connector.activities.filter((s) => s.activity.type === 'message').map((s) => String(s.activity.text));
    for (let i = 0; i < OUTBOX_ROWS; i += 1) {
      const url = `https://meet.example/row-${i}/`;
      expect(texts.filter((text) => text === t('fi', 'booking.meetingReady', { url })), `row ${i}`).toHaveLength(1);
    }
    expect(texts.filter((text) => text.includes('https://meet.example/row-'))).toHaveLength(OUTBOX_ROWS);
    // Both workers took part, and together they delivered each row once.
    expect(delivered.a).toBeGreaterThan(0);
    expect(delivered.b).toBeGreaterThan(0);
    expect(delivered.a + delivered.b).toBe(OUTBOX_ROWS);
    const statuses = await Promise.all(rows.map(async (id) => (await b.neuvo.uow.outbox.get(id))?.status));
    expect(new Set(statuses)).toEqual(new Set(['done']));
  });
});

/** Runs both instances' outbox workers side by side, round after round, until neither finds work. */
async function drainOutbox(a: RunningNeuvo, b: RunningNeuvo): Promise<{ a: number; b: number }> {
  const delivered = { a: 0, b: 0 };
  for (let round = 0; round < 60; round += 1) {
    const [fromA, fromB] = await Promise.all([a.neuvo.dispatcher.runOnce(), b.neuvo.dispatcher.runOnce()]);
    delivered.a += fromA.delivered;
    delivered.b += fromB.delivered;
    if (fromA.delivered + fromA.retried + fromA.dead + fromB.delivered + fromB.retried + fromB.dead === 0) return delivered;
  }
  throw new Error('The outbox did not drain in 60 rounds.');
}
