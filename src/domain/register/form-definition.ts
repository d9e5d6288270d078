import { CHANNEL_CODES, TOPIC_CODES } from '../intake/topics.js';

/**
 * Electronic forms as versioned data (the seed's "electronic forms"): the fields of a form, the
 * options of its choice fields and their labels in fi / sv / en. A coordinator adds an option by
 * publishing the next version; no code change. Stored contacts name the version they were
 * logged with, so an old contact still reads with the options it was given.
 *
 * Codes are stable identifiers (GLOSSARY §2): reports and external registers see codes, never
 * labels. A code once published is never removed from later versions, only marked `retired`
 * (not offered any more, still valid in stored data).
 */
export type FormId = 'contact_log';
export type LabelLanguage = 'fi' | 'sv' | 'en';
export type Labels = Readonly<Record<LabelLanguage, string>>;

export interface FormOption {
  readonly code: string;
  readonly labels: Labels;
  /** Not offered on new entries; still accepted when it is already stored. */
  readonly retired?: boolean;
}

export interface FormDefinition {
  readonly formId: FormId;
  readonly version: number;
  /** The options of each choice field, by field id. */
  readonly options: Readonly<Record<ContactChoiceField, readonly FormOption[]>>;
}

/** The contact-log fields whose options come from the form definition. */
export const CONTACT_CHOICE_FIELDS = ['channel', 'topics', 'services', 'authorities', 'outcome'] as const;
export type ContactChoiceField = (typeof CONTACT_CHOICE_FIELDS)[number];

function option(code: string, fi: string, sv: string, en: string): FormOption {
  return { code, labels: { fi, sv, en } };
}

const TOPIC_LABELS: Record<(typeof TOPIC_CODES)[number], [string, string, string]> = {
  residence_permit: ['Oleskelulupa', 'Uppehållstillstånd', 'Residence permit'],
  work_jobseeking: ['Työ ja työnhaku', 'Arbete och jobbsökning', 'Work and job seeking'],
  studies_language: ['Opiskelu ja kielikurssit', 'Studier och språkkurser', 'Studies and language courses'],
  housing: ['Asuminen', 'Boende', 'Housing'],
  kela_benefits: ['Kelan etuudet', 'FPA:s förmåner', 'Kela benefits'],
  health: ['Terveyspalvelut', 'Hälsovårdstjänster', 'Health services'],
  family_children: ['Perhe ja lapset', 'Familj och barn', 'Family and children'],
  registration_everyday: ['Rekisteröinti ja arki', 'Registrering och vardag', 'Registration and everyday matters'],
  other: ['Muu asia', 'Annat ärende', 'Other'],
};

const CHANNEL_LABELS: Record<(typeof CHANNEL_CODES)[number], [string, string, string]> = {
  teams_meeting: ['Teams-tapaaminen', 'Teams-möte', 'Teams meeting'],
  phone: ['Puhelin', 'Telefon', 'Phone'],
  walk_in: ['Käynti toimistolla', 'Besök på plats', 'Walk-in visit'],
  email: ['Sähköposti', 'E-post', 'E-mail'],
  chat: ['Chat-viesti', 'Chatt', 'Chat'],
};

/** Version 1 of the contact-log form: GLOSSARY §1b services, §1c authorities, §2 codes. */
export const DEFAULT_CONTACT_LOG_FORM: FormDefinition = {
  formId: 'contact_log',
  version: 1,
  options: {
    channel: CHANNEL_CODES.map((code) => option(code, ...CHANNEL_LABELS[code])),
    topics: TOPIC_CODES.map((code) => option(code, ...TOPIC_LABELS[code])),
    services: [
      option('guidance', 'Ohjaus ja neuvonta', 'Vägledning och rådgivning', 'Guidance and counselling'),
      option('multilingual_advice', 'Monikielinen neuvonta', 'Flerspråkig rådgivning', 'Multilingual advice'),
      option('basic_info', 'Tietoa suomalaisesta yhteiskunnasta', 'Information om Finland', 'Information about Finland'),
      option('assessment', 'Palvelutarpeen arviointi', 'Bedömning av servicebehovet', 'Assessment of service needs'),
      option('integration_plan', 'Kotoutumissuunnitelma', 'Integrationsplan', 'Integration plan'),
      option('civic_orientation', 'Monikielinen yhteiskuntaorientaatio', 'Flerspråkig samhällsorientering', 'Multilingual civic orientation'),
      option('peer_support', 'Vertaistuki', 'Kamratstöd', 'Peer support'),
      option('form_help', 'Apu lomakkeiden kanssa', 'Hjälp med blanketter', 'Help with forms'),
    ],
    authorities: [
      option('kela', 'Kela', 'FPA', 'Kela'),
      option('employment_services', 'Työllisyyspalvelut', 'Sysselsättningstjänster', 'Employment services'),
      option('dvv', 'DVV', 'Myndigheten för digitalisering och befolkningsdata', 'DVV'),
      option('migri', 'Migri', 'Migrationsverket', 'Migri'),
      option('vero', 'Vero', 'Skatteförvaltningen', 'Tax Administration'),
      option('social_services', 'Sosiaalipalvelut (Siun sote)', 'Socialtjänster (Siun sote)', 'Social services (Siun sote)'),
      option('health_services', 'Terveyspalvelut (Siun sote)', 'Hälsovård (Siun sote)', 'Health services (Siun sote)'),
      option('education', 'Varhaiskasvatus ja koulu', 'Småbarnspedagogik och skola', 'Early education and school'),
      option('housing', 'Asuminen', 'Boende', 'Housing'),
    ],
    outcome: [
      option('resolved', 'Asia hoidettu', 'Ärendet klart', 'Resolved'),
      option('referred', 'Ohjattu eteenpäin', 'Hänvisad vidare', 'Referred onward'),
      option('follow_up', 'Jatkotoimet sovittu', 'Uppföljning avtalad', 'Follow-up agreed'),
      option('no_show', 'Ei saapunut', 'Uteblev', 'No-show'),
      option('other', 'Muu', 'Annat', 'Other'),
    ],
  },
};

/** Codes a new entry may use for `field`: every option not retired. */
export function offeredCodes(form: FormDefinition, field: ContactChoiceField): string[] {
  return form.options[field].filter((o) => o.retired !== true).map((o) => o.code);
}

export function optionLabel(form: FormDefinition, field: ContactChoiceField, code: string, language: LabelLanguage): string {
  return form.options[field].find((o) => o.code === code)?.labels[language] ?? code;
}

/** A code: lowercase letters, digits and underscores, starting with a letter (stable in exports). */
const CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

export type FormChangeError = 'bad_code' | 'duplicate_code' | 'empty_label' | 'unknown_option';

/**
 * The next version with one more option: what a coordinator does to add, say, a new service
 * without a code change. Labels are trimmed and required in all three languages.
 */
export function withAddedOption(form: FormDefinition, field: ContactChoiceField, added: FormOption): FormDefinition | FormChangeError {
  if (!CODE_PATTERN.test(added.code)) return 'bad_code';
  if (form.options[field].some((o) => o.code === added.code)) return 'duplicate_code';
  const labels = { fi: added.labels.fi.trim(), sv: added.labels.sv.trim(), en: added.labels.en.trim() };
  if (!labels.fi || !labels.sv || !labels.en || [labels.fi, labels.sv, labels.en].some((l) => l.length > 80)) return 'empty_label';
  return { ...form, version: form.version + 1, options: { ...form.options, [field]: [...form.options[field], { code: added.code, labels }] } };
}

/** The next version with an option retired (kept for stored data, no longer offered). */
export function withRetiredOption(form: FormDefinition, field: ContactChoiceField, code: string): FormDefinition | FormChangeError {
  if (!form.options[field].some((o) => o.code === code)) return 'unknown_option';
  const options = form.options[field].map((o) => (o.code === code ? { ...o, retired: true } : o));
  return { ...form, version: form.version + 1, options: { ...form.options, [field]: options } };
}
