/**
 * How long Neuvo keeps personal data, per data category (issue 7, docs/privacy.md "How long").
 *
 * Two periods, both in days:
 * - `intakeDays`: an intake (the client's own answers: description, e-mail, phone) is needed to
 *   prepare and hold the appointment. It is kept while any booking of the client has not ended,
 *   and for `intakeDays` after the later of "given" and "the client's last booking ended". Neuvo
 *   keeps no intake drafts: an unfinished intake card lives only in the person's Teams client.
 * - `registerDays`: the client register (contacts with their history, the bookings and meeting
 *   facts behind them) is the municipality's statutory record; its period comes from the
 *   municipality's records plan (arkistonmuodostussuunnitelma), so each municipality may set its
 *   own. A contact expires `registerDays` after it started, a booking `registerDays` after it
 *   ended (and only once no contact refers to it).
 * A client row (name, Entra id, consents) goes when nothing above is left and the client is older
 * than `intakeDays`. Audit rows hold no personal data and are kept (append-only).
 */
export interface RetentionPolicy {
  readonly intakeDays: number;
  readonly registerDays: number;
  /** Municipality code → its own register period, where its records plan differs. */
  readonly registerDaysByMunicipality: Readonly<Record<string, number>>;
}

/** Six years: a common records-plan period for guidance records; a municipality sets its own. */
export const DEFAULT_REGISTER_DAYS = 6 * 365;
export const DEFAULT_INTAKE_DAYS = 30;
/** Nothing is kept longer than this by mistake of a typo (e.g. 365000 for 365). */
export const MAX_RETENTION_DAYS = 50 * 366;

export const DEFAULT_RETENTION: RetentionPolicy = { intakeDays: DEFAULT_INTAKE_DAYS, registerDays: DEFAULT_REGISTER_DAYS, registerDaysByMunicipality: {} };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Data older than the instant returned (strictly before it) has expired. */
export function intakeCutoff(policy: RetentionPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.intakeDays * DAY_MS);
}

export function registerDaysFor(policy: RetentionPolicy, municipalityCode: string): number {
  return policy.registerDaysByMunicipality[municipalityCode] ?? policy.registerDays;
}

export function registerCutoff(policy: RetentionPolicy, municipalityCode: string, now: Date): Date {
  return new Date(now.getTime() - registerDaysFor(policy, municipalityCode) * DAY_MS);
}

/** The day a contact that started at `startedAt` leaves the register (the erasure answer names it). */
export function registerExpiry(policy: RetentionPolicy, municipalityCode: string, startedAt: Date): Date {
  return new Date(startedAt.getTime() + registerDaysFor(policy, municipalityCode) * DAY_MS);
}

/**
 * Reads `municipality=days` pairs (comma-separated), as in RETENTION_REGISTER_DAYS_BY_MUNICIPALITY.
 * Returns the problems instead of throwing, so the config loader lists every one at once.
 */
export function parseRegisterDaysByMunicipality(raw: string | undefined): { readonly value: Record<string, number>; readonly problems: string[] } {
  const value: Record<string, number> = {};
  const problems: string[] = [];
  for (const part of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([a-z][a-z0-9_-]{0,39})\s*=\s*(\d{1,6})$/.exec(part);
    const days = match ? Number(match[2]) : NaN;
    if (!match || days < 1 || days > MAX_RETENTION_DAYS) {
      problems.push(`"${part.slice(0, 60)}" is not municipality=days with days 1–${MAX_RETENTION_DAYS}`);
      continue;
    }
    if (match[1]! in value) problems.push(`municipality "${match[1]}" is given twice`);
    value[match[1]!] = days;
  }
  return { value, problems };
}
