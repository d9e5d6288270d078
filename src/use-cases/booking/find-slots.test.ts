import { GUIDANCE_SERVICE_TYPE } from '../../domain/booking/service-types.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Interval } from '../../domain/booking/booking.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import { GraphError, type AdviserCalendar } from '../ports/graph.js';
import { findSlots, offeredSlotAt, type SlotSearchDeps } from './find-slots.js';

/**
 * Scenario: Monday 2026-11-30, 07:00 Helsinki (05:00Z). Advisers serving Liperi Mon–Fri 08:00–16:00
 * Helsinki; guidance is 45 min + 15 min buffer, 2 h notice, 15 min step, 42-day horizon. So the
 * first time is 09:00 Helsinki = 07:00Z, then every 15 minutes.
 */
const NOW = new Date('2026-11-30T05:00:00Z');
const HORIZON_END = new Date(NOW.getTime() + 42 * 86_400_000);
const criteria = { municipalityCode: 'liperi', language: 'ar' as const, interpreterLanguage: null, topics: ['housing' as const], serviceTypeCode: 'guidance', limit: 20 };
const at = (iso: string): Date => new Date(iso);

/** A strict AdviserCalendar: answers from its seeded busy time and records every call. */
class FakeAdviserCalendar implements AdviserCalendar {
  readonly calls: Array<{ upns: string[]; interval: Interval }> = [];
  constructor(
    private readonly busy: Record<string, Interval[]>,
    private readonly failure?: Error,
  ) {}

  async getBusy(adviserUpns: readonly string[], interval: Interval): Promise<Map<string, Interval[]>> {
    this.calls.push({ upns: [...adviserUpns], interval });
    if (this.failure) throw this.failure;
    return new Map(adviserUpns.map((upn) => [upn, this.busy[upn] ?? []]));
  }
}

let uow: InMemoryUnitOfWork;

async function anAdviser(key: string, languages: string[], mailbox: string | null, hours = { start: '08:00', end: '16:00' }): Promise<string> {
  const adviser = await uow.staff.upsert({ entraObjectId: `aad-${key}`, tenantId: 't1', displayName: key, roles: ['adviser'], municipalityCode: 'joensuu', languages });
  await uow.schedules.setServedMunicipalities(adviser.id, ['liperi']);
  await uow.schedules.setWeeklyHours(adviser.id, ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, ...hours })));
  await uow.schedules.setMailbox(adviser.id, mailbox);
  return adviser.id;
}

async function slotsWith(deps: SlotSearchDeps) {
  const found = await findSlots(deps, criteria);
  if (!found.ok) throw new Error('unknown service type in the scenario');
  return found.slots;
}

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  await uow.municipalities.upsert({ code: 'joensuu', name: 'Joensuu' });
  await uow.municipalities.upsert({ code: 'liperi', name: 'Liperi' });
  await uow.serviceTypes.upsert(GUIDANCE_SERVICE_TYPE);
});

describe('findSlots with Outlook busy time', () => {
  it('removes exactly the slots that overlap an Outlook meeting, with one calendar call per search', async () => {
    await anAdviser('anna', ['fi', 'ar'], 'anna@liperi.example');
    // An Outlook meeting 07:30–08:15Z: a slot blocks [start, start + 60 min) with its buffer.
    const meeting = { start: at('2026-11-30T07:30:00Z'), end: at('2026-11-30T08:15:00Z') };
    const calendar = new FakeAdviserCalendar({ 'anna@liperi.example': [meeting] });

    const without = await slotsWith({ uow, clock: () => NOW });
    const withOutlook = await slotsWith({ uow, clock: () => NOW, calendar });

    const overlaps = (start: Date) => start < meeting.end && new Date(start.getTime() + 60 * 60_000) > meeting.start;
    const kept = without.filter((s) => !overlaps(s.start));
    // 06:45Z would end its buffer at 07:45Z but is before the notice; 07:00–08:00Z starts are blocked.
    expect(without.filter((s) => overlaps(s.start)).map((s) => s.start.toISOString())).toEqual([
      '2026-11-30T07:00:00.000Z',
      '2026-11-30T07:15:00.000Z',
      '2026-11-30T07:30:00.000Z',
      '2026-11-30T07:45:00.000Z',
      '2026-11-30T08:00:00.000Z',
    ]);
    expect(withOutlook.slice(0, kept.length)).toEqual(kept);
    expect(withOutlook[0]?.start).toEqual(at('2026-11-30T08:15:00Z'));
    expect(calendar.calls).toEqual([{ upns: ['anna@liperi.example'], interval: { start: NOW, end: HORIZON_END } }]);
  });

  it('asks Outlook only about eligible advisers that have a mailbox, and not at all when none has', async () => {
    await anAdviser('anna', ['fi', 'ar'], 'anna@liperi.example');
    await anAdviser('bert', ['fi', 'ar'], null);
    await anAdviser('cyril', ['fi', 'ru'], 'cyril@liperi.example'); // no Arabic: not eligible
    const calendar = new FakeAdviserCalendar({});

    await slotsWith({ uow, clock: () => NOW, calendar });
    expect(calendar.calls.map((c) => c.upns)).toEqual([['anna@liperi.example']]);

    const idle = new FakeAdviserCalendar({});
    await slotsWith({ uow, clock: () => NOW, calendar: idle });
    await slotsWith({ uow, clock: () => NOW, calendar: idle });
    expect(idle.calls).toHaveLength(2);
    await uow.schedules.setMailbox((await uow.schedules.getProfiles()).find((p) => p.mailbox === 'anna@liperi.example')!.adviserId, null);
    const unused = new FakeAdviserCalendar({});
    expect(await slotsWith({ uow, clock: () => NOW, calendar: unused })).not.toEqual([]);
    expect(unused.calls).toEqual([]);
  });

  it('when Outlook cannot be read, offers no time of advisers with a mailbox and still offers the others', async () => {
    const anna = await anAdviser('anna', ['fi', 'ar'], 'anna@liperi.example');
    // Bert works afternoons only (from 12:00 Helsinki = 10:00Z), so the morning times are Anna's.
    const bert = await anAdviser('bert', ['fi', 'ar'], null, { start: '12:00', end: '16:00' });
    const down = new FakeAdviserCalendar({}, new GraphError('Graph getSchedule failed (503).', 'unavailable', { status: 503 }));

    const healthy = await slotsWith({ uow, clock: () => NOW, calendar: new FakeAdviserCalendar({}) });
    const degraded = await slotsWith({ uow, clock: () => NOW, calendar: down });

    expect(healthy[0]).toMatchObject({ adviserId: anna, start: at('2026-11-30T07:00:00Z') });
    expect(degraded).not.toEqual([]);
    expect(degraded.filter((s) => s.adviserId !== bert)).toEqual([]);
    expect(degraded[0]?.start).toEqual(at('2026-11-30T10:00:00Z'));
    expect(down.calls).toHaveLength(1);
  });
});

describe('offeredSlotAt (the booking check)', () => {
  it('decides exactly like findSlots from the requested start with limit 1, for every start and adviser', async () => {
    // Three Arabic-speaking advisers (two with mailboxes) and one who is not eligible; bookings,
    // an absence and Outlook meetings scattered over the first days; load differs per adviser.
    const ids = [
      await anAdviser('anna', ['fi', 'ar'], 'anna@liperi.example'),
      await anAdviser('bert', ['ar'], null, { start: '10:00', end: '15:00' }),
      await anAdviser('cleo', ['en', 'ar'], 'cleo@liperi.example'),
      await anAdviser('dave', ['fi'], null),
    ];
    const client = await uow.clients.create({ municipalityCode: 'liperi', displayName: 'C', preferredLanguage: 'ar' }, NOW);
    const book = async (adviserId: string, startIso: string) => {
      const start = at(startIso);
      await uow.bookings.create(
        { clientId: client.id, adviserId, serviceTypeCode: 'guidance', municipalityCode: 'liperi', start, end: new Date(start.getTime() + 45 * 60_000), blockedUntil: new Date(start.getTime() + 60 * 60_000), language: 'ar', interpreterLanguage: null, topics: [] },
        NOW,
      );
    };
    await book(ids[0]!, '2026-11-30T07:00:00Z');
    await book(ids[0]!, '2026-11-30T09:30:00Z');
    await book(ids[2]!, '2026-11-30T07:15:00Z');
    await book(ids[1]!, '2026-12-01T09:00:00Z');
    await book(ids[2]!, '2026-12-01T11:00:00Z');
    await uow.schedules.addAbsence(ids[2]!, { start: at('2026-11-30T10:00:00Z'), end: at('2026-11-30T12:10:00Z') });
    await uow.schedules.addAbsence(ids[0]!, { start: at('2026-12-01T06:00:00Z'), end: at('2026-12-01T14:00:00Z') });
    const calendar = new FakeAdviserCalendar({
      'anna@liperi.example': [{ start: at('2026-11-30T12:20:00Z'), end: at('2026-11-30T13:05:00Z') }],
      'cleo@liperi.example': [{ start: at('2026-12-01T06:50:00Z'), end: at('2026-12-01T07:40:00Z') }],
    });
    const guidance = (await uow.serviceTypes.get('guidance'))!;
    const { limit: _limit, ...search } = criteria;

    let offered = 0;
    // Every 5 minutes over two days (aligned and misaligned starts, before the notice, at night).
    for (let ms = NOW.getTime(); ms < NOW.getTime() + 2 * 86_400_000; ms += 5 * 60_000) {
      const start = new Date(ms);
      const full = await findSlots({ uow, clock: () => NOW, calendar }, { ...search, from: start, limit: 1 });
      const first = full.ok ? full.slots[0] : undefined;
      for (const adviserId of ids) {
        const expected = first && first.start.getTime() === ms && first.adviserId === adviserId ? first : undefined;
        expect(await offeredSlotAt({ uow, clock: () => NOW, calendar }, search, guidance, { start, adviserId }), `${start.toISOString()} ${adviserId}`).toEqual(expected);
        if (expected) offered++;
      }
    }
    expect(offered).toBeGreaterThan(30);
  });

  it('asks Outlook only about the window the appointment and its buffer would take', async () => {
    const anna = await anAdviser('anna', ['fi', 'ar'], 'anna@liperi.example');
    const calendar = new FakeAdviserCalendar({});
    const guidance = (await uow.serviceTypes.get('guidance'))!;
    const { limit: _limit, ...search } = criteria;
    const start = at('2026-11-30T08:00:00Z');
    expect(await offeredSlotAt({ uow, clock: () => NOW, calendar }, search, guidance, { start, adviserId: anna })).toMatchObject({ start, adviserId: anna });
    expect(calendar.calls).toEqual([{ upns: ['anna@liperi.example'], interval: { start, end: at('2026-11-30T09:00:00Z') } }]);
  });
});
