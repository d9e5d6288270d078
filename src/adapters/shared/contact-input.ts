import { z } from 'zod';
import { MAX_DURATION_MINUTES, NOTES_MAX_LENGTH, REASON_MAX_LENGTH, type ContactDetails, type Referral } from '../../domain/register/contact.js';

/**
 * The contact-log form as it arrives from the outside: JSON from the side panel / tab, and the
 * string-valued inputs of an Adaptive Card. Both are forgeable, so both are parsed strictly here
 * (shapes, lengths, unknown keys) and the use case then checks codes against the form in force and
 * ids against the database. Codes are not checked here: the form is data (form-definition.ts).
 */
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const id = z.string().min(1).max(100);
const codes = z.array(code).max(30);

const ReferralJson = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('authority'), code }).strict(),
  z.object({ kind: z.literal('association'), associationId: id }).strict(),
]);

const DetailsJson = z
  .object({
    channel: code,
    startedAt: z.string().datetime({ offset: true }),
    durationMinutes: z.number().int().min(1).max(MAX_DURATION_MINUTES),
    language: z.string().regex(/^[a-z]{2,3}$/),
    interpreterUsed: z.boolean(),
    topics: codes,
    services: codes,
    referrals: z.array(ReferralJson).max(20),
    followUpOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    outcome: code,
    notes: z.string().max(NOTES_MAX_LENGTH),
  })
  .strict();

/** POST body of "log a contact" from the side panel or the tab. */
export const LogContactJson = z.union([
  z.object({ bookingId: id, details: DetailsJson }).strict(),
  z.object({ clientId: id, details: DetailsJson }).strict(),
]);

/** PUT body of a correction: the revision it was read at, and why. */
export const CorrectContactJson = z.object({ expectedRevision: z.number().int().min(1), reason: z.string().min(1).max(REASON_MAX_LENGTH), details: DetailsJson }).strict();

export function detailsFromJson(details: z.infer<typeof DetailsJson>): ContactDetails {
  return { ...details, startedAt: new Date(details.startedAt), referrals: details.referrals as Referral[] };
}

/**
 * Adaptive Card inputs: every value is a string; a multi-select ChoiceSet gives "a,b,c", a Toggle
 * "true"/"false", a Date input "YYYY-MM-DD" or "". Referral choices are `authority:<code>` or
 * `association:<id>`. The booking id (the meeting's card) or the client id (a contact without a
 * booking) is card data, exactly one of them, and is re-checked by the use case against the caller.
 */
const list = z
  .string()
  .max(2000)
  .transform((s) => (s === '' ? [] : s.split(',').map((part) => part.trim())));
const ContactCardData = z
  .object({
    verb: z.string().max(60).optional(),
    bookingId: id.optional(),
    clientId: id.optional(),
    channel: code,
    startedAt: z.string().datetime({ offset: true }),
    durationMinutes: z.string().regex(/^\d{1,3}$/).transform(Number),
    language: z.string().regex(/^[a-z]{2,3}$/),
    interpreterUsed: z.enum(['true', 'false']).transform((v) => v === 'true'),
    topics: list.pipe(codes),
    services: list.pipe(codes).optional(),
    referrals: list.pipe(z.array(z.string().regex(/^(authority:[a-z][a-z0-9_]{0,39}|association:[A-Za-z0-9_-]{1,100})$/)).max(20)).optional(),
    followUpOn: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional(),
    outcome: code,
    notes: z.string().max(NOTES_MAX_LENGTH).optional(),
  })
  .strict()
  .refine((data) => (data.bookingId === undefined) !== (data.clientId === undefined), { message: 'exactly one of bookingId and clientId' });

export type ParsedCardContact = ({ readonly bookingId: string; readonly clientId?: undefined } | { readonly clientId: string; readonly bookingId?: undefined }) & {
  readonly details: ContactDetails;
};

/** The "log this contact" card's data, or undefined when it is malformed or forged. */
export function parseContactCardData(value: unknown): ParsedCardContact | undefined {
  const parsed = ContactCardData.safeParse(value);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  return {
    ...(data.bookingId !== undefined ? { bookingId: data.bookingId } : { clientId: data.clientId as string }),
    details: {
      channel: data.channel,
      startedAt: new Date(data.startedAt),
      durationMinutes: data.durationMinutes,
      language: data.language,
      interpreterUsed: data.interpreterUsed,
      topics: data.topics,
      services: data.services ?? [],
      referrals: (data.referrals ?? []).map(toReferral),
      followUpOn: data.followUpOn ? data.followUpOn : null,
      outcome: data.outcome,
      notes: data.notes ?? '',
    },
  };
}

function toReferral(choice: string): Referral {
  const [kind, value = ''] = choice.split(':', 2) as [string, string?];
  return kind === 'authority' ? { kind: 'authority', code: value } : { kind: 'association', associationId: value };
}
