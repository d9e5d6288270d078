import type { SessionLogCursor, SessionLogFilter, SessionLogReader, SessionLogRow } from '../../src/use-cases/ports/session-log.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/** The session log over the in-memory fake's tables: the behaviour the Kysely reader must match. */
export class InMemorySessionLog implements SessionLogReader {
  constructor(private readonly store: InMemoryStore) {}

  async list(filter: SessionLogFilter, options: { readonly limit: number; readonly after?: SessionLogCursor }): Promise<SessionLogRow[]> {
    const t = this.store.tables;
    const rows: SessionLogRow[] = [];
    for (const c of t.contacts.values()) {
      const client = t.clients.get(c.clientId);
      const adviser = t.staff.get(c.adviserId);
      if (!client || !adviser) continue;
      const noShow = c.bookingId !== null && (t.meetingSessions.get(c.bookingId)?.noShowAt ?? null) !== null;
      const ms = c.startedAt.getTime();
      if (!filter.municipalities.includes(c.municipalityCode)) continue;
      if (filter.adviserId !== undefined && c.adviserId !== filter.adviserId) continue;
      if (filter.from !== undefined && ms < filter.from.getTime()) continue;
      if (filter.before !== undefined && ms >= filter.before.getTime()) continue;
      if (filter.topic !== undefined && !c.topics.includes(filter.topic)) continue;
      if (filter.language !== undefined && c.language !== filter.language) continue;
      if (filter.channel !== undefined && c.channel !== filter.channel) continue;
      if (filter.outcome !== undefined && c.outcome !== filter.outcome) continue;
      if (filter.noShow !== undefined && noShow !== filter.noShow) continue;
      if (filter.text !== undefined) {
        const q = filter.text.toLowerCase();
        if (!c.notes.toLowerCase().includes(q) && !client.displayName.toLowerCase().includes(q)) continue;
      }
      if (options.after !== undefined) {
        const at = options.after.startedAt.getTime();
        if (ms > at || (ms === at && c.id >= options.after.id)) continue;
      }
      rows.push({
        contactId: c.id,
        startedAt: new Date(ms),
        durationMinutes: c.durationMinutes,
        municipalityCode: c.municipalityCode,
        adviser: { id: adviser.id, displayName: adviser.displayName },
        client: { id: client.id, displayName: client.displayName },
        channel: c.channel,
        language: c.language,
        interpreterUsed: c.interpreterUsed,
        topics: [...c.topics],
        outcome: c.outcome,
        noShow,
        revision: c.revision,
      });
    }
    rows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.contactId < b.contactId ? 1 : a.contactId > b.contactId ? -1 : 0));
    return rows.slice(0, options.limit);
  }
}
