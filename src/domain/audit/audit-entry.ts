/**
 * One append-only audit row: who did what to which client, when, through which channel and with
 * what outcome. It holds ids and field NAMES only, never personal data values (DESIGN.md, privacy).
 */
export type AuditOutcome = 'ok' | 'denied' | 'invalid' | 'error';
export type AuditChannel = 'bot' | 'tab' | 'side_panel' | 'worker' | 'public' | 'system';

export interface AuditEntry {
  readonly at: Date;
  /** Entra object id of the person, or `system:<job>` for workers. */
  readonly actorId: string;
  readonly actorTenantId: string | null;
  /** Verb in dotted form, e.g. `client.read`, `client.create`, `contact.update`. */
  readonly action: string;
  readonly clientId: string | null;
  readonly entityType: string;
  readonly entityId: string | null;
  /** Names of the personal-data fields read or written, never their values. */
  readonly fields: readonly string[];
  readonly channel: AuditChannel;
  readonly outcome: AuditOutcome;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: number;
}
