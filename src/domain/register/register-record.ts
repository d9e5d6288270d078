import type { Contact } from './contact.js';

/**
 * What a municipality's register receives of a contact. Neuvo first builds one canonical record
 * (our field names, codes not labels), then renames the fields with the municipality's mapping;
 * a field the mapping leaves out is not sent at all (data minimisation: e.g. most registers do
 * not need the adviser's free-text notes).
 */
export const REGISTER_FIELDS = [
  'municipality',
  'clientRef',
  'adviserRef',
  'bookingRef',
  'channel',
  'startedAt',
  'durationMinutes',
  'language',
  'interpreterUsed',
  'topics',
  'services',
  'authorities',
  'associations',
  'followUpOn',
  'outcome',
  'notes',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** Our field → the register's column name. */
export type FieldMapping = Readonly<Partial<Record<RegisterField, string>>>;

/** Every field under its own name except the notes: the default when a sink names no mapping. */
export const DEFAULT_FIELD_MAPPING: FieldMapping = Object.fromEntries(REGISTER_FIELDS.filter((f) => f !== 'notes').map((f) => [f, f]));

type Scalar = string | number | boolean | null;

/** Lists are joined with ";" so that one column holds them in any register (Lists, SQL, CSV). */
export function canonicalRecord(contact: Contact): Record<RegisterField, Scalar> {
  return {
    municipality: contact.municipalityCode,
    // Pseudonymous ids: the register links them to its own person record if it needs to.
    clientRef: contact.clientId,
    adviserRef: contact.adviserId,
    bookingRef: contact.bookingId,
    channel: contact.channel,
    startedAt: contact.startedAt.toISOString(),
    durationMinutes: contact.durationMinutes,
    language: contact.language,
    interpreterUsed: contact.interpreterUsed,
    topics: contact.topics.join(';'),
    services: contact.services.join(';'),
    authorities: contact.referrals.flatMap((r) => (r.kind === 'authority' ? [r.code] : [])).join(';'),
    associations: contact.referrals.flatMap((r) => (r.kind === 'association' ? [r.associationId] : [])).join(';'),
    followUpOn: contact.followUpOn,
    outcome: contact.outcome,
    notes: contact.notes,
  };
}

/** The canonical record renamed by `mapping`; unmapped fields are dropped. */
export function mapRegisterFields(contact: Contact, mapping: FieldMapping): Record<string, Scalar> {
  const record = canonicalRecord(contact);
  const out: Record<string, Scalar> = {};
  for (const field of REGISTER_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) out[column] = record[field];
  }
  return out;
}

/** Mapping problems, all at once (config validation reports them at start). */
export function fieldMappingProblems(mapping: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const columns = new Set<string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (!(REGISTER_FIELDS as readonly string[]).includes(field)) problems.push(`unknown field "${field}" (known: ${REGISTER_FIELDS.join(', ')})`);
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(column)) problems.push(`column name "${column}" for "${field}" must be letters, digits and _`);
    if (columns.has(column)) problems.push(`column "${column}" is mapped twice`);
    columns.add(column);
  }
  return problems;
}
