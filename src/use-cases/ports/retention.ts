/**
 * The retention purge's and the erasure's view of our database (issue 7). Finders return ids in a
 * stable order (oldest first) and at most `limit`, so the purge works in bounded batches; deleters
 * answer whether THIS call deleted the row, so two instances purging at once send one register
 * delete per contact, not two.
 */

import type { ConsentRecord } from '../../domain/intake/intake.js';
import type { StoredIntake } from './repositories.js';

export interface ExpiredContact {
  readonly id: string;
  readonly clientId: string;
  readonly municipalityCode: string;
  /** The current revision: the register delete's idempotency key names it. */
  readonly revision: number;
}

export interface ClientRow {
  readonly id: string;
  readonly tenantId: string | null;
  readonly entraObjectId: string | null;
}

/** What `eraseClientDetails` removed, by category (counts of rows). */
export interface ErasedCounts {
  readonly intakes: number;
  readonly consents: number;
  readonly bookings: number;
  readonly publicSessions: number;
  readonly conversations: number;
}

export type ErasureOutcome = 'erased' | 'partly_erased' | 'refused';
/** Why something was kept: the statutory client register, or a booking that has not happened yet. */
export type KeptReason = 'statutory_register' | 'upcoming_booking';

/** A data subject's erasure request as recorded (no personal data: ids, codes and instants). */
export interface ErasureRecord {
  readonly id: string;
  /** No foreign key: the record outlives the client row it names. */
  readonly clientId: string;
  readonly municipalityCode: string;
  readonly requestedAt: Date;
  /** The coordinator's staff id. */
  readonly recordedBy: string;
  readonly outcome: ErasureOutcome;
  readonly erased: readonly string[];
  readonly kept: readonly string[];
  readonly keptReason: KeptReason | null;
  /** When the kept data leaves by the retention purge (the last contact's expiry); null when none kept. */
  readonly keptUntil: Date | null;
}

export interface RetentionRepository {
  /** Contacts of the municipality that started before `startedBefore`. */
  expiredContacts(municipalityCode: string, startedBefore: Date, limit: number): Promise<ExpiredContact[]>;
  /** Deletes the contact with its change history (the monthly report counts stay: they are aggregates). */
  deleteContact(id: string): Promise<boolean>;
  /** Bookings of the municipality that ended before `endedBefore`, cancelled or not, that no contact refers to. */
  expiredBookings(municipalityCode: string, endedBefore: Date, limit: number): Promise<{ readonly id: string; readonly clientId: string }[]>;
  /** Deletes the booking and its meeting facts (meeting_sessions). */
  deleteBooking(id: string): Promise<boolean>;
  /**
   * Intakes given before `before` whose client has no booking ending at or after `before`: the
   * intake stays while the appointment it prepared is ahead or just behind.
   */
  expiredIntakes(before: Date, limit: number): Promise<{ readonly id: string; readonly clientId: string }[]>;
  deleteIntake(id: string): Promise<boolean>;
  /** Clients created before `createdBefore` with no intake, booking or contact left. */
  expiredClients(createdBefore: Date, limit: number): Promise<ClientRow[]>;
  /**
   * Deletes the client with its consents and page sessions, and the bot's conversation reference
   * of its Entra id (unless a staff member has the same id: that chat is theirs too).
   */
  deleteClient(id: string): Promise<boolean>;
  /**
   * Erasure of everything outside the statutory register: intakes, consents, page sessions, the
   * bot's conversation reference, and bookings no contact refers to (with their meeting facts).
   * The caller checked there is no upcoming booking.
   */
  eraseClientDetails(client: ClientRow): Promise<ErasedCounts>;
  recordErasure(record: ErasureRecord): Promise<void>;
  /** Newest first. */
  listErasures(clientId: string): Promise<ErasureRecord[]>;
  /** Every intake of the client, oldest first (the data-subject export; the product reads only the latest). */
  intakesOf(clientId: string): Promise<StoredIntake[]>;
  /** The client's whole consent history, oldest first. */
  consentsOf(clientId: string): Promise<ConsentRecord[]>;
}
