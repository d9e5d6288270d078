/** Roles come only from our database, never from a card or a token claim (DESIGN.md, privacy). */
export const STAFF_ROLES = ['adviser', 'expert', 'coordinator', 'municipal_staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Languages we serve clients in (i18n catalogs). `fa` covers Dari/Farsi. */
export const SUPPORTED_LANGUAGES = ['fi', 'sv', 'en', 'uk', 'ru', 'ar', 'so', 'fa'] as const;
export type LanguageCode = (typeof SUPPORTED_LANGUAGES)[number];

export interface StaffMember {
  readonly id: string;
  /** Entra (Azure AD) object id: `activity.from.aadObjectId` in Teams. */
  readonly entraObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly municipalityCode: string;
  /** ISO 639-1 codes the person works in (may include languages we have no catalog for). */
  readonly languages: readonly string[];
  readonly active: boolean;
}

export interface Client {
  readonly id: string;
  readonly municipalityCode: string;
  /** Name or nickname the client chose; personal data. */
  readonly displayName: string;
  readonly preferredLanguage: LanguageCode;
  /** Set when the client uses Teams with an Entra identity. */
  readonly entraObjectId?: string;
  readonly tenantId?: string;
  readonly createdAt: Date;
}
