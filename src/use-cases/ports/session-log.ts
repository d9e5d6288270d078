/**
 * The advisers' tab's session log (issue 6): a read model over contacts, their clients, advisers
 * and meeting sessions, for listing and exporting. Not part of the UnitOfWork on purpose: it only
 * reads, across tables, and the use cases write the audit rows for what it returned themselves.
 *
 * Implementations: test/fakes/in-memory-session-log.ts, src/adapters/persistence/
 * kysely-session-log-reader.ts (SQLite and PostgreSQL); one contract suite runs over all three.
 */

/** Which contacts, already narrowed to what the caller may see. Every field narrows further. */
export interface SessionLogFilter {
  /** The contact's municipality is one of these; never empty (the use case decides the scope). */
  readonly municipalities: readonly string[];
  readonly adviserId?: string;
  /** startedAt ≥ this instant. */
  readonly from?: Date;
  /** startedAt < this instant (the day after an inclusive `to`, at Helsinki midnight). */
  readonly before?: Date;
  /** A topic code among the contact's topics. */
  readonly topic?: string;
  readonly language?: string;
  readonly channel?: string;
  readonly outcome?: string;
  /** true: the booking's meeting was marked a no-show; false: it was not, or there is no booking. */
  readonly noShow?: boolean;
  /** Case-insensitive substring of the notes or of the client's display name (2–100 characters). */
  readonly text?: string;
}

/** Where a page starts: after this row in the log's order (startedAt desc, then id desc). */
export interface SessionLogCursor {
  readonly startedAt: Date;
  readonly id: string;
}

export interface SessionLogRow {
  readonly contactId: string;
  readonly startedAt: Date;
  readonly durationMinutes: number;
  readonly municipalityCode: string;
  readonly adviser: { readonly id: string; readonly displayName: string };
  readonly client: { readonly id: string; readonly displayName: string };
  readonly channel: string;
  readonly language: string;
  readonly interpreterUsed: boolean;
  readonly topics: readonly string[];
  readonly outcome: string;
  readonly noShow: boolean;
  readonly revision: number;
}

export interface SessionLogReader {
  /**
   * At most `limit` rows newest first, strictly after `after` when given. Rows with the same
   * startedAt are ordered by id, so paging with the last row as the next cursor never skips or
   * repeats a row.
   */
  list(filter: SessionLogFilter, options: { readonly limit: number; readonly after?: SessionLogCursor }): Promise<SessionLogRow[]>;
}
