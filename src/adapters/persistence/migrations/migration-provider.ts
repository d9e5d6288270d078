import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import { initialMigration } from './0001-initial.js';
import { bookingMigration } from './0002-booking.js';
import { bookingMeetingMigration } from './0003-booking-meeting.js';
import { staffMailboxMigration } from './0004-staff-mailbox.js';
import { publicSessionsMigration } from './0005-public-sessions.js';
import { conversationTimeZoneMigration } from './0006-conversation-time-zone.js';
import { registerMigration } from './0007-register.js';
import { sessionLogMigration } from './0008-session-log.js';
import { reportsMigration } from './0009-reports.js';
import { contactMonthCountsMigration } from './0010-contact-month-counts.js';
// ── expert channel (issue 5) ──
import { expertsMigration } from './0011-experts.js';
// ── retention purge and erasure (issue 7) ──
import { retentionMigration } from './0012-retention.js';
// ── card action tokens (issue 7, ADR 14) ──
import { cardActionTokensMigration } from './0014-card-action-tokens.js';

/**
 * The one migration set for both dialects, listed statically (not scanned from a folder) so it
 * works the same from `src/` under tsx and from the compiled `dist/`. Append new migrations here
 * with the next number; never edit one that has shipped.
 */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: SqlDialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001_initial': initialMigration(this.dialect),
      '0002_booking': bookingMigration(this.dialect),
      '0003_booking_meeting': bookingMeetingMigration(),
      '0004_staff_mailbox': staffMailboxMigration(),
      '0005_public_sessions': publicSessionsMigration(this.dialect),
      '0006_conversation_time_zone': conversationTimeZoneMigration(),
      '0007_register': registerMigration(this.dialect),
      '0008_session_log': sessionLogMigration(),
      '0009_reports': reportsMigration(this.dialect),
      '0010_contact_month_counts': contactMonthCountsMigration(this.dialect),
      // ── expert channel (issue 5) ──
      '0011_experts': expertsMigration(this.dialect),
      // ── retention purge and erasure (issue 7) ──
      '0012_retention': retentionMigration(this.dialect),
      // ── card action tokens (issue 7, ADR 14) ──
      '0014_card_action_tokens': cardActionTokensMigration(this.dialect),
    };
  }
}
