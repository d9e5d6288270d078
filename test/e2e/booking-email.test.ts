import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FileAttachment } from '@microsoft/microsoft-graph-types';
import { createGraphClient } from '../../src/adapters/graph/create-graph-client.js';
import { GraphMailer } from '../../src/adapters/graph/graph-mailer.js';
import { BOOK_SLOT, INTAKE_SUBMIT, SHOW_SLOTS } from '../../src/cards/verbs.js';
import { t } from '../../src/i18n/index.js';
import { createBookingEmailHandler } from '../../src/jobs/mail-handlers.js';
import { BOOKING_EMAIL_TOPIC } from '../../src/use-cases/booking/send-booking-email.js';
import { startGraphSimulator, type GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { startTokenServer, type TokenServer } from '../harness/token-server.js';
import { startNeuvoWithLocalTeams, type RunningNeuvo } from './neuvo-server.js';

/**
 * The booking confirmation mail, end to end up to Graph: a client books in Teams giving an e-mail
 * address, the outbox worker creates the Teams meeting through the local Graph simulator, and the
 * mail handler — with the real GraphMailer and an app token from the local Entra authority — sends
 * the confirmation in the client's language with the join link and the .ics file.
 *
 * The handler is called directly with the queued row: the dispatcher only delivers topics that
 * the composition root registers, and this test does not depend on that wiring.
 */
const GRAPH_TENANT = '7a5f0000-0000-4000-8000-00000000bbbb';
const GRAPH_CLIENT = '7a5f0000-0000-4000-8000-00000000dddd';
const FROM = 'neuvo@neuvo.test';
let graphTokens: TokenServer;
let graph: GraphSimulator;
let sut: RunningNeuvo;
const now = new Date();

beforeAll(async () => {
  graphTokens = await startTokenServer({ tenantId: GRAPH_TENANT, clients: { [GRAPH_CLIENT]: 'graph-secret' } });
  graph = await startGraphSimulator({ tokens: graphTokens });
  sut = await startNeuvoWithLocalTeams(
    {},
    { GRAPH_CLIENT_ID: GRAPH_CLIENT, GRAPH_CLIENT_SECRET: 'graph-secret', GRAPH_TENANT_ID: GRAPH_TENANT, GRAPH_BASE_URL: graph.origin, GRAPH_AUTHORITY: graphTokens.authority },
    () => now,
  );
  const adviser = await sut.neuvo.uow.staff.upsert({ entraObjectId: 'aad-adviser-mail', tenantId: 'x', displayName: 'Adviser', roles: ['adviser'], municipalityCode: 'joensuu', languages: ['fi', 'uk'] });
  await sut.neuvo.uow.schedules.setServedMunicipalities(adviser.id, ['ilomantsi']);
  await sut.neuvo.uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
});
afterAll(async () => {
  await sut?.close();
  await graph?.close();
  await graphTokens?.close();
});

it('mails the Ukrainian confirmation with the join link and the .ics through Graph', async () => {
  const user = { id: '29:client-uk', name: 'Oksana Test', aadObjectId: 'aad-client-uk' };
  const chat = sut.channel.activities({ locale: 'uk-UA', user });
  const execute = async (verb: string, data: Record<string, unknown>) =>
    (await sut.channel.send(sut.messagesUrl, chat.adaptiveCardInvoke(verb, { verb, ...data }))).body as { value: unknown };
  await sut.channel.send(sut.messagesUrl, chat.message('привіт'));
  await execute(INTAKE_SUBMIT, { name: 'Oksana', municipality: 'ilomantsi', language: 'uk', interpreterNeeded: 'false', topics: 'work_jobseeking', contactTeams: 'true', email: 'oksana@example.test', consentShare: 'false' });
  const slot = /"start":"([^"]+)","adviserId":"([^"]+)"/.exec(JSON.stringify((await execute(SHOW_SLOTS, {})).value));
  await execute(BOOK_SLOT, { start: slot![1], adviserId: slot![2] });
  const client = await sut.neuvo.uow.clients.findByEntraId(chat.scene.tenantId, user.aadObjectId);
  const [booking] = await sut.neuvo.uow.bookings.listForClient(client!.id);
  await sut.neuvo.dispatcher.runOnce();
  const stored = await sut.neuvo.uow.bookings.get(booking!.id);
  const joinUrl = stored?.meeting?.joinUrl;
  expect(joinUrl).toBeDefined();

  const row = await sut.neuvo.uow.outbox.enqueue({ topic: BOOKING_EMAIL_TOPIC, payload: { bookingId: booking!.id }, idempotencyKey: `booking-email:${booking!.id}` }, now);
  const mailer = new GraphMailer(createGraphClient({ baseUrl: graph.origin, tenantId: GRAPH_TENANT, clientId: GRAPH_CLIENT, clientSecret: 'graph-secret', authority: graphTokens.authority }));
  await createBookingEmailHandler({ uow: sut.neuvo.uow, mailer, clock: () => now, fromUpn: FROM })(row);

  const mails = graph.sentMail();
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail).toMatchObject({ from: FROM, saveToSentItems: false });
  expect(mail.message.toRecipients).toEqual([{ emailAddress: { address: 'oksana@example.test' } }]);
  expect(mail.message.subject).toBe(t('uk', 'email.confirmation.subject'));
  expect(mail.message.body?.contentType).toBe('html');
  const html = mail.message.body?.content ?? '';
  expect(html).toContain('<html lang="uk" dir="ltr">');
  expect(html).toContain(`<a href="${joinUrl!.replace(/&/g, '&amp;')}">${t('uk', 'email.confirmation.join')}</a>`);
  expect(html).not.toContain('Oksana');

  const attachment = mail.message.attachments?.[0] as (FileAttachment & { '@odata.type'?: string }) | undefined;
  expect(attachment).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'neuvo-appointment.ics', contentType: 'text/calendar; charset=utf-8' });
  const ics = Buffer.from(attachment!.contentBytes!, 'base64').toString('utf8');
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const unfolded = ics.replace(/\r\n /g, '');
  const icsUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\nPRODID:-\/\/City of Joensuu\/\/Neuvo\/\/EN\r\nVERSION:2\.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n/);
  for (const line of [
    `UID:${booking!.id}@neuvo`,
    `DTSTART:${icsUtc(stored!.start)}`,
    `DTEND:${icsUtc(stored!.end)}`,
    'STATUS:CONFIRMED',
    `URL:${joinUrl!}`,
    `ORGANIZER:mailto:${FROM}`,
  ]) {
    expect(unfolded).toContain(`\r\n${line}\r\n`);
  }
  expect(unfolded.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
  expect(unfolded).not.toContain('Oksana');
});
