import type { LanguageCode } from '../staff/staff.js';
import type { TopicCode } from './topics.js';

/** Longest free-text description a client may give (characters). */
export const INTAKE_DESCRIPTION_MAX = 500;
/** Longest name or nickname (characters). */
export const INTAKE_NAME_MAX = 80;

/**
 * A validated intake: what a client tells us before a guidance appointment. Personal data; only the
 * listed fields are collected and never a personal identity code (DESIGN.md privacy).
 */
export interface Intake {
  readonly name: string;
  readonly municipalityCode: string;
  /** The language the client wants guidance in (one of our 8 catalogs). */
  readonly language: LanguageCode;
  /** Set when an interpreter is needed: the language to interpret (ISO 639-1 or a free code ≤ 35 chars). */
  readonly interpreterLanguage: string | null;
  readonly topics: readonly TopicCode[];
  readonly description: string;
  readonly contact: {
    readonly teams: boolean;
    readonly email: string | null;
    readonly phone: string | null;
  };
  /** Optional sharing consent; recorded with its purpose and time, never assumed. */
  readonly consent: { readonly shareWithReferralPartners: boolean };
}

/** A consent record (GLOSSARY `consent`): for optional sharing only; the lawful basis is statutory. */
export interface ConsentRecord {
  readonly clientId: string;
  readonly purpose: 'share_with_referral_partners';
  readonly given: boolean;
  readonly recordedAt: Date;
  /** Who recorded it: the client themself (`self`) or a staff member's id. */
  readonly recordedBy: string;
}
