import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FileAttachment } from '@microsoft/microsoft-graph-types';
import { t } from '../../src/i18n/index.js';
import type { GraphSimulator } from '../graph-simulator/graph-simulator.js';
import { bookFirstTime, intakeData, newClient, seedAdviser, startNeuvoWithGraph, type NeuvoWithGraph } from './booking-driver.js';
import type { RunningNeuvo } from './neuvo-server.js';

/**
 * The booking confirmation mail, end to end up to Graph: a client books in Teams giving an e-mail
 * address; the outbox worker creates the Teams meeting through the local Graph simulator, then
 * sends the confirmation — the real GraphMailer, an app token from the local Entra authority — in
 * the client's language with the join link and the .ics file.
 */
const FROM = 'neuvo@neuvo.test';
let env: NeuvoWithGraph;
let sut: RunningNeuvo;
let graph: GraphSimulator;
const now = new Date();

beforeAll(async () => {
  env = await startNeuvoWithGraph({ GRAPH_MAIL_FROM: FROM }, () => now);
  ({ sut, graph } = env);
  await seedAdviser(sut, 'mail', ['fi', 'uk'], ['ilomantsi']);
});
afterAll(async () => env?.close());

it('mails the Ukrainian confirmation with the join link and the .ics through Graph', async () => {
  const oksana = newClient(sut, 'uk', 'uk-UA');
  const booking = await bookFirstTime(sut, oksana, intakeData('uk', 'ilomantsi', { name: 'Oksana', topics: 'work_jobseeking', email: 'oksana@example.test' }));
  await sut.neuvo.dispatcher.runOnce(); // the meeting, which queues the mail
  await sut.neuvo.dispatcher.runOnce(); // the mail (and the Teams link message)
  const stored = await sut.neuvo.uow.bookings.get(booking.id);
  const joinUrl = stored?.meeting?.joinUrl;
  expect(joinUrl).toBeDefined();


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
    `UID:${booking.id}@neuvo`,
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
