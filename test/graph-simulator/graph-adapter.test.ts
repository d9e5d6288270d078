import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileAttachment } from '@microsoft/microsoft-graph-types';
import { createGraphClient, type GraphSettings } from '../../src/adapters/graph/create-graph-client.js';
import { GraphCalendar } from '../../src/adapters/graph/graph-calendar.js';
import { GraphMailer } from '../../src/adapters/graph/graph-mailer.js';
import { GraphOnlineMeetings } from '../../src/adapters/graph/graph-online-meetings.js';
import { parseRetryAfter } from '../../src/adapters/graph/graph-request.js';
import { GraphError } from '../../src/use-cases/ports/graph.js';
import { startTokenServer, type TokenServer } from '../harness/token-server.js';
import { startGraphSimulator, type GraphSimulator } from './graph-simulator.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const SECRET = 'graph-app-secret';
const at = (iso: string): Date => new Date(iso);
const day = { start: at('2026-03-02T06:00:00Z'), end: at('2026-03-02T16:00:00Z') };

let tokenServer: TokenServer;
let simulator: GraphSimulator;
let settings: GraphSettings;

beforeAll(async () => {
  tokenServer = await startTokenServer({ tenantId: TENANT, clients: { [CLIENT_ID]: SECRET } });
  simulator = await startGraphSimulator({ tokens: tokenServer });
  settings = { baseUrl: simulator.origin, tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, authority: tokenServer.authority };
});
afterAll(async () => {
  await simulator?.close();
  await tokenServer?.close();
});
afterEach(() => {
  simulator.latencyMs = 0;
});

/** Each test builds its own adapters so a semaphore or token cache never leaks between tests. */
function adapters(overrides: Partial<GraphSettings> = {}) {
  const client = createGraphClient({ ...settings, ...overrides });
  return { calendar: new GraphCalendar(client), meetings: new GraphOnlineMeetings(client), mailer: new GraphMailer(client) };
}

async function caught(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('GraphCalendar (getSchedule)', () => {
  it('blocks busy, tentative and out-of-office time, not free or working elsewhere, clipped to the interval', async () => {
    const sut = adapters().calendar;
    simulator.seedBusy('anna@neuvo.test', [
      { start: at('2026-03-02T05:00:00Z'), end: at('2026-03-02T07:00:00Z'), status: 'busy' },
      { start: at('2026-03-02T08:00:00Z'), end: at('2026-03-02T09:00:00Z'), status: 'tentative' },
      { start: at('2026-03-02T08:30:00Z'), end: at('2026-03-02T10:00:00Z'), status: 'oof' },
      { start: at('2026-03-02T11:00:00Z'), end: at('2026-03-02T12:00:00Z'), status: 'free' },
      { start: at('2026-03-02T12:00:00Z'), end: at('2026-03-02T13:00:00Z'), status: 'workingElsewhere' },
      { start: at('2026-03-03T08:00:00Z'), end: at('2026-03-03T09:00:00Z'), status: 'busy' },
    ]);

    const busy = await sut.getBusy(['anna@neuvo.test', 'ben@neuvo.test'], day);

    expect(busy.get('anna@neuvo.test')).toEqual([
      { start: at('2026-03-02T06:00:00Z'), end: at('2026-03-02T07:00:00Z') },
      { start: at('2026-03-02T08:00:00Z'), end: at('2026-03-02T10:00:00Z') },
    ]);
    expect(busy.get('ben@neuvo.test')).toEqual([]);
    const call = simulator.requests().at(-1);
    expect(call?.body).toEqual({
      schedules: ['anna@neuvo.test', 'ben@neuvo.test'],
      startTime: { dateTime: '2026-03-02T06:00:00.000', timeZone: 'UTC' },
      endTime: { dateTime: '2026-03-02T16:00:00.000', timeZone: 'UTC' },
      availabilityViewInterval: 15,
    });
  });

  it('asks for at most 20 schedules per call and answers every adviser', async () => {
    const sut = adapters().calendar;
    const upns = Array.from({ length: 45 }, (_, i) => `batch${i}@neuvo.test`);
    simulator.seedBusy('batch44@neuvo.test', [{ start: at('2026-03-02T10:00:00Z'), end: at('2026-03-02T11:00:00Z') }]);
    const before = simulator.requests().length;

    const busy = await sut.getBusy(upns, day);

    const calls = simulator.requests().slice(before);
    expect(calls.map((c) => (c.body as { schedules: string[] }).schedules.length).sort()).toEqual([20, 20, 5]);
    expect(busy.size).toBe(45);
    expect(busy.get('batch44@neuvo.test')).toEqual([{ start: at('2026-03-02T10:00:00Z'), end: at('2026-03-02T11:00:00Z') }]);
    expect(busy.get('batch0@neuvo.test')).toEqual([]);
  });

  it('treats an adviser whose mailbox cannot be read as busy all day (fail closed)', async () => {
    simulator.markMailboxMissing('gone@neuvo.test');
    const busy = await adapters().calendar.getBusy(['gone@neuvo.test'], day);
    expect(busy.get('gone@neuvo.test')).toEqual([day]);
  });

  it('never has more than 4 calendar requests in flight, even across concurrent getBusy calls', async () => {
    const sut = adapters().calendar;
    simulator.latencyMs = 80;
    const upns = (prefix: string) => Array.from({ length: 100 }, (_, i) => `${prefix}${i}@neuvo.test`);

    const results = await Promise.all([sut.getBusy(upns('c'), day), sut.getBusy(upns('d'), day)]);

    expect(results.map((r) => r.size)).toEqual([100, 100]);
    // 10 batches of 20 were started at once; the simulator saw them 4 at a time.
    expect(simulator.peakConcurrency('calendar')).toBe(4);
  });
});

describe('GraphOnlineMeetings (createOrGet)', () => {
  it('creates one meeting per booking: a second call with the same booking id returns the same one', async () => {
    const sut = adapters().meetings;
    const booking = { bookingId: 'booking-1', organizerId: 'adviser-oid-1', subject: 'Ohjausaika', start: at('2026-03-02T08:00:00Z'), end: at('2026-03-02T08:45:00Z') };

    const first = await sut.createMeetingForBooking(booking);
    const second = await sut.createMeetingForBooking(booking);

    expect(second).toEqual(first);
    expect(first.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const stored = simulator.meetings().filter((m) => m.meeting.externalId === 'booking-1');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.meeting).toMatchObject({ subject: 'Ohjausaika', startDateTime: '2026-03-02T08:00:00.000Z', endDateTime: '2026-03-02T08:45:00.000Z' });
    expect(simulator.requests().filter((r) => r.path.endsWith('/createOrGet')).slice(-2).map((r) => r.status)).toEqual([201, 200]);
  });

  it('cancels the meeting, and cancelling again is not an error', async () => {
    const sut = adapters().meetings;
    const created = await sut.createMeetingForBooking({ bookingId: 'booking-2', organizerId: 'adviser-oid-1', subject: 'x', start: day.start, end: day.end });

    await sut.cancelMeetingForBooking({ bookingId: 'booking-2', organizerId: 'adviser-oid-1', meetingId: created.meetingId });
    await sut.cancelMeetingForBooking({ bookingId: 'booking-2', organizerId: 'adviser-oid-1', meetingId: created.meetingId });

    expect(simulator.meetings().some((m) => m.meeting.externalId === 'booking-2')).toBe(false);
  });
});

describe('GraphMailer (sendMail)', () => {
  it('sends an HTML mail with the .ics attached, not saved to Sent Items', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n';

    await adapters().mailer.send({ fromUpn: 'neuvo@neuvo.test', to: ['client@example.test'], subject: 'Aika varattu', html: '<p>Tervetuloa</p>', icsAttachment: { fileName: 'aika.ics', content: ics } });

    const mail = simulator.sentMail().at(-1);
    expect(mail).toMatchObject({ from: 'neuvo@neuvo.test', saveToSentItems: false });
    expect(mail?.message).toMatchObject({ subject: 'Aika varattu', body: { contentType: 'html', content: '<p>Tervetuloa</p>' }, toRecipients: [{ emailAddress: { address: 'client@example.test' } }] });
    const attachment = mail?.message.attachments?.[0] as (FileAttachment & { '@odata.type'?: string }) | undefined;
    expect(attachment?.['@odata.type']).toBe('#microsoft.graph.fileAttachment');
    expect(attachment?.name).toBe('aika.ics');
    expect(attachment?.contentType).toMatch(/^text\/calendar/);
    expect(Buffer.from(attachment?.contentBytes ?? '', 'base64').toString('utf8')).toBe(ics);
    expect(simulator.requests().at(-1)?.status).toBe(202);
  });
});

describe('errors, as the outbox reads them', () => {
  const mail = { fromUpn: 'neuvo@neuvo.test', to: ['client@example.test'], subject: 's', html: '<p>h</p>' };

  it('429 with Retry-After → throttled with retryAfterMs, and the client did not retry by itself', async () => {
    simulator.failNext(1, { status: 429, retryAfterSec: 7, match: '/sendMail' });
    const before = simulator.requests().length;

    const error = await caught(adapters().mailer.send(mail));

    expect(error).toMatchObject({ name: 'GraphError', reason: 'throttled', status: 429, retryAfterMs: 7000, permanent: false });
    expect(simulator.requests().length - before).toBe(1);
  });

  it('503 → unavailable, retryable', async () => {
    simulator.failNext(1, { status: 503, match: 'getSchedule' });
    const error = await caught(adapters().calendar.getBusy(['anna@neuvo.test'], day));
    expect(error).toMatchObject({ reason: 'unavailable', status: 503, permanent: false });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('403 (no application access policy) → forbidden and permanent', async () => {
    simulator.failNext(1, { status: 403, match: 'createOrGet' });
    const error = await caught(adapters().meetings.createMeetingForBooking({ bookingId: 'b-403', organizerId: 'o', subject: 's', start: day.start, end: day.end }));
    expect(error).toMatchObject({ reason: 'forbidden', status: 403, permanent: true });
  });

  it('404 → not_found and permanent; 400 → bad_request and permanent', async () => {
    simulator.failNext(1, { status: 404, match: '/sendMail' });
    expect(await caught(adapters().mailer.send(mail))).toMatchObject({ reason: 'not_found', permanent: true });
    simulator.failNext(1, { status: 400, match: '/sendMail' });
    expect(await caught(adapters().mailer.send(mail))).toMatchObject({ reason: 'bad_request', permanent: true });
  });

  it('a token the simulator did not issue is refused with 401', async () => {
    const elsewhere = await startTokenServer({ tenantId: TENANT, clients: { [CLIENT_ID]: SECRET } });
    try {
      const error = await caught(adapters({ authority: elsewhere.authority }).mailer.send(mail));
      expect(error).toMatchObject({ reason: 'forbidden', status: 401, permanent: false });
      expect(elsewhere.issuedTokens).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });

  it('sends the harness token over https: the simulator verified it and saw our app id', async () => {
    await adapters().mailer.send(mail);
    expect(simulator.requests().at(-1)).toMatchObject({ status: 202, appId: CLIENT_ID });
    expect(tokenServer.issuedTokens.at(-1)).toMatchObject({ clientId: CLIENT_ID, scope: 'https://graph.microsoft.com/.default', audience: 'https://graph.microsoft.com' });
  });

  it('a token server that refuses the secret → unavailable (retry after the secret is fixed), no request to Graph', async () => {
    const before = simulator.requests().length;
    const error = await caught(adapters({ clientSecret: 'wrong' }).mailer.send(mail));
    expect(error).toMatchObject({ reason: 'unavailable', status: 0 });
    expect(simulator.requests().length).toBe(before);
  });

  it('refuses an http base URL, where the client would send no token', () => {
    expect(() => createGraphClient({ ...settings, baseUrl: 'http://127.0.0.1:1' })).toThrow(/https/);
  });
});

describe('app token', () => {
  it('is fetched once for a burst of calls on a cold cache, then reused', async () => {
    const before = tokenServer.tokenRequestCount();
    const sut = adapters().calendar;
    await Promise.all(Array.from({ length: 6 }, (_, i) => sut.getBusy([`burst${i}@neuvo.test`], day)));
    await sut.getBusy(['burst0@neuvo.test'], day);
    expect(tokenServer.tokenRequestCount() - before).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(parseRetryAfter('10', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
