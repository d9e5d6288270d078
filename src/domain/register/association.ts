/** A 3rd-sector partner (peer support, participation) that advisers refer clients to. */
export interface Association {
  readonly id: string;
  readonly name: string;
  readonly municipalityCode: string;
  /** ISO 639-1 codes of the languages its activities are in. */
  readonly languages: readonly string[];
  readonly activities: string;
  /** How staff reach it (phone, e-mail, web): the association's own public contact details. */
  readonly contactInfo: string;
  readonly active: boolean;
}
