import type { Booking } from '../../domain/booking/booking.js';
import type { Association } from '../../domain/register/association.js';
import type { Contact, ContactDetails, ContactFieldError } from '../../domain/register/contact.js';
import type { FormDefinition } from '../../domain/register/form-definition.js';

/** A domain type as it travels in JSON: instants become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? readonly Wire<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Wire<T[K]> }
      : T;

/** `GET /api/tab/meeting-panel` → `{ panel }` (the server's ClientPanel, in JSON). */
export interface PanelJson {
  readonly booking: Wire<Pick<Booking, 'id' | 'start' | 'end' | 'language' | 'interpreterLanguage' | 'topics' | 'municipalityCode'>>;
  readonly client: { readonly id: string; readonly displayName: string; readonly preferredLanguage: string };
  readonly intake: {
    readonly language: string;
    readonly interpreterLanguage: string | null;
    readonly topics: readonly string[];
    readonly description: string;
    readonly givenAt: string;
  } | null;
  readonly recentContacts: readonly ContactJson[];
  readonly loggedContact: ContactJson | null;
  readonly form: FormDefinition;
  readonly associations: readonly Association[];
}

export type ContactJson = Wire<Contact>;
export type DetailsJson = Wire<ContactDetails>;

/** Every error answer: `{ error: { code, message, fields? } }`, 409s with the contact beside it. */
export interface ErrorJson {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: readonly (ContactFieldError & { readonly message: string })[];
  };
  readonly contact?: ContactJson;
}
