import type { TopicCode } from '../../domain/intake/topics.js';
import { addLocalDays, instantAt, localDateOf, parseLocalDate } from '../../domain/booking/helsinki-time.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { findActingStaff, type StaffIdentity } from './acting-staff.js';

export interface GetMyDayDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

/** How far from today "previous day" / "next day" may go: a forged date cannot scan years of data. */
export const MY_DAY_RANGE_DAYS = 400;

/** One appointment on the adviser's day, with what the adviser needs to run it. */
export interface MyDaySession {
  readonly bookingId: string;
  readonly start: Date;
  readonly end: Date;
  readonly serviceTypeCode: string;
  readonly language: LanguageCode;
  /** The interpreter's language as the client wrote it; null = no interpreter. */
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  /** The Teams meeting link once Graph has created it; null until then. */
  readonly joinUrl: string | null;
  /** Personal data: reading it writes a `client.read` audit row. Null if the client row is gone. */
  readonly clientDisplayName: string | null;
}

export type GetMyDayResult =
  | { readonly ok: true; readonly adviserId: string; readonly date: string; readonly today: string; readonly sessions: readonly MyDaySession[] }
  | { readonly ok: false; readonly reason: 'not_adviser' | 'invalid' };

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The adviser's non-cancelled appointments that START on one Helsinki calendar day (default:
 * today), earliest first. The day runs from Helsinki midnight to the next midnight, so a DST day
 * is 23 or 25 hours long. `date` comes from a card (forgeable): it must be a real date within
 * {@link MY_DAY_RANGE_DAYS} of today, else `invalid`.
 *
 * Each client shown is a personal-data read: one `client.read` audit row per client (fields
 * `displayName`), written in the same transaction as the read.
 */
export async function getMyDay(deps: GetMyDayDeps, input: { readonly actor: StaffIdentity; readonly date?: string }): Promise<GetMyDayResult> {
  const adviser = await findActingStaff(deps.uow.staff, input.actor, 'adviser');
  if (!adviser || !input.actor.entraObjectId) return { ok: false, reason: 'not_adviser' };
  const now = deps.clock();
  const today = localDateOf(now);
  const date = input.date ?? today;
  if (!isLocalDateWithin(date, today, MY_DAY_RANGE_DAYS)) return { ok: false, reason: 'invalid' };
  const actorId = input.actor.entraObjectId;

  const day = { start: instantAt(date, '00:00'), end: instantAt(addLocalDays(date, 1), '00:00') };
  return deps.uow.transaction(async (tx) => {
    const bookings = (await tx.bookings.listForAdviser(adviser.id, day))
      // listForAdviser returns overlaps: a session that started the evening before is that day's.
      .filter((b) => b.status !== 'cancelled' && b.start >= day.start && b.start < day.end);
    const names = new Map<string, string | null>();
    for (const clientId of new Set(bookings.map((b) => b.clientId))) {
      const client = await tx.clients.get(clientId);
      names.set(clientId, client?.displayName ?? null);
      if (!client) continue;
      await tx.audit.append({
        at: now,
        actorId,
        actorTenantId: input.actor.tenantId,
        action: 'client.read',
        clientId,
        entityType: 'client',
        entityId: clientId,
        fields: ['displayName'],
        channel: 'bot',
        outcome: 'ok',
      });
    }
    const sessions = bookings.map((b): MyDaySession => ({
      bookingId: b.id,
      start: b.start,
      end: b.end,
      serviceTypeCode: b.serviceTypeCode,
      language: b.language,
      interpreterLanguage: b.interpreterLanguage,
      topics: b.topics,
      joinUrl: b.meeting?.joinUrl ?? null,
      clientDisplayName: names.get(b.clientId) ?? null,
    }));
    return { ok: true, adviserId: adviser.id, date, today, sessions } as const;
  });
}

/** A real `'YYYY-MM-DD'` at most `days` calendar days from `today`, either way. */
export function isLocalDateWithin(date: string, today: string, days: number): boolean {
  if (!LOCAL_DATE.test(date)) return false;
  let dateMs: number;
  try {
    dateMs = parseLocalDate(date);
  } catch {
    return false; // e.g. 2026-02-30
  }
  return Math.abs(dateMs - parseLocalDate(today)) <= days * 86_400_000;
}
